"""Parsers for the single-line fields of a dump, each with its inverse.

The common shapes (``Aug 27, 2019``, ``0 likes · 11 min read``) are parsed by
hand; dateutil is imported only for the rare other absolute date shapes.
Every parser raises :class:`ParseError` with a column relative to its text.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from collections.abc import Callable
from typing import TypeVar

import attrs

from .checks import check_date_order, check_reference_date
from .errors import ParseError, Problem, quote, worded

__all__ = [
    "Stats",
    "format_date",
    "format_stats",
    "parse_date",
    "parse_stats",
]

SEPARATOR = " · "  # space, U+00B7 MIDDLE DOT, space: between date and category, likes and read time

_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, start=1)}
_DATE_EXAMPLE = "a date like 'Aug 27, 2019'"
_STATS_EXAMPLE = "stats like '0 likes · 11 min read'"

# A count (likes, minutes, articles, pages, views) has at most 18 digits: it fits
# the 64-bit integers other tools store it in, and int() refuses very long runs
# of digits outright (4,300 by default), which must read as a deviation, not crash.
COUNT_DIGITS = 18
MAX_COUNT = 10**COUNT_DIGITS - 1
# A count as str(int) writes it: the only spelling the canonical layout has.
PLAIN_COUNT = rf"0|[1-9][0-9]{{0,{COUNT_DIGITS - 1}}}"
_TOO_LONG = f"a count of at most {COUNT_DIGITS} digits"


_Key = TypeVar("_Key")
_Value = TypeVar("_Value")


class Remembered(dict[_Key, _Value]):
    """``compute(key)`` for a key looked up the first time, kept for the next: a
    field's value where records repeat its text (dates, counts) is then one lookup in
    C, a tenth of the cost of working it out again. At ``limit`` keys the table starts
    afresh, so that the keys of a long run's current dumps are kept, not the first
    ``limit`` ever seen (text of damaged records among them: every date-line reader's
    guess is looked up)."""

    def __init__(self, compute: Callable[[_Key], _Value], limit: int = 1 << 14) -> None:
        super().__init__()
        self._compute = compute
        self._limit = limit

    def __missing__(self, key: _Key) -> _Value:
        value = self._compute(key)
        if len(self) >= self._limit:
            self.clear()
        self[key] = value
        return value


def _digits(number: str) -> str:
    return f"a number of {sum(map(str.isdigit, number))} digits"


def _is_plain_number(text: str) -> bool:
    """ASCII digits without a leading zero: the only spelling ``str(int)`` gives back."""
    return text.isdigit() and text.isascii() and (text[0] != "0" or text == "0") and len(text) <= COUNT_DIGITS


# ---------------------------------------------------------------------------- whitespace


def padded(line: str) -> bool:
    """Whether ``line`` starts or ends with whitespace (without copying a long line)."""
    return line[:1].isspace() or line[-1:].isspace()


def whitespace_problem(line: str, number: int = 1, column: int = 1) -> Problem | None:
    """The problem with whitespace around ``line`` (which starts at ``column``), if any.

    Made without an error first: a lenient reader records one for every line of a
    copy that left a space at the end of each.
    """
    fault = _whitespace_fault(line, column)
    if fault is None:
        return None
    code, at, expected, found, detail = fault
    return Problem(number, at, code, worded(expected, found, detail), expected, found)


def whitespace_error(line: str, number: int = 1, column: int = 1) -> ParseError | None:
    """:func:`whitespace_problem` as an error, to raise."""
    fault = _whitespace_fault(line, column)
    if fault is None:
        return None
    code, at, expected, found, detail = fault
    return ParseError(code, expected, found, detail, line=number, column=at)


def _whitespace_fault(line: str, column: int) -> tuple[str, int, str, str, str] | None:
    """Whitespace around ``line`` (which starts at ``column``), if any, as its code,
    column, what was expected, what was found and the detail after them."""
    if not padded(line):
        return None
    text = line.rstrip()
    if text and not line[0].isspace():
        expected = f"the line to end after {quote(text[:100])}"
        return "trailing-whitespace", column + len(text), expected, "whitespace", f" in {quote(line)}"
    # A line of whitespace only stands for a blank line or for an empty field.
    expected = "text at the start" if text else "no whitespace around the line"
    return "leading-whitespace", column, expected, "whitespace", f" in {quote(line)}"


# ---------------------------------------------------------------------------- dates


# "Aug 27," -> (8, 27): the month and day part of every canonical date, so the
# common shape is read with one dictionary lookup.
_MONTH_DAYS = {
    f"{name} {day},": (number, day)
    for number, name in enumerate(_MONTH_NAMES, start=1)
    for day in range(1, 32)
}


def canonical_date(text: str) -> _dt.date | None:
    """``Mon D, YYYY`` exactly as :func:`format_date` writes it, else ``None``."""
    month_day = _MONTH_DAYS.get(text[:-5])
    year = text[-4:]
    if month_day is None or text[-5:-4] != " " or not year.isdigit() or not year.isascii():
        return None
    try:
        return _dt.date(int(year), *month_day)
    except ValueError:
        return None


_COMMON_SHAPE = r"([A-Z][a-z]{2}) (\d{1,2})(?:, (\d{4}))?"  # the year may be left out
# "3 days ago", "an hour ago", "45 mins ago", and the short forms "2h ago", "3d ago", "5m ago".
_RELATIVE = (
    r"(?i)(?:(?P<count>\d{1,6}) ?|(?P<word>an?|one) )"
    r"(?P<unit>sec(?:ond)?s?|s|min(?:ute)?s?|m|hours?|hrs?|h|days?|d|weeks?|w|months?|mo|years?|yrs?|y) ago"
)
# A unit's spelling -> its name, by how it starts (m alone and min are minutes, mo a month).
_TIME_UNITS = {"s": "second", "m": "minute", "mo": "month", "h": "hour", "d": "day", "w": "week", "y": "year"}
_SHORT_UNITS = frozenset(["s", "m", "h", "d", "w", "mo", "y"])  # only after a number: 2h, 3d
# The units under a day: they name a time of day, which a date alone cannot place.
_TIME_OF_DAY = frozenset(["second", "minute", "hour"])
# "Yesterday 10:30", "Today at 9:05 PM": the time after a day's word says nothing of the day.
_DAY_WORD_AT = re.compile(r"(?i)(today|yesterday),? (?:at )?\d{1,2}:\d\d(?::\d\d)?(?: ?[ap]\.?m\.?)?")
_RELATIVE_WORDS = {
    "today": (0, "day"),
    "yesterday": (1, "day"),
    "just now": (0, "second"),
    "a few seconds ago": (0, "second"),
}


def parse_date(
    text: str, *, reference_date: _dt.date | None = None, date_order: str | None = None
) -> _dt.date:
    """Parse a listing date.

    ``Mon D, YYYY`` is parsed by hand; other absolute shapes (``August 27, 2019``,
    ``27 Aug 2019``, ``2019-08-27``) by dateutil. A date missing its day is an
    error. So is a date in numbers whose day and month could each be the other
    (``05/08/2019``: May 8 or Aug 5, an ``ambiguous-date``), unless ``date_order``
    (``"MDY"`` or ``"DMY"``) says in which order the listing writes them; a day after
    12 tells them apart (``27/08/2019``), and a date that starts with its year reads
    year, month, day. Relative dates (``3 days ago``, ``Yesterday``) need an
    explicit ``reference_date``; those under a day (``2 hours ago``, ``Just now``)
    need it as a ``datetime``, the time of the copy, because a date alone cannot
    tell on which day they fall. So does a date without its year (``Sep 5``: sites leave
    the year out of recent dates): it is the latest such day up to the day after
    the reference (a site may date its pages in a time zone ahead of the copy's).
    So does a two-digit year (``Sep 5 '19``): the latest such day in a year ending
    in those digits. Nothing is ever filled in from today, a century neither. The
    result is a ``date`` whichever the reference is.

    >>> import datetime
    >>> parse_date("Aug 27, 2019")
    datetime.date(2019, 8, 27)
    >>> parse_date("3 days ago", reference_date=datetime.date(2019, 8, 30))
    datetime.date(2019, 8, 27)
    >>> parse_date("Sep 5", reference_date=datetime.date(2019, 8, 30))
    datetime.date(2018, 9, 5)
    >>> parse_date("2 hours ago", reference_date=datetime.datetime(2019, 8, 30, 1, 15))
    datetime.date(2019, 8, 29)
    >>> parse_date("05.08.2019", date_order="DMY"), parse_date("27.08.2019")
    (datetime.date(2019, 8, 5), datetime.date(2019, 8, 27))
    """
    check_reference_date(reference_date)
    check_date_order(date_order)
    found = canonical_date(text)
    if found is not None:
        return found
    return _parse_uncommon_date(text, reference_date, date_order)


def _parse_uncommon_date(text: str, reference: _dt.date | None, order: str | None) -> _dt.date:
    if not text.strip():
        raise ParseError.in_text("bad-date", _DATE_EXAMPLE, "nothing", text)
    padding = whitespace_error(text)  # dateutil would read past it: a deviation all the same
    if padding is not None:
        raise padding
    shape = re.fullmatch(_COMMON_SHAPE, text)  # re caches it: compiled on first use
    if shape is not None and shape[1] in _MONTHS:
        # The common shape with an impossible or zero-padded day, or without its year.
        month, day = _MONTHS[shape[1]], int(shape[2])
        try:
            found = _dt.date(int(shape[3] or 2000), month, day)  # 2000: a leap year
        except ValueError:
            raise _no_such_day(shape[2], text, column=5) from None
        return found if shape[3] else _latest(month, day, text, reference)
    relative = _relative_days(text)
    if relative is not None:
        if reference is None:
            raise ParseError(
                "relative-date",
                "an absolute date",
                f"the relative date {text!r}",
                "; pass a reference date (reference_date=..., --reference-date) to resolve it, it is "
                "never resolved against today",
            )
        count, unit = relative
        if unit in _TIME_OF_DAY and not isinstance(reference, _dt.datetime):
            raise ParseError(
                "relative-date",
                "a date",
                f"{text!r}, which counts time under a day",
                "; pass the time of the copy (a datetime) as the reference: a date alone cannot tell "
                "on which day it falls",
            )
        try:
            return _shift(reference, count, unit)
        except (OverflowError, ValueError):  # before year 1: datetime cannot hold it
            raise ParseError.in_text(
                "bad-date", "a relative date no earlier than the year 1", "one before it", text
            ) from None
    numeric = _NUMERIC_DATE.fullmatch(text)
    if numeric is not None:
        return _numeric_date(text, numeric, reference, order)
    return _dateutil_date(text, reference)


# A date in numbers with its year last (05/08/2019, 27.08.2019, 5-8-19, 05 08 2019), after
# a weekday, before a time. Which of the first two is the day only the listing's order
# tells, where both can be a month.
_NUMERIC_DATE = re.compile(
    r"(?i)(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,? )?"
    r"(\d{1,2})([./ -])(\d{1,2})\2(\d{4}|\d{2})"
    r"(?:,? (?:at )?\d{1,2}:\d\d(?::\d\d)?(?: ?[ap]\.?m\.?)?)?"
)


def _numeric_date(text: str, found: re.Match[str], reference: _dt.date | None, order: str | None) -> _dt.date:
    """The date ``text`` writes in numbers at ``found``, its day and month in ``order``
    (dateutil would take the month first, where the day may be: 05/08/2019)."""
    first, second = int(found[1]), int(found[3])
    if order is None:
        if first != second and 1 <= first <= 12 and 1 <= second <= 12:
            raise ParseError(
                "ambiguous-date",
                "a date whose day and month can be told apart",
                f"{_MONTH_NAMES[first - 1]} {second} or {_MONTH_NAMES[second - 1]} {first}",
                f" in {quote(text)}; pass the order the listing writes dates in (date_order='MDY' or "
                "'DMY', --date-order)",
                column=found.start(1) + 1,
            )
        return _dateutil_date(text, reference)  # only one reading: 27/08/2019
    month_at, day_at = (1, 3) if order == "MDY" else (3, 1)
    month, day = int(found[month_at]), int(found[day_at])
    if not 1 <= month <= 12:
        raise ParseError.in_text(
            "bad-date",
            f"a month from 1 to 12 ({order} order)",
            repr(found[month_at]),
            text,
            column=found.start(month_at) + 1,
        )
    year = int(found[4]) if len(found[4]) == 4 else 2000  # a two-digit year's century: leap
    try:
        _dt.date(max(year, 1), month, day)
    except ValueError:
        raise _no_such_day(found[day_at], text, column=found.start(day_at) + 1) from None
    # Rewritten in the order dateutil reads (month first), which reads the rest: a
    # weekday or a time around it, a two-digit year's century (from the reference).
    month_first = f"{text[: found.start(1)]}{month}/{day}/{found[4]}{text[found.end(4) :]}"
    try:
        return _dateutil_date(month_first, reference)
    except ParseError as error:  # worded in the text as written
        raise error.amended(
            found=error.found.replace(repr(month_first), repr(text)),
            detail=error.detail.replace(repr(month_first), repr(text)),
        ) from None


def has_a_dates_shape(date_line: str) -> bool:
    """Whether the date of ``date_line`` is written as a date is, though it may name none
    (``Aug 32, 2019``; ``27/08/2019`` in MDY order): its line is a date line all the same."""
    date_text = date_line.partition(SEPARATOR)[0]
    shape = re.fullmatch(_COMMON_SHAPE, date_text)
    return (shape is not None and shape[1] in _MONTHS) or _NUMERIC_DATE.fullmatch(date_text) is not None


def _no_such_day(day: str, text: str, column: int) -> ParseError:
    """The error of a day its month lacks (``Jun 31``, ``Feb 29`` of 2019), ``day`` as written."""
    return ParseError.in_text("bad-date", "a day that exists in that month", repr(day), text, column=column)


def _latest(
    month: int, day: int, text: str, reference: _dt.date | None, *, two_digit_year: int | None = None
) -> _dt.date:
    """The latest ``month``/``day`` (a day some year has) up to the day after
    ``reference``: the date a site means when it leaves the year out (``Sep 5`` on a
    page copied on Dec 4), or its century (``Sep 5 '19``: the year ending in
    ``two_digit_year``). The day after, because the site may date its pages in a
    time zone ahead of the copy's (``Dec 5`` copied on Dec 4 is this year's)."""
    if reference is None:
        left_out = "year" if two_digit_year is None else "century"
        raise ParseError(
            "relative-date",
            f"a date with its {'full ' * (two_digit_year is not None)}year",
            repr(text),
            "; pass a reference date (reference_date=..., --reference-date), the day of the copy, to "
            f"resolve it: sites leave the {left_out} out of recent dates, and it is never taken from today",
        )
    last = _dt.date(reference.year, reference.month, reference.day)
    if last < _dt.date.max:
        last += _dt.timedelta(days=1)
    if two_digit_year is None:
        # Eight years back reach a leap year from any year (2096 -> 2104 skips 2100).
        years = range(last.year, max(last.year - 9, 0), -1)
    elif (month, day) == (2, 29) and two_digit_year % 4:
        raise ParseError.in_text(
            "bad-date",
            "a day that exists in that year",
            f"Feb 29 of a year ending in {two_digit_year:02}",
            text,
        )
    else:
        # Five centuries back reach a leap year ending in 00 (2100 -> 1600 skips 1700-1900).
        newest = last.year - (last.year - two_digit_year) % 100
        years = range(newest, max(newest - 500, 0), -100)
    for year in years:
        try:
            found = _dt.date(year, month, day)
        except ValueError:  # Feb 29 of a common year
            continue
        if found <= last:
            return found
    raise ParseError.in_text("bad-date", "a date no earlier than the year 1", "one before it", text)


def _relative_days(text: str) -> tuple[int, str] | None:
    """``(count, unit)`` of a relative date (``3 days ago``: ``(3, "day")``), else None."""
    words = _RELATIVE_WORDS.get(text.lower())
    if words is None and (at_time := _DAY_WORD_AT.fullmatch(text)):
        words = _RELATIVE_WORDS[at_time[1].lower()]
    if words is not None:
        return words
    match = re.fullmatch(_RELATIVE, text)
    if match is None:
        return None
    unit = match["unit"].lower()
    if match["word"] and unit in _SHORT_UNITS:
        return None  # "an h ago" is no one's spelling
    number = 1 if match["word"] else int(match["count"])
    return number, _TIME_UNITS[unit[:2] if unit.startswith("mo") else unit[0]]


def _shift(reference: _dt.date, count: int, unit: str) -> _dt.date:
    """The day ``count`` units before ``reference`` (a date, or a datetime for the
    units under a day); always a ``date``, never a ``datetime``."""
    if unit in ("month", "year"):
        from dateutil.relativedelta import relativedelta

        shifted: _dt.date = reference - relativedelta(months=count * (12 if unit == "year" else 1))
    else:
        shifted = reference - _dt.timedelta(**{unit + "s": count})
    return _dt.date(shifted.year, shifted.month, shifted.day)


# Two defaults that differ in every component: a part dateutil filled in from the
# default shows up as a difference between the two results. Both are leap years,
# so that ``February 29`` without a year reads as a day.
_DEFAULTS = (_dt.datetime(2000, 1, 1), _dt.datetime(2004, 2, 2))


# No written date is longer; longer text is not handed to dateutil at all.
_LONGEST_DATE = 64


# What dateutil made of a text (its date, or the error): a damaged dump's reader tries
# one line as a date line from several places, and dateutil costs ~50 µs a text.
_DATEUTIL_READ: dict[tuple[str, _dt.date | None], _dt.date | ParseError] = {}
_DATEUTIL_LIMIT = 1 << 12


def _dateutil_date(text: str, reference: _dt.date | None) -> _dt.date:
    key = (text, reference)
    read = _DATEUTIL_READ.get(key)
    if read is None:
        try:
            read = _dateutil_read(text, reference)
        except ParseError as error:
            read = error
        if len(_DATEUTIL_READ) >= _DATEUTIL_LIMIT:
            _DATEUTIL_READ.clear()
        _DATEUTIL_READ[key] = read
    if isinstance(read, ParseError):
        raise read.amended()  # a fresh one: callers amend it
    return read


def _dateutil_read(text: str, reference: _dt.date | None) -> _dt.date:
    if len(text) > _LONGEST_DATE:
        raise ParseError.in_text("bad-date", _DATE_EXAMPLE, f"{len(text)} characters", text)
    from .dateutil_dates import read_with_dateutil

    try:
        first, second, two_digit_year = read_with_dateutil(text, _DEFAULTS)
    except (ValueError, OverflowError):
        raise ParseError.in_text("bad-date", _DATE_EXAMPLE, "no date", text) from None
    if first.date() != second.date():
        missing = [
            name
            for name, a, b in (
                ("year", first.year, second.year),
                ("month", first.month, second.month),
                ("day", first.day, second.day),
            )
            if a != b
        ]
        if missing == ["year"]:
            return _latest(first.month, first.day, text, reference)
        raise ParseError.in_text(
            "bad-date",
            "a full date with year, month and day",
            f"no {' or '.join(missing)}",
            text,
        )
    if two_digit_year is not None:
        return _latest(first.month, first.day, text, reference, two_digit_year=two_digit_year)
    return first.date()


def format_date(day: _dt.date) -> str:
    """The site's spelling of a date, the inverse of :func:`parse_date`.

    >>> import datetime
    >>> format_date(datetime.date(2019, 8, 27))
    'Aug 27, 2019'
    """
    return f"{_MONTH_NAMES[day.month - 1]} {day.day}, {day.year:04d}"


def parse_date_line(
    text: str, *, reference_date: _dt.date | None = None, date_order: str | None = None
) -> tuple[_dt.date, str]:
    """``Aug 27, 2019 · Backend Development`` -> (date, category)."""
    date_text, separator, category = text.partition(SEPARATOR)
    if not separator:
        raise ParseError.in_text(
            "bad-date-line",
            "' · ' between the date and the category",
            "none",
            text,
            column=len(text) + 1,
        )
    if not category:
        raise ParseError.in_text(
            "empty-field", "a category after ' · '", "nothing", text, column=len(text) + 1
        )
    try:
        return parse_date(date_text, reference_date=reference_date, date_order=date_order), category
    except ParseError as error:
        # The whole line quoted in the date's place, before any advice: the column is in it.
        advice = error.detail.removeprefix(f" in {quote(date_text)}")
        raise error.amended(detail=f" in {quote(text)}{advice}") from None


# ---------------------------------------------------------------------------- stats


@attrs.frozen
class Stats:
    """The numbers of a stats line.

    >>> parse_stats("1.2K likes · 12 min read")
    Stats(likes=1200, read_minutes=12)
    """

    likes: int
    read_minutes: int


_STATS = r"(?P<likes>\S+) (?ai:likes?) · (?P<minutes>\d+) (?ai:min(?:ute)?s? read)"


# The separator as a copy may spell it: any whitespace around the middle dot, or none
# (``0 likes\u00a0·\u00a017 min read``, ``Aug 27, 2019·Backend Development``).
_LOOSE_SEPARATOR = re.compile(r"\s*·\s*")

# How a date and a stats line start, as far as a line cut off has them: a date's month
# and day, and its year (``May 6, 20``); a stats line's likes and a space, their word and
# its read time's number (``0 likes · 72 mi``). Less shows too little of the shape: a
# name may start so (``JunJie``, ``MayDay``, ``36Kr``). A space may be any whitespace.
_DATE_START = re.compile(r"(?P<month>[A-Za-z]{3})\s(?P<day>\d{1,2})(?:,\s(?P<year>\d{1,4}))?")
# A count as a line spells it, loosely (``949``, ``1,234``, ``1.2K``).
_COUNT_START = r"\d[\d.,]*[KkMm]?"
_STATS_START = re.compile(
    rf"(?P<likes>{_COUNT_START}\+?)\s(?:(?P<word>(?ai:likes?))(?:(?P<separator>{_LOOSE_SEPARATOR.pattern})"
    r"(?P<minutes>\d+))?)?"
)
_ARTICLE_COUNT_START = re.compile(_COUNT_START)


def partition_separator(line: str) -> tuple[str, str, str]:
    """``line`` split at its first separator as a copy may spell it (see
    _LOOSE_SEPARATOR): the text before, the separator, the text after; ``(line, "",
    "")`` if it has none."""
    found = _LOOSE_SEPARATOR.search(line)
    if found is None:
        return line, "", ""
    return line[: found.start()], found.group(), line[found.end() :]


def foretold_date_line(line: str, category: str) -> tuple[str, int] | None:
    """The date line with ``category`` that ``line`` starts as, cut off or run into
    other text, and where its category starts: its date and separator as far as the
    line has them, spelled as it spells them (whitespace of any kind for a space), the
    rest as the site writes it (``May 6Java Tech Workshop``: ``May 6, 2000 · Backend
    Development``; ``May 6, 2026\u00a0·Java``: ``May 6, 2026\u00a0· Backend
    Development``). None if it has no separator and does not start with a month and a
    day."""
    date, separator, _rest = partition_separator(line)
    if not separator:
        found = _DATE_START.match(line)
        if found is None or found["month"].title() not in _MONTHS:
            return None
        date = f"{found['month']} {found['day']}, {found['year'] or 2000}"
    start = _as_far_as(line, date + SEPARATOR)  # (a separator may be cut off: ``May 6, 2026 ·``)
    return start + category, len(start)


def foretold_stats(line: str) -> str | None:
    """The stats line that ``line`` starts as, cut off or run into other text: its
    likes and read time as far as the line has them, spelled as it spells them, the
    rest as the site writes it (``0 likes · 72 miWukong Talks Architecture``: ``0 likes
    · 72 min read``; ``0 likes·7Java``: ``0 likes·7 min read``). None if it does not
    start with a count and a space."""
    found = _STATS_START.match(line)
    if found is None:
        return None
    likes, separator = f"{found['likes']} {found['word'] or 'likes'}", found["separator"] or SEPARATOR
    return _as_far_as(line, f"{likes}{separator}{found['minutes'] or 1} min read")


def article_count_cut_off(line: str) -> bool:
    """Whether ``line`` is an article count (``949 articles``) cut off: its count, then
    as much of `` articles`` as the line has (``949 arti``)."""
    count = _ARTICLE_COUNT_START.match(line)
    return count is not None and " articles".startswith(line[count.end() :].lower())


def _as_far_as(line: str, shape: str) -> str:
    """``shape``, with the start it shares with ``line`` (letter case and the kind of
    whitespace where it has a space aside) as the line has it: ``0 Likes · 11 Min
    Rea…`` foretells ``0 Likes · 11 Min Read``, ``0\u00a0likes`` ``0\u00a0likes · 1 min
    read``."""
    agree = len(os.path.commonprefix((line, shape)))  # noqa: RUF071 (characters, as wanted)
    while agree < min(len(line), len(shape)) and (
        line[agree].lower() == shape[agree].lower() or (shape[agree] == " " and line[agree].isspace())
    ):
        agree += 1 + len(os.path.commonprefix((line[agree + 1 :], shape[agree + 1 :])))  # noqa: RUF071
    return line[:agree] + shape[agree:]


def canonical_stats(text: str) -> Stats | None:
    """``N likes · N min read`` exactly as :func:`format_stats` writes it, else ``None``."""
    parts = text.split(" ")
    if (
        len(parts) == 6
        and parts[1] == "likes"
        and parts[2] == "·"
        and parts[4] == "min"
        and parts[5] == "read"
        and _is_plain_number(parts[0])
        and _is_plain_number(parts[3])
    ):
        return Stats(int(parts[0]), int(parts[3]))
    return None


def parse_stats(text: str) -> Stats:
    """Parse a stats line: ``0 likes · 11 min read``, ``1 like``, ``1,234 likes``, ``1.2K likes``,
    ``999+ likes``; its words in any case (``0 Likes · 11 Min Read``).

    >>> parse_stats("0 likes · 11 min read").read_minutes
    11
    """
    found = canonical_stats(text)
    if found is not None:
        return found
    match = re.fullmatch(_STATS, text)
    if match is None or not match["minutes"].isascii():
        raise _stats_deviation(text)
    if len(match["minutes"].lstrip("0")) > COUNT_DIGITS:
        raise ParseError.in_text(
            "bad-stats", _TOO_LONG, _digits(match["minutes"]), text, column=match.start("minutes") + 1
        )
    return Stats(read_count(match["likes"], "likes", text, "bad-stats"), int(match["minutes"]))


def _stats_deviation(text: str) -> ParseError:
    """What a stats line that does not read has where, in the order it reads."""
    likes, separator, read_time = text.partition(SEPARATOR)
    if not separator:
        return ParseError.in_text(
            "bad-stats", "' · ' between the likes and the read time", "none", text, column=len(text) + 1
        )
    if re.fullmatch(r"\S+ (?ai:likes?)", likes) is None:
        return ParseError.in_text("bad-stats", "likes like '0 likes'", quote(likes), text)
    return ParseError.in_text(
        "bad-stats",
        "a read time like '11 min read'",
        quote(read_time),
        text,
        column=len(likes) + len(SEPARATOR) + 1,
    )


def format_stats(stats: Stats) -> str:
    """The site's canonical stats line, the inverse of :func:`parse_stats`.

    >>> format_stats(Stats(likes=0, read_minutes=11))
    '0 likes · 11 min read'
    """
    return f"{stats.likes} likes{SEPARATOR}{stats.read_minutes} min read"


# ---------------------------------------------------------------------------- header lines


# A count as a page may spell it besides the plain one: 1,234; 1.2K; 3M; 999+ (a capped
# count: at least that many, read as that many, as 1.2K is read as 1,200).
_SPELLED_COUNT = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)([KkMm]?)\+?")
_UNITS = {"": 1, "k": 1_000, "m": 1_000_000}


def read_count(number: str, what: str, text: str, code: str, column: int = 1) -> int:
    """A count of likes, articles, pages or views in ``text`` (at ``column``):
    ``949``, ``1,234``, ``1.2K``, ``3M``, ``999+``; ``code`` names what is wrong otherwise."""
    if _is_plain_number(number):
        return int(number)
    spelled = _SPELLED_COUNT.fullmatch(number)
    if spelled is None or not number.isascii():
        raise ParseError.in_text(code, f"a number of {what}", repr(number), text, column=column)
    from decimal import Decimal  # exact for 1.2K, and for any number of digits

    value = Decimal(spelled[1].replace(",", "")) * _UNITS[spelled[2].lower()]
    if value != value.to_integral_value():
        raise ParseError.in_text(code, f"a whole number of {what}", repr(number), text, column=column)
    if value > MAX_COUNT:
        found = _digits(number) if number.isdigit() else f"{number!r} (about {value:.2e})"
        raise ParseError.in_text(code, _TOO_LONG, found, text, column=column)
    return int(value)


def _header_number(number: str, what: str, text: str, column: int = 1) -> int:
    return read_count(number, what, text, "bad-header", column)


def parse_count(text: str, noun: str = "articles") -> int:
    """``949 articles`` (also ``1 article``, ``1,234 articles``) -> 949."""
    number, space, word = text.partition(" ")
    if not space:
        raise ParseError.in_text("bad-header", f"'N {noun}'", "no space", text, column=len(text) + 1)
    if word.lower() not in (noun, noun[:-1]):
        raise ParseError.in_text(
            "bad-header", f"{noun!r} after the count", quote(word), text, column=len(number) + 2
        )
    return _header_number(number, noun, text)


def parse_page_of(text: str) -> tuple[int, int]:
    """``Page 8 of 10`` -> (8, 10)."""
    parts = text.split(" ")
    if len(parts) != 4 or parts[0].lower() != "page" or parts[2].lower() != "of":
        raise ParseError.in_text("bad-header", "'Page X of Y'", "something else", text)
    last = len(text) - len(parts[3]) + 1
    return _header_number(parts[1], "pages", text, 6), _header_number(parts[3], "pages", text, last)


def parse_count_and_page(text: str) -> tuple[int, int, int]:
    """``273 articles · Page 1 of 3`` -> (273, 1, 3)."""
    count, separator, page = text.partition(SEPARATOR)
    if not separator:
        raise ParseError.in_text(
            "bad-header", "' · ' between the count and the page", "none", text, column=len(text) + 1
        )
    try:
        page_number, page_count = parse_page_of(page)
    except ParseError as error:
        raise error.at(1, len(count) + len(SEPARATOR)) from None
    return parse_count(count), page_number, page_count


VIEWS_TAIL = " views collected around this technical thread."


def parse_views(text: str) -> int:
    """``1 views collected around this technical thread.`` -> 1 (``1 view ...`` too)."""
    for tail in (VIEWS_TAIL, VIEWS_TAIL.replace(" views ", " view ", 1)):
        if text[-len(tail) :].lower() == tail:
            return _header_number(text[: -len(tail)], "views", text)
    raise ParseError.in_text("bad-header", f"'N{VIEWS_TAIL}'", "something else", text)
