"""Writing records and headers back as dump text."""

from __future__ import annotations

import datetime as _dt
import operator
from bisect import bisect_right
from collections.abc import Callable, Iterable
from typing import overload

from .fields import SEPARATOR, VIEWS_TAIL, Remembered, format_date
from .grammar import HEADER_STYLES, LAYOUTS, Role
from .model import (
    HEADER_FIELDS,
    Article,
    Document,
    Dump,
    Entry,
    Header,
    HeaderEntry,
    Layout,
    RawRecord,
    RecordRun,
    TextEntry,
    articles_as_parsed,
    tag_line,
)
from .source import line_break

__all__ = ["format_dump"]

BOM = "\ufeff"


# Every line a record can have, in one fixed order; each layout picks its own lines
# from them (a blank line is one line, however often it stands in a layout).
_LINE_ROLES = (
    Role.AUTHOR, Role.AUTHOR_AGAIN, Role.DATE_LINE, Role.BLANK, Role.TITLE,
    Role.SUMMARY, Role.TAG_LINE, Role.STATS, Role.TITLE_AGAIN,
)  # fmt: skip
_PICK_LINES = {
    layout: operator.itemgetter(*map(_LINE_ROLES.index, roles)) for layout, roles in LAYOUTS.items()
}


# Date -> its text, for every dump written in this process: records share their dates.
_DATE_TEXTS: Remembered[_dt.date, str] = Remembered(format_date)


def _record_lines(article: Article) -> tuple[str, ...]:
    """The lines of ``_LINE_ROLES`` for ``article``."""
    author, title = article.author, article.title
    return (
        author,
        author,
        f"{_DATE_TEXTS[article.published]}{SEPARATOR}{article.category}",
        "",
        title,
        article.summary,
        tag_line(article),
        f"{article.likes} likes{SEPARATOR}{article.read_minutes} min read",
        title,
    )


def record_renderer(layout: Layout, newline: str = "\n") -> Callable[[Article], str]:
    """A function that writes an article as one canonical record in ``layout``, each
    line ended by ``newline`` (for writing many records alike)."""
    pick = _PICK_LINES[layout]

    def render(article: Article) -> str:
        return newline.join(pick(_record_lines(article))) + newline

    return render


def render_record(article: Article, layout: Layout, newline: str = "\n") -> str:
    """The canonical text of one record, each line ended by ``newline``."""
    return record_renderer(layout, newline)(article)


def render_header(header: Header, newline: str = "\n") -> str:
    """The canonical text of a page header in its own style."""
    missing = [name for name in HEADER_FIELDS[header.style] if getattr(header, name) is None]
    if missing:
        raise ValueError(f"a {header.style.value} header needs {', '.join(missing)} to be written")
    count, page, pages = header.article_count, header.page, header.page_count
    value = {
        Role.TAGGED_ARTICLES: "Tagged articles",
        Role.TAG_WORD: "Tag",
        Role.BLANK: "",
        Role.ARTICLE_COUNT: f"{count} articles",
        Role.PAGE_OF: f"Page {page} of {pages}",
        Role.TAG_NAME: header.tag or "",
        Role.COUNT_AND_PAGE: f"{count} articles{SEPARATOR}Page {page} of {pages}",
        Role.VIEWS_LINE: f"{header.views}{VIEWS_TAIL}",
    }
    return newline.join(value[role] for role in HEADER_STYLES[header.style]) + newline


@overload
def format_dump(dump: Dump) -> str: ...
@overload
def format_dump(dump: Iterable[Article], header: Header | None = None) -> str: ...


