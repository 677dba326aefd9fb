"""The canonical form of a messy copy of a listing."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import NamedTuple

from .errors import Problem
from .formatting import record_renderer, render_header
from .grammar import HEADER_STYLES, Role
from .model import Article, Entry, Header, HeaderEntry, Layout, RawRecord, RecordRun, TextEntry
from .parsing import parse_dump, read_in_blocks, without_full_gc
from .source import BOM, Source, line_break

__all__ = ["iter_normalized", "normalize"]


def normalize(text: str, *, reference_date: _dt.date | None = None, date_order: str | None = None) -> str:
    """Clean up a copied listing without losing anything it says.

    LF line endings, no byte order mark, no trailing whitespace on any line, every
    record in the full layout (repaired where the lenient reader is sure of the
    repair), one header per page. Text that is not a header or record is kept,
    cleaned like every other line; stray blank lines between records and headers
    are dropped. Whether the text ended with a newline is kept (a last line of
    whitespace alone, kept as text, is written as an empty line with its ending).
    ``reference_date`` (when the copy was made) resolves relative dates and dates
    without a year or century, as for :func:`parse_dump`, so their records are written with
    full dates; without it they stay as they were, as text. So does ``date_order`` for
    dates in numbers whose day and month could each be the other (``05/08/2019``).

    >>> normalize("Amap Tech \\r\\nAug 27, 2019 · Backend\\r\\nT\\r\\nS\\r\\nDSL\\r\\n0 likes · 3 min read")
    'Amap Tech\\nAmap Tech\\nAug 27, 2019 · Backend\\n\\nT\\n\\nS\\n\\nDSL\\n0 likes · 3 min read\\nT'
    >>> import datetime
    >>> copied = datetime.date(2024, 9, 10)
    >>> normalize("A\\nSep 5 · B\\nT\\nS\\nDSL\\n0 likes · 3 min read\\n", reference_date=copied)
    'A\\nA\\nSep 5, 2024 · B\\n\\nT\\n\\nS\\n\\nDSL\\n0 likes · 3 min read\\nT\\n'
    """
    dump = parse_dump(text, strict=False, reference_date=reference_date, date_order=date_order)
    writer = _CanonicalWriter(dump.newline)
    entries = _with_articles(dump.document.entries, dump.articles, 0)
    return writer.write(entries) + writer.finish(dump.final_newline)


def iter_normalized(
    source: Source,
    *,
    strict: bool = False,
    reference_date: _dt.date | None = None,
    date_order: str | None = None,
    on_problem: Callable[[Problem], None] | None = None,
    encoding: str | None = None,
) -> Iterator[str]:
    """:func:`normalize` for a dump of any size and any source (a path, bytes, an open
    file; a ``str`` is text): the canonical text in pieces, written while the source
    is read a block of about 1 MB at a time, so neither is ever held whole. The
    pieces joined are ``normalize(text)``. Lenient by default, as :func:`normalize`
    is; ``strict=True`` raises :class:`ParseError` at the first deviation, when the
    reading gets there, after the pieces before it. ``date_order``, ``on_problem`` and
    ``encoding`` as for :func:`iter_articles`; invalid bytes are read as U+FFFD, with a problem.

    >>> from pathlib import Path
    >>> page = Path("tests/data/backend-architecture-page8.txt")
    >>> "".join(iter_normalized(page)) == page.read_text(encoding="utf-8")
    True
    """
    writer: _CanonicalWriter | None = None
    final_newline = True
    offset = 0  # the index of the first article of the block in hand
    blocks = read_in_blocks(
        source, strict, reference_date, on_problem, (), encoding, date_order=date_order, keep_document=True
    )
    for machine in blocks:
        writer = writer or _CanonicalWriter(machine.newline or "\n")
        with without_full_gc():
            text = writer.write(_with_articles(machine.take_entries(), machine.articles, offset))
        offset += len(machine.articles)
        final_newline = machine.final_newline  # as the final block left it
        if text:
            yield text
    if writer is not None and (end := writer.finish(final_newline)):
        yield end


def _with_articles(
    entries: Iterable[Entry], articles: Sequence[Article], offset: int
) -> Iterator[tuple[Entry, Sequence[Article]]]:
    """Each entry with the articles it holds; ``articles`` starts at index ``offset``."""
    for entry in entries:
        if isinstance(entry, RecordRun):
            yield entry, articles[entry.start - offset : entry.stop - offset]
        elif isinstance(entry, RawRecord):
            yield entry, (articles[entry.article - offset],)
        else:
            yield entry, ()


class _BlankLines(NamedTuple):
    """A text entry of blank lines alone, as it is written: how many line breaks it
    has, and what follows the last (whitespace without a line ending, or nothing).
    A stretch of blank lines read in parts is one, whatever its length, in O(1)."""

    breaks: int
    tail: str

    @classmethod
    def of(cls, entry: TextEntry, newline: str) -> _BlankLines:
        end = line_break(newline)
        return cls(entry.raw.count(end), entry.raw[entry.raw.rfind(end) + 1 :])

    def followed_by(self, more: _BlankLines) -> _BlankLines:
        return _BlankLines(self.breaks + more.breaks, more.tail if more.breaks else self.tail + more.tail)


_Held = Entry | _BlankLines


class _CanonicalWriter:
    """Writes the canonical text of a document's entries as they come. Each entry
    waits for the next, since a stray blank line shows only by the entries on both
    sides of it (text entries of blank lines alone that follow each other, as a
    stretch read in parts comes, wait as one); and the last line ending written
    waits for the end of the text, which decides whether the text ends with one."""

    def __init__(self, newline: str) -> None:
        self._newline = newline
        self._render = record_renderer(Layout.FULL)
        self._before: _Held | None = None  # the entry before the one held
        self._held: tuple[_Held, Sequence[Article]] | None = None
        self._held_stray = False  # whether the entry last let go was a stray blank line, left out
        self._last_header: Header | None = None  # the header last written, if nothing came after it
        self._line_ending = ""  # the text's last line ending so far, not written yet

    def write(self, entries: Iterable[tuple[Entry, Sequence[Article]]]) -> str:
        """The canonical text of ``entries`` (and of the entry held before them) that
        can be written now."""
        parts = [self._line_ending]
        for entry, articles in entries:
            item: tuple[_Held, Sequence[Article]] = (entry, articles)
            if isinstance(entry, TextEntry) and entry.raw.isspace():
                item = (_BlankLines.of(entry, self._newline), ())
            if self._held is not None:
                held = self._held[0]
                if isinstance(held, _BlankLines) and isinstance(item[0], _BlankLines):
                    # One stretch read in parts: stray or not as one.
                    self._held = (held.followed_by(item[0]), ())
                    continue
                self._write_held(item[0], parts)
            self._held = item
        text = "".join(parts)
        self._line_ending = "\n" if text.endswith("\n") else ""
        return text.removesuffix("\n")

    def finish(self, final_newline: bool) -> str:
        """The rest of the text, once every entry has come; ``final_newline`` says
        whether the text ended with a newline."""
        parts = [self._line_ending]
        last = self._held
        if last is not None:
            self._write_held(None, parts)
        text = "".join(parts)
        if final_newline:
            return text
        if last is None or not self._ends_with_blank_line(last[0]):
            return text.removesuffix("\n")
        # Cleaned, that last line is empty: only a line ending can write it, and dropping
        # the one before it would leave the line before cut off, which reads otherwise.
        return text + "\n" if _is_text(last[0]) and not self._held_stray else text

    def _write_held(self, after: _Held | None, parts: list[str]) -> None:
        """Write the entry held, now that the one ``after`` it is known."""
        assert self._held is not None
        entry, articles = self._held
        before, self._before = self._before, entry
        self._held_stray = _is_stray_blank_line(before, entry, after)
        if self._held_stray:
            return
        if isinstance(entry, HeaderEntry):
            if entry.header != self._last_header:  # the same page header pasted twice is one
                parts.append(render_header(entry.header))
            self._last_header = entry.header
            return
        self._last_header = None
        if isinstance(entry, _BlankLines):
            parts.append("\n" * entry.breaks)  # each line without its whitespace
        elif isinstance(entry, TextEntry):
            raw = entry.raw
            end = line_break(self._newline)
            if after is not None and not raw.endswith(end):
                # A page cut off, the next run into its last line (the byte order mark
                # of a file saved with one between them): a line apart, as pasted.
                raw = raw.removesuffix(BOM) + end
            parts.append(_clean(raw, self._newline))
        else:
            parts.extend(map(self._render, articles))

    def _ends_with_blank_line(self, entry: _Held) -> bool:
        """Whether the text ends with a line of whitespace alone (in ``entry``, the
        last), with no line ending; or with a page header whose last line is blank (one
        read where the text ends before that line)."""
        if isinstance(entry, _BlankLines):
            return entry.tail.isspace()
        if isinstance(entry, HeaderEntry):
            return HEADER_STYLES[entry.header.style][-1] is Role.BLANK
        raw = None if isinstance(entry, RecordRun) else entry.raw
        return raw is not None and raw[raw.rfind(line_break(self._newline)) + 1 :].isspace()


def _clean(raw: str, newline: str) -> str:
    """Unusable text with its line endings (of the text's style: ``newline``) and
    trailing whitespace cleaned."""
    return "\n".join(line.rstrip() for line in raw.split(line_break(newline)))


def _is_text(entry: _Held | None) -> bool:
    return isinstance(entry, (TextEntry, _BlankLines))


def _is_stray_blank_line(before: _Held | None, entry: _Held, after: _Held | None) -> bool:
    """Whether ``entry`` is blank lines between records and headers (or the ends of
    the text), as pasted pages bring them: they say nothing. Blank lines next to text
    the parser could not use stay, as they are part of how that text reads."""
    return isinstance(entry, _BlankLines) and not _is_text(before) and not _is_text(after)
