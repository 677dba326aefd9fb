"""The entry points: :func:`parse_dump` and :func:`iter_articles`."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator

from .errors import ParseError
from .machine import Machine
from .model import Article, Dump
from .source import Source, iter_chunks, iter_line_blocks, read_text, source_name, split_lines

__all__ = ["iter_articles", "parse_dump"]


def parse_dump(source: Source, *, strict: bool = True, reference_date: _dt.date | None = None) -> Dump:
    """Parse a whole dump into a :class:`Dump`.

    ``source`` is dump text (a ``str`` is always text, never a path), UTF-8
    ``bytes`` (with or without BOM), an ``os.PathLike`` path, or an open text or
    binary file. Strict mode (the default) raises :class:`ParseError` at the
    first deviation; ``strict=False`` never raises for a ``str`` and records
    :class:`Problem` objects instead, keeping every line it could not use.
    ``reference_date`` resolves relative dates such as ``3 days ago``.

    >>> dump = parse_dump(open("tests/data/backend-architecture-page8.txt", "rb"))
    >>> len(dump), dump.header.page, dump.articles[0].author
    (86, 8, 'Amap Tech')
    """
    name = source_name(source)
    try:
        decoded = read_text(source, strict=strict)
    except ParseError as error:
        error.source = name
        raise
    machine = Machine(strict=strict, reference_date=reference_date, source_name=name, bom=decoded.bom)
    machine.problems.extend(decoded.problems)
    machine.feed(split_lines(decoded.text), final=True)
    return machine.dump()


def iter_articles(
    source: Source, *, strict: bool = True, reference_date: _dt.date | None = None
) -> Iterator[Article]:
    """Yield the articles of a dump while reading it, block by block.

    The same records as ``parse_dump(source).articles``, without holding the file
    or all the records in memory. In strict mode the first deviation raises
    :class:`ParseError` when the reading gets there.

    >>> from pathlib import Path
    >>> sum(1 for _ in iter_articles(Path("tests/data/backend-architecture-page8.txt")))
    86
    """
    name = source_name(source)
    machine = Machine(strict=strict, keep_document=False, reference_date=reference_date, source_name=name)
    for block, final in iter_line_blocks(iter_chunks(source, strict=strict)):
        machine.feed(block, final=final)
        yield from machine.articles
        machine.articles.clear()
