"""Parsing a corpus that outgrows one machine, with Dask (the ``dask`` extra).

>>> from pathlib import Path
>>> bag = articles_bag(sorted(Path("tests/data").glob("www_tags_c*.txt")), strict=False)
>>> bag.count().compute(scheduler="synchronous")
12
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Iterable
from typing import Any

from .checks import check_date_order, check_int, check_reference_date
from .known_tags import KnownTags
from .model import Article
from .parsing import parse_dump
from .source import codec_of, path_names

__all__ = ["articles_bag"]


def _articles(
    path: str,
    strict: bool,
    reference_date: _dt.date | None,
    date_order: str | None,
    known_tags: KnownTags,
    encoding: str | None,
) -> list[Article]:
    from pathlib import Path

    dump = parse_dump(
        Path(path),
        strict=strict,
        reference_date=reference_date,
        date_order=date_order,
        known_tags=known_tags,
        encoding=encoding,
    )
    return list(dump.articles)


def articles_bag(
    paths: Iterable[str | os.PathLike[str]],
    *,
    strict: bool = True,
    reference_date: _dt.date | None = None,
    date_order: str | None = None,
    files_per_partition: int = 8,
    known_tags: Iterable[str] = (),
    encoding: str | None = None,
) -> Any:
    """A ``dask.bag.Bag`` of the articles of ``paths``, in file order.

    Each partition parses a few files where Dask runs it (threads, processes, or a
    cluster's workers); the records are the same as a serial parse gives, with
    ``reference_date``, ``date_order``, ``known_tags`` and ``encoding`` as
    :func:`~feedparse_txt.parse_dump` takes them.
    Turn it into a dataframe with ``bag.map(Article.to_dict).to_dataframe()``, which
    needs pandas as well (``pip install 'dask[dataframe]'``; the ``dask`` extra has
    only what the bag needs).
    """
    import dask.bag as db

    # What the partitions would refuse where they run, refused here first.
    check_int("files_per_partition", files_per_partition, 1)
    check_reference_date(reference_date)
    check_date_order(date_order)
    codec_of(encoding)
    names = path_names(paths)
    partitions = max(1, (len(names) + files_per_partition - 1) // files_per_partition)
    bag = db.from_sequence(names, npartitions=partitions)  # type: ignore[no-untyped-call]
    return bag.map(
        _articles,
        strict=strict,
        reference_date=reference_date,
        date_order=date_order,
        known_tags=KnownTags.of(known_tags),
        encoding=encoding,
    ).flatten()