def format_dump(dump: Dump | Iterable[Article], header: Header | None = None) -> str:
    """Write a dump back as text.

    A parsed :class:`Dump` comes back exactly as it was read; records replaced
    with ``attrs.evolve(dump, articles=...)`` are written in the canonical full
    layout. A plain sequence of articles is written in the full layout, after
    ``header`` if given, ending with a newline.

    >>> from feedparse_txt import parse_dump
    >>> text = ("Amap Tech\\nAug 27, 2019 · Backend Development\\nGraphQL\\nHow.\\n"
    ...         "DSL\\n0 likes · 11 min read\\n")
    >>> format_dump(parse_dump(text)) == text
    True
    """
    if not isinstance(dump, Dump):
        if isinstance(dump, (str, bytes)):
            raise TypeError("format_dump takes a Dump or a sequence of Article, not text")
        if isinstance(dump, Article):
            raise TypeError("format_dump takes a Dump or a sequence of Article, not one Article: [article]")
        dump = Dump(header=header, articles=tuple(dump))
    elif header is not None:
        raise TypeError("header= is only for a plain sequence of articles")
    for article in dump.articles:
        if not isinstance(article, Article):
            raise TypeError(f"format_dump needs Article records, found {type(article).__name__}")
    if dump.newline == "\r":
        _check_no_lone_cr(dump)
    document = written_document(dump)
    text = "".join(_written(document, dump.newline))
    if (
        not dump.final_newline
        and text.endswith(line_break(dump.newline))
        and not _ends_with_blank_line(document)
    ):
        text = text[: -len(dump.newline)] if text.endswith(dump.newline) else text[:-1]
    return (BOM + text) if dump.bom else text


def _ends_with_blank_line(document: Document) -> bool:
    """Whether ``document`` ends with a header whose style ends with a blank line (a
    views header, its records taken away): without its line ending the line would
    not be there, and the header would read as cut off."""
    last = document.entries[-1] if document.entries else None
    return isinstance(last, HeaderEntry) and HEADER_STYLES[last.header.style][-1] is Role.BLANK


def _check_no_lone_cr(dump: Dump) -> None:
    """Raise if a field of ``dump`` holds a CR: in a dump whose lines end with a lone
    CR it would end the line there, and the text would not read back. (Records read
    from such a dump hold none; a record or header put in with ``attrs.evolve`` may.)"""
    texts = [line for article in dump.articles for line in _record_lines(article)]
    if dump.header is not None and dump.header.tag is not None:
        texts.append(dump.header.tag)
    for text in texts:
        if "\r" in text:
            raise ValueError(
                f"cannot write {text!r} into a dump whose lines end with a lone CR: "
                "the CR in it would end the line"
            )


def written_document(dump: Dump) -> Document:
    """The entries ``format_dump`` writes ``dump`` as, over ``dump.articles``.

    A parsed dump's own, with its header as ``dump.header`` now says; for records
    replaced with ``attrs.evolve``, the records left as parsed keep their text and
    place and the others are written canonically (see :class:`_Merge`).
    """
    if articles_as_parsed(dump):
        entries = list(dump.document.entries)
        for at, entry in enumerate(entries):
            if isinstance(entry, HeaderEntry):
                first = _first_header(entry, dump.header)
                entries[at : at + 1] = [] if first is None else [first]
                break
        else:
            if dump.header is not None:
                entries.insert(0, HeaderEntry(dump.header, None))
    else:
        entries = _Merge(dump).entries
    return Document(tuple(entries), dump.articles)


def _first_header(entry: HeaderEntry, header: Header | None) -> HeaderEntry | None:
    """The first header ``entry`` of a dump whose ``header`` is now ``header``: its
    text is kept while the header is the one parsed."""
    if header is None:
        return None
    return entry if header is entry.header else HeaderEntry(header, None)


def _written(document: Document, newline: str) -> list[str]:
    articles = document.articles
    parts: list[str] = []
    for entry in document.entries:
        if isinstance(entry, RecordRun):
            parts.extend(map(record_renderer(entry.layout, newline), articles[entry.start : entry.stop]))
        elif entry.raw is not None:
            parts.append(entry.raw)
        else:  # a header changed since it was parsed, or never parsed
            assert isinstance(entry, HeaderEntry)
            parts.append(render_header(entry.header, newline))
    return parts


