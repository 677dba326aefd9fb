"""Parsing a corpus that outgrows one machine, with Dask (the ``dask`` extra).

>>> from pathlib import Path
>>> bag = articles_bag(sorted(Path("tests/data").glob("www_tags_c*.txt")), strict=False)
>>> bag.count().compute(scheduler="synchronous")
12
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from .model import Article
from .parsing import parse_dump

__all__ = ["articles_bag"]


def _articles(path: str, strict: bool) -> list[Article]:
    from pathlib import Path

    return list(parse_dump(Path(path), strict=strict).articles)


def articles_bag(
    paths: Iterable[str | os.PathLike[str]], *, strict: bool = True, files_per_partition: int = 8
) -> Any:
    """A ``dask.bag.Bag`` of the articles of ``paths``, in file order.

    Each partition parses a few files where Dask runs it (threads, processes, or a
    cluster's workers); the records are the same as a serial parse gives. Turn it
    into a dataframe with ``bag.map(Article.to_dict).to_dataframe()``.
    """
    import dask.bag as db

    names = [os.fspath(p) for p in paths]
    partitions = max(1, (len(names) + files_per_partition - 1) // files_per_partition)
    bag = db.from_sequence(names, npartitions=partitions)  # type: ignore[no-untyped-call]
    return bag.map(_articles, strict=strict).flatten()
