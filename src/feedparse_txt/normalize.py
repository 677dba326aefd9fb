"""The canonical form of a messy copy of a listing."""

from __future__ import annotations

import datetime as _dt

from .formatting import record_renderer, render_header, render_record
from .model import Dump, Entry, Header, HeaderEntry, Layout, RawRecord, RecordRun, TextEntry
from .parsing import parse_dump
from .source import line_break

__all__ = ["normalize"]


def normalize(text: str, *, reference_date: _dt.date | None = None) -> str:
    """Clean up a copied listing without losing anything it says.

    LF line endings, no byte order mark, no trailing whitespace on any line, every
    record in the full layout (repaired where the lenient reader is sure of the
    repair), one header per page. Text that is not a header or record is kept,
    cleaned like every other line; stray blank lines between records and headers
    are dropped. Whether the text ended with a newline is kept (a last line of
    whitespace alone, kept as text, is written as an empty line with its ending).
    ``reference_date`` (when the copy was made) resolves relative dates and dates
    without a year, as for :func:`parse_dump`, so their records are written with
    full dates; without it they stay as they were, as text.

    >>> normalize("Amap Tech \\r\\nAug 27, 2019 · Backend\\r\\nT\\r\\nS\\r\\nDSL\\r\\n0 likes · 3 min read")
    'Amap Tech\\nAmap Tech\\nAug 27, 2019 · Backend\\n\\nT\\n\\nS\\n\\nDSL\\n0 likes · 3 min read\\nT'
    >>> import datetime
    >>> copied = datetime.date(2024, 9, 10)
    >>> normalize("A\\nSep 5 · B\\nT\\nS\\nDSL\\n0 likes · 3 min read\\n", reference_date=copied)
    'A\\nA\\nSep 5, 2024 · B\\n\\nT\\n\\nS\\n\\nDSL\\n0 likes · 3 min read\\nT\\n'
    """
    return normalized(parse_dump(text, strict=False, reference_date=reference_date))


def normalized(dump: Dump) -> str:
    """The canonical text of a dump parsed from any source (see :func:`normalize`):
    the command line reads files as bytes, invalid UTF-8 and all, and may resolve
    relative dates first."""
    parts: list[str] = []
    last_header: Header | None = None
    entries = dump.document.entries
    stray = _stray_blank_lines(entries)
    for i, entry in enumerate(entries):
        if i in stray:
            continue
        if isinstance(entry, HeaderEntry):
            if entry.header != last_header:  # the same page header pasted twice is one
                parts.append(render_header(entry.header))
            last_header = entry.header
            continue
        last_header = None
        if isinstance(entry, RecordRun):
            parts.extend(map(record_renderer(Layout.FULL), dump.articles[entry.start : entry.stop]))
        elif isinstance(entry, RawRecord):
            parts.append(render_record(dump.articles[entry.article], Layout.FULL))
        elif isinstance(entry, TextEntry):
            parts.append(_clean(entry.raw, dump.newline))
    out = "".join(parts)
    if dump.final_newline:
        return out
    if not _ends_with_blank_line(entries, dump.newline):
        return out.removesuffix("\n")
    # Cleaned, that last line is empty: only a line ending can write it, and dropping
    # the one before it would leave the line before cut off, which reads otherwise.
    last = len(entries) - 1
    return out + "\n" if isinstance(entries[last], TextEntry) and last not in stray else out


def _ends_with_blank_line(entries: tuple[Entry, ...], newline: str) -> bool:
    """Whether the text ends with a line of whitespace alone, with no line ending."""
    if not entries or isinstance(entries[-1], RecordRun):
        return False
    raw = entries[-1].raw
    return raw is not None and raw[raw.rfind(line_break(newline)) + 1 :].isspace()


def _clean(raw: str, newline: str) -> str:
    """Unusable text with its line endings (of the text's style: ``newline``) and
    trailing whitespace cleaned."""
    lines = raw.split(line_break(newline))
    return "\n".join(line.rstrip() for line in lines)


def _stray_blank_lines(entries: tuple[Entry, ...]) -> set[int]:
    """Which entries are blank lines between records and headers (or the ends of the
    text), as pasted pages bring them: they say nothing. Blank lines next to text the
    parser could not use stay, as they are part of how that text reads."""
    return {
        i
        for i, entry in enumerate(entries)
        if isinstance(entry, TextEntry)
        and entry.raw.isspace()
        and not (i > 0 and isinstance(entries[i - 1], TextEntry))
        and not (i + 1 < len(entries) and isinstance(entries[i + 1], TextEntry))
    }
