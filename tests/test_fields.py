"""Unit tests of the field parsers and their inverses."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedparse_txt import (
    ParseError,
    Stats,
    format_date,
    format_dump,
    format_stats,
    iter_articles,
    normalize,
    parse_date,
    parse_dump,
    parse_stats,
)
from feedparse_txt.fields import (
    Remembered,
    parse_count,
    parse_count_and_page,
    parse_date_line,
    parse_page_of,
    parse_views,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Aug 27, 2019", dt.date(2019, 8, 27)),
        ("Jan 1, 2017", dt.date(2017, 1, 1)),
        ("Dec 31, 2026", dt.date(2026, 12, 31)),
        ("Feb 29, 2024", dt.date(2024, 2, 29)),
        # Other absolute shapes go through dateutil.
        ("August 27, 2019", dt.date(2019, 8, 27)),
        ("27 Aug 2019", dt.date(2019, 8, 27)),
        ("2019-08-27", dt.date(2019, 8, 27)),
        ("Aug 07, 2019", dt.date(2019, 8, 7)),
        ("27.08.2019", dt.date(2019, 8, 27)),
        # A day and a year run together: dateutil alone reads "27,2019" as the day
        # 27.2019, and the date as one without its year.
        ("Aug 27,2019", dt.date(2019, 8, 27)),
        ("Aug 27.2019", dt.date(2019, 8, 27)),
        ("27 Aug,2019", dt.date(2019, 8, 27)),
        ("Aug 27, 2019, 10.30 AM", dt.date(2019, 8, 27)),  # 10.30 is a time, not a day and a year
        # A time zone dateutil does not know: it warned (an error where warnings are errors).
        ("August 27, 2019 10:30 PDT", dt.date(2019, 8, 27)),
        ("Aug 27, 2019 10:30 PM PST", dt.date(2019, 8, 27)),
        ("2019-08-27T23:30:00-07:00", dt.date(2019, 8, 27)),  # the date as written, not in UTC
    ],
)
def test_parse_date(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected
    assert parse_date(text, reference_date=dt.date(2024, 9, 10)) == expected


@pytest.mark.parametrize(
    ("text", "code", "column"),
    [
        ("Aug 32, 2019", "bad-date", 5),
        ("Feb 29, 2023", "bad-date", 5),
        ("Aug 27", "relative-date", 1),  # no year: never filled in from today
        ("27 August", "relative-date", 1),
        ("Feb 29", "relative-date", 1),
        # A two-digit year: its century is never taken from today either.
        ("Aug 27 '19", "relative-date", 1),
        ("08/27/19", "relative-date", 1),
        ("Aug 27,19", "relative-date", 1),
        ("11,22", "bad-date", 1),  # numbers alone are no day and year run together
        ("Sep 31", "bad-date", 5),
        ("Aug 0", "bad-date", 5),
        ("August 2019", "bad-date", 1),  # no day
        ("", "bad-date", 1),
        ("Backend Development", "bad-date", 1),
        ("3 days ago", "relative-date", 1),
        ("Yesterday", "relative-date", 1),
        ("Yesterday 10:30", "relative-date", 1),
        ("Monday 10:30", "bad-date", 1),  # a weekday names no day without more
        ("2 hours ago", "relative-date", 1),
        ("Just now", "relative-date", 1),
        ("2h ago", "relative-date", 1),
        ("an h ago", "bad-date", 1),  # the short units only follow a number
        # Whitespace around a date is a deviation, though dateutil would read past it.
        (" Aug 27, 2019", "leading-whitespace", 1),
        ("Aug 27, 2019 ", "trailing-whitespace", 13),
        ("August 27, 2019\t", "trailing-whitespace", 16),
        (" 3 days ago", "leading-whitespace", 1),
    ],
)
def test_parse_date_errors(text: str, code: str, column: int) -> None:
    with pytest.raises(ParseError) as caught:
        parse_date(text)
    assert (caught.value.code, caught.value.column) == (code, column)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("August 27, 2019", None),
        ("27 Aug", dt.date(2019, 8, 30)),
        ("27 Aug", dt.date(2019, 8, 20)),  # another reference, another year
        ("Backend Development", None),
        ("Aug 2019", None),
    ],
)
def test_what_dateutil_read_is_the_same_the_second_time(text: str, reference: dt.date | None) -> None:
    # A damaged dump's reader tries a line as a date line from several places; dateutil
    # is asked once a text, and an error comes back anew each time (callers amend it).
    def outcome() -> object:
        try:
            return parse_date(text, reference_date=reference)
        except ParseError as error:
            error.source = "amended"
            return (error.code, error.message, error.column, error.line)

    first, again = outcome(), outcome()
    assert first == again
    with mock.patch("dateutil.parser.parse", side_effect=AssertionError("asked again")):
        assert outcome() == first


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 days ago", dt.date(2019, 8, 27)),
        ("1 day ago", dt.date(2019, 8, 29)),
        ("a week ago", dt.date(2019, 8, 23)),
        ("2 months ago", dt.date(2019, 6, 30)),
        ("1 year ago", dt.date(2018, 8, 30)),
        ("Yesterday", dt.date(2019, 8, 29)),
        ("today", dt.date(2019, 8, 30)),
        # With the time of day a page shows after the word (a bad-date before).
        ("Yesterday 10:30", dt.date(2019, 8, 29)),
        ("Yesterday at 23:59:59", dt.date(2019, 8, 29)),
        ("Today, 9:05 PM", dt.date(2019, 8, 30)),
        # The short forms of feeds and timelines.
        ("3d ago", dt.date(2019, 8, 27)),
        ("1w ago", dt.date(2019, 8, 23)),
        ("2mo ago", dt.date(2019, 6, 30)),
        ("1y ago", dt.date(2018, 8, 30)),
        ("2 yrs ago", dt.date(2017, 8, 30)),
    ],
)
def test_relative_dates_need_a_reference(text: str, expected: dt.date) -> None:
    assert parse_date(text, reference_date=dt.date(2019, 8, 30)) == expected


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("Aug 27", dt.date(2019, 8, 30), dt.date(2019, 8, 27)),
        ("Aug 30", dt.date(2019, 8, 30), dt.date(2019, 8, 30)),
        ("Aug 31", dt.date(2019, 8, 30), dt.date(2019, 8, 31)),  # a day ahead: the site's time zone
        ("Sep 1", dt.date(2019, 8, 30), dt.date(2018, 9, 1)),  # not yet this year: last year's
        ("Jan 1", dt.datetime(2019, 12, 31, 23, 0), dt.date(2020, 1, 1)),
        ("Dec 31", dt.datetime(2020, 1, 1, 0, 5), dt.date(2019, 12, 31)),
        ("Jan 1", dt.date(2020, 1, 1), dt.date(2020, 1, 1)),
        ("Feb 29", dt.date(2019, 8, 30), dt.date(2016, 2, 29)),  # the last leap year
        ("Feb 29", dt.date(2103, 1, 1), dt.date(2096, 2, 29)),  # 2100 is no leap year
        ("August 27", dt.date(2019, 8, 30), dt.date(2019, 8, 27)),
        ("27 Aug", dt.date(2019, 8, 30), dt.date(2019, 8, 27)),
        ("Sept 2", dt.date(2019, 8, 30), dt.date(2018, 9, 2)),
        ("Aug 27, 2019", dt.date(2024, 8, 30), dt.date(2019, 8, 27)),  # a year: as it is
        ("Aug 27,2019", dt.date(2024, 8, 30), dt.date(2019, 8, 27)),
        ("Aug 27 10:30", dt.date(2024, 8, 30), dt.date(2024, 8, 27)),
        # A two-digit year: the latest year ending in those digits, up to the day after.
        ("Aug 27 '19", dt.date(2024, 8, 30), dt.date(2019, 8, 27)),
        ("Aug 27 '19", dt.date(2010, 8, 30), dt.date(1919, 8, 27)),
        ("Aug 27, 25", dt.date(2024, 8, 30), dt.date(1925, 8, 27)),
        ("Sep 11 '24", dt.date(2024, 9, 10), dt.date(2024, 9, 11)),
        ("Sep 12 '24", dt.date(2024, 9, 10), dt.date(1924, 9, 12)),
        ("27/08/19", dt.date(2024, 8, 30), dt.date(2019, 8, 27)),
        ("Aug 27,19", dt.date(2024, 8, 30), dt.date(2019, 8, 27)),
        ("Feb 29 '00", dt.date(1950, 1, 1), dt.date(1600, 2, 29)),  # 1900 is no leap year
    ],
)
def test_a_date_without_its_year_is_the_last_such_day_up_to_the_reference(
    text: str, reference: dt.date, expected: dt.date
) -> None:
    found = parse_date(text, reference_date=reference)
    assert found == expected
    assert type(found) is dt.date


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("Dec 5", dt.date(1, 5, 1), "a date no earlier than the year 1"),
        ("Feb 29", dt.date(3, 5, 1), "a date no earlier than the year 1"),
        ("Dec 5 '01", dt.date(1, 5, 1), "a date no earlier than the year 1"),
        ("Aug 27 '19", dt.date(5, 1, 1), "a date no earlier than the year 1"),
        ("Feb 29 '01", dt.date(2024, 5, 1), "a day that exists in that year"),  # no year ending in 01 is leap
    ],
)
def test_a_date_without_its_year_before_the_year_1_is_a_deviation(
    text: str, reference: dt.date, expected: str
) -> None:
    with pytest.raises(ParseError) as caught:
        parse_date(text, reference_date=reference)
    assert caught.value.code == "bad-date"
    assert caught.value.message.startswith(f"expected {expected}, found ")


@given(st.dates(), st.dates())
def test_a_two_digit_year_reads_as_the_latest_such_year_up_to_the_reference(
    day: dt.date, reference: dt.date
) -> None:
    text = f"{format_date(day)[: -len(', 2019')]} '{day.year % 100:02}"
    last = reference + dt.timedelta(days=1) if reference < dt.date.max else reference  # the site's time zone
    try:
        found = parse_date(text, reference_date=reference)
    except ParseError as error:  # none up to the reference, or Feb 29 of a year ending in 01
        assert error.code == "bad-date"
        assert not any(
            _exists(year, day.month, day.day) and dt.date(year, day.month, day.day) <= last
            for year in range(day.year % 100 or 100, last.year + 1, 100)
        )
        return
    assert (found.month, found.day, found.year % 100) == (day.month, day.day, day.year % 100)
    assert found <= last
    later = range(found.year + 100, last.year + 1, 100)
    assert all(
        not _exists(year, day.month, day.day) or dt.date(year, day.month, day.day) > last for year in later
    )


def test_the_century_of_a_two_digit_year_does_not_depend_on_today() -> None:
    # dateutil alone gives '18 the century that puts it nearest today: in 2090, 2118.
    from dateutil.parser import parserinfo

    def in_2090(self: parserinfo, year: int, century_specified: bool = False) -> int:
        return year + 2100 if year < 100 and not century_specified else year

    with mock.patch.object(parserinfo, "convertyear", in_2090):
        assert parse_date("Aug 27 '18", reference_date=dt.date(2024, 8, 30)) == dt.date(2018, 8, 27)
        assert parse_date("Aug 27, 2018") == dt.date(2018, 8, 27)


@given(st.dates(), st.one_of(st.dates(dt.date(9, 1, 1)), st.datetimes(dt.datetime(9, 1, 1))))
def test_a_date_shown_without_its_year_reads_back_within_the_year_up_to_the_reference(
    day: dt.date, reference: dt.date
) -> None:
    found = parse_date(format_date(day)[: -len(", 2019")], reference_date=reference)
    last = dt.date(reference.year, reference.month, reference.day)
    if last < dt.date.max:
        last += dt.timedelta(days=1)  # the site's time zone may be a day ahead
    assert (found.month, found.day) == (day.month, day.day)
    assert found <= last
    # The latest such day: in each later year up to that one it is after it, or none.
    later = [year for year in range(found.year + 1, last.year + 1) if _exists(year, day.month, day.day)]
    assert all(dt.date(year, day.month, day.day) > last for year in later)


def _exists(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 hours ago", dt.date(2019, 8, 29)),  # the copy was made at 01:15
        ("an hour ago", dt.date(2019, 8, 30)),
        ("75 minutes ago", dt.date(2019, 8, 30)),
        ("76 mins ago", dt.date(2019, 8, 29)),
        ("1 hr ago", dt.date(2019, 8, 30)),
        ("30 seconds ago", dt.date(2019, 8, 30)),
        ("Just now", dt.date(2019, 8, 30)),
        ("a few seconds ago", dt.date(2019, 8, 30)),
        ("2h ago", dt.date(2019, 8, 29)),
        ("75m ago", dt.date(2019, 8, 30)),
        ("76min ago", dt.date(2019, 8, 29)),
        ("3 days ago", dt.date(2019, 8, 27)),
        ("2 months ago", dt.date(2019, 6, 30)),
        ("Yesterday", dt.date(2019, 8, 29)),
    ],
)
def test_relative_dates_under_a_day_need_the_time_of_the_copy(text: str, expected: dt.date) -> None:
    found = parse_date(text, reference_date=dt.datetime(2019, 8, 30, 1, 15))
    assert found == expected
    assert type(found) is dt.date  # never a datetime, whatever the reference


@pytest.mark.parametrize("text", ["3 days ago", "Sep 5"])
def test_the_advice_of_a_missing_reference_date_works_as_given(text: str) -> None:
    # The message names the keyword every parser takes, parse_date too.
    with pytest.raises(ParseError) as caught:
        parse_date(text)
    assert "reference_date=..." in caught.value.message
    assert parse_date(text, reference_date=dt.date(2019, 8, 30)) < dt.date(2019, 8, 30)
    assert parse_date_line(f"{text} · Backend", reference_date=dt.date(2019, 8, 30))[1] == "Backend"


def test_a_time_of_day_against_a_date_is_named() -> None:
    with pytest.raises(ParseError) as caught:
        parse_date("2 hours ago", reference_date=dt.date(2019, 8, 30))
    assert caught.value.code == "relative-date"
    assert "datetime" in caught.value.message


@pytest.mark.parametrize("text", ["999999 days ago", "2020 years ago", "999999 weeks ago"])
@pytest.mark.parametrize("reference", [dt.date(2019, 8, 30), dt.datetime(2019, 8, 30, 1, 15)])
def test_a_relative_date_before_the_year_1_is_a_deviation(text: str, reference: dt.date) -> None:
    with pytest.raises(ParseError) as caught:
        parse_date(text, reference_date=reference)
    assert caught.value.code == "bad-date"


def test_a_datetime_reference_gives_records_dates() -> None:
    record = "A\nA\n{} · Backend\n\nT\n\nS.\n\nDSL\n0 likes · 3 min read\nT\n"
    text = record.format("3 days ago") + record.format("5 hours ago") + record.format("99999 years ago")
    dump = parse_dump(text, strict=False, reference_date=dt.datetime(2024, 9, 10, 2, 0))
    assert [a.published for a in dump] == [dt.date(2024, 9, 7), dt.date(2024, 9, 9)]
    assert all(type(a.published) is dt.date for a in dump)
    assert [(p.line, p.code) for p in dump.problems] == [(25, "bad-date")]  # its date line
    assert format_dump(dump) == text


def test_a_reference_date_keeps_the_year_a_date_line_has() -> None:
    # "Aug 27,2019" once read as a date without its year: the reference made it 2024's.
    text = "A\nA\nAug 27,2019 · Backend\n\nT\n\nS.\n\nDSL\n0 likes · 3 min read\nT\n"
    dump = parse_dump(text, reference_date=dt.date(2024, 9, 10))
    assert [a.published for a in dump] == [dt.date(2019, 8, 27)]
    assert format_dump(dump) == text
    assert normalize(text, reference_date=dt.date(2024, 9, 10)).splitlines()[2] == "Aug 27, 2019 · Backend"


@given(st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
def test_format_date_inverts_parse_date(day: dt.date) -> None:
    assert parse_date(format_date(day)) == day


def test_format_date_is_the_site_spelling() -> None:
    assert format_date(dt.date(2019, 8, 7)) == "Aug 7, 2019"


def test_date_line_splits_at_the_first_separator() -> None:
    assert parse_date_line("Aug 27, 2019 · Backend · Development") == (
        dt.date(2019, 8, 27),
        "Backend · Development",
    )


@pytest.mark.parametrize(
    ("text", "code", "column"),
    [
        ("Aug 27, 2019 Backend Development", "bad-date-line", 33),
        ("Aug 27, 2019 · ", "empty-field", 16),
        ("Aug 42, 2019 · Backend", "bad-date", 5),
        ("Aug 27, 2019  · Backend", "trailing-whitespace", 13),
        ("\tAug 27, 2019 · Backend", "leading-whitespace", 1),
    ],
)
def test_date_line_errors(text: str, code: str, column: int) -> None:
    with pytest.raises(ParseError) as caught:
        parse_date_line(text)
    assert (caught.value.code, caught.value.column) == (code, column)


@pytest.mark.parametrize(
    ("text", "likes", "minutes"),
    [
        ("0 likes · 11 min read", 0, 11),
        ("1 like · 3 min read", 1, 3),
        ("1,234 likes · 72 min read", 1234, 72),
        ("1.2K likes · 12 min read", 1200, 12),
        ("3M likes · 5 min read", 3_000_000, 5),
        # A capped count (at least that many), read as that many.
        ("999+ likes · 3 min read", 999, 3),
        ("1.2K+ Likes · 3 min read", 1200, 3),
        ("12 likes · 1 minute read", 12, 1),
        # In any case: a page that styles its stats in capitals copies them so.
        ("0 Likes · 11 Min Read", 0, 11),
        ("1 LIKE · 3 MINUTES READ", 1, 3),
    ],
)
def test_parse_stats(text: str, likes: int, minutes: int) -> None:
    stats = parse_stats(text)
    assert (stats.likes, stats.read_minutes) == (likes, minutes)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "0 likes",
        "likes · 11 min read",
        "1.25 likes · 3 min read",
        "0 likes · x min read",
        "0 likes - 11 min read",
        "１ likes · 3 min read",
        "1,234.5K likes · 3 min read",
        "+5 likes · 3 min read",
        "999++ likes · 3 min read",
        "999 + likes · 3 min read",
        "1.0005K likes · 3 min read",
        "11111111111111111M likes · 3 min read",  # 23 digits: more than a count has
        "1" * 5000 + " likes · 3 min read",
        "0 li\u212aes · 3 min read",  # the Kelvin sign, which a Unicode case fold takes for k
        "0 likes · 3 min reaſ",  # the long s, likewise taken for s
    ],
)
def test_parse_stats_errors(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_stats(text)
    assert caught.value.code == "bad-stats"
    assert repr(text[:20]) in caught.value.message or text[:20] in caught.value.message


@given(st.integers(0, 10**12), st.integers(0, 10**6))
def test_format_stats_inverts_parse_stats(likes: int, minutes: int) -> None:
    text = format_stats(Stats(likes, minutes))
    assert parse_stats(text) == Stats(likes, minutes)


def test_header_lines() -> None:
    assert parse_count("949 articles") == 949
    assert parse_count("1 article") == 1
    assert parse_count("1,234 articles") == 1234
    assert parse_page_of("Page 8 of 10") == (8, 10)
    assert parse_count_and_page("273 articles · Page 1 of 3") == (273, 1, 3)
    assert parse_views("1 views collected around this technical thread.") == 1
    assert parse_views("1 view collected around this technical thread.") == 1
    assert parse_views("2,048 views collected around this technical thread.") == 2048
    # Header counts take the spellings a like count may have.
    assert parse_views("12.3K views collected around this technical thread.") == 12_300
    assert parse_count("1.2K articles") == 1200
    assert parse_count("999+ articles") == 999
    assert parse_count_and_page("2M articles · Page 1 of 3") == (2_000_000, 1, 3)
    with pytest.raises(ParseError) as caught:
        parse_count_and_page("273 articles · Page x of 3")
    assert caught.value.column == 21
    # Their words in any case, as a page that styles them so copies them.
    assert parse_count_and_page("273 ARTICLES · PAGE 1 OF 3") == (273, 1, 3)
    assert parse_views("1 Views Collected Around This Technical Thread.") == 1


@given(
    st.integers(0, 999_999),
    st.sampled_from(["second", "sec", "minute", "min", "hour", "hr", "day", "week", "month", "year"]),
    st.booleans(),
    st.one_of(st.dates(), st.datetimes()),
)
def test_relative_dates_give_a_date_or_a_parse_error(
    count: int, unit: str, plural: bool, reference: dt.date
) -> None:
    text = f"{count} {unit}{'s' * plural} ago"
    try:
        found = parse_date(text, reference_date=reference)
    except ParseError as error:
        assert error.code in ("bad-date", "relative-date")
    else:
        assert type(found) is dt.date
        assert found <= dt.date(reference.year, reference.month, reference.day)


@given(
    st.integers(0, 999_999),
    st.sampled_from(
        [
            ("s", "second"),
            ("m", "minute"),
            ("h", "hour"),
            ("d", "day"),
            ("w", "week"),
            ("mo", "month"),
            ("y", "year"),
        ]
    ),
    st.booleans(),
    st.datetimes(),
)
def test_the_short_forms_read_as_the_long_ones(
    count: int, units: tuple[str, str], spaced: bool, reference: dt.datetime
) -> None:
    short, long = units
    assert _outcome(f"{count}{' ' * spaced}{short} ago", reference) == _outcome(
        f"{count} {long}s ago", reference
    )


def _outcome(text: str, reference: dt.datetime) -> dt.date | str:
    """The date ``text`` reads as, or the code of its error."""
    try:
        return parse_date(text, reference_date=reference)
    except ParseError as error:
        return error.code


def test_a_remembered_table_computes_each_key_once_and_starts_afresh_at_its_limit() -> None:
    calls: list[str] = []

    def compute(digits: str) -> int:
        calls.append(digits)
        return int(digits)

    table: Remembered[str, int] = Remembered(compute, limit=2)
    assert [table["7"], table["7"], table["11"], table["7"]] == [7, 7, 11, 7]
    assert calls == ["7", "11"] and dict(table) == {"7": 7, "11": 11}
    # At its limit it starts afresh: the newest keys are kept, never more than the limit.
    assert table["3"] == 3 and table["3"] == 3 and table["12"] == 12
    assert calls == ["7", "11", "3", "12"] and dict(table) == {"3": 3, "12": 12}
    assert table.get("5") is None and "5" not in table  # only [] computes


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("05/08/2019", "MDY", dt.date(2019, 5, 8)),
        ("05/08/2019", "DMY", dt.date(2019, 8, 5)),
        ("5.8.2019", "DMY", dt.date(2019, 8, 5)),
        ("08-05-2019", "MDY", dt.date(2019, 8, 5)),
        ("Tue, 05/08/2019", "DMY", dt.date(2019, 8, 5)),  # around it, what dateutil reads
        ("05/08/2019 10:30", "DMY", dt.date(2019, 8, 5)),
        ("05/08/2019, 10:30 PM", "DMY", dt.date(2019, 8, 5)),
        ("05 08 2019", "DMY", dt.date(2019, 8, 5)),
        ("27/08/2019", "DMY", dt.date(2019, 8, 27)),
        ("29/02/2020", "DMY", dt.date(2020, 2, 29)),
        # Only one reading: the same with either order or none.
        ("27/08/2019", None, dt.date(2019, 8, 27)),
        ("08/27/2019", None, dt.date(2019, 8, 27)),
        ("08/08/2019", None, dt.date(2019, 8, 8)),
        ("2019/05/08", "DMY", dt.date(2019, 5, 8)),  # the year first: year, month, day
        ("2019.05.08", None, dt.date(2019, 5, 8)),
        ("20190508", None, dt.date(2019, 5, 8)),
        ("Aug 5, 2019", "DMY", dt.date(2019, 8, 5)),
    ],
)
def test_a_date_in_numbers_reads_in_the_order_given(text: str, order: str | None, expected: dt.date) -> None:
    assert parse_date(text, date_order=order) == expected
    assert parse_date_line(f"{text} · Backend", date_order=order) == (expected, "Backend")


@pytest.mark.parametrize(
    ("text", "order", "code", "column", "message"),
    [
        # dateutil read these month first, without a word: Aug 5 as May 8.
        ("05/08/2019", None, "ambiguous-date", 1, "found May 8 or Aug 5 in '05/08/2019'; pass the order"),
        ("5.8.2019", None, "ambiguous-date", 1, "found May 8 or Aug 5 in '5.8.2019'"),
        ("Tue, 05/08/2019", None, "ambiguous-date", 6, "found May 8 or Aug 5"),
        ("12-01-19", None, "ambiguous-date", 1, "found Dec 1 or Jan 12"),
        ("5 8 2019", None, "ambiguous-date", 1, "found May 8 or Aug 5"),
        # Numbers after a month's name are no date in numbers.
        ("Aug 27, 2019, 10.11.12", None, "bad-date", 1, "found no date"),
        # The order given and the numbers disagree, or name no day.
        ("27/08/2019", "MDY", "bad-date", 1, "expected a month from 1 to 12 (MDY order), found '27'"),
        ("08/27/2019", "DMY", "bad-date", 4, "expected a month from 1 to 12 (DMY order), found '27'"),
        ("31/04/2019", "DMY", "bad-date", 1, "expected a day that exists in that month, found '31'"),
        ("29/02/2019", "DMY", "bad-date", 1, "expected a day that exists in that month, found '29'"),
        ("00/05/2019", None, "bad-date", 1, "found no date in '00/05/2019'"),
        ("05/08/2019 at noonish", "DMY", "bad-date", 1, "found no date in '05/08/2019 at noonish'"),
        # A two-digit year needs its century from a reference date, in the text as written.
        ("05/08/19", "DMY", "relative-date", 1, "expected a date with its full year, found '05/08/19'"),
    ],
)
def test_a_date_in_numbers_that_cannot_be_read_in_order(
    text: str, order: str | None, code: str, column: int, message: str
) -> None:
    with pytest.raises(ParseError) as caught:
        parse_date(text, date_order=order)
    assert (caught.value.code, caught.value.column) == (code, column)
    assert message in caught.value.message


def test_a_two_digit_year_in_order_reads_against_the_reference() -> None:
    copied = dt.date(2024, 9, 10)
    assert parse_date("05/08/19", date_order="DMY", reference_date=copied) == dt.date(2019, 8, 5)
    assert parse_date("05/08/19", date_order="MDY", reference_date=copied) == dt.date(2019, 5, 8)


NUMBER_SEPARATORS = st.sampled_from("/.- ")


@given(st.dates(dt.date(1000, 1, 1)), NUMBER_SEPARATORS, st.sampled_from(["MDY", "DMY"]), st.booleans())
def test_a_date_written_in_numbers_reads_back_in_its_order(
    day: dt.date, separator: str, order: str, padded: bool
) -> None:
    first, second = (day.month, day.day) if order == "MDY" else (day.day, day.month)
    width = 2 if padded else 1
    text = f"{first:0{width}}{separator}{second:0{width}}{separator}{day.year}"
    assert parse_date(text, date_order=order) == day
    if day.day <= 12 and day.day != day.month:
        with pytest.raises(ParseError) as caught:
            parse_date(text)
        assert caught.value.code == "ambiguous-date"
    else:  # the one reading there is
        assert parse_date(text) == day


@given(
    st.text(st.sampled_from("0123456789/.-, :APMTue"), max_size=24),
    st.sampled_from([None, "MDY", "DMY"]),
    st.one_of(st.none(), st.dates()),
)
def test_any_text_of_numbers_gives_a_date_or_a_parse_error(
    text: str, order: str | None, reference: dt.date | None
) -> None:
    try:
        found = parse_date(text, date_order=order, reference_date=reference)
    except ParseError as error:
        assert error.code in (
            "bad-date",
            "relative-date",
            "ambiguous-date",
            "trailing-whitespace",
            "leading-whitespace",
        )
        assert 1 <= error.column <= len(text) + 1
    else:
        assert type(found) is dt.date


@pytest.mark.parametrize(
    ("order", "error", "message"),
    [
        ("YMD", ValueError, "date_order must be 'MDY', 'DMY' or None, not 'YMD'"),
        ("dmy", ValueError, "date_order must be 'MDY', 'DMY' or None, not 'dmy'"),
        (1, TypeError, "date_order must be a str or None, not int"),
    ],
)
def test_another_date_order_is_refused_before_any_parsing(order: object, error: type, message: str) -> None:
    for call in _entry_points_called_with(date_order=order):
        with pytest.raises(error, match=re.escape(message)):
            call()


def _entry_points_called_with(**option: Any) -> list[Callable[[], object]]:
    """Each entry point that reads dates, called on a record without a deviation with ``option``."""
    record = "A\nA\nAug 27, 2019 · Backend\n\nT\n\nS.\n\nDSL\n0 likes · 3 min read\nT\n"
    return [
        lambda: parse_date("Aug 27, 2019", **option),
        lambda: parse_dump(record, strict=False, **option),
        lambda: list(iter_articles(record, **option)),
        lambda: normalize(record, **option),
    ]


@pytest.mark.parametrize("reference", ["2024-09-10", 20240910])
def test_a_reference_date_of_another_type_is_refused_before_any_parsing(reference: object) -> None:
    # It was refused only where a relative date met it ("unsupported operand type(s)
    # for -"), and in a dump without one, not at all.
    expected = re.escape("reference_date must be a datetime.date or datetime.datetime, not ")
    for call in _entry_points_called_with(reference_date=reference):
        with pytest.raises(TypeError, match=f"^{expected}"):
            call()
    with pytest.raises(TypeError, match=re.escape("(datetime.date.fromisoformat('2024-09-10') makes one)")):
        parse_date("Aug 27, 2019", reference_date="2024-09-10")  # type: ignore[arg-type]
