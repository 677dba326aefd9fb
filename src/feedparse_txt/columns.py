"""Articles as flat columns: how a :class:`~feedparse_txt.model.Dump` pickles, and
what :func:`~feedparse_txt.parse_files` sends its workers and gets back.

Loaded only when a dump is pickled or tags are split in worker processes.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import operator
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple, TypeVar

from .known_tags import KnownTags
from .model import PARSED_FIELDS, Article, Document, Dump, is_split, keep_splits, parsed_article

# The fields parsed_article takes, in its order: one C call reads them all.
_ROW = operator.attrgetter(*PARSED_FIELDS)
_TAG_LINE = operator.attrgetter(PARSED_FIELDS[5])  # "_tag_line": read without splitting
_PAGE_TAG = operator.attrgetter(PARSED_FIELDS[8] + ".page_tag")  # "_known_tags.page_tag"
_Repeated = TypeVar("_Repeated", KnownTags, str | None)


class Columns(NamedTuple):
    """Articles as a few flat values that pickle at C speed.

    Text fields and tags are one line each (the model allows nothing else), so
    every text field of every article travels in one newline-joined string, and so
    do the tags of the articles already split; dates travel as ordinals, the
    known-tags tuples as a table and an index. Pickling a record this way costs a
    fraction of pickling its objects.
    """

    size: int  # how many articles
    texts: str  # authors, categories, titles, summaries, tag lines: size lines each
    ordinals: list[int]
    likes: list[int]
    read_minutes: list[int]
    known_table: list[KnownTags]
    known_index: list[int]
    split: list[int]  # which articles are split ...
    tag_counts: list[int]  # ... into how many tags ...
    tags: str  # ... and those tags, one line each


class TagLines(NamedTuple):
    """The tag lines of some articles, with the page tag each split uses, as flat
    values (see :class:`Columns`): what :mod:`feedparse_txt.parallel` sends out.
    The list of known tags they were parsed with goes to each worker once."""

    lines: str  # one line each
    page_table: list[str | None]
    page_index: list[int]


class Splits(NamedTuple):
    """Split tags of some tag lines, as flat values (see :class:`Columns`)."""

    tag_counts: list[int]  # how many tags each line has ...
    tags: str  # ... and those tags, one line each


def tag_lines_of(articles: tuple[Article, ...]) -> TagLines:
    """The tag lines of ``articles``, to be split elsewhere."""
    return TagLines("\n".join(map(_TAG_LINE, articles)), *_table(map(_PAGE_TAG, articles)))


def iter_tag_lines(given: TagLines, known_tags: KnownTags) -> Iterator[tuple[str, KnownTags]]:
    """Each tag line of ``given`` with its known tags: ``known_tags``, the list the
    articles were parsed with, and its page tag."""
    if given.page_index:
        pages = map(given.page_table.__getitem__, given.page_index)
        yield from zip(given.lines.split("\n"), map(known_tags.with_page_tag, pages), strict=True)


def _table(values: Iterable[_Repeated]) -> tuple[list[_Repeated], list[int]]:
    """Values that repeat, as a table of the distinct ones and an index into it."""
    table: dict[_Repeated, int] = {}
    index = [table.setdefault(value, len(table)) for value in values]
    return list(table), index


def pack_splits(splits: Iterable[tuple[str, ...]]) -> Splits:
    """Split tags, a tuple per line, to be sent back."""
    splits = list(splits)
    return Splits(list(map(len, splits)), "\n".join(itertools.chain.from_iterable(splits)))


def iter_splits(packed: Splits) -> Iterator[tuple[str, ...]]:
    """The tags :func:`pack_splits` packed, a tuple per line."""
    tags = packed.tags.split("\n")
    start = 0
    for count in packed.tag_counts:
        yield tuple(tags[start : start + count])
        start += count


def to_columns(articles: tuple[Article, ...]) -> Columns:
    if not articles:
        return Columns(0, "", [], [], [], [], [], [], [], "")
    authors, dates, categories, titles, summaries, lines, likes, minutes, known = zip(
        *map(_ROW, articles), strict=True
    )
    texts = "\n".join(itertools.chain(authors, categories, titles, summaries, lines))
    split = [k for k, article in enumerate(articles) if is_split(article)]
    return Columns(
        len(articles),
        texts,
        list(map(_dt.date.toordinal, dates)),
        list(likes),
        list(minutes),
        *_table(known),
        split,
        *pack_splits(articles[k].tags for k in split),
    )


def from_columns(columns: Columns) -> tuple[Article, ...]:
    size = columns.size
    if not size:
        return ()
    fields = columns.texts.split("\n")
    authors, categories, titles, summaries, lines = (fields[k * size : (k + 1) * size] for k in range(5))
    articles = tuple(
        map(
            parsed_article,
            authors,
            map(_dt.date.fromordinal, columns.ordinals),
            categories,
            titles,
            summaries,
            lines,
            columns.likes,
            columns.read_minutes,
            map(columns.known_table.__getitem__, columns.known_index),
        )
    )
    splits = iter_splits(Splits(columns.tag_counts, columns.tags))
    keep_splits(map(articles.__getitem__, columns.split), splits)
    return articles


def dump_from_columns(fields: tuple[Any, ...], columns: Columns, source: Columns | None) -> Dump:
    header, problems, newline, final_newline, bom, encoding, entries = fields
    articles = from_columns(columns)
    parsed = articles if source is None else from_columns(source)
    return Dump(
        header=header,
        articles=articles,
        problems=problems,
        newline=newline,
        final_newline=final_newline,
        bom=bom,
        encoding=encoding,
        document=Document(entries, parsed),
    )
