"""The reader: dump text in, block by block; headers, records and problems out. No I/O.

Between records the machine looks at the next lines and decides, from the
templates in :mod:`.grammar`, what starts there: a page header, a record in the
full or compact layout, or nothing it knows. It then reads that template line
by line, each role with its own reader. A strict machine raises
:class:`ParseError` at the first deviation; a lenient one records a
:class:`Problem`, keeps the text, and resynchronises at the next record start.

Canonical records (the text ``format_dump`` writes) are read straight from the
text, a whole record at a time by one regular expression per layout, without
cutting the text into lines. Where none matches (a page header, a damaged record,
text it cannot use) the role readers read on from there, line by line, on a
window of the lines that follow, and find the exact deviation; the regular
expressions take over again where a canonical record starts.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as _dt
import functools
import operator
import os
import re
from collections.abc import Callable, Container, Iterable
from itertools import groupby, pairwise
from typing import NamedTuple

from .checks import check_date_order, check_reference_date
from .errors import ParseError, Problem, quote
from .fields import (
    PLAIN_COUNT,
    SEPARATOR,
    VIEWS_TAIL,
    Remembered,
    Stats,
    article_count_cut_off,
    canonical_date,
    canonical_stats,
    foretold_date_line,
    foretold_stats,
    has_a_dates_shape,
    padded,
    parse_count,
    parse_count_and_page,
    parse_date_line,
    parse_page_of,
    parse_stats,
    parse_views,
    partition_separator,
    whitespace_error,
    whitespace_problem,
)
from .formatting import render_header, render_record
from .grammar import HEADER_STYLES, LAYOUTS, LITERALS, LONGEST, LOOKAHEAD, REPEATS, TEXT_ROLES, Role
from .known_tags import NO_KNOWN_TAGS, KnownTags
from .model import (
    Article,
    Document,
    Dump,
    Entry,
    Header,
    HeaderEntry,
    HeaderStyle,
    Layout,
    RawRecord,
    RecordRun,
    TextEntry,
    parsed_article,
)
from .source import BOM, CR_CR_LF, line_break, newline_of, split_lines
from .wrapping import Wrapping, squashed

__all__ = ["Machine"]

Template = tuple[Role, ...]
Values = dict[Role, object]

_CACHE_LIMIT = 1 << 14
# Canonical date text -> date (None: no canonical date), and a canonical count's digits ->
# the count, for every parse in this process: dates and counts repeat across the records
# and dumps of a corpus.
_DAYS: Remembered[str, _dt.date | None] = Remembered(canonical_date, _CACHE_LIMIT)
_COUNTS: Remembered[str, int] = Remembered(int, _CACHE_LIMIT)

# Characters of text the role readers first get to read from: a page header or a
# damaged record and the lines after it that they look ahead to.
_WINDOW = 4096
# Lines past the one a role reader reads that it may look at (whether the next record
# starts there): a template read in a window that does not reach the end of the text
# waits for more lines rather than read its last lines without them.
_PAST = LOOKAHEAD - LONGEST


# The record patterns (_record_patterns) spell the layouts out line by line; they
# must agree with the grammar table.
assert LAYOUTS[Layout.FULL] == (
    Role.AUTHOR, Role.AUTHOR_AGAIN, Role.DATE_LINE, Role.BLANK, Role.TITLE, Role.BLANK,
    Role.SUMMARY, Role.BLANK, Role.TAG_LINE, Role.STATS, Role.TITLE_AGAIN,
)  # fmt: skip
assert LAYOUTS[Layout.COMPACT] == (
    Role.AUTHOR, Role.DATE_LINE, Role.TITLE, Role.SUMMARY, Role.TAG_LINE, Role.STATS,
)  # fmt: skip

# The spaces beside a separator written with no-break ones: ``\u00a0·\u00a0`` and the like.
_NBSP_SIDES = frozenset(["\u00a0\u00a0", "\u00a0 ", " \u00a0"])


# The longest avatar text that may name its author: a few words, and a bound on
# looking for a name in a line (quadratic in its length at worst).
_AVATAR_TEXT = 200
# The lines not blank from a full record's second line to the next record's first (the
# date line, title, summary, tag line, stats, title again and the next author line).
_FILLED_TO_NEXT_RECORD = sum(role is not Role.BLANK for role in LAYOUTS[Layout.FULL]) - 1


def _names(text: str, name: str) -> bool:
    """Whether ``text`` holds ``name`` as words of its own (``Amap Tech's avatar``)."""
    at = text.find(name) if name else -1
    while at != -1:
        end = at + len(name)
        if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return True
        at = text.find(name, at + 1)
    return False


# The most letters a letter avatar shows: ``A``, ``AT`` or ``TCD`` for ``Tencent Cloud Developer``.
_LETTER_AVATAR = 3


def _abbreviates(text: str, name: str) -> bool:
    """Whether ``text`` is a letter avatar of ``name``, which a site draws where a user
    has no picture: the name's first letters (``A``, ``阿里`` for ``阿里云``), or the
    first letters of its words, or of its first and last word (``AT`` for ``Amap Tech``,
    ``TD`` for ``Tencent Cloud Developer``), in any case."""
    if not 0 < len(text) <= _LETTER_AVATAR or not text.isalnum():
        return False
    text, name = text.casefold(), name.casefold()
    initials = "".join(word[0] for word in name.split() if word[0].isalnum())  # not & in R & D
    return (
        name.startswith(text)
        or initials.startswith(text)
        or (len(initials) > 2 and text == initials[0] + initials[-1])
    )


def _said_twice(line: str) -> str | None:
    """The author an author line holds twice, where a copy ran the repeated author line
    into it (a page that sets the two side by side): ``Amap TechAmap Tech``, ``Amap Tech
    Amap Tech``, ``21CTO 21CTO``. Else None, as for a name whose halves are alike but may
    be the name itself: a plain word twice (``Duran Duran``, ``Bonbon``), where no seam
    shows a name's end run into its start (``hA`` in ``TechAmap``)."""
    line = line.strip()
    for gap in (0, 1):  # run together, or a space, tab or no-break space between
        half, odd = divmod(len(line) - gap, 2)
        name, between = line[:half], line[half : half + gap]
        if odd or half < 2 or line[half + gap :] != name or (gap and not between.isspace()):
            continue
        if " " in name or _seam(name + name[0] if gap == 0 else name):  # run together: its seam too
            return name
    return None


def _seam(text: str) -> bool:
    """Whether two neighbours in ``text`` are a lowercase letter and a capital, a letter
    and a digit, or a letter or digit and something else: where names are joined."""
    return any(
        (a.islower() and b.isupper()) or a.isdigit() != b.isdigit() or a.isalnum() != b.isalnum()
        for a, b in pairwise(text)
    )


def _similar(a: str, b: str) -> bool:
    """Whether a repeated line that differs is still recognisably the same text."""
    shorter, longer = sorted((len(a), len(b)))
    if not shorter or 5 * shorter < 4 * longer:
        return False  # cheap: most unrelated lines differ in length
    if a[0].casefold() != b[0].casefold() and a[-1].casefold() != b[-1].casefold():
        return False  # a slight change seldom touches both ends
    if a.casefold().split() == b.casefold().split():
        return True
    if longer > 200:
        return False
    import difflib  # only lenient reading of damaged text gets here

    matcher = difflib.SequenceMatcher(None, a, b)
    return matcher.quick_ratio() >= 0.8 and matcher.ratio() >= 0.8


_LINE_AND_COLUMN = operator.attrgetter("line", "column")
_LINE = operator.attrgetter("line")

_Match = Callable[[str, int], "re.Match[str] | None"]


@functools.cache
def _record_patterns(newline: str) -> tuple[_Match, _Match]:
    """Matchers of a canonical record in the full and in the compact layout.

    Each captures author, date text, category, title, summary, tag line, likes and
    read minutes: text fields not empty, without surrounding whitespace (``\\s`` is
    exactly what ``str.strip`` strips) and not starting with a byte order mark (see
    :func:`~feedparse_txt.model.check_text`), the repeated author and title equal to the
    first, blank lines empty, the counts canonical. Whether the date text is a
    canonical date (it has the shape of one) is looked up after the match. A
    compact record's second line is not its first again (that is a full record).
    """
    nl = re.escape(newline)
    field = _text_line(newline)
    author = _text_line(newline, "author")
    title = _text_line(newline, "title")
    date_line = rf"([A-Z][a-z][a-z] [1-9][0-9]?, [0-9]{{4}}) · {field}"  # the shape of canonical dates
    stats = rf"({PLAIN_COUNT}) likes · ({PLAIN_COUNT}) min read"
    end = rf"(?:{nl}|\Z)"
    full = (
        rf"{author}(?P=author){nl}{date_line}{nl}{title}{nl}{field}{nl}{field}"
        rf"{stats}{nl}(?P=title){end}"
    )
    compact = rf"{author}(?!(?P=author){end}){date_line}{field}{field}{field}{stats}{end}"
    return re.compile(full).match, re.compile(compact).match


def _text_line(newline: str, name: str = "") -> str:
    """The pattern of a line of free text and its ending, the text captured (in a
    group called ``name``, if given): not empty, without surrounding whitespace,
    not starting with a byte order mark.

    The ending comes right after the run of characters and the test for trailing
    whitespace after it, so that a line that is not one fails in one pass, not by
    giving back one character at a time.
    """
    nl, stop = re.escape(newline), re.escape(line_break(newline))
    group = f"?P<{name}>" if name else ""
    return rf"({group}[^\s{BOM}][^{stop}]*){nl}(?<=\S{nl})"


# A canonical line of each header role that is not fixed text, its numbers captured in
# groups named as the Header fields they fill.
_HEADER_LINES = {
    Role.ARTICLE_COUNT: rf"(?P<article_count>{PLAIN_COUNT}) articles",
    Role.PAGE_OF: rf"Page (?P<page>{PLAIN_COUNT}) of (?P<page_count>{PLAIN_COUNT})",
    Role.COUNT_AND_PAGE: (
        rf"(?P<article_count>{PLAIN_COUNT}) articles{SEPARATOR}"
        rf"Page (?P<page>{PLAIN_COUNT}) of (?P<page_count>{PLAIN_COUNT})"
    ),
    Role.VIEWS_LINE: rf"(?P<views>{PLAIN_COUNT}){re.escape(VIEWS_TAIL)}",
}


# What every page header starts with ("Tag"; commonprefix compares characters, as wanted
# here, not paths): tested before the patterns are tried.
_HEADER_START = os.path.commonprefix([LITERALS[roles[0]] for roles in HEADER_STYLES.values()])  # noqa: RUF071


@functools.cache
def _header_patterns(newline: str) -> dict[HeaderStyle, _Match]:
    """Matchers of a canonical page header in each style, built from its template;
    the tag (``tag``) and numbers are captured in groups named as the Header fields."""
    nl = re.escape(newline)

    def line(role: Role) -> str:
        if role in LITERALS:
            return re.escape(LITERALS[role]) + nl
        if role is Role.TAG_NAME:
            return _text_line(newline, "tag")
        return _HEADER_LINES[role] + nl

    return {style: re.compile("".join(map(line, roles))).match for style, roles in HEADER_STYLES.items()}


def _position(error: ParseError) -> tuple[int, int]:
    return (error.line or 0, error.column or 0)


def _prefix_column(expected: str, found: str) -> int:
    column = 0
    for x, y in zip(expected, found, strict=False):
        if x != y:
            break
        column += 1
    return column + 1


class _Unfinished(Exception):
    """The lines in hand ended inside a template, and the text goes on: read it
    again with more lines (internal signal)."""


class _Truncated(Exception):
    """The text ended inside a template (internal signal), after the repairs
    ``problems`` (lenient mode) on the lines before."""

    def __init__(
        self, error: ParseError, values: Values, roles_read: int, problems: list[ParseError]
    ) -> None:
        super().__init__(error)
        self.error = error
        self.values = values
        self.roles_read = roles_read
        self.problems = problems


class Machine:
    """Feed it blocks of lines; it appends articles, problems and document entries."""

    def __init__(
        self,
        *,
        strict: bool,
        keep_document: bool = True,
        reference_date: _dt.date | None = None,
        date_order: str | None = None,
        source_name: str | None = None,
        bom: bool = False,
        encoding: str | None = None,
        track_lines: bool = False,
        known_tags: KnownTags = NO_KNOWN_TAGS,
        text_in_parts: bool = False,
    ) -> None:
        check_reference_date(reference_date)
        check_date_order(date_order)
        self.strict = strict
        self.keep_document = keep_document
        # A caller that takes what each block brought may take a stretch of unusable
        # text as parts, a text entry a block: see _unusable.
        self.text_in_parts = text_in_parts
        self.reference_date = reference_date
        self.date_order = date_order
        self.source_name = source_name
        self.articles: list[Article] = []  # new articles; a streaming caller drains this
        # With track_lines, the first line (1-based) of each of those articles.
        self.first_lines: list[int] | None = [] if track_lines else None
        self.problems: list[Problem] = []
        # The first line (1-based) of the first record read, once one is: a hint about
        # what the text is belongs to a problem before it (see parsing._hinted).
        self.first_record_line: int | None = None
        self.entries: list[Entry] = []
        self.headers: list[Header] = []
        self.bom = bom
        self.encoding = encoding
        self.newline: str | None = None
        self.final_newline = True
        self._pending = ""  # text of a block not read yet: it waits for the next block
        self._ends_with_newline = False
        # The window the role readers work on: lines, their endings when they mix
        # styles, and whether it reaches the end of the whole text.
        self._lines: list[str] = []
        self._endings: list[str] | None = None
        self._final = False
        # Whether the window's last line has no line ending: the text stops there, or
        # (see _read_to_seam) a page cut off there and joined to the next.
        self._open_end = False
        # What ends there, as problems name it: the text, or a page joined to the next.
        self._end_name = "text"
        # Whether the text is a copy double-spaced: a blank line after every line, as a
        # word processor writes it (or universal newlines read CR CR LF). Told by its
        # first lines, None until they are in hand; its blank lines where none belong
        # are then one problem, not one a line (see _report).
        self._double_spaced: bool | None = None
        self._spacing_reported = False
        # The line split last (see _split_joined): its number, its second part and the
        # column that part starts at, where whitespace at its end is found.
        self._split_at: tuple[int, str, int] | None = None
        self._base = 0  # lines read so far: the line number of the window's first line, minus one
        self._started = False
        self._count = 0  # articles produced so far: the index of the next one
        self._run: list[object] | None = None  # the open RecordRun: [start, stop, layout]
        self._tag_list = known_tags  # the caller's; each header adds its page's own tag
        self._known = known_tags
        # The codes of the line endings reported as not the text's style: mixed-newlines
        # (LF in a CRLF text, or CRLF in an LF one) and cr-cr-lf, each at its first line.
        self._endings_reported: set[str] = set()
        # Lenient: no header or record starts on the lines before this one (0-based);
        # a longer stretch of unusable text is not scanned again from its start.
        self._scanned = 0
        # Lenient, streamed without a document: an unusable stretch longer than a block
        # is read in parts as the blocks come (see _unusable), not held whole until it
        # ends. The line (0-based) where the part read last ended.
        self._unusable_goes_on: int | None = None
        # The line (0-based) where the stray blank lines read last ended (see
        # _stray_blank_lines): blank lines from there go on with them, with no problem.
        self._blank_lines_end = -1
        # Whether the window reaches the end of the text in hand (the block read).
        self._window_ends_block = False
        # Lenient: the avatar text of a site whose avatars are not its authors' names
        # ("avatar" after every author line), once a record has read with it.
        self._avatar: str | None = None
        # Lenient: how the copy wrapped the records read so far whose long lines it
        # broke (the width: their longest line, or a little less than it wrapped at).
        self._wrapping: Wrapping | None = None
        # Lenient: the last record read lacked its repeated author line (a site whose
        # avatars have no text lacks it on every record): one that reads so too is read
        # so without weighing it against a compact reading.
        self._without_author_again = False
        # Lenient: two readings of a record are being weighed (_reading_cost); the
        # records they look for after blank lines are told by their first lines alone,
        # or weighing them would nest without end.
        self._weighing = False
        # Whether a seam's page is being read to a seam of its own (see _reads_to_seam):
        # that one's page must read whole, or looking on would nest without end.
        self._seam_in_seam = False
        # Lenient: where _resync last found a header or record to start and what it
        # identified there (the line's number in the text, the template), so that
        # reading it does not identify it again.
        self._anchor: tuple[int, HeaderStyle | Layout] | None = None
        # Strict: the first line whose ending differs from the first line's, as (0-based
        # line number, error). Reading goes on past it (its text is fine) until a
        # later deviation or the record that holds it is read; then this is the error.
        self._bad_ending: tuple[int, ParseError] | None = None

    def take_entries(self) -> list[Entry]:
        """Take the document entries made so far, for a caller that writes the
        document as it is read. The open run of canonical records is closed into its
        entry; the next record opens another."""
        self._close_run()
        taken = self.entries
        self.entries = []
        return taken

    def take_problems(self, *, final: bool) -> list[Problem]:
        """Take the problems found so far on lines already read, in text order (as
        :meth:`dump` lists them); after the final block, all of them. Problems on
        lines still to be read stay: one found later may come before them."""
        self.problems.sort(key=_LINE_AND_COLUMN)
        ready = len(self.problems) if final else bisect.bisect_right(self.problems, self._base, key=_LINE)
        taken = self.problems[:ready]
        del self.problems[:ready]
        return taken

    # ------------------------------------------------------------------ input

    def feed(self, text: str, *, final: bool) -> None:
        """Read the next block of the text: whole lines, except that the final block
        holds whatever follows the last line ending. What cannot be read yet waits
        for the next block."""
        if self._pending:
            text = self._pending + text
            self._pending = ""
        if not final and not text.endswith("\n"):
            cut = text.rfind("\n") + 1
            text, self._pending = text[:cut], text[cut:]
            if not text:
                return  # no whole line yet
        if self.newline is None:
            self.newline = newline_of(text) or "\n"
        if text:
            self._ends_with_newline = text.endswith(line_break(self.newline))
        if final:
            self.final_newline = self._ends_with_newline
        if not self._started and text:
            self._started = True
            text = self._check_bom(text)
        pos = self._read_text(text, final)
        if pos < len(text):
            self._pending = text[pos:]

    def _check_bom(self, text: str) -> str:
        """``text`` without a byte order mark at its start, which it reports."""
        if not text.startswith(BOM):
            return text
        error = ParseError(
            "bom",
            "text",
            "a byte order mark (U+FEFF) at the start of the text",
            "; decode files with 'utf-8-sig' or pass the path or bytes",
        )
        self._report(error)
        self.bom = True
        return text[1:]

    def _check_endings(self) -> None:
        """Report the first line of the window whose ending is not the text's style, of
        each kind not reported yet (strict: the first of any)."""
        assert self._endings is not None
        style = self.newline or "\n"
        for index, ending in enumerate(self._endings):
            if not ending or ending == style:
                continue
            code, expected, detail = (
                ("cr-cr-lf", "line endings", " (line endings converted to CRLF twice?)")
                if ending == CR_CR_LF
                else ("mixed-newlines", "line endings like line 1", "")
            )
            if code in self._endings_reported:
                continue
            line = self._lines[index]
            error = ParseError(
                code,
                f"{_NEWLINE_NAMES[style]} {expected}",
                _NEWLINE_NAMES[ending],
                f" after {quote(line)}{detail}",
                line=self._base + index + 1,
                column=len(line) + 1,
            )
            self._endings_reported.add(code)
            if self.strict:
                self._bad_ending = (self._base + index, error)
                return
            self.problems.append(error.problem)

    def _report(self, error: ParseError) -> None:
        if self._double_spaced:
            spaced = self._spaced(error)
            if spaced is None:
                return
            error = spaced
        if self.strict:
            if self._bad_ending is not None and _position(error) > _position(self._bad_ending[1]):
                error = self._bad_ending[1]  # the line ending comes first
            if self.source_name:
                error.source = self.source_name
            # Often raised while the machine handles its own signal of a cut-off
            # record: that is how it found the error, not part of the user's story.
            raise error from None
        self.problems.append(error.problem)

    def _spaced(self, error: ParseError) -> ParseError | None:
        """``error`` in a copy double-spaced: the first blank line where none belongs
        says the copy is (strict: the first deviation, at a blank line); the others are
        the spacing's, with no problem of their own (None)."""
        k = (error.line or 0) - self._base - 1
        blank = 0 <= k < len(self._lines) and not self._lines[k].strip()
        if self.strict:
            return error.amended(detail=error.detail + _DOUBLE_SPACED) if blank else error
        if error.code != "extra-blank-line":
            return error
        if self._spacing_reported:
            return None
        self._spacing_reported = True
        return error.amended(found="a blank line after every line", detail=_DOUBLE_SPACED + _SKIPPED_ALL)

    # ------------------------------------------------------------------ main loop

    def _read_text(self, text: str, final: bool) -> int:
        """Read ``text`` as far as it can be read now; where that ends.

        Canonical records are read straight from the text by one regular
        expression each; anything else (a header, a damaged record, text it
        cannot use) is read by the role readers, one template at a time, on a
        window of the lines that follow.
        """
        pos, size = 0, len(text)
        while pos < size:
            start = pos
            if self._unusable_goes_on is None:  # (else _resync tells where it ends, as in a whole text)
                pos = self._read_records(text, pos)
            if pos > start and self._double_spaced is None:
                self._double_spaced = False  # canonical lines come one after another
            if pos == size:
                break
            read = self._read_lines(text, pos, final)
            if not read:
                break  # the next block must show where this ends
            pos += read
        return pos

    def _read_records(self, text: str, pos: int) -> int:
        """Read the canonical records that start at ``pos``; where they stop."""
        full, compact = _record_patterns(self.newline or "\n")
        while True:
            start = pos
            pos = self._read_run(text, pos, Layout.FULL, full)
            pos = self._read_run(text, pos, Layout.COMPACT, compact)
            if pos == start:
                pos = self._read_header(text, pos)
                if pos == start:
                    return pos

    def _read_header(self, text: str, pos: int) -> int:
        """Read a canonical page header at ``pos`` that a canonical record follows, as
        the role readers would read it; where it stops (``pos``: no such header).

        A page header starts every page copied, so a corpus of short pages has one
        every few records; read role by role, one costs as much as ten records."""
        found = self._header_at(text, pos)
        if found is None:
            return pos
        header, end = found
        self._add_header(header, None)
        self._base += len(HEADER_STYLES[header.style])
        return end

    def _header_at(self, text: str, pos: int) -> tuple[Header, int] | None:
        """The canonical page header at ``pos`` and where it ends, if a canonical record
        follows it (what follows otherwise, the role readers read with the header)."""
        if not text.startswith(_HEADER_START, pos):
            return None
        newline = self.newline or "\n"
        for style, header_at in _header_patterns(newline).items():
            match = header_at(text, pos)
            if match is not None:
                end = match.end()
                if not self._record_at(text, end):
                    return None
                fields = match.groupdict()
                tag = fields.pop("tag", None)
                header = Header(style=style, tag=tag, **{name: int(value) for name, value in fields.items()})
                if _pages_error(header, match[0]) is not None:
                    return None  # read role by role, which names the fault
                return (header, end) if render_header(header, newline) == match[0] else None
        return None

    def _read_run(self, text: str, pos: int, layout: Layout, record: _Match) -> int:
        """Read the canonical records in ``layout`` that start at ``pos``; where they stop."""
        days, counts = _DAYS, _COUNTS
        articles, known = self.articles, self._known
        count = self._count
        while (match := record(text, pos)) is not None:
            author, date_text, category, title, summary, tags, likes, minutes = match.groups()
            day = days[date_text]
            if day is None:
                break
            articles.append(
                parsed_article(
                    author, day, category, title, summary, tags, counts[likes], counts[minutes], known
                )
            )
            count += 1
            pos = match.end()
        self._records_read(self._count, count, layout)
        return pos

    def _records_read(self, start: int, stop: int, layout: Layout) -> None:
        """Account for the canonical records ``start`` to ``stop``, read in ``layout``."""
        if stop > start:
            self._count = stop
            size = len(LAYOUTS[layout])
            if self.first_record_line is None:
                self.first_record_line = self._base + 1
            if self.first_lines is not None:
                self.first_lines.extend(range(self._base + 1, self._base + (stop - start) * size + 1, size))
            self._base += (stop - start) * size
            self._flush_run(start, layout)

    def _read_lines(self, text: str, pos: int, final: bool) -> int:
        """Read from ``pos`` line by line, a template (or the text it cannot use) at a
        time, until a canonical record starts; how many characters that took, 0 if
        the text in hand cannot tell yet."""
        size = len(text)
        want = _WINDOW
        while True:
            # whole lines, at least ``want`` characters
            stop = text.find(line_break(self.newline or "\n"), pos + want) + 1 or size
            self._lines, self._endings = split_lines(text[pos:stop], self.newline or "\n")
            self._anchor = None  # identified in another window
            self._window_ends_block = stop == size
            self._final = final and stop == size
            self._open_end = self._final and not self.final_newline
            if self._endings is not None and len(self._endings_reported) < 2 and self._bad_ending is None:
                self._check_endings()
            i = read = 0  # lines and characters read in this window
            n = len(self._lines)
            if self._double_spaced is None and (self._final or n >= _SPACING_LINES):
                self._double_spaced = self._base == 0 and _is_double_spaced(self._lines[:_SPACING_LINES])
            if self._double_spaced is None:
                n = 0  # the first lines, to tell whether the copy is double-spaced, are not all in hand
            while i < n and (self._final or i + LOOKAHEAD <= n):
                end = self._step(i, n)
                if end == i:
                    break  # where unusable text ends shows only further on
                n = len(self._lines)  # one more where a line was split (see _joined)
                read = min(stop - pos, read + self._length(i, end))
                i = end
                if self._bad_ending is not None and self._base + i > self._bad_ending[0]:
                    self._report(self._bad_ending[1])  # read past it with no other deviation
                if self._starts_canonical(text, pos + read):
                    break
            self._base += i
            if i or stop == size:
                return read
            want *= 8

    def _starts_canonical(self, text: str, pos: int) -> bool:
        """Whether a canonical record, or a canonical header and record, start at ``pos``."""
        return self._record_at(text, pos) or self._header_at(text, pos) is not None

    def _record_at(self, text: str, pos: int) -> bool:
        full, compact = _record_patterns(self.newline or "\n")
        return bool(full(text, pos) or compact(text, pos))

    def _length(self, start: int, end: int) -> int:
        """The length of lines ``start`` to ``end`` of the window, with their endings."""
        length = sum(map(len, self._lines[start:end]))
        if self._endings is not None:
            return length + sum(map(len, self._endings[start:end]))
        return length + (end - start) * len(self.newline or "\n")

    def _flush_run(self, start: int, layout: Layout | None) -> None:
        """Record that the articles from ``start`` to now are canonical in ``layout``."""
        if layout is not None and self.keep_document and self._count > start:
            run = self._run
            if run is not None and run[1] == start and run[2] is layout:
                run[1] = self._count
            else:
                self._close_run()
                self._run = [start, self._count, layout]

    # ------------------------------------------------------------------ slow path

    def _step(self, i: int, n: int) -> int:
        """Read whatever starts at line ``i`` with full checks; return where it ends
        (``i``: the lines in hand cannot tell yet)."""
        try:
            return self._read_template(i, n)
        except _Unfinished:
            return i  # read again once more lines are in hand

    def _read_template(self, i: int, n: int) -> int:
        """:meth:`_step`, but raising _Unfinished wherever the lines in hand run out."""
        if self._unusable_goes_on == self._base + i:
            end = self._more_unusable(i, n)
            if end > i:
                self._keep(i, end)
            if end > i or self._unusable_goes_on is not None:
                return end  # kept more of it, or the lines in hand cannot tell yet
        anchor, self._anchor = self._anchor, None
        identified = anchor[1] if anchor is not None and anchor[0] == self._base + i else self._identify(i, n)
        kind = identified or self._likeliest(i, n)
        if kind is None and _is_blank(self._lines[i]):
            return self._stray_blank_lines(i, n)
        read = None  # a full record read for a line of it doubled, where nothing else starts
        if kind is None:
            read = None if self.strict else self._read_doubled(i, n, None, sure=False)
            if read is None:
                return self._unusable(i, n, self._unexpected(i))
            kind = Layout.FULL
        layout = identified if isinstance(identified, Layout) and not self.strict else None
        quick = self._read_padded(i, layout) if layout is not None else None
        if quick is not None:
            values, end, untidy = quick
            self.problems.extend(untidy)  # lenient reading only: recorded, never raised
            self._add(kind, values, i, end, canonical=False)
            self._without_author_again = False  # the pattern reads the author line twice
            return end
        sure = layout is not None
        try:
            try:
                values, end, problems = read or self._read(i, n, kind, repair=not self.strict, sure=sure)
            except ParseError as error:
                if self.strict or isinstance(kind, HeaderStyle):
                    raise
                if (doubled := self._read_doubled(i, n, kind, sure=sure)) is not None:
                    kind, (values, end, problems) = Layout.FULL, doubled
                elif kind is Layout.FULL:
                    values, end, problems = self._read_wrapped(i, n, error, sure=sure)
                else:
                    raise
        except _Truncated as cut:
            # Cut off by the end of the text: any of its lines may be a page's last line cut
            # off, the next page run into it, which read as its fields up to there (a views
            # header's lines have blank lines where a record's are). Once a text, at its end.
            lines = range(i, n)
            foretold = self._foretold(i, n, kind, lines) if isinstance(kind, Layout) else None
            seam = self._first_seam(lines, n, foretold)
            if seam is not None:
                return self._read_to_seam(i, seam, n)
            return self._truncated(i, n, kind, cut)
        except ParseError as error:
            layout = kind if isinstance(kind, Layout) else Layout.FULL
            return self._unusable(i, n, self._first_deviation(i, n, kind, error), layout)
        joined = next((problem for problem in problems if problem.code == "joined-lines"), None)
        if problems and joined is None:
            seam = self._repaired_seam(i, end, n, kind, problems)
            if seam is None and kind is Layout.FULL and Role.TITLE_AGAIN not in values:
                # Its title again missing where a record starts: the page cut off inside
                # it, a compact record run into it (see _seam)? In a copy double-spaced,
                # past the spacing's blank line.
                at = self._next_filled(end - 1, n) if self._double_spaced else end
                if at is not None:
                    seam = self._first_seam([at], n, {at: _Foretold(str(values[Role.TITLE]), free=0)})
            if seam is not None:
                return self._read_to_seam(i, seam, n)
        for problem in problems:
            self._report(problem)
        if joined is not None:
            self._split_joined(end - 1, joined.column - 1)
        self._add(kind, values, i, end, canonical=not problems)
        if joined is not None:
            self._base -= 1  # numbered from here on, the line after the split is the line split
        if isinstance(kind, Layout):
            self._without_author_again = kind is Layout.FULL and self._author_again_missing(problems, i)
        return end

    def _repaired_seam(
        self, i: int, end: int, n: int, kind: HeaderStyle | Layout, problems: list[ParseError]
    ) -> tuple[int, int, HeaderStyle | Layout] | None:
        """The first seam (see _seam) in a line from ``i`` to ``end`` that the reading of
        ``kind`` there repaired (``problems``), or read before the first repair: a line
        repaired (an author or title again that differs), or one that reads as its field
        though the lines after it do not (a date line ``… · Backend DTagged articles``),
        may be a page's last line cut off, the next page run into it. A page header in a
        line that read as its field must be followed by what a page goes on with: else
        the record read with its repairs is likelier (a date line ``Jan 1, 2000 · Tag``,
        then a title and a summary that read as a views header's lines, and a blank
        line too many after them)."""
        repaired = {problem.line - self._base - 1 for problem in problems if problem.line}
        first = min((k for k in repaired if k >= i), default=i)
        lines = sorted(k for k in repaired.union(range(i, first + 1)) if k < end)
        foretold = self._foretold(i, n, kind, lines) if isinstance(kind, Layout) else None
        return self._first_seam(lines, n, foretold, read=set(lines) - repaired)

    def _read_doubled(
        self, i: int, n: int, kind: Layout | None, *, sure: bool
    ) -> tuple[Values, int, list[ParseError]] | None:
        """Read the record at line ``i``, which did not read as ``kind`` (None: nothing
        seemed to start there), as a full record one of whose lines a copy doubled:
        the double kept its first lines from telling it for sure (its avatar left no
        text, and the double stands where a blank line was to show it). None if no
        line it would take is the one before again, or it does not read so."""
        if kind is Layout.FULL and sure:
            return None  # read so already
        reach = (2 if self._double_spaced else 1) * LONGEST
        if i + reach > n and not self._final:
            raise _Unfinished  # (a stream: the lines it would take run past those in hand)
        taken = range(i + 1, min(i + reach, n))  # the lines after its first it would take
        if all(self._lines[k].strip() for k in taken[:5]):
            return None  # no blank line among its first: a compact record's lines (a quick test)
        if not any(self._repeats_line_before(k) for k in taken):
            return None
        try:
            values, end, problems = self._read(i, n, Layout.FULL, sure=True)
        except (ParseError, _Truncated):
            return None
        codes = {problem.code for problem in problems}
        if "doubled-line" not in codes or "missing-blank-line" in codes or Role.TITLE_AGAIN not in values:
            # A compact record, which a full one reads with repairs: its blank lines
            # missing, or, double-spaced (the spacing's blank lines read as those), its
            # title again.
            return None
        return values, end, problems

    def _read_wrapped(
        self, i: int, n: int, error: ParseError, *, sure: bool
    ) -> tuple[Values, int, list[ParseError]]:
        """Read the full record at line ``i``, which did not read (``error``), as a copy
        that wraps long lines would have broken it: its title, summary, tag line and
        title again each over as many lines as they take. Raise ``error`` unless the
        breaks look like a wrapping tool's (see :meth:`Wrapping.of`)."""
        wrapped: list[tuple[Role, int, int]] = []
        try:
            values, end, problems = self._read(i, n, Layout.FULL, sure=sure, wrapped=wrapped)
        except ParseError:
            raise error from None
        except _Truncated as cut:
            self._join_wrapped(self._lines[i:n], wrapped, cut.values, cut.problems, error, cut=True)
            raise
        self._join_wrapped(self._lines[i:end], wrapped, values, problems, error, cut=False)
        return values, end, problems

    def _join_wrapped(
        self,
        lines: list[str],
        wrapped: list[tuple[Role, int, int]],
        values: Values,
        problems: list[ParseError],
        error: ParseError,
        *,
        cut: bool,
    ) -> None:
        """Set each field of ``wrapped`` (its role, first and last line in ``lines``) to
        the line it was before the copy wrapped the record ``lines`` (read with
        ``problems``; ``cut``: cut off by the end of the text); raise ``error`` if the
        breaks do not look like a wrapping tool's.

        A title wrapped is wrapped again where the record repeats it (a line of the
        site's text after a title is not). No blank line is missing: where one is, a
        field read as going on may be the next one (a summary the tag line). The
        author line is repeated: where an avatar stands in its place, the line taken
        for the author may be the end of the title again before it (an avatar's text
        is told by counting lines to the next record, which wrapping changes).
        """
        again = any(role is Role.TITLE_AGAIN for role, _first, _last in wrapped)
        if not again and not cut and any(role is Role.TITLE for role, _first, _last in wrapped):
            raise error
        if any(problem.code in _NOT_WITH_WRAPPING for problem in problems):
            raise error
        fields = [(role, first, last) for role, first, last in wrapped if role is not Role.TITLE_AGAIN]
        breaks = [b for _role, first, last in fields for b in range(first, last)]
        wrapping = Wrapping.of(lines, breaks, self._wrapping, repeated=again)
        if wrapping is None:
            raise error
        for role, first, last in fields:
            values[role] = wrapping.join(lines[first : last + 1])
        self._wrapping = wrapping

    def _read_padded(self, i: int, layout: Layout) -> tuple[Values, int, list[Problem]] | None:
        """What :meth:`_read` makes of a record whose only faults are whitespace around
        some of its lines (a copy that left a space at their ends) and no-break spaces
        around the separator of its date or stats line (``&nbsp;·&nbsp;``): read tidied
        by the record pattern, in one match; None if that does not read it.

        The same values and problems: a line with whitespace around it never reads as
        it stands, nor does a date or stats line without a plain `` · ``, so each one
        is tidied with one problem; a line without reads as it stands where the
        pattern reads it; and no repair touches a canonical line of its role.
        """
        roles = LAYOUTS[layout]
        end = i + len(roles)
        lines = self._lines[i:end]  # fewer at the end of the text: the pattern reads none
        # fewer lines than roles at the end of the text
        tidied = [self._padding_tidied(line, role) for line, role in zip(lines, roles, strict=False)]
        untidy = [k for k, line in enumerate(lines) if tidied[k] != line]
        if not untidy:
            return None  # damage of another kind, which _read names
        tidied.append("")
        full, compact = _record_patterns("\n")
        match = (compact if layout is Layout.COMPACT else full)("\n".join(tidied), 0)
        if match is None:
            return None
        author, date_text, category, title, summary, tags, likes, minutes = match.groups()
        day = _DAYS[date_text]
        if day is None:
            return None
        values: Values = {
            Role.AUTHOR: author,
            Role.DATE_LINE: (day, category),
            Role.TITLE: title,
            Role.SUMMARY: summary,
            Role.TAG_LINE: tags,
            Role.STATS: Stats(int(likes), int(minutes)),
        }
        number = self._base + i + 1
        return values, end, [self._untidy_problem(lines[k], number + k) for k in untidy]

    def _padding_tidied(self, line: str, role: Role) -> str:
        """``line`` of ``role`` as :meth:`_read_padded` reads it: without whitespace
        around it; a line of fixed shape with whitespace around it or a no-break space
        by its dot also as :meth:`_tidy` makes it (no invisible characters around it,
        a plain `` · ``)."""
        stripped = line.strip()
        if role in TEXT_ROLES or role in REPEATS:
            return stripped
        if stripped != line or (role in _SEPARATED and _nbsp_separated(line)):
            return self._tidy(line)
        return line

    def _identify(self, i: int, n: int) -> HeaderStyle | Layout | None:
        """What template starts at line ``i``, from its first lines (None: nothing)."""
        lines = self._lines
        first = lines[i]
        if not first or first.isspace():
            return None
        second = lines[i + 1] if i + 1 < n else None
        third = lines[i + 2] if i + 2 < n else None
        tidy = self._tidy(first)
        if second is None:  # one last line: a header or record cut off after it
            if not self._final:
                return None
            # An author called ``Tag`` is rarer than a page pasted after the last one.
            return next(
                (style for style, roles in HEADER_STYLES.items() if _is_literal(roles[0], tidy)), Layout.FULL
            )
        if _opens_a_header(tidy):
            header = self._header_style(i, n, tidy, second)
            if header is not None and not self._author_twice_across_blanks(i, n):  # an author called Tag
                return header
        # The cheap test first: on lines alike that are no records (a log: `0001 INFO
        # started`, `0002 INFO started`), telling whether two lines are the same author
        # takes a difflib ratio, ~50 µs.
        dated = third is None or self._is_date_line(third)
        if (dated or self._cut_here(i + 2, n)) and self._same_author(first, second):
            return Layout.FULL  # (not dated: cut inside the date line, before its separator)
        if third is not None and dated and self._avatar_at(first.strip(), i + 1, n):
            return Layout.FULL
        if self._author_twice_across_blanks(i, n):
            return Layout.FULL  # Amap Tech, blank, Amap Tech, date line
        if self._is_date_line(second):
            # Blank lines after the date line and the title (lenient: one shifted by a line
            # a copy doubled before it, which the blank line after a title doubled shows).
            blanks = [i + 2, i + 4]
            if not self.strict and i + 5 < n and not lines[i + 5].strip():
                doubled = next((j for j in range(i + 2, i + 5) if self._repeats_line_before(j)), n)
                blanks = [k + (k >= doubled) for k in blanks]
            missing = all(k < n and not lines[k].strip() for k in blanks)
            if missing and not self._is_date_line(first):  # (no author line that said once is a date line)
                # The repeated author is missing (an avatar without its text), or a
                # compact record has blank lines where none belong: what reads better
                # once repaired. Strict mode repairs nothing: it names the first.
                if self.strict or self._weighing or not self._stats_fourth_after(i + 1, n):
                    return Layout.FULL
                if self._without_author_again and self._lacks_only_author_again(i, n):
                    return Layout.FULL
                full, compact = (
                    self._reading_cost(i, n, Layout.FULL),
                    self._reading_cost(i, n, Layout.COMPACT),
                )
                if compact is None or (full is not None and full <= compact):
                    return Layout.FULL
            return Layout.COMPACT
        if not second.strip() and not self._weighing and self._compact_across_blanks(i, n):
            # Java Tech Workshop, blank, Apr 17, 2026 · Backend, blank, ...; or a full
            # record whose avatar has no text, set apart: its title again after the stats.
            titled_again = self._title_again_after_stats(i, n) and (
                self.strict or self._reading_cost(i, n, Layout.FULL) is not None
            )
            return Layout.FULL if titled_again else Layout.COMPACT
        if third is None and self._open_end and first.startswith(second):
            return Layout.FULL  # cut inside the repeated author line
        if third is None and self._final:
            return Layout.COMPACT  # cut inside the date line
        return None

    def _compact_across_blanks(self, i: int, n: int) -> bool:
        """Whether a compact record whose lines are set apart by blank lines reads
        whole at line ``i`` (an author line, blank lines, a date line, ...)."""
        shaped = self._compact_shape_across_blanks(i, n)
        return shaped and self._reading_cost(i, n, Layout.COMPACT) is not None

    def _compact_shape_across_blanks(self, i: int, n: int) -> bool:
        """Whether the lines from line ``i`` have the shape of a compact record set apart
        by blank lines: a date line next after it, stats the fourth line after that (a
        quick test)."""
        date = self._next_filled(i, n)
        return (
            date is not None and self._is_date_line(self._lines[date]) and self._stats_fourth_after(date, n)
        )

    def _title_again_after_stats(self, i: int, n: int) -> bool:
        """Whether the record set apart by blank lines at line ``i`` (see
        _compact_across_blanks) has its title again after its stats: a compact record
        never repeats its title. The same title, or its start where the text ends (not
        one slightly different: ``By 0000000``, the next author after ``On 0000000``)."""
        filled = [i]
        for _ in range(6):  # the date line, title, summary, tag line, stats, and the line after
            j = self._next_filled(filled[-1], n)
            if j is None:
                return False
            filled.append(j)
        if not self.strict and self._repeats_line_before(filled[6]):  # the stats doubled by the copy
            j = self._next_filled(filled[6], n)
            if j is None:
                return False
            filled[6] = j
        title, again = (self._tidy(self._lines[filled[k]], free_text=True) for k in (2, 6))
        return again == title or (title.startswith(again) and self._next_filled(filled[6], n) is None)

    def _stats_fourth_after(self, date: int, n: int) -> bool:
        """Whether the fourth line after the date line at ``date`` that is not blank
        reads as stats (or the text ends first, or cuts it off), as in a compact record
        set apart by blank lines, maybe with the next page run into it (see _joined): a
        quick test before reading one."""
        j = date
        for _ in range(4):
            filled = self._next_filled(j, n)
            if filled is None:
                return True
            j = filled
        line = self._lines[j]
        return (
            self._cut_here(j, n)
            or self._is_stats_line(line)
            or self._is_stats_line(line[: _read_time_end(line)])
        )

    def _is_stats_line(self, line: str) -> bool:
        """Whether ``line`` reads as stats, as it stands or tidied (a quick test first:
        every stats line has its likes)."""
        return _LOOKS_LIKE[Role.STATS][0] in line.lower() and (
            self._reads_as(Role.STATS, line) or self._reads_as(Role.STATS, self._tidy(line))
        )

    def _reading_cost(self, i: int, n: int, layout: Layout) -> tuple[bool, int, int] | None:
        """How badly a record in ``layout`` reads at line ``i``, to choose between two
        readings (None: it does not read): whether the text after it fails to go on
        with a header or record (the end of the text does not), how many of its
        problems are lines missing or wrong (or the cut, if the end of the text cuts
        it off) rather than blank lines, and how many in all. (Blank lines after it
        say nothing: records pasted one after another may have them between.)"""
        self._weighing = True
        try:
            _values, end, problems = self._read(i, n, layout, sure=not self.strict)
            after = self._next_filled(end - 1, n) if end < n else None
            stray = after is not None and not self._goes_on(after, n)
        except ParseError:
            return None
        except _Truncated as cut:
            problems, stray = [*cut.problems, cut.error], False
        finally:
            self._weighing = False
        return stray, sum(p.code not in _BLANK_LINE_CODES for p in problems), len(problems)

    def _header_style(self, i: int, n: int, first: str, second: str) -> HeaderStyle | None:
        """The style of the header whose first line (``first``, tidied) is at ``i``: one
        that opens as its template says, unless only a list header's counts after blank
        lines that do not belong read (Tagged articles, blank, 949 articles, blank, ...);
        in a copy double-spaced, whose blank lines are the spacing's, so too where the
        style that opens as its template says reads whole (a list header, its last line
        cut off, would read as a named one: ``2 articles`` its tag)."""
        opening = spaced = None
        for style, roles in HEADER_STYLES.items():
            if not _is_literal(roles[0], first):
                continue
            opens = self._opens(roles[1], second) or (
                # a list header's count, the text cut off inside it (a date line starts with a month)
                roles[1] is Role.ARTICLE_COUNT
                and self._cut_here(i + 1, n)
                and article_count_cut_off(self._tidy(second))
            )
            if opening is None and (opens or self._opens_without_blank(i, n, style)):
                opening = style
            elif spaced is None and self._opens_after_blanks(i, n, roles[1]):
                spaced = style
        if spaced is not None and (
            opening is None or self._double_spaced or not self._reads_whole(i, n, opening)
        ):
            return spaced
        return opening

    def _author_twice_across_blanks(self, i: int, n: int) -> bool:
        """Whether line ``i`` is an author line, the author again (or an avatar's text,
        see :meth:`_avatar_at`) and a date line following with blank lines among them: a
        record that a lenient reader reads, and strict mode names where it deviates."""
        lines = self._lines
        if i + 2 >= n or (lines[i + 1].strip() and lines[i + 2].strip()):
            return False  # no blank line after either author line: the other rules read it
        again = self._next_filled(i, n)
        date = None if again is None else self._next_filled(again, n)
        if again is None or date is None:
            return False
        return self._is_date_line(lines[date]) and (
            self._same_author(lines[i], lines[again]) or self._avatar_at(lines[i].strip(), again, n)
        )

    def _first_deviation(self, i: int, n: int, kind: HeaderStyle | Layout, error: ParseError) -> ParseError:
        """The deviation strict mode would name first, though repairs led elsewhere; in a
        copy double-spaced, where that is the blank line after the record's first line,
        the deviation found with its blank lines passed over (see _spaced)."""
        if self.strict or self._double_spaced:
            return error
        try:
            self._read(i, n, kind, repair=False)
        except ParseError as first:
            return first
        except _Truncated:
            pass
        return error

    def _likeliest(self, i: int, n: int) -> HeaderStyle | Layout | None:
        """The template most of whose lines fit at ``i``, one of them a line of its own
        shape, so a deviation is reported where it is (a bad date on the date line, not
        "no record here"). In a copy double-spaced, judged from a line with text on the lines
        it copied: every other (a blank line there is the spacing's, no line of a template)."""
        best, best_score = None, 0.5
        step = 2 if self._double_spaced and self._lines[i].strip() else 1
        if i + step * LONGEST > n and not self._final:
            raise _Unfinished  # (a stream: the lines it copied run past those in hand)
        for kind, roles, weights, total, sources in _TEMPLATES:
            window = self._lines[i : i + step * len(roles) : step]
            fitting, left, shaped = 0, total, False
            for role, weight, line, source in zip(roles, weights, window, sources, strict=False):
                left -= weight
                if self._fits(role, line, window[source]):
                    fitting += weight
                    # Blank lines and free text fit lines of any template: only a line of
                    # its own shape (a date, counts, a fixed text, a repeat) says it is this one.
                    shaped = shaped or (role is not Role.BLANK and role not in TEXT_ROLES)
                elif (fitting + left) / total <= best_score:
                    break  # the lines left cannot make it the likeliest (blank lines between records)
            else:
                if shaped and fitting / total > best_score:
                    best, best_score = kind, fitting / total
        return best

    def _fits(self, role: Role, line: str, repeated: str) -> bool:
        """A loose test of whether ``line`` is meant to be ``role`` (which, if it repeats
        a line, repeats ``repeated``)."""
        if role in LITERALS:
            return _is_literal(role, line.strip())
        if role in REPEATS:
            return bool(line.strip()) and _similar(repeated, line)
        if role is Role.DATE_LINE:  # (not a stats line, which has a separator too)
            return self._is_date_line(line) or (SEPARATOR in line and not self._reads_as(Role.STATS, line))
        lower = line.lower()
        return bool(line.strip()) and all(word in lower for word in _LOOKS_LIKE.get(role, ()))

    def _same_author(self, first: str, second: str) -> bool:
        """Whether ``second`` is the author line ``first`` again: the same line, or,
        lenient, the same once tidied or slightly different (`` Amap Tech `` and
        ``Amap Tech``; ``Su San Talks Tech.``)."""
        if second == first:
            return True
        second = second.strip()
        return not self.strict and bool(second) and _similar(first.strip(), second)

    def _avatar_at(self, author: str, k: int, n: int) -> bool:
        """Lenient: whether line ``k``, after the line of ``author`` and before a date
        line, is the text of an avatar that is not the author's name: one that names
        the author (``Amap Tech's avatar``), a letter avatar (``AT``: see
        :func:`_abbreviates`), or the same on every record of the site
        (``avatar``): the avatar text read before, or the next record's too (its
        second line, before its date line), after a whole full record. Blank lines
        are passed over: a copy may have a blank line after every line. A line there
        that is no such text is a record start after text kept (a junk line, an
        author whose repeated line is missing)."""
        if self.strict:
            return False
        lines = self._lines
        avatar = lines[k]
        if not avatar.strip() or self._is_date_line(avatar):
            return False
        if (
            avatar == self._avatar
            or (len(avatar) <= _AVATAR_TEXT and _names(avatar, author))
            or _abbreviates(avatar.strip(), author)
        ):
            return True
        # The next record's second line stands before its date line, the next date line
        # after this record's own: as far on as a whole full record reaches, or a line
        # or two further (a line of it doubled). One sooner is a record's that lacks
        # the line: its author's, not an avatar's.
        filled = self._next_filled(k, n)  # this record's date line: line 1 not blank after k
        for number in range(2, _FILLED_TO_NEXT_RECORD + 5):
            if filled is None:
                return False
            before, filled = filled, self._next_filled(filled, n)
            if filled is not None and self._is_date_line(lines[filled]):
                return number >= _FILLED_TO_NEXT_RECORD + 2 and lines[before] == avatar
        return False

    def _opens(self, role: Role, line: str) -> bool:
        if role is Role.BLANK:
            return not self._tidy(line)
        try:
            parse_count(self._tidy(line))
        except ParseError:
            return False
        return True

    def _opens_after_blanks(self, i: int, n: int, role: Role) -> bool:
        """Whether the count line of a header that opens with ``role`` follows after
        blank lines that do not belong (Tagged articles, blank, 949 articles)."""
        if role is Role.BLANK or self._tidy(self._lines[i + 1]):
            return False
        j = self._next_filled(i + 1, n)
        return j is not None and self._opens(role, self._lines[j])

    def _opens_without_blank(self, i: int, n: int, style: HeaderStyle) -> bool:
        """Whether a header of ``style`` starts at ``i`` with the blank line after its
        first line missing: a tag name, a blank line and the header's count or views
        line follow instead (an author called ``Tag`` does not), and the "tag name" is
        not the first line of the same header reading whole (``Tag``, ``Tag``, blank,
        views line twice: text, then a header). Strict mode then names the missing
        line, not the whole header."""
        roles = HEADER_STYLES[style]
        if roles[1] is not Role.BLANK or i + 3 >= n:
            return False
        lines = self._lines
        closing = roles[4]  # the count or views line, after the tag name and a blank line
        return (
            bool(lines[i + 1].strip())
            and not lines[i + 2].strip()
            and self._reads_as(closing, self._tidy(lines[i + 3]))
            and not (_is_literal(roles[0], self._tidy(lines[i + 1])) and self._reads_whole(i + 1, n, style))
        )

    def _date_of(self, line: str) -> tuple[_dt.date, str] | None:
        """Date and category of a canonical date line, else None."""
        date_text, _separator, category = line.partition(SEPARATOR)
        day = _DAYS[date_text]
        if day is None or not category or category.strip() is not category:
            return None
        return day, category

    def _is_date_line(self, line: str) -> bool:
        if "·" not in line and _look_alike_dot(line) is None:
            return False  # every date line has its separator (or a dot that looks like it)
        if self._date_of(line) is not None:
            return True
        tidy = self._tidy(line)
        if tidy is not line and self._date_of(tidy) is not None:
            return True  # canonical once tidied, as where a copy left a space at each line's end
        if self._reads_as(Role.STATS, tidy):
            return False  # stats have the separator too; not worth a dateutil call
        text = tidy if self.strict else _respaced(tidy, Role.DATE_LINE)
        try:
            parse_date_line(text, reference_date=self.reference_date, date_order=self.date_order)
        except ParseError as error:
            # A date written as one that names no day (Aug 32) is a date line too: the
            # record it starts is found, and named on its own, not read as part of the text
            # before it.
            return error.code in _DATES_TO_RESOLVE or (error.code == "bad-date" and has_a_dates_shape(text))
        return True

    def _tidy(self, line: str, free_text: bool = False) -> str:
        """What a lenient reader makes of a line: no surrounding blanks, and no byte
        order mark at its start; unless it is free text, which holds any other
        character as strict reading does, no invisible characters around it (a line
        of zero-width spaces is a blank line) and plain spaces around its separator."""
        if self.strict:
            return line
        tidy = line.strip() if padded(line) else line
        if free_text:
            # A byte order mark where a page pasted after another starts: no field holds one there.
            while tidy[:1] == BOM:
                tidy = tidy[1:].strip()
            return tidy
        while tidy and (tidy[0] in _INVISIBLE or tidy[-1] in _INVISIBLE):
            tidy = tidy.strip(_INVISIBLE).strip()
        if "\u00a0" in tidy:  # the first middle dot with a no-break space beside it
            before, dot, after = tidy.partition("·")
            if dot and before[-1:] + after[:1] in _NBSP_SIDES:
                tidy = before[:-1] + SEPARATOR + after[1:]
        return tidy

    def _read(
        self,
        i: int,
        n: int,
        kind: HeaderStyle | Layout,
        *,
        repair: bool = True,
        sure: bool = False,
        wrapped: list[tuple[Role, int, int]] | None = None,
    ) -> tuple[Values, int, list[ParseError]]:
        """Read the template ``kind`` at line ``i``, role by role.

        A lenient reader also repairs what it can be sure of, each with a problem:
        surrounding whitespace, no-break spaces around the separator, a missing or
        doubled blank line, a repeated line that differs slightly, a missing
        repeated title (the next record starts in its place); ``sure`` (a record
        identified from its first lines, not the likeliest template) also a line
        doubled by the copy. ``repair=False`` reads as strict mode does, to name the
        first deviation; but a lenient reader passes over the blank lines of a copy
        double-spaced (see _spaced) there too: they are how the whole copy is spaced.
        """
        roles = HEADER_STYLES[kind] if isinstance(kind, HeaderStyle) else LAYOUTS[kind]
        values: Values = {}
        problems: list[ParseError] = []
        k, r = i, 0
        repaired = -1  # the role a blank-line repair was made for: one per field
        doubled = -1  # the role a doubled line was skipped for
        tag_line_at = 0  # the number of the tag line's line
        while r < len(roles):
            role = roles[r]
            if not self._final and k + _PAST > n:  # repairs made the record longer than the lookahead
                raise _Unfinished
            if k >= n:
                raise _Truncated(self._end_of_text(k - 1, role), values, r, problems)
            line = self._lines[k]
            number = self._base + k + 1
            last = self._wrapped_end(role, k, n, values) if wrapped is not None and role in _WRAPPED else k
            if last > k:
                assert wrapped is not None
                self._read_wrapped_field(roles, r, k, last, n, values, problems)
                wrapped.append((role, k - i, last - i))
                tag_line_at = number if role is Role.TAG_LINE else tag_line_at
                k, r = last + 1, r + 1
                continue
            if (
                r == len(roles) - 1
                and isinstance(kind, Layout)
                and (joined := self._joined(role, line, values, k, n))
            ):
                # The record's last line runs into the first line of what comes next: pages
                # joined with no line break between them (``cat`` of copies without one at
                # their ends). Read as two lines; :meth:`_read_template` splits it.
                field = line[: joined.column - 1]
                text = self._tidy(field, free_text=role in REPEATS)
                untidy = self._untidy(field, number) if text != field else None
                if self.strict or not repair:
                    raise untidy or joined
                values[role] = self._read_role(role, text, values)
                problems.extend(problem for problem in (untidy, joined) if problem is not None)
                return values, k + 1, problems
            text = self._tidy(line, free_text=role in TEXT_ROLES or role in REPEATS)
            if text != line and self._reads(role, line, values):
                text = line  # it reads as it stands (a category of a zero-width space): no repair
            if sure and k > i and r != doubled and self._doubled(k, roles, r, text, values):
                doubled = r  # one doubled line a role: a line many times over is not a copy's slip
                problems.append(ParseError("doubled-line", *_REPAIRS["doubled-line"], line=number))
                k += 1
                continue
            if (
                (repair or (self._double_spaced and not self.strict))
                and not text
                and (role in _AFTER_BLANKS or (role in TEXT_ROLES and r))
                and (filled := self._blanks_before(role, k, n, values))
            ):
                # Blank lines too many before a line that is this field: a browser may
                # set any part of a record apart (Amap Tech, blank, Amap Tech).
                found = "a blank line where none belongs"
                problems.extend(
                    ParseError(
                        "extra-blank-line", role.value, found, "; skipped it", line=self._base + blank + 1
                    )
                    for blank in range(k, filled)
                )
                k = filled
                continue
            fix = self._blank_repair(roles, r, text, k, n) if repair and r != repaired else None
            if fix is not None:
                repaired = r
                problems.append(ParseError(fix, *_REPAIRS[fix], line=number))
                if fix == "missing-blank-line":
                    r += 1
                else:
                    k += 1
                continue
            if text != line:
                problems.append(self._untidy(line, number))
            try:
                values[role] = self._read_role(role, text, values)
                if role is Role.TAG_LINE:
                    tag_line_at = number
            except ParseError as tidied_error:
                error = self._strict_error(role, line, values, tidied_error)
                # A last line that reads once respaced is whole, unless a date line: cut
                # inside its category, it would read as a shorter one.
                cut = self._cut_here(k, n) and not (
                    role in _RESPACED and role is not Role.DATE_LINE and self._reads_as(role, text)
                )
                if repair and role in _RESPACED and not cut and self._read_respaced(role, text, values):
                    # ``Aug 27, 2019·Backend``, ``0 likes  · 3 min read``, ``0\u00a0likes · 3 min read``
                    problems.append(error.at(number))
                    k += 1
                    r += 1
                    continue
                if cut:
                    # What the cut line looked like (``GraphQL `` cut after a space) is no repair.
                    made = [problem for problem in problems if problem.line != number]
                    raise _Truncated(self._cut_error(line, number, role), values, r, made) from None
                if role is Role.STATS and canonical_stats(tags := str(values[Role.TAG_LINE])) is not None:
                    raise _stats_for_tags(tags).at(tag_line_at) from None
                if role is Role.AUTHOR_AGAIN and self._reads_as(Role.DATE_LINE, text):
                    missing = ParseError(
                        "missing-line", role.value, f"the date line {quote(line)}", line=number
                    )
                    if self.strict or not repair:
                        raise missing from None
                    author = str(values[Role.AUTHOR])
                    if (name := _said_twice(author)) is not None:
                        values[Role.AUTHOR] = name
                        missing = missing.amended(
                            detail=f"; the author line before holds it, run into the author's name "
                            f"({quote(author)}): read as {quote(name)} twice"
                        )
                    problems.append(missing)
                    r += 1  # the date line is read next, where it stands
                    continue
                if self.strict or not repair or role not in REPEATS:
                    raise error.at(number) from None
                if role is Role.TITLE_AGAIN and (not text or self._starts_record(k, n)):
                    problems.append(self._missing(role, k, number))
                    return values, k, problems
                # The repeated title is a cover image's text, which a page may shorten or
                # word differently: any line there that starts nothing else is taken as it.
                if role is Role.AUTHOR_AGAIN and self._avatar_at(str(values[Role.AUTHOR]), k, n):
                    if not self._weighing:
                        self._avatar = line
                    error = error.amended(found="an avatar's text", column=1)  # not a typo: all of it
                elif role is not Role.TITLE_AGAIN and not _similar(str(values[REPEATS[role]]), text):
                    raise error.at(number) from None
                problems.append(error.at(number))
            k += 1
            r += 1
        return values, k, problems

    def _joined(self, role: Role, line: str, values: Values, k: int, n: int) -> ParseError | None:
        """The error of a record's last line (``role``: its title again or stats) that
        holds its field, then with nothing between (but whitespace the line had at its
        end, or the byte order mark a file saved with one starts with) the first line
        of a page header or a record that the lines after it go on; None if it is no
        such line."""
        if role is Role.TITLE_AGAIN:
            title = str(values[Role.TITLE])
            cut = len(title) if line.startswith(title) else 0
        else:
            cut = _read_time_end(line)
        field = line[:cut]
        if cut:  # past whitespace the line had at its end
            cut = len(line) - len(line[cut:].lstrip(" \t"))
        rest = line[cut:]
        first = rest.removeprefix(BOM)
        # What starts there goes on after this line; and its first line, read where the
        # line is, is tidy but for whitespace at its end (named at its column: see
        # _column_of): another problem of its own would be numbered from the wrong column.
        if not cut or not first or k + 1 >= n or self._tidy(first) != first.rstrip(" \t"):
            return None  # (most last lines: nothing after the field)
        if role is Role.STATS and not self._reads(role, self._tidy(field), values):
            return None  # (read as a lenient reader reads it: ``0 likes\u00a0·\u00a011 min read``)
        started = self._started_by(first, k, n)
        if started is None:
            return None
        return self._joined_error(k, cut, started)

    def _joined_error(self, k: int, cut: int, started: HeaderStyle | Layout) -> ParseError:
        """The error of line ``k``, which holds at ``cut`` (after the byte order mark a
        file saved with one starts with, if there is one there) the first line of what
        ``started``: the next page, joined with no line break."""
        line = self._lines[k]
        rest = line[cut:]
        what = "a page header" if isinstance(started, HeaderStyle) else "a record"
        bom = "a byte order mark, then " if rest.startswith(BOM) else ""
        return ParseError(
            "joined-lines",
            f"a line break after {quote(line[:cut])}",
            f"{bom}{quote(rest.removeprefix(BOM))} run into it, the first line of {what}",
            f" ({'files' if bom else 'pages'} joined with no line break between them?)"
            + ("" if self.strict else "; read as two lines"),
            line=self._base + k + 1,
            column=cut + 1,
        )

    def _started_by(
        self,
        first: str,
        k: int,
        n: int,
        *,
        whole: bool = False,
        compact: bool = False,
        page_goes_on: bool = False,
    ) -> HeaderStyle | Layout | None:
        """What starts at line ``k`` if ``first`` stood there in its place (see _joined);
        ``whole``: only a header, or a full record (or ``compact`` record), that reads
        whole as it stands from there (or until the end of the text cuts it off), and
        with ``page_goes_on`` a header followed by what a page goes on with."""
        line = self._lines[k]
        self._lines[k] = first
        try:
            started = self._identify(k, n)
            if started is None and self._weighing and self._compact_shape_across_blanks(k, n):
                # A compact record set apart by blank lines, not told while the record
                # before is weighed (weighing does not nest): told by its shape.
                started = Layout.COMPACT
            if not whole or started is None:
                return started
            if started is Layout.COMPACT and not compact:
                return None
            if isinstance(started, HeaderStyle):
                read = self._page_goes_on if page_goes_on else self._reads_whole
                reads = read(k, n, started)
            else:
                deviation = self._deviation(k, n, started)
                reads = deviation is None or self._reads_to_seam(k, n, started, deviation)
            return started if reads else None
        finally:
            self._lines[k] = line

    def _page_goes_on(self, k: int, n: int, style: HeaderStyle) -> bool:
        """Whether the header ``style`` reads whole at line ``k`` (see _reads_whole),
        and after it a header or record starts, past blank lines, or the text ends: a
        page goes on with its records."""
        try:
            _values, end, _problems = self._read(k, n, style, repair=False)
        except ParseError:
            return False
        except _Truncated:
            return True
        after = self._next_filled(end - 1, n)
        return after is None or self._identify(after, n) is not None

    def _seam(
        self,
        k: int,
        n: int,
        foretold: _Foretold | None = None,
        *,
        field: bool = False,
        page_goes_on: bool = False,
    ) -> tuple[int, HeaderStyle | Layout] | None:
        """Where the next page starts inside line ``k``, after text that is no part of
        it (a byte order mark between them passed over): the first line of a page
        header, or of a full record whose author line is repeated on the next line,
        reading whole from there; and what starts there. ``cat`` joins a copy cut off
        inside a line (``Oct 17, 2025 · Backend Develo``) so to the next page. None if
        no page starts in the line.

        Where what line ``k`` was to be is told (``foretold``: for a repeated line, the
        line it repeats; see _foretold), the next page may start with a compact record
        too, its author line run into the line cut off (``Counter AlgorWukong Talks
        Architecture`` after the title ``…Counter Algorithms``): where the line stops
        being that (inside a word of free text, anywhere in a shape, or right after a
        line of a shape whole), a name starting in sight (see _name_run_into).

        ``field``: line ``k`` read as a field of a record or header, not its author
        line, the lines before it reading as that: no author line as it stands either
        (a summary cut off, ``…REST APIs witSu San Talks Tech``, then ``Su San Talks
        Tech``, reads as a name and its avatar)."""
        if k + 1 >= n:
            if self._final:
                return None
            raise _Unfinished
        following = k + 2 if self._double_spaced and k + 2 < n and _is_blank(self._lines[k + 1]) else k + 1
        line, after = self._lines[k], self._lines[following]  # (past the spacing's blank line)
        trimmed = line.rstrip(" \t")  # (a copy may keep whitespace at the end of a header's line)
        end = trimmed[-_LONGEST_OPENING:].lower()  # (not all of a line that may be long)
        starts = [len(trimmed) - len(opening) for opening in _OPENING_LINES if end.endswith(opening)]
        compact = -1
        if foretold is not None and self._is_date_line(after):  # (a compact record's second line)
            text = foretold.text
            cut = len(os.path.commonprefix((line, text)))  # noqa: RUF071 (characters, as wanted)
            at = cut + line.startswith(BOM, cut)
            # Where a line of a shape is that whole, the rest starts the next page (a line
            # of free text may be the start of a name: ``Java`` of ``JavaEdge``); where
            # the line stops short of it, a name starting in sight (inside a word of free
            # text, or anywhere in a shape) shows where.
            whole = cut == len(text) and foretold.free > 0
            stops = 0 < cut < len(text) and (cut < foretold.free or text[cut - 1 : cut + 1].isalnum())
            if at < len(line) and (whole or (stops and _name_run_into(line[cut - 1], line[at]))):
                compact = at
                starts.append(at)
        # A full record whose author line is repeated on the next line, and a line after
        # the two (the text's last line may be a title again that the line before it
        # happens to end with: ``0 likes · 0 min read``, ``d``).
        repeated = after.rstrip(" \t")  # (either line may keep whitespace at its end, or both)
        if (
            repeated.strip()
            and len(repeated) < len(trimmed)
            and trimmed.endswith(repeated)
            and following + 1 < n
        ):
            # Not the author line of a full record as it stands, its repeated line
            # short of its start (``Tencent Cloud Developer``, ``encent Cloud
            # Developer``) or a letter avatar (``Java Tech``, ``h``), unless what stands
            # before is the start of what the line was to be: a repeated author line cut
            # off (``ZhiKe AI``, ``Zhi``), or a stats line (``0 li``), the next page's
            # author run into it.
            # Nor a line that is what it was to be, whole (``Deepin Linux`` again, then a
            # line ``x``): no page was cut off in it.
            before = trimmed[: len(trimmed) - len(repeated)].removesuffix(BOM)
            whole_line = foretold is not None and trimmed == foretold.text
            if not whole_line and (
                field
                or self._identify(k, n) is not Layout.FULL
                or (foretold is not None and foretold.text.startswith(before))
            ):
                starts.append(len(trimmed) - len(repeated))
        if starts and not self._final and k + LOOKAHEAD > n:
            raise _Unfinished  # what starts there is told by the lines after it
        for at in starts:
            first, cut = line[at:], at - line.endswith(BOM, 0, at)
            if not line[:cut].strip() or self._tidy(first) != first.rstrip(" \t"):
                continue  # a line of its own, or text tidying makes one (whitespace after it aside)
            started = self._started_by(
                first, k, n, whole=True, compact=at == compact, page_goes_on=page_goes_on
            )
            if started is not None:
                return cut, started
        return None

    def _reads_to_seam(self, k: int, n: int, kind: Layout, deviation: int) -> bool:
        """Whether the record ``kind`` at line ``k``, which reads as it stands up to
        line ``deviation`` (see _deviation), reads so up to a line that holds a seam
        (see _seam): a page cut off in its first record and joined to the next, itself
        run into a page cut off before it (three pages pasted). The page after that
        seam must read whole."""
        if self._seam_in_seam:
            return False
        lines, fields = range(k + 1, deviation + 1), range(k + 2, deviation)
        foretold = self._foretold(k, n, kind, lines)
        self._seam_in_seam = True
        try:
            return self._first_seam(lines, n, foretold, fields) is not None
        finally:
            self._seam_in_seam = False

    def _first_seam(
        self,
        lines: Iterable[int],
        n: int,
        foretold: dict[int, _Foretold] | None = None,
        fields: Container[int] = (),
        *,
        read: Container[int] = (),
    ) -> tuple[int, int, HeaderStyle | Layout] | None:
        """The first of ``lines`` (in order) that holds a seam (see _seam): its index,
        where the next page starts in it, and what starts there. ``foretold``: what
        lines among them would hold, where other lines tell, by index; ``fields``: those
        read as fields other than an author line; ``read``: those a record read with
        repairs read as its fields (a page header there must be followed by a page)."""
        for k in lines:
            told = foretold.get(k) if foretold else None
            seam = self._seam(k, n, told, field=k in fields, page_goes_on=k in read)
            if seam is not None:
                return k, *seam
        return None

    def _read_to_seam(self, i: int, seam: tuple[int, int, HeaderStyle | Layout], n: int) -> int:
        """Read the lines from ``i`` to the line ``k`` of ``seam``, the end of a page
        cut off there and joined to the next page (see _seam), as that page's text,
        which stops there; split the line in two. Where the next page starts."""
        k, cut, started = seam
        joined = self._joined_error(k, cut, started)
        self._split_joined(k, cut)
        reported = len(self.problems)
        state = self._final, self._open_end, self._end_name
        self._final, self._open_end, self._end_name = True, True, "page"
        try:
            j = i
            while j <= k:
                lines = len(self._lines)
                j, before = self._read_template(j, k + 1), j
                assert j > before  # the text ends at k + 1: every step reads a line or more
                # A page read there that ended in a line before, cut off and joined to the
                # next (two seams in a record's reach), split that line: k moved on.
                k += len(self._lines) - lines
        except ParseError as error:  # strict mode: the first deviation
            if _position(error) < _position(joined):
                raise
        finally:
            self._final, self._open_end, self._end_name = state
        if self.strict:
            self._report(joined)
        # Before the problems at the same place: the page cut off there is why.
        problems, place = self.problems, _position(joined)
        later = (p for p in range(reported, len(problems)) if (problems[p].line, problems[p].column) >= place)
        problems.insert(next(later, len(problems)), joined.problem)
        self._base -= 1  # numbered from here on, the line after the split is the line split
        return k + 1

    def _split_joined(self, k: int, at: int) -> None:
        """Split line ``k`` of the window at ``at`` into two lines, the first with no
        line ending (or with the byte order mark the second started with: kept, as the
        text between them), both numbered as the line they are (see _joined)."""
        if self._endings is None:
            newline = self.newline or "\n"
            self._endings = [newline] * len(self._lines)
            if self._final and not self.final_newline:
                self._endings[-1] = ""
        line = self._lines[k]
        between = BOM if line.startswith(BOM, at) else ""
        self._lines[k : k + 1] = [line[:at], line[at + len(between) :]]
        self._endings[k : k + 1] = [between, self._endings[k]]
        self._split_at = (self._base + k + 1, self._lines[k + 1], at + len(between) + 1)

    def _wrapped_end(self, role: Role, k: int, n: int, values: Values) -> int:
        """The last line of the field of ``role`` at line ``k`` if a copy wrapped it
        over the lines after it; else ``k``.

        A title or summary goes on up to the blank line after it, a tag line up to
        the stats (over no line of dates or stats, nor a line doubled); the title
        again as long as it is more of the title, to its end or to the end of the
        text (a copy cut off there).
        """
        lines = self._lines
        if not self._tidy(lines[k], free_text=True):
            return k  # a blank line where the field belongs: the blank-line repairs' business
        if role is Role.TITLE_AGAIN:
            return self._title_again_end(k, n, squashed(str(values[Role.TITLE])))
        for j in range(k + 1, k + _WRAPPED_LINES):
            if j >= n:
                if not self._final:
                    raise _Unfinished
                return k  # cut off with nothing after it to show it went on
            line = lines[j]
            blank = not self._tidy(line, free_text=True)
            stats = self._is_stats_line(line)
            if blank or stats or self._repeats_line_before(j) or self._is_date_line(line):
                ends = stats if role is Role.TAG_LINE else blank
                return j - 1 if ends else k
        return k

    def _title_again_end(self, k: int, n: int, title: str) -> int:
        """:meth:`_wrapped_end` of the title again at line ``k``; ``title`` squashed."""
        lines = self._lines
        so_far = squashed(lines[k])
        if not so_far or not title.startswith(so_far) or so_far == title:
            return k
        for j in range(k + 1, k + _WRAPPED_LINES):
            if j >= n:
                if not self._final:
                    raise _Unfinished
                return j - 1
            part = squashed(lines[j])
            so_far += part
            if not part or not title.startswith(so_far):
                return k
            if so_far == title:
                return j
        return k

    def _read_wrapped_field(
        self, roles: Template, r: int, k: int, last: int, n: int, values: Values, problems: list[ParseError]
    ) -> None:
        """Read the field of ``roles[r]`` that a copy broke over lines ``k`` to ``last``,
        with a problem where it goes on."""
        role = roles[r]
        parts = self._lines[k : last + 1]
        number, last_number = self._base + k + 1, self._base + last + 1
        problems.append(
            ParseError(
                "wrapped-line",
                roles[r + 1].value if r + 1 < len(roles) else "the next record",
                f"the rest of {role.value}, which the copy wrapped over lines {number} to {last_number}",
                "; joined them",
                line=number + 1,
            )
        )
        try:
            values[role] = self._read_role(role, _AS_WRAPPED.join(parts), values)
        except ParseError as error:
            if role is not Role.TITLE_AGAIN:
                raise error.at(number) from None
            if self._cut_here(last, n):
                cut = self._cut_error(parts[-1], last_number, role)
                raise _Truncated(cut, values, r, problems) from None
            problems.append(error.at(number))  # a cover image's text, worded otherwise

    def _doubled(self, k: int, roles: Template, r: int, text: str, values: Values) -> bool:
        """Whether line ``k`` (``text``, tidied) is the line before again, doubled by
        a copy: it stands where a blank line, the stats or the title again belong
        (``roles[r]``), and is not one. (Where free text belongs, the line could be
        that text: nothing says it is doubled.) Whitespace around either is a careless
        copy's, no difference.

        In a copy double-spaced, the line before is the one before the spacing's blank
        line; and where the blank line of a field was read before ``k``, that was the
        spacing's: line ``k`` stands in the field's place (three blank lines there
        would be the field's set apart by the spacing's, a line after them free text)."""
        role = roles[r]
        spaced = self._double_spaced and not self._lines[k - 1].strip()
        in_blank_place = spaced and r > 0 and roles[r - 1] is Role.BLANK
        if not text or not (role in _SHAPED or in_blank_place) or not self._repeats_line_before(k):
            return False
        return in_blank_place or not self._reads(role, text, values)

    def _repeats_line_before(self, k: int) -> bool:
        """Whether line ``k`` has text, and the line before it the same once tidied (as
        lines of a fixed shape); in a copy double-spaced, across a blank line (the
        spacing's) between them."""
        lines = self._lines
        before = k - 2 if self._double_spaced and k >= 2 and not lines[k - 1].strip() else k - 1
        return bool(lines[k].strip()) and self._tidy(lines[k]) == self._tidy(lines[before])

    def _read_respaced(self, role: Role, text: str, values: Values) -> bool:
        """Read a line of two parts (a date line, stats, a header's count and page)
        with its separator spaced as the format spaces it, if that is what kept it
        from reading; whether it did."""
        respaced = _respaced(text, role)
        if respaced == text:
            return False
        try:
            values[role] = self._read_role(role, respaced, values)
        except ParseError:
            return False
        return True

    def _blanks_before(self, role: Role, k: int, n: int, values: Values) -> int:
        """Where the blank lines from ``k`` end, if the line there is one of ``role``
        (the line it repeats, a date line, the stats; free text that starts no record
        or header); else 0. For the author line again, a date line there counts too:
        an avatar without its text, set apart, the line then missing (Amap Tech,
        blank, Aug 27, 2019 · Backend Development). In a copy double-spaced, blank lines
        before a line of a fixed shape (the author again too) are the spacing's,
        whatever that line holds: read there, it names its own deviation."""
        j = self._next_filled(k, n)
        if j is None:
            return 0
        if self._double_spaced and role not in TEXT_ROLES and role is not Role.TITLE_AGAIN:
            return j
        if self._double_spaced and role is Role.TITLE_AGAIN and self._repeats_line_before(j):
            return j  # the stats doubled: skipped there (see _doubled)
        if role in TEXT_ROLES:
            fits = not self._goes_on(j, n)
        elif role in REPEATS:
            repeated, tidied = str(values[REPEATS[role]]), self._tidy(self._lines[j], free_text=True)
            fits = _similar(repeated, tidied) or (
                (self._avatar_at(repeated, j, n) or self._is_date_line(self._lines[j]))
                if role is Role.AUTHOR_AGAIN
                else tidied.startswith(repeated)  # the next page run into it (see _joined)
            )
        else:
            line = self._lines[j]  # read as it stands, or tidied (as _read reads it)
            fits = self._reads_as(role, line) or self._reads_as(role, self._tidy(line))
        return j if fits else 0

    def _goes_on(self, k: int, n: int) -> bool:
        """Whether the text goes on with a header or record at line ``k``: one reads
        there, and it is more than what only the end of the text makes a record (one
        cut off): its last line, or last two lines that start no record as they stand
        (the last fields of the record before are likelier: ``CacheCache
        PatternsMySQL``, the stats)."""
        if self._final and n - k <= 2:
            lines = self._lines
            if n - k == 1:
                return False
            first, second = lines[k], lines[k + 1]
            cut_in_author_again = self._open_end and first.startswith(second)
            if not (self._same_author(first, second) or cut_in_author_again or self._is_date_line(second)):
                return False
        return self._reads_from(k, n)

    def _reads_from(self, k: int, n: int) -> bool:
        """Whether a header or record starts at line ``k`` and reads as it stands (or
        is cut off by the end of the text): not just its first lines (an author or a
        summary may be called ``Tag``)."""
        kind = self._identify(k, n)
        return kind is not None and self._reads_whole(k, n, kind)

    def _reads_whole(self, k: int, n: int, kind: HeaderStyle | Layout) -> bool:
        """Whether the template ``kind`` reads at line ``k`` as it stands, or until the
        end of the text cuts it off (see _deviation)."""
        return self._deviation(k, n, kind) is None

    def _deviation(self, k: int, n: int, kind: HeaderStyle | Layout) -> int | None:
        """The line where the template ``kind`` read at line ``k`` as it stands
        deviates from it; None where it reads whole, or until the end of the text cuts
        it off. While a record whose repeated author line is missing is weighed, a full
        record that lacks only that line reads too: where avatars have no text, every
        record lacks it."""
        try:
            self._read(k, n, kind, repair=False)
        except ParseError as error:
            if self._weighing and kind is Layout.FULL and self._lacks_only_author_again(k, n):
                return None
            return error.line - self._base - 1
        except _Truncated:
            return None
        return None

    def _lacks_only_author_again(self, k: int, n: int) -> bool:
        """Whether a full record reads at line ``k`` with its repeated author line
        missing (or the end of the text cuts it off first), and no other line
        missing, added or out of place (its lines may be tidied, its title again
        differ, a cover's text, a line of it be doubled; blank lines in the place of the
        missing one are part of its lack: see _in_author_again_place)."""
        try:
            _values, _end, problems = self._read(k, n, Layout.FULL, sure=not self.strict)
            cut = False
        except ParseError:
            return False
        except _Truncated as truncated:
            problems, cut = truncated.problems, True
        placed = [p for p in problems if p.code not in _FORM_CODES and p.code not in _NOT_PLACED]
        place = self._in_author_again_place(placed, k)
        if self._double_spaced:  # its other blank lines are the spacing's (see _spaced)
            placed = [p for p in placed if p.code != "extra-blank-line" or p.line < place]
        skipped = place - (self._base + k + 2)  # blank lines there
        return (len(placed) == skipped + 1 and self._author_again_missing(placed, k)) or (cut and not placed)

    def _author_again_missing(self, problems: list[ParseError], i: int) -> bool:
        """Whether ``problems`` of a full record read at line ``i`` name its repeated
        author line missing (the date line in its place)."""
        place = self._in_author_again_place(problems, i)
        return any(problem.code == "missing-line" and problem.line == place for problem in problems)

    def _in_author_again_place(self, problems: list[ParseError], i: int) -> int:
        """The number of the line that a full record read at line ``i`` has where its
        author line again stands: its second line, or the line after blank lines
        skipped there (``problems``: an avatar without text, on a line of its own)."""
        skipped = {problem.line for problem in problems if problem.code == "extra-blank-line"}
        place = self._base + i + 2
        while place in skipped:
            place += 1
        return place

    def _next_filled(self, k: int, n: int) -> int | None:
        """The first line after ``k`` that is not blank (whitespace alone: a line of
        zero-width spaces may be free text); None if the text ends first (raises
        _Unfinished if the lines in hand do, and the text goes on)."""
        lines, j = self._lines, k + 1
        while j < n and (not lines[j] or not self._tidy(lines[j], free_text=True)):  # most are empty
            j += 1
        if j < n:
            return j
        if not self._final:
            raise _Unfinished
        return None

    def _blank_repair(self, roles: Template, r: int, text: str, k: int, n: int) -> str | None:
        """A blank line missing before a field, or one too many: which, if either.

        Missing: the line at ``k`` is the field that follows the blank line (any
        text, for a text field; a header's count or views line only if it reads as
        one), or, for the blank line that closes a header, the next record's start.
        """
        role = roles[r]
        if role is Role.BLANK and text:
            if r + 1 == len(roles):
                # Not if the header's last line is a record's author line, twice: that
                # record starts a line earlier, and the header lacks its last line.
                if self._same_author(self._lines[k - 1], text) or not self._starts_record(k, n):
                    return None
                return "missing-blank-line"
            following = roles[r + 1]
            if following in TEXT_ROLES or self._reads_as(following, text):
                return "missing-blank-line"
            return None
        if not text and r > 0 and roles[r - 1] is Role.BLANK and role not in LITERALS:
            return "extra-blank-line"
        return None

    def _reads_as(self, role: Role, text: str) -> bool:
        """Whether ``text`` reads as a line of ``role`` (one that repeats no other),
        as it stands or with its separator respaced."""
        return self._reads(role, text, {}) or self._reads(role, _respaced(text, role), {})

    def _strict_error(self, role: Role, line: str, values: Values, tidied: ParseError) -> ParseError:
        """What strict mode says of ``line``, so both modes name a deviation alike.

        A line that reads once its surrounding whitespace is gone deviates there:
        ``949 articles `` is trailing whitespace at column 13, not a bad count; so
        does one with invisible characters around it (unless free text, which may
        hold them), and a line of counts that reads once respaced deviates where its
        spacing does (``0 likes  · 3 min read`` at column 8).
        """
        try:
            self._read_role(role, line, values)
        except ParseError as error:
            misread = _misread_separator(line) if role in _RESPACED else None
            if misread is not None:
                return misread
            if padded(line):
                return (whitespace_error(line) or error) if self._reads(role, line.strip(), values) else error
            invisible = None if role in TEXT_ROLES or role in REPEATS else _invisible_error(line)
            if invisible is not None:
                return invisible if self._reads(role, line.strip(_INVISIBLE), values) else error
            respaced = _respaced(line, role) if role in _RESPACED else line
            if respaced != line and self._reads(role, respaced, values):
                return _spacing_error(role, error, line, respaced)
            return error
        return tidied

    def _reads(self, role: Role, text: str, values: Values) -> bool:
        try:
            self._read_role(role, text, values)
        except ParseError:
            return False
        return True

    def _read_role(self, role: Role, text: str, values: Values) -> object:
        """One line's reader: the value it holds, or ParseError with a column in it."""
        if role in LITERALS:
            if not _is_literal(role, text):
                code = "expected-blank" if role is Role.BLANK else "bad-header"
                raise ParseError.in_text(code, role.value, _found(text), text)
            return None
        if role in REPEATS:
            original = values[REPEATS[role]]
            assert isinstance(original, str)
            if text != original:
                code = "author-mismatch" if role is Role.AUTHOR_AGAIN else "title-mismatch"
                raise ParseError.in_text(
                    code,
                    f"{role.value} ({quote(original)})",
                    "a different line" if text.strip() else "a blank line",
                    text,
                    column=_prefix_column(original, text),
                )
            return None
        if role in TEXT_ROLES:
            return _text_field(role, text)
        if not text.strip():  # where a line of dates or counts belongs
            raise ParseError.in_text(_BAD.get(role, "bad-header"), role.value, "a blank line", text)
        if role is Role.DATE_LINE:
            day, category = parse_date_line(
                text, reference_date=self.reference_date, date_order=self.date_order
            )
            _text_field(role, category, column=text.index(SEPARATOR) + len(SEPARATOR) + 1)
            return day, category
        if role is Role.STATS:
            return parse_stats(text)
        if role is Role.ARTICLE_COUNT:
            return parse_count(text)
        if role is Role.PAGE_OF:
            return parse_page_of(text)
        if role is Role.COUNT_AND_PAGE:
            return parse_count_and_page(text)
        assert role is Role.VIEWS_LINE
        return parse_views(text)

    def _untidy(self, line: str, number: int) -> ParseError:
        """The problem a lenient reader records when it had to tidy ``line``."""
        spacing = whitespace_error(line, number, self._column_of(line, number))
        return spacing or (_invisible_error(line) or _no_break_error(line)).at(number)

    def _untidy_problem(self, line: str, number: int) -> Problem:
        """:meth:`_untidy` as it is recorded, made without an error where whitespace is the fault."""
        return (
            whitespace_problem(line, number, self._column_of(line, number))
            or self._untidy(line, number).problem
        )

    def _column_of(self, line: str, number: int) -> int:
        """The column where ``line``, numbered ``number``, starts: 1, or further on for
        the second part of a line split (only whitespace at its end may be untidy there:
        see _seam, _joined)."""
        split = self._split_at
        return split[2] if split is not None and split[0] == number and split[1] == line else 1

    def _cut_here(self, k: int, n: int) -> bool:
        """Whether line ``k`` is the last of a text that stops without a line ending."""
        return self._open_end and k == n - 1

    def _cut_error(self, line: str, number: int, role: Role) -> ParseError:
        return ParseError(
            "truncated-record",
            role.value,
            f"the {self._end_name} cut off inside the line {quote(line)}",
            line=number,
            column=len(line) + 1,
        )

    def _end_of_text(self, k: int, role: Role) -> ParseError:
        line = self._lines[k] if k >= 0 else ""
        return ParseError(
            "truncated-record",
            role.value,
            f"the end of the {self._end_name} after {quote(line)}",
            line=self._base + k + 1,
            column=len(line) + 1,
        )

    def _missing(self, role: Role, k: int, number: int) -> ParseError:
        line = self._lines[k]
        found = f"the start of the next record {quote(line)}" if line.strip() else "a blank line"
        return ParseError("missing-line", role.value, found, line=number)

    def _starts_record(self, k: int, n: int) -> bool:
        kind = self._identify(k, n)
        return kind is not None

    def _unexpected(self, i: int) -> ParseError:
        line = self._lines[i]
        return ParseError.in_text(
            "unexpected-line",
            "a page header or the start of a record (an author line followed by "
            "the author again or by a date line)",
            _found(line),
            line,
        ).at(self._base + i + 1)

    def _truncated(self, i: int, n: int, kind: HeaderStyle | Layout, cut: _Truncated) -> int:
        """The text ends inside what starts at ``i``: an article, or a page header, if
        every field is there (with the repairs made to read it: only a repeated title or
        the blank line after a header's last line is missing), else text kept with one
        problem."""
        roles = LAYOUTS[kind] if isinstance(kind, Layout) else HEADER_STYLES[kind]
        whole = cut.roles_read == len(roles) - 1 and roles[-1] in (Role.TITLE_AGAIN, Role.BLANK)
        if whole:
            for problem in cut.problems:
                self._report(problem)
        self._report(cut.error)  # strict mode stops here, inside the record
        if whole:
            self._add(kind, cut.values, i, n, canonical=False)
            return n
        error = cut.error
        first = self._base + i + 1
        what = "page header" if isinstance(kind, HeaderStyle) else "record"
        message = f"{what} cut off: {error.message}" + (
            f"; the lines from line {first} are kept as text" if error.line != first else ""
        )
        self.problems[-1] = Problem(
            error.line, error.column, "truncated-record", message, error.expected, error.found
        )
        self._keep(i, n)
        return n

    def _stray_blank_lines(self, i: int, n: int) -> int:
        """Keep the blank lines from ``i`` where no header or record starts (between
        records, where pages were pasted together, at either end of the text) as text,
        with one ``extra-blank-line`` at the first: a text of blank lines alone is one
        problem, not one a byte. Text after them that is not a record has a problem of
        its own, at its own line. Where they end."""
        filled = _first_filled(self._lines, i + 1)  # or n
        # As the main loop reads (a stream's blocks end anywhere): the line after is in hand.
        stop = filled if self._final else min(filled, n - LOOKAHEAD + 1)
        # No template starts where every line in its reach is blank: skip to where one may.
        end = max(i + 1, min(stop, filled if filled == n else filled - LONGEST + 1))
        while end < stop and self._no_template_at(end, n, filled):
            end += 1
        # Where they end shows only further on: held whole like any text entry, but taken
        # in parts, a part a block, where the caller takes the text so (see _unusable).
        ends_further_on = end < filled and not self._final and end + LOOKAHEAD > n
        if ends_further_on and not (self.text_in_parts and self._window_ends_block):
            raise _Unfinished
        if self._blank_lines_end != self._base + i:  # not the rest of those read last
            line, more = self._lines[i], i + 1 < filled and self._no_template_at(i + 1, n, filled)
            if more:
                found, detail = "blank lines where none belong", "" if self.strict else "; skipped them"
            else:
                found = "a blank line where none belongs"
                detail = (f" in {quote(line)}" if line else "") + ("" if self.strict else "; skipped it")
            expected = "a page header or the start of a record"
            self._report(ParseError("extra-blank-line", expected, found, detail, line=self._base + i + 1))
        self._blank_lines_end = self._base + end
        self._keep(i, end)
        return end

    def _no_template_at(self, k: int, n: int, filled: int) -> bool:
        """Whether no template starts at the blank line ``k``, the lines up to ``filled``
        blank: none fits blank lines alone, so only one that reaches a line with text may."""
        return min(k + LONGEST, n) <= filled or self._likeliest(k, n) is None

    def _unusable(self, i: int, n: int, error: ParseError, layout: Layout = Layout.FULL) -> int:
        """Keep lines from ``i`` up to the next record start as text, with a problem.

        Where that is may show only further on than the block in hand. A stream that
        takes the text in parts reads the lines scanned so far now, and the stretch goes
        on in the next block (see :meth:`_more_unusable`): it holds no more of a stretch
        than a block (a log pasted in, a file that holds no dump at all)."""
        # The page may end in the lines a record starting at ``i`` would take, cut off
        # and joined to the next (as far on, whatever is kept: a stream's parts too).
        # The lines up to the deviation read as the template's: past its first two (a
        # record's author lines), as fields that hold no author line.
        step = self._spacing()
        fields = range(i + 2 * step, error.line - self._base - 1)
        lines = range(i, min(i + step * LONGEST, n))
        seam = self._first_seam(lines, n, self._foretold(i, n, layout, lines), fields)
        if seam is not None:
            return self._read_to_seam(i, seam, n)
        end = self._resync(i + 1, n) if not self.strict else n
        if end is None:
            end = self._part_scanned(i + 1)
            if end is None:
                return i  # need more lines to find where this ends
        self._report(error)
        first = self._base + i + 1
        if error.line != first:
            message = f"{error.message}; the lines from line {first} up to the next record are kept as text"
            self.problems[-1] = Problem(
                error.line, error.column, error.code, message, error.expected, error.found
            )
        self._keep(i, end)
        return end

    def _spacing(self) -> int:
        """How many lines of the text a line of a template takes: 2 in a copy
        double-spaced (the line, then the spacing's blank line), else 1."""
        return 2 if self._double_spaced else 1

    def _foretold(self, i: int, n: int, layout: Layout, among: Container[int]) -> dict[int, _Foretold]:
        """What lines of a record in ``layout`` at ``i`` were to be, where other lines
        or their shape tell (see _seam), by index, of the lines ``among`` (those looked
        at: a shape costs a little): a full record's repeated lines the lines they
        repeat; its date line its date as far as the line has it, with the category of
        a date line right after it (see fields.foretold_date_line; where a compact
        record's author line ran into it: the site's categories are few, and a page's
        records share them); its stats line one as far as the line has it. In a copy
        double-spaced, each line of the record is followed by the spacing's."""
        lines, step = self._lines, self._spacing()
        foretold = {}
        if layout is Layout.FULL:
            foretold = {
                i + step * at: _Foretold(lines[i + step * of], free=0)
                for at, of in _REPEATED_FROM.items()
                if i + step * at < n
            }
        date = i + step * _DATE_AT[layout]
        if date in among and date + step < n and (category := partition_separator(lines[date + step])[2]):
            told = foretold_date_line(lines[date], category)
            if told is not None:
                foretold[date] = _Foretold(*told)
        stats = i + step * _STATS_AT[layout]
        if stats in among and stats < n and (shape := foretold_stats(lines[stats])) is not None:
            foretold[stats] = _Foretold(shape, free=len(shape))
        return foretold

    def _more_unusable(self, i: int, n: int) -> int:
        """The unusable stretch read up to line ``i`` goes on (see :meth:`_unusable`):
        where it ends, or where the lines in hand scanned so far end; ``i`` if a record
        starts at ``i`` (the stretch is over) or the lines in hand cannot tell yet."""
        end = self._resync(i, n)
        if end is None:
            part = self._part_scanned(i)
            return i if part is None else part
        self._unusable_goes_on = None
        return end

    def _part_scanned(self, after: int) -> int | None:
        """Where the lines scanned so far end, past line ``after``, if an unusable
        stretch may be read that far now, to go on from there: taken in parts (else
        its text entry holds it whole), the window holding the whole block, which is
        not the last. None if not."""
        end = self._scanned - self._base
        if not self.text_in_parts or not self._window_ends_block or self._final or end <= after:
            return None
        self._unusable_goes_on = self._base + end
        return end

    def _resync(self, k: int, n: int) -> int | None:
        """The next line from ``k`` where a header or a record starts for sure."""
        lines = self._lines
        k = max(k, self._scanned - self._base)
        while k < n:
            if k + LOOKAHEAD > n and not self._final:
                self._scanned = self._base + k
                return None
            # No record starts with stats: those of a record that lost its last lines; nor
            # with a date line: one doubled by the damage, the record read from it wrong.
            line = lines[k]
            if line.strip() and not self._is_stats_line(line) and not self._is_date_line(line):
                try:
                    kind = self._identify(k, n)
                    # A full record anchors where its author line is repeated, or an
                    # avatar's text stands in its place (see _avatar_at), or where it
                    # reads whole but for that line (an avatar without text), or, set
                    # apart by blank lines, where its title is repeated after its stats.
                    anchored = isinstance(kind, HeaderStyle) or (
                        kind is Layout.FULL
                        and k + 2 < n
                        and (
                            self._same_author(lines[k], lines[k + 1])
                            or self._author_twice_across_blanks(k, n)
                            or self._avatar_at(lines[k].strip(), k + 1, n)
                            or self._lacks_only_author_again(k, n)
                            or (not lines[k + 1].strip() and self._title_again_after_stats(k, n))
                        )
                    )
                except _Unfinished:  # blank lines after it run past the lines in hand
                    self._scanned = self._base + k
                    return None
                if anchored and kind is not None:
                    self._anchor = (self._base + k, kind)
                    return k
                if kind is Layout.COMPACT:
                    # A whole compact record reads here (perhaps tidied): an anchor.
                    # Tidying must not decide it, or normalize() would not be idempotent.
                    # Not one whose tag line is a date line (no tag holds the dot): lines
                    # out of place.
                    try:
                        values, _end, _problems = self._read(k, n, kind)
                    except (ParseError, _Truncated):
                        pass
                    else:
                        if not self._is_date_line(str(values[Role.TAG_LINE])):
                            self._anchor = (self._base + k, kind)
                            return k
            k += 1
        # Past the window's end: the text ends here, or an earlier, longer window was
        # scanned this far (``_scanned``) and this one is too short to tell.
        return n if self._final else None

    # ------------------------------------------------------------------ output

    def _add(self, kind: HeaderStyle | Layout, values: Values, i: int, end: int, *, canonical: bool) -> None:
        if isinstance(kind, HeaderStyle):
            header = _header_from(kind, values)
            pages = _pages_error(header, self._lines[end - 1])  # a header's last line is its page line
            if pages is not None:
                self._report(pages.at(self._base + end))
            raw = self._raw(i, end)
            exact = canonical and raw == render_header(header, self.newline or "\n")
            self._add_header(header, None if exact else raw)
            return
        dated, stats = values[Role.DATE_LINE], values[Role.STATS]
        assert isinstance(dated, tuple) and isinstance(stats, Stats)
        day, category = dated
        article = parsed_article(
            str(values[Role.AUTHOR]),
            day,
            category,
            str(values[Role.TITLE]),
            str(values[Role.SUMMARY]),
            str(values[Role.TAG_LINE]),
            stats.likes,
            stats.read_minutes,
            self._known,
        )
        raw = self._raw(i, end)
        exact = canonical and raw == render_record(article, kind, self.newline or "\n")
        self._add_article(article, kind, None if exact else raw)
        if self.first_record_line is None:
            self.first_record_line = self._base + i + 1
        if self.first_lines is not None:
            self.first_lines.append(self._base + i + 1)

    def _add_header(self, header: Header, raw: str | None) -> None:
        """Add ``header``, its text ``raw`` unless it is canonical; its tag is the page's."""
        self.headers.append(header)
        self._known = self._tag_list.with_page_tag(header.tag)
        self._close_run()
        if self.keep_document:
            self.entries.append(HeaderEntry(header, raw))

    def _add_article(self, article: Article, layout: Layout, raw: str | None) -> None:
        index = self._count
        self._count = index + 1
        self.articles.append(article)
        if raw is None:
            self._flush_run(index, layout)
        elif self.keep_document:
            self._close_run()
            self.entries.append(RawRecord(index, raw))

    def _close_run(self) -> None:
        if self._run is not None:
            start, stop, layout = self._run
            self.entries.append(RecordRun(start, stop, layout))  # type: ignore[arg-type]
            self._run = None

    def _keep(self, i: int, end: int) -> None:
        self._close_run()
        if self.keep_document:
            self.entries.append(TextEntry(self._raw(i, end)))

    def _raw(self, i: int, end: int) -> str:
        """The exact text of lines ``i`` to ``end``, with their endings."""
        lines = self._lines[i:end]
        if self._endings is not None:
            return "".join(line + ending for line, ending in zip(lines, self._endings[i:end], strict=True))
        newline = self.newline or "\n"
        text = newline.join(lines)
        if end < len(self._lines) or not self._final or self.final_newline:
            text += newline
        return text

    def dump(self) -> Dump:
        """The finished :class:`Dump` (after the final block)."""
        self._close_run()
        articles = tuple(self.articles)
        return Dump(
            header=self.headers[0] if self.headers else None,
            articles=articles,
            # In the order of the text: a mixed line ending is found when its block
            # arrives, which must not decide where it stands among the others.
            problems=tuple(sorted(self.problems, key=_LINE_AND_COLUMN)),
            newline=self.newline or "\n",
            final_newline=self.final_newline,
            bom=self.bom,
            encoding=self.encoding,
            document=Document(tuple(self.entries), articles),
        )


# The words that lines of these roles contain, in lowercase (their words may be in any
# case), for guessing what a broken line was meant to be.
_LOOKS_LIKE = {
    Role.STATS: ("like",),
    Role.ARTICLE_COUNT: ("article",),
    Role.PAGE_OF: ("page ",),
    Role.COUNT_AND_PAGE: ("article", "page "),  # not a list header's page line alone
    Role.VIEWS_LINE: (" view",),
}


# What a full record that lacks only its author line again may have besides (see
# Machine._lacks_only_author_again): a cover's text for its title again, a line doubled.
_NOT_PLACED = frozenset({"title-mismatch", "doubled-line"})

# Where a line doubled by a copy shows: in the place of a blank line, the stats or the
# title again (not of free text, which it could be, nor of the date line after the
# author twice: a third author line does not start a record for sure).
_SHAPED = frozenset({Role.BLANK, Role.STATS, Role.TITLE_AGAIN})

# The fields a copy that wraps long lines breaks (the others are short), and how many
# lines one may take: a bound on looking ahead.
_WRAPPED = frozenset([Role.TITLE, Role.SUMMARY, Role.TAG_LINE, Role.TITLE_AGAIN])
_WRAPPED_LINES = 40
# Repairs a wrapped record is not read with: see Machine._join_wrapped.
_NOT_WITH_WRAPPING = frozenset({"missing-blank-line", "author-mismatch", "missing-line"})
# How a field is read while the record is (whether its breaks are a tool's, and which
# tool's, shows once all of it is read).
_AS_WRAPPED = Wrapping()

# What a repair found, and what it did: (expected, found, detail).
_REPAIRS = {
    "missing-blank-line": ("a blank line", "the next field", "; read as if the blank line were there"),
    "extra-blank-line": ("a field", "one blank line too many", "; skipped it"),
    "doubled-line": ("the next field", "the line before again", "; skipped it"),
}


def _weight(role: Role) -> int:
    """Free text fits almost any line, so it says less about a template than a fixed shape."""
    return 1 if role in TEXT_ROLES else 2


def _sources(roles: Template) -> tuple[int, ...]:
    """For each line of a template, the line it repeats (the author, the title), or itself."""
    return tuple(roles.index(REPEATS[role]) if role in REPEATS else k for k, role in enumerate(roles))


_KINDS: tuple[tuple[HeaderStyle | Layout, Template], ...] = (*HEADER_STYLES.items(), *LAYOUTS.items())
# Every template, its roles' weights and their sum, and the lines its lines repeat.
_TEMPLATES: tuple[tuple[HeaderStyle | Layout, Template, tuple[int, ...], int, tuple[int, ...]], ...] = tuple(
    (kind, roles, weights, sum(weights), _sources(roles))
    for kind, roles in _KINDS
    for weights in [tuple(map(_weight, roles))]
)


# The lines of dates and counts, some of two parts joined by `` · ``: a lenient reader
# takes any whitespace, or none, around the dot, and any whitespace between their words
# (a copy may lose spaces, double them, or turn them into no-break spaces: 0\u00a0likes).
_RESPACED = frozenset(
    [Role.DATE_LINE, Role.STATS, Role.COUNT_AND_PAGE, Role.ARTICLE_COUNT, Role.PAGE_OF, Role.VIEWS_LINE]
)

# The fixed texts of roles in lowercase. They are ASCII, so a text that is one of them
# in another case has its length (no letter lowercases to ASCII letters of another count).
_LOWER_LITERALS = {role: literal.lower() for role, literal in LITERALS.items()}
# The first lines of the page headers, in lowercase.
_OPENING_LINES = frozenset(_LOWER_LITERALS[roles[0]] for roles in HEADER_STYLES.values())
_LONGEST_OPENING = max(map(len, _OPENING_LINES))


# Where a full record's repeated lines stand in it, and the lines they repeat; where a
# record's date line and stats line stand, by layout.
_REPEATED_FROM = {
    LAYOUTS[Layout.FULL].index(again): LAYOUTS[Layout.FULL].index(role) for again, role in REPEATS.items()
}
_DATE_AT = {layout: roles.index(Role.DATE_LINE) for layout, roles in LAYOUTS.items()}
_STATS_AT = {layout: roles.index(Role.STATS) for layout, roles in LAYOUTS.items()}


class _Foretold(NamedTuple):
    """What a line was to be, where other lines or its shape tell (see Machine._seam):
    its text, and where free text starts in it. Before that it has a shape of its own
    (a date, a stats line), which a copy cut off may stop being anywhere. Free text (a
    title, a category) may end at any word's end, as the line it was: ``Java`` of
    ``Java 21`` may be JavaEdge's, ``Fundamentals`` a category of its own."""

    text: str
    free: int


def _name_run_into(last: str, first: str) -> bool:
    """Whether a name that starts with ``first``, run into a word that ends with
    ``last``, shows where it starts: a capital or a digit after a lowercase letter, a
    capital after a digit, a digit after a letter; not a capital after a capital, nor
    a lowercase letter, where the word could go on."""
    return (first.isupper() or first.isdigit()) and _seam(last + first)


def _is_literal(role: Role, text: str) -> bool:
    """Whether ``text`` is the fixed text of ``role``, its words in any case: a page may
    style its header's words in capitals (``TAGGED ARTICLES``) or title case (``Tagged
    Articles``), and a copy keeps them so."""
    literal = LITERALS[role]
    return text == literal or (len(text) == len(literal) and text.lower() == _LOWER_LITERALS[role])


# What a problem in a copy double-spaced adds (see Machine._spaced).
_DOUBLE_SPACED = " (a copy double-spaced?)"
_SKIPPED_ALL = "; skipped them all: blank lines where none belong are not reported again"


# The first lines of a text that tell whether it is a copy double-spaced: a header and
# the first lines of a record, doubled.
_SPACING_LINES = 2 * LOOKAHEAD


def _is_double_spaced(lines: list[str]) -> bool:
    """Whether ``lines``, the first of a text, are those of a copy double-spaced: a
    blank line after the first, no two lines with text next to each other though five
    have text (a record's lines come one after another: page headers alone may have a
    blank line between theirs), and each run of blank lines between two an odd number
    (the lines the copy had, a blank line after each). Blank lines before the first
    line with text are no part of it (a copy that starts with one: of the page's, the
    copy's own)."""
    filled = [bool(line.strip()) for line in lines]
    if True in filled:
        filled = filled[filled.index(True) :]
    if sum(filled) < 5 or filled[1] or any(a and b for a, b in pairwise(filled)):
        return False
    last = len(filled) - filled[::-1].index(True)  # (a run the lines end in goes on)
    return all(len(list(run)) % 2 for has_text, run in groupby(filled[:last]) if not has_text)


def _opens_a_header(text: str) -> bool:
    """Whether ``text`` is the first line of a page header, in any case."""
    return len(text) <= _LONGEST_OPENING and text.lower() in _OPENING_LINES


# The lines of a record with a separator, which a no-break space beside it leaves unread.
_SEPARATED = frozenset([Role.DATE_LINE, Role.STATS])


def _nbsp_separated(line: str) -> bool:
    """Whether ``line`` has no plain `` · `` and a no-break space, maybe beside its dot."""
    return "\u00a0" in line and SEPARATOR not in line


# The code of a line of dates or counts that does not read (a header's, by default).
_BAD = {Role.DATE_LINE: "bad-date-line", Role.STATS: "bad-stats"}

# Fields that blank lines may precede where none belong, as the line that follows tells:
# the repeated lines and the lines of dates and counts (free text only after its blank line).
_AFTER_BLANKS = _RESPACED | REPEATS.keys()


_READ_TIME_END = " read"  # how a stats line ends: ``11 min read``


def _read_time_end(line: str) -> int:
    """Where the first read time in ``line`` ends (``0 likes · 10 min read|Java``), or 0."""
    end = line.lower().find(_READ_TIME_END)
    return end + len(_READ_TIME_END) if end >= 0 else 0


def _is_blank(line: str) -> bool:
    return not line or line.isspace()


def _first_filled(lines: list[str], k: int) -> int:
    """The index of the first of ``lines`` from ``k`` that is not blank, or their count."""
    size = 8  # a few lines first (most such stretches are one line), then ever more at once
    while k < len(lines):
        joined = "".join(lines[k : k + size])
        if joined and not joined.isspace():
            break
        k, size = k + size, min(size * 2, 4096)
    else:
        return len(lines)
    while _is_blank(lines[k]):
        k += 1
    return k


def _found(line: str) -> str:
    """What a message says it found where ``line`` did not fit."""
    return "a blank line" if not line.strip() else "other text"


def _stats_for_tags(tag_line: str) -> ParseError:
    """Where a record's stats stood in its tag line's place (the copy lost a line before
    them: its tag line, its summary) and the line after them is no stats line, the
    deviation is there, not a line later. (Stats followed by stats read as a tag line:
    the layout decides, never the content.)"""
    return ParseError(
        "missing-line",
        Role.TAG_LINE.value,
        f"the stats line {quote(tag_line)}",
        ": a line before it is missing",
    )


def _respaced(line: str, role: Role) -> str:
    """``line`` spaced as the format spaces a line of ``role``: its first middle dot
    (or, in a line without one, the first dot that looks like it) as `` · ``, and
    the words of each part one plain space apart (a date line's category, free
    text, only loses the whitespace around it)."""
    first, dot, rest = line.partition("·")
    if not dot:
        look_alike = _look_alike_dot(line)
        if look_alike is None:
            return _single_spaced(line)
        first, rest = line[: look_alike.start()], line[look_alike.end() :]
    rest = rest.strip() if role is Role.DATE_LINE else _single_spaced(rest)
    return f"{_single_spaced(first)}{SEPARATOR}{rest}"


# Dots that look like the separator's middle dot: what a copy saved in a code page
# without U+00B7 gets instead (Windows' best fit for Shift-JIS writes the katakana
# middle dot), or what a font or a converter put there: bullets, dot operators, the
# Greek ano teleia (U+0387, which NFC turns into U+00B7), the hyphenation point.
_LOOK_ALIKE_DOT = re.compile("[\u30fb\uff65\u2022\u2219\u22c5\u0387\u2027]")


def _look_alike_dot(line: str) -> re.Match[str] | None:
    """The first dot in ``line`` that stands for the separator's middle dot: none in a
    line that has a middle dot (there, a look-alike is text: ``Tips • Tricks``)."""
    return None if "·" in line else _LOOK_ALIKE_DOT.search(line)


# Code pages a UTF-8 file is read in by mistake: ``open()`` without ``encoding=`` uses
# the locale's, on Windows its ANSI code page (Western, Central European, Cyrillic,
# Greek, Turkish, Baltic, Chinese, Japanese, Korean), or an OEM or Mac one.
_LOCALE_CODE_PAGES = (
    "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257", "gbk", "big5", "cp932", "cp949",
    "cp437", "cp850", "cp866", "mac_roman",
)  # fmt: skip


@functools.cache
def _misread_separators() -> dict[str, str]:
    """The separator ' · ' as its UTF-8 bytes read in each of those code pages (cp1252:
    ``' Â· '``, GBK: ``' 路 '``), and the first code page that reads it so."""
    forms: dict[str, str] = {}
    for codec in _LOCALE_CODE_PAGES:
        with contextlib.suppress(UnicodeDecodeError):
            forms.setdefault(SEPARATOR.encode("utf-8").decode(codec), codec)
    return forms


def _misread_separator(line: str) -> ParseError | None:
    """The error for a line whose separator is UTF-8 read in a code page: the whole
    text was decoded in the wrong encoding, which no repair of one line can undo."""
    if SEPARATOR in line:
        return None
    for form, codec in _misread_separators().items():
        at = line.find(form)
        if at != -1:
            return ParseError(
                "bad-encoding",
                "' · ' (U+00B7 MIDDLE DOT)",
                repr(form.strip()),
                f" in {quote(line)}: UTF-8 text decoded as {codec} or a code page like it, in reading it "
                "or before it was written (as Windows PowerShell 5 redirects with >); read it as UTF-8: "
                "give its Path or bytes, or open() it with encoding='utf-8'",
                column=at + 2,
            )
    return None


# No-break spaces (plain, narrow, figure), as a page writes ``0&nbsp;likes``.
_NO_BREAK = "\u00a0\u202f\u2007"


# Characters a web page may hold that show nothing, not even a space (a zero-width
# space, joiners, a word joiner, a BOM inside the text): around a line, or as a whole
# line, a lenient reader drops them.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


def _invisible_error(line: str) -> ParseError | None:
    """The problem with invisible characters around ``line``, if any."""
    if line and line[0] in _INVISIBLE:
        at = 0
    elif line and line[-1] in _INVISIBLE:
        at = len(line.rstrip(_INVISIBLE))
    else:
        return None
    return ParseError.in_text(
        "invisible-character",
        "no invisible characters around the line",
        f"U+{ord(line[at]):04X}",
        line,
        column=at + 1,
    )


def _spacing_error(role: Role, error: ParseError, line: str, respaced: str) -> ParseError:
    """Where ``line``, which reads as ``respaced``, deviates in its spacing; ``error`` is
    what its reader found (for a date line, about one of its parts: ``Aug 27, 2019 ``
    ends in whitespace, ``·`` has no spaces around it)."""
    look_alike = _look_alike_dot(line)
    if look_alike is not None:
        dot = look_alike[0]
        return ParseError.in_text(
            "look-alike-separator",
            "' · ' (U+00B7 MIDDLE DOT)",
            f"{dot!r} (U+{ord(dot):04X})",
            line,
            column=look_alike.start() + 1,
        )
    pairs = zip(line, respaced, strict=False)
    at = next((i for i, (old, new) in enumerate(pairs) if old != new), len(respaced))
    if at < len(line) and line[at] in _NO_BREAK:
        return _no_break_error(line)
    if role is Role.DATE_LINE:
        code, words = "bad-date-line", "' · ' between the date and the category"
    else:
        parts = " and ' · ' between its parts" if SEPARATOR in respaced else ""
        code, words = error.code, f"its words one plain space apart{parts}"
    return ParseError(code, f"{quote(respaced)}, {words}", quote(line), column=at + 1)


def _no_break_error(line: str) -> ParseError:
    """The first no-break space in ``line``: one next to the separator, or another."""
    at = next(i for i, char in enumerate(line) if char in _NO_BREAK)
    if "·" in line[max(0, at - 1) : at + 2]:
        return ParseError.in_text(
            "nbsp-separator", "' · ' with plain spaces", "no-break spaces", line, column=at + 1
        )
    return ParseError.in_text(
        "no-break-space", "a plain space", f"a no-break space (U+{ord(line[at]):04X})", line, column=at + 1
    )


def _single_spaced(text: str) -> str:
    return " ".join(text.split())  # str.split() takes no-break spaces for whitespace too


_BLANK_LINE_CODES = frozenset({"extra-blank-line", "missing-blank-line"})
# Repairs of a line's form, not of which lines stand where: whitespace, invisible
# characters, the spacing or look of a separator (a date line or stats respaced).
_FORM_CODES = frozenset(
    {
        "leading-whitespace",
        "trailing-whitespace",
        "invisible-character",
        "nbsp-separator",
        "no-break-space",
        "look-alike-separator",
        "bad-date-line",
        "bad-stats",
    }
)
# A date line whose date needs what the caller may give (a reference date, an order): a
# date line all the same.
_DATES_TO_RESOLVE = frozenset({"relative-date", "ambiguous-date"})
_NEWLINE_NAMES = {"\n": "LF", "\r\n": "CRLF", CR_CR_LF: "CR CR LF", "": "no"}


def _text_field(role: Role, text: str, column: int = 1) -> str:
    if not text:
        raise ParseError.in_text("empty-field", role.value, "an empty line", text, column=column)
    error = whitespace_error(text, column=column)
    if error is not None:
        raise error
    if text[0] == BOM:  # a field that starts with one would read as a byte order mark at a dump's start
        raise ParseError.in_text(
            "invisible-character", role.value, "a byte order mark (U+FEFF) at its start", text, column=column
        )
    return text


def _pages_error(header: Header, line: str) -> ParseError | None:
    """What is wrong with the page numbers of ``header``, read from its page ``line``
    (``Page 9 of 8``): a page from 1 to the page count, which is 1 or more. The header
    reads as it stands all the same; a lenient reader keeps it, with this problem."""
    page, pages = header.page, header.page_count
    if page is None or pages is None or 1 <= page <= pages:
        return None
    numbers = re.search(r"(?i)page\s+(\S+)\s+of\s+(\S+)", line)
    if pages < 1:
        expected, found, at = "a page count of 1 or more", str(pages), 2
    else:
        expected, found, at = f"a page number from 1 to {pages}", str(page), 1
    column = numbers.start(at) + 1 if numbers is not None else 1
    return ParseError.in_text("bad-header", expected, found, line, column=column)


def _header_from(style: HeaderStyle, values: Values) -> Header:
    count = values.get(Role.ARTICLE_COUNT)
    page = values.get(Role.PAGE_OF) or values.get(Role.COUNT_AND_PAGE)
    if isinstance(page, tuple) and len(page) == 3:
        count, page = page[0], page[1:]
    tag = values.get(Role.TAG_NAME)
    views = values.get(Role.VIEWS_LINE)
    return Header(
        style=style,
        tag=tag if isinstance(tag, str) else None,
        article_count=count if isinstance(count, int) else None,
        page=page[0] if isinstance(page, tuple) else None,
        page_count=page[1] if isinstance(page, tuple) else None,
        views=views if isinstance(views, int) else None,
    )
