"""Hypothesis strategies for property tests of code that reads or writes dumps.

Needs the ``hypothesis`` extra (``pip install 'feedparse_txt[hypothesis]'``).

>>> from hypothesis import given
>>> from feedparse_txt import format_dump, parse_dump
>>> @given(articles_lists())
... def test_round_trip(articles):
...     assert len(parse_dump(format_dump(articles))) == len(articles)
>>> test_round_trip()
"""

from __future__ import annotations

import datetime as _dt
import re
import textwrap
from collections.abc import Sequence

import attrs
from hypothesis import strategies as st

from .formatting import render_header, render_record
from .model import Article, Dump, Header, HeaderStyle, Layout, is_valid_text
from .parsing import parse_dump
from .tags import split_tags

__all__ = [
    "Mutation",
    "articles",
    "articles_lists",
    "dump_texts",
    "dumps",
    "field_texts",
    "headers",
    "messy_copies",
    "mutated",
    "mutations",
    "pasted_pages",
    "wrapped_copies",
]


def field_texts(alphabet: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[str]:
    """One non-empty line without surrounding whitespace: any valid text field."""
    characters = st.characters(exclude_characters="\n") if alphabet is None else alphabet
    return st.text(characters, min_size=1).map(str.strip).filter(is_valid_text)


def articles(
    *,
    texts: st.SearchStrategy[str] | None = None,
    dates: st.SearchStrategy[_dt.date] | None = None,
    counts: st.SearchStrategy[int] | None = None,
) -> st.SearchStrategy[Article]:
    """Valid articles: arbitrary Unicode fields, dates 1970–2100, counts 0–10^9; tags
    as a dump reads them back (run together into a line, split again), so that
    ``parse_dump(format_dump(articles)).articles == articles``. Under a page header
    with a tag, a line that holds that tag may split otherwise: the page's tag is
    the likeliest of tags there."""
    texts = field_texts() if texts is None else texts
    dates = st.dates(_dt.date(1970, 1, 1), _dt.date(2100, 12, 31)) if dates is None else dates
    counts = st.integers(0, 10**9) if counts is None else counts
    return st.builds(
        Article,
        author=texts,
        published=dates,
        category=texts,
        title=texts,
        summary=texts,
        tags=st.lists(texts, min_size=1, max_size=4).map(_read_back),
        likes=counts,
        read_minutes=counts,
    )


def _read_back(tags: list[str]) -> tuple[str, ...]:
    # The line is all a dump keeps of the tags: what parsing gives back is its split.
    return split_tags("".join(tags))


def articles_lists(max_size: int = 8) -> st.SearchStrategy[list[Article]]:
    """Lists of :func:`articles`."""
    return st.lists(articles(), max_size=max_size)


def headers(texts: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Header]:
    """Complete page headers of every style, a page from 1 to the page count."""
    texts = field_texts() if texts is None else texts
    numbers = st.integers(0, 10**6)
    return st.one_of(
        _paged_headers(HeaderStyle.LIST, st.none(), numbers),
        _paged_headers(HeaderStyle.NAMED, texts, numbers),
        st.builds(Header, style=st.just(HeaderStyle.VIEWS), tag=texts, views=numbers),
    )


@st.composite
def _paged_headers(
    draw: st.DrawFn, style: HeaderStyle, tags: st.SearchStrategy[str | None], counts: st.SearchStrategy[int]
) -> Header:
    page_count = draw(st.integers(1, 10**6))
    return Header(
        style=style,
        tag=draw(tags),
        article_count=draw(counts),
        page=draw(st.integers(1, page_count)),
        page_count=page_count,
    )


@st.composite
def dump_texts(
    draw: st.DrawFn,
    layout: Layout | None = None,
    articles_strategy: st.SearchStrategy[Article] | None = None,
    max_records: int = 6,
) -> str:
    """Well-formed dump text: pages with or without a header, records in ``layout``
    (both layouts mixed when None), LF or CRLF throughout, with or without a final newline.

    >>> from hypothesis import given
    >>> from feedparse_txt import parse_dump
    >>> @given(dump_texts(layout=Layout.COMPACT))
    ... def test_well_formed(text):
    ...     assert parse_dump(text).problems == ()
    >>> test_well_formed()
    """
    records = articles() if articles_strategy is None else articles_strategy
    layouts = st.sampled_from(list(Layout)) if layout is None else st.just(layout)
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    parts = []
    for _page in range(draw(st.integers(1, 3))):
        header = draw(st.none() | headers())
        if header is not None:
            parts.append(render_header(header, newline))
        for article in draw(st.lists(records, min_size=1, max_size=max_records)):
            parts.append(render_record(article, draw(layouts), newline))
    text = "".join(parts)
    return text if draw(st.booleans()) else text[: -len(newline)]


def dumps(layout: Layout | None = None) -> st.SearchStrategy[Dump]:
    """Parsed :class:`Dump` objects of :func:`dump_texts`."""
    return dump_texts(layout=layout).map(parse_dump)


# ---------------------------------------------------------------------------- damage

_JUNK = st.one_of(
    st.sampled_from(
        [
            *("", " ", "Tagged articles", "0 likes · 5 min read", "Aug 1, 2019 · X", "·", "\r"),
            *("Aug 1, 2019 \u30fb X", "0 likes \u2022 5 min read"),  # dots that look like the separator
            "05/08/2019 · X",  # a date whose day and month could each be the other
            "Aug 32, 2019 · X",  # a date that names no day
        ]
    ),
    st.text(st.characters(exclude_characters="\n"), max_size=20),
)
_KINDS = ("delete", "duplicate", "swap", "corrupt", "insert", "truncate")


@attrs.frozen
class Mutation:
    """One damage done to a dump, as a browser, editor or chat tool might.

    ``line`` is the 0-based line it happens at (``insert`` puts its text before it;
    ``swap`` exchanges it with the next line); ``column`` and ``text`` say what a
    ``corrupt`` or ``truncate`` changes.
    """

    kind: str
    line: int
    column: int = 0
    text: str = ""

    def apply(self, text: str) -> str:
        """The damaged text."""
        lines = text.split("\n")
        at = self.line
        if self.kind == "truncate":
            kept = "\n".join(lines[:at])
            cut = lines[at][: self.column]
            return f"{kept}\n{cut}" if at else cut
        if self.kind == "delete":
            del lines[at]
        elif self.kind == "duplicate":
            lines.insert(at, lines[at])
        elif self.kind == "swap" and at + 1 < len(lines):
            lines[at], lines[at + 1] = lines[at + 1], lines[at]
        elif self.kind == "insert":
            lines.insert(at, self.text)
        elif self.kind == "corrupt":
            line = lines[at]
            lines[at] = line[: self.column] + self.text + line[self.column + 1 :]
        return "\n".join(lines)

    def touched(self) -> tuple[int, int]:
        """The lines of the original text it changes, as a range ``[start, stop)``;
        for ``insert``, the empty range at the insertion point."""
        if self.kind == "truncate":
            return self.line, 1 << 62
        if self.kind == "swap":
            return self.line, self.line + 2
        if self.kind == "insert":
            return self.line, self.line
        return self.line, self.line + 1


@st.composite
def mutations(draw: st.DrawFn, text: str) -> Mutation:
    """A single :class:`Mutation` of ``text``: a line deleted, doubled, swapped with
    the next, corrupted (a character replaced, inserted or removed), junk inserted,
    or the text cut off mid-line."""
    lines = text.split("\n")
    kind = draw(st.sampled_from(_KINDS))
    line = draw(st.integers(0, len(lines) - 1))
    length = len(lines[line])
    if kind == "truncate":
        return Mutation(kind, line, draw(st.integers(0, length)))
    if kind == "corrupt":
        column = draw(st.integers(0, length))
        replacement = draw(st.text(st.characters(exclude_characters="\n"), max_size=2))
        return Mutation(kind, line, column, replacement)
    if kind == "insert":
        return Mutation(kind, line, text=draw(_JUNK))
    return Mutation(kind, line)


@st.composite
def mutated(draw: st.DrawFn, text: str, max_mutations: int = 3) -> str:
    """Damaged variants of a real dump: one to ``max_mutations`` :func:`mutations`.

    >>> from hypothesis import given
    >>> from feedparse_txt import parse_dump
    >>> from pathlib import Path
    >>> sample = Path("tests/data/www_tags_cglib-proxy.txt").read_text(encoding="utf-8")
    >>> @given(mutated(sample))
    ... def test_never_raises(damaged):
    ...     parse_dump(damaged, strict=False)
    >>> test_never_raises()
    """
    count = draw(st.integers(1, max_mutations))
    for _ in range(count):
        text = draw(mutations(text)).apply(text)
    return text


# ---------------------------------------------------------------------------- untidy copies

# Whitespace a copy may leave around a line: spaces, a tab, an ideographic or a no-break space.
_PADDING = st.sampled_from(["", "", " ", "  ", "\t", " \t", "\u3000", "\u00a0"])
# The separator of a date or stats line as a page may write it: &nbsp;·&nbsp;
_NBSP_SEPARATOR = st.sampled_from(["\u00a0·\u00a0", "\u00a0· ", " ·\u00a0"])
# Lines that such a separator leaves whole: date lines and stats (not a title that holds " · ").
_DATE_OR_STATS = re.compile(r"[A-Z][a-z]{2} \d{1,2}, \d{4} · \S|\S+ likes? · \d+ min read$")


@st.composite
def messy_copies(draw: st.DrawFn, text: str) -> str:
    """``text`` as a careless copy leaves it, every record still whole: whitespace
    around its lines (every line alike, or some here and there), no-break spaces
    around the separator of date and stats lines, CRLF, CR or CR CR LF line endings
    (a CRLF text converted to CRLF again), a byte order mark. Lenient parsing reads
    the same records from it as from ``text``. Where every line of ``text`` reads
    (no record cut off, no text it cannot use), it also reports a problem at each
    untidy line (and one for CR CR LF line endings), and
    :func:`~feedparse_txt.normalize` writes the same text for both.

    >>> from hypothesis import given
    >>> from feedparse_txt import normalize, parse_dump
    >>> from pathlib import Path
    >>> sample = Path("tests/data/www_tags_cglib-proxy.txt").read_text(encoding="utf-8")
    >>> @given(messy_copies(sample))
    ... def test_a_messy_copy_normalizes_to_the_clean_one(messy):
    ...     assert normalize(messy) == normalize(sample)
    >>> test_a_messy_copy_normalizes_to_the_clean_one()
    """
    lines = text.split("\n")
    count = len(lines) - (not lines[-1])  # not the nothing after a final line ending
    around = st.tuples(_PADDING, _PADDING)
    if not count or draw(st.booleans()):
        untidy = dict.fromkeys(range(count), draw(around))
    else:
        untidy = draw(st.dictionaries(st.integers(0, count - 1), around, max_size=20))
    for k, (before, after) in untidy.items():
        line = lines[k]
        if _DATE_OR_STATS.match(line) and draw(st.booleans()):
            line = line.replace(" · ", draw(_NBSP_SEPARATOR), 1)
        lines[k] = before + line + after
    newline = draw(st.sampled_from(["\n", "\r\n", "\r", "\r\r\n"]))
    return ("\ufeff" if draw(st.booleans()) else "") + newline.join(lines)


# What a person leaves between two pages pasted into one file, after the first one's last line.
_GAPS = st.sampled_from(["", "\n", "\n\n", " \n"])


@st.composite
def pasted_pages(
    draw: st.DrawFn, pages: Sequence[str] | st.SearchStrategy[str], min_size: int = 2, max_size: int = 4
) -> tuple[str, list[str]]:
    """Several ``pages`` (dump texts with LF line endings, or a strategy of them; any
    may come again) pasted into one text as a person does: each page's last line
    ended, then nothing, a blank line or two, or a line of a space; the text and the
    pages in the order pasted. Lenient parsing reads from it the records of each page
    alone, in turn (a page cut off in its last record too), and
    :func:`~feedparse_txt.format_dump` writes it back exactly.

    >>> from hypothesis import given
    >>> from feedparse_txt import parse_dump
    >>> from pathlib import Path
    >>> pages = [Path(f"tests/data/{name}.txt").read_text(encoding="utf-8")
    ...          for name in ("www_tags_cglib-proxy", "www_tags_cache-breakdown")]
    >>> @given(pasted_pages(pages))
    ... def test_pasted_pages_read_as_each_page(pasted):
    ...     text, pasted_pages = pasted
    ...     expected = [a for page in pasted_pages for a in parse_dump(page, strict=False)]
    ...     assert list(parse_dump(text, strict=False)) == expected
    >>> test_pasted_pages_read_as_each_page()
    """
    any_page = pages if isinstance(pages, st.SearchStrategy) else st.sampled_from(list(pages))
    chosen = draw(st.lists(any_page, min_size=min_size, max_size=max_size))
    text = "".join(page.rstrip("\n") + "\n" + draw(_GAPS) for page in chosen)
    return text, chosen


# ---------------------------------------------------------------------------- wrapped copies

# How a copy that wraps long lines breaks one: Python's textwrap (after hyphens inside
# words too, or not), or fold -s (the space kept at the end of the line).
_WRAPPERS = ("textwrap", "textwrap, no hyphens", "fold -s")


@st.composite
def wrapped_copies(draw: st.DrawFn, text: str) -> str:
    """``text`` as a mail client, an editor or a script that wraps long lines leaves
    it: every line longer than a width (60 to 100 characters) broken at spaces, as
    Python's ``textwrap`` breaks it (after a hyphen inside a word too, or not) or as
    ``fold -s`` does (the space kept at the end of the line), a word longer than the
    width cut. Lenient parsing reads the same records in the full layout from it as
    from ``text``, each wrapped field with a ``wrapped-line`` problem (a compact
    record is kept as text: where its title ends and its summary starts does not
    show).

    >>> from hypothesis import given
    >>> from feedparse_txt import parse_dump
    >>> from pathlib import Path
    >>> sample = Path("tests/data/www_tags_database-auto-increment.txt").read_text(encoding="utf-8")
    >>> @given(wrapped_copies(sample))
    ... def test_a_wrapped_copy_reads_as_the_page(wrapped):
    ...     assert parse_dump(wrapped, strict=False).articles == parse_dump(sample, strict=False).articles
    >>> test_a_wrapped_copy_reads_as_the_page()
    """
    width = draw(st.integers(60, 100))
    wrapper = draw(st.sampled_from(_WRAPPERS))
    lines = []
    for line in text.split("\n"):
        if len(line) <= width:
            lines.append(line)
        elif wrapper == "fold -s":
            lines.extend(_fold_at_spaces(line, width))
        else:
            lines.extend(textwrap.wrap(line, width, break_on_hyphens=wrapper == "textwrap"))
    return "\n".join(lines)


def _fold_at_spaces(line: str, width: int) -> list[str]:
    """``line`` as ``fold -s -w width`` breaks it: after the last space that fits,
    which stays at the end of the line; where none fits, at the width."""
    parts = []
    while len(line) > width:
        cut = line.rfind(" ", 0, width) + 1 or width
        parts.append(line[:cut])
        line = line[cut:]
    return [*parts, line]
