"""Absolute dates in shapes a listing rarely uses, read by dateutil.

Imported on first use: the common shape never needs dateutil, and importing the
package stays fast.
"""

from __future__ import annotations

import datetime as _dt
import re
import threading

from dateutil import parser as _parser

# "Aug 27,2019": dateutil reads "27,2019" as one number, the day 27 with a decimal
# part, and the year is lost. A day after a month's name and a year run into it
# ("Aug 27,2019", "Aug 27,19", "Aug 3.2019") are read apart; two digits after a dot
# are a time (10.30), numbers alone are left as they are (27.08.2019, 11,22).
_DAY_RUN_INTO_YEAR = re.compile(
    r"(?<=[^\W\d_] )(\d{1,2})"  # a day after a word
    r"(?:[,.](?=\d{4}(?![\d.,/:-]))|,(?=\d\d(?![\d.,/:-])))"  # then four digits, or a comma and two
)


class _YearsAsWritten(_parser.parserinfo):
    """Notes a two-digit year as it is written, where dateutil would give it the
    century that puts it nearest today, and reads the date in 2000 instead: a leap
    year, so that Feb 29 reads."""

    two_digit: int | None = None

    def convertyear(self, year: int, century_specified: bool = False) -> int:
        if year < 100 and not century_specified:
            self.two_digit = year
            return 2000
        return super().convertyear(year, century_specified)


def read_with_dateutil(
    text: str, defaults: tuple[_dt.datetime, _dt.datetime]
) -> tuple[_dt.datetime, _dt.datetime, int | None]:
    """``text`` read with each default (a part the two readings differ in is not in
    ``text``), and its year if written in two digits (then the readings' year is 2000).
    Raises dateutil's ``ValueError`` or ``OverflowError``."""
    years: _YearsAsWritten | None = getattr(_per_thread, "years", None)
    if years is None:  # built once a thread: building one costs a quarter of a reading
        years = _per_thread.years = _YearsAsWritten()
        _per_thread.reader = _parser.parser(years)
    reader: _parser.parser = _per_thread.reader
    years.two_digit = None
    spaced = _DAY_RUN_INTO_YEAR.sub(r"\1 ", text)
    # ignoretz: a date is wanted, as written; a time zone name dateutil does not know
    # ("PDT") would warn, which a program that turns warnings into errors raises.
    first, second = (reader.parse(spaced, default=default, ignoretz=True) for default in defaults)
    return first, second, years.two_digit


_per_thread = threading.local()