class _Merge:
    """The entries of an edited dump: records that were parsed keep their text and
    place; others are written canonically, in the full layout.

    Headers and unusable text stay in front of the record they preceded (or of the
    next one still present), so a page keeps its header when records change.
    """

    def __init__(self, dump: Dump) -> None:
        self.dump = dump
        self.entries: list[Entry] = []
        self.ends_line = True  # whether the text so far ends with a line ending
        kept: dict[int, RecordRun | RawRecord] = {}
        # Headers and unusable text, each with the number of records before it.
        self.others: list[tuple[int, Entry]] = []
        for entry in dump.document.entries:
            if isinstance(entry, RecordRun):
                for index in range(entry.start, entry.stop):
                    kept[index] = entry
            elif isinstance(entry, RawRecord):
                kept[entry.article] = entry
            else:
                self.others.append((len(kept), entry))
        self.next_other = 0
        self.first_header = True
        # Where the entry added last stood among the parsed entries (a record counts one):
        # what stood right after it goes on its line, if that had no line ending (a line
        # split where a page was run into it). None for one written anew.
        self.last_stood: int | None = None
        if dump.header is not None and not any(isinstance(e, HeaderEntry) for _, e in self.others):
            self.add(HeaderEntry(dump.header, None))
        self.place(kept)

    def add(self, entry: Entry, stood: int | None = None) -> None:
        """Add ``entry``, which stood at ``stood`` among the parsed entries (see last_stood)."""
        raw = entry.raw if isinstance(entry, (HeaderEntry, RawRecord, TextEntry)) else None
        goes_on = stood is not None and self.last_stood is not None and stood == self.last_stood + 1
        self.last_stood = stood
        if not self.ends_line and raw != "" and not goes_on:
            self.entries.append(TextEntry(self.dump.newline))  # what was the last line gets its line ending
        if isinstance(entry, RecordRun) and self.entries:
            last = self.entries[-1]
            if isinstance(last, RecordRun) and (last.stop, last.layout) == (entry.start, entry.layout):
                entry = RecordRun(last.start, entry.stop, entry.layout)
                self.entries.pop()
        self.entries.append(entry)
        if raw != "":  # an empty text leaves the line as it was
            self.ends_line = raw is None or raw.endswith(line_break(self.dump.newline))

    def flush(self, upto: int) -> None:
        """Add the headers and text that stood before record ``upto``."""
        while self.next_other < len(self.others) and self.others[self.next_other][0] <= upto:
            before, entry = self.others[self.next_other]
            stood = self.next_other + before  # (the others and records before it)
            self.next_other += 1
            if isinstance(entry, HeaderEntry) and self.first_header:
                self.first_header = False
                first = _first_header(entry, self.dump.header)
                if first is not None:
                    self.add(first, stood if first is entry else None)
            else:
                self.add(entry, stood)

    def place(self, kept: dict[int, RecordRun | RawRecord]) -> None:
        source = self.dump.document.articles
        index_of: dict[int, int] = {}
        for index, article in enumerate(source):
            index_of.setdefault(id(article), index)
        used: set[int] = set()
        befores = [before for before, _ in self.others]  # (in order)
        last = -1
        for at, article in enumerate(self.dump.articles):
            index = index_of.get(id(article), -1)
            if index >= 0 and index not in used and source[index] is article:
                used.add(index)
                self.flush(index)
                entry, stood = kept[index], index + bisect_right(befores, index)
                if isinstance(entry, RawRecord):
                    self.add(RawRecord(at, entry.raw), stood)
                else:
                    self.add(RecordRun(at, at + 1, entry.layout), stood)
                last = index
            else:
                self.flush(last + 1)  # a new record takes the place after the last one kept
                self.add(RecordRun(at, at + 1, Layout.FULL))
        self.flush(len(source))
