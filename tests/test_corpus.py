"""Every real listing in tests/data: records, headers, problems and the exact round trip."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import attrs
import pytest

from feedparse_txt import (
    Dump,
    Header,
    HeaderStyle,
    ParseError,
    Problem,
    format_dump,
    iter_articles,
    iter_located_articles,
    normalize,
    parse_date,
    parse_dump,
    source,
)
from feedparse_txt.errors import quote
from feedparse_txt.fields import SEPARATOR
from feedparse_txt.model import tag_line

from .conftest import (
    DATA,
    REAL_TEXTS,
    Pieces,
    assert_read_as_each_page,
    letter_avatar,
    read,
    real_dumps,
    record_key,
    strict_outcome,
)

L, N, V = HeaderStyle.LIST, HeaderStyle.NAMED, HeaderStyle.VIEWS


@attrs.frozen
class Expected:
    """What a person reads off each file: checked by eye against the text."""

    header: Header | None
    header_lines: int
    record_lines: int  # 11 (full) or 6 (compact)
    records: int  # complete records, including one whose repeated title is cut
    cut_at: int | None = None  # first line of a record cut off before all its fields
    title_cut: bool = False  # the last record's repeated title is cut off


EXPECTED = {
    "backend-architecture-page8.txt": Expected(
        Header(style=L, article_count=949, page=8, page_count=10), 3, 11, 86
    ),
    "tags_bootmem.txt": Expected(Header(style=V, tag="Bootmem", views=1), 6, 11, 1),
    "www_tags_cache-breakdown.txt": Expected(
        Header(style=L, article_count=32, page=1, page_count=1), 3, 11, 3, cut_at=37
    ),
    "www_tags_cache-patterns.txt": Expected(None, 0, 6, 1),
    "www_tags_cglib-proxy.txt": Expected(None, 0, 6, 1),
    "www_tags_conditional-annotations.txt": Expected(
        Header(style=L, article_count=5, page=1, page_count=1), 3, 11, 3
    ),
    "www_tags_contextclassloader.txt": Expected(
        Header(style=L, article_count=2, page=1, page_count=1), 3, 11, 1
    ),
    "www_tags_counter-algorithm.txt": Expected(
        Header(style=L, article_count=5, page=1, page_count=1), 3, 11, 3, title_cut=True
    ),
    "www_tags_database-auto-increment.txt": Expected(None, 0, 11, 3),
    "www_tags_idempotency.txt": Expected(
        Header(style=N, tag="idempotency", article_count=273, page=1, page_count=3), 5, 11, 3, cut_at=39
    ),
    "www_tags_index-condition-pushdown.txt": Expected(
        Header(style=V, tag="Index Condition Pushdown", views=0), 6, 11, 3, cut_at=40
    ),
}

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def oracle(text: str, expected: Expected) -> list[tuple[object, ...]]:
    """The fields of each complete record, read by slicing lines at fixed positions.

    Independent of the parser: no state machine, just the layout of FORMAT.md.
    """
    lines = text.split("\n")[expected.header_lines :]
    size = expected.record_lines
    positions = (0, 2, 4, 6, 8, 9) if size == 11 else (0, 1, 2, 3, 4, 5)
    records: list[tuple[object, ...]] = []
    for start in range(0, expected.records * size, size):
        author, date_line, title, summary, tags, stats = (lines[start + p] for p in positions)
        date_text, category = date_line.split(" · ", 1)
        month, day, year = date_text.replace(",", "").split(" ")
        likes, _, _, minutes, _, _ = stats.split(" ")
        records.append(
            (
                author,
                dt.date(int(year), MONTHS.index(month) + 1, int(day)),
                category,
                title,
                summary,
                tags,
                int(likes),
                int(minutes),
            )
        )
    return records


def test_every_real_file_is_described() -> None:
    assert sorted(EXPECTED) == sorted(p.name for p in real_dumps())


@pytest.mark.parametrize("path", real_dumps(), ids=lambda p: p.name)
def test_lenient_parse_gives_every_complete_record(path: Path) -> None:
    expected = EXPECTED[path.name]
    text = read(path)
    dump = parse_dump(text, strict=False)
    assert [record_key(a) for a in dump.articles] == oracle(text, expected)
    assert dump.header == expected.header
    named = [(p.line, p.column, p.code) for p in dump.problems]
    if expected.cut_at is None and not expected.title_cut:
        assert named == [] and dump.kept_text() == ()
        return
    with pytest.raises(ParseError) as caught:
        parse_dump(text)
    assert named == [(caught.value.line, caught.value.column, "truncated-record")]  # where strict stops
    if expected.cut_at is not None:  # the record cut off is kept as text, from its first line
        assert [line for line, _ in dump.kept_text()] == [expected.cut_at]
        assert f"the lines from line {expected.cut_at} are kept as text" in dump.problems[0].message
    else:  # only its repeated title is short: the record is read
        assert named[0][0] == text.count("\n") + 1 and dump.kept_text() == ()


@pytest.mark.parametrize("path", real_dumps(), ids=lambda p: p.name)
def test_strict_parse(path: Path) -> None:
    expected = EXPECTED[path.name]
    text = read(path)
    if expected.cut_at is None and not expected.title_cut:
        assert parse_dump(text) == parse_dump(text, strict=False)
        return
    with pytest.raises(ParseError) as caught:
        parse_dump(text)
    last_line = text.count("\n") + 1
    first_line = expected.cut_at or last_line
    assert first_line <= caught.value.line <= last_line
    assert caught.value.code == "truncated-record"


@pytest.mark.parametrize("path", real_dumps(), ids=lambda p: p.name)
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("final_newline", [True, False])
def test_exact_round_trip(path: Path, newline: str, final_newline: bool) -> None:
    text = read(path).rstrip("\n")
    if final_newline:
        text += "\n"
    text = text.replace("\n", newline)
    dump = parse_dump(text, strict=False)
    assert format_dump(dump) == text
    assert dump.newline == newline
    assert dump.final_newline is final_newline


@pytest.mark.parametrize("path", real_dumps(), ids=lambda p: p.name)
def test_lone_cr_line_endings_read_as_lf(path: Path) -> None:
    """A copy whose lines end with a lone CR (classic Mac OS; a macOS clipboard saved with
    ``pbpaste``) reads as the LF copy does, in both modes, whole or streamed."""
    text = read(path)
    cr = text.replace("\n", "\r")
    lf, dump = parse_dump(text, strict=False), parse_dump(cr, strict=False)
    assert dump.articles == lf.articles and dump.headers == lf.headers
    assert dump.problems == lf.problems
    assert dump.record_lines() == lf.record_lines()
    assert list(iter_articles(io.BytesIO(cr.encode()), strict=False)) == list(lf.articles)
    assert normalize(cr) == normalize(text)
    assert strict_outcome(cr) == strict_outcome(text)


def test_a_lone_cr_in_a_text_with_lf_endings_is_text() -> None:
    text = read(DATA / "backend-architecture-page8.txt")
    lf = parse_dump(text)
    cr_inside = text.replace("Backend ArchitectureDSL", "Backend\rArchitectureDSL", 1)
    dump = parse_dump(cr_inside)
    assert dump.newline == "\n" and len(dump) == len(lf)
    assert tag_line(dump.articles[0]) == "Backend\rArchitectureDSLService Orchestration"


@pytest.mark.parametrize("path", real_dumps(), ids=lambda p: p.name)
def test_iter_articles_matches_parse_dump(path: Path) -> None:
    dump = parse_dump(path, strict=False)
    assert list(iter_articles(path, strict=False)) == list(dump.articles)
    with path.open("rb") as binary:
        assert list(iter_articles(binary, strict=False)) == list(dump.articles)
    with path.open(encoding="utf-8") as text_file:
        assert list(iter_articles(text_file, strict=False)) == list(dump.articles)
    for articles in (list(iter_articles(path, strict=False)), list(dump.articles)):
        assert [a.tags for a in articles] == [a.tags for a in dump.articles]
    located = list(iter_located_articles(path, strict=False))
    assert located == [
        (first, article) for (first, _), article in zip(dump.record_lines(), dump, strict=True)
    ]


@pytest.mark.parametrize("path", real_dumps(), ids=lambda p: p.name)
def test_long_unusable_stretches_read_alike_whole_and_streamed(path: Path) -> None:
    # Every separator lost: no record reads, and the text left as it is runs past the
    # parser's first window. Streamed, that text waited for the next block; read again
    # then in a shorter window, it ended at that window's end as if the text did (a
    # problem at each window's end that a whole read does not have).
    text = read(path).replace("·", "?")
    dump = parse_dump(text, strict=False)
    for data, chunk in itertools.product(
        (text.encode(), text.replace("\n", "\r\n").encode()), (1000, 1 << 20)
    ):
        found: list[Problem] = []
        with mock.patch.object(source, "CHUNK_SIZE", chunk):
            streamed = list(iter_articles(io.BytesIO(data), strict=False, on_problem=found.append))
        assert streamed == list(dump.articles)
        assert [(p.line, p.code) for p in found] == [(p.line, p.code) for p in dump.problems]


DATED_LINE = re.compile(r"^([A-Z][a-z]{2} \d{1,2}), \d{4}(?= · )", re.MULTILINE)


@pytest.mark.parametrize("path", real_dumps(), ids=lambda p: p.name)
def test_recent_dates_shown_without_their_year(path: Path) -> None:
    """The copy as a site that leaves the year out of the last year's dates shows it
    (``Sep 5``): read against the day of the copy, the same records; without it, each
    such record is kept as text with a relative-date problem; strict, the first stops."""
    text = read(path)
    dump = parse_dump(text, strict=False)
    copied = max(a.published for a in dump)

    def recent(match: re.Match[str]) -> str:
        recent = copied - dt.timedelta(days=364) < parse_date(match[0]) <= copied
        return match[1] if recent else match[0]

    lines = text.split("\n")
    for first, last in dump.record_lines():  # the records, not text cut off after them
        lines[first - 1 : last] = [DATED_LINE.sub(recent, line) for line in lines[first - 1 : last]]
    shown = "\n".join(lines)
    yearless = [number for number, line in enumerate(lines, 1) if re.match(r"\w+ \d+ · ", line)]
    assert yearless

    resolved = parse_dump(shown, strict=False, reference_date=copied)
    assert resolved.articles == dump.articles
    assert [(p.line, p.code) for p in resolved.problems] == [(p.line, p.code) for p in dump.problems]
    assert format_dump(resolved) == shown
    assert normalize(shown, reference_date=copied) == normalize(text)

    unresolved = parse_dump(shown, strict=False)
    assert len(unresolved) == len(dump) - len(yearless)
    codes = [p.code for p in unresolved.problems if p.code != "truncated-record"]
    assert codes == ["relative-date"] * len(yearless)
    assert format_dump(unresolved) == shown
    with pytest.raises(ParseError) as caught:
        parse_dump(shown)
    assert (caught.value.code, caught.value.line, caught.value.column) == ("relative-date", yearless[0], 1)


DATE_OF_LINE = re.compile(r"^[A-Z][a-z]{2} \d{1,2}, \d{4}(?= · )", re.MULTILINE)


@pytest.mark.parametrize("path", real_dumps(), ids=lambda p: p.name)
@pytest.mark.parametrize(("order", "separator"), [("DMY", "/"), ("DMY", "."), ("MDY", "/"), ("MDY", "-")])
def test_dates_in_numbers_read_in_the_order_given(path: Path, order: str, separator: str) -> None:
    """The copy as a site that writes its dates in numbers shows it (``05/08/2019``): in
    its order, the same records; without it, a record whose day and month could each be
    the other is kept as text with an ``ambiguous-date`` problem, and the others read;
    strict, the first such line stops. Before, dateutil read them month first, without
    a word: Aug 5 as May 8."""
    text = read(path)
    dump = parse_dump(text, strict=False)

    def numeric(match: re.Match[str]) -> str:
        day = parse_date(match[0])
        first, second = (day.month, day.day) if order == "MDY" else (day.day, day.month)
        return f"{first:02}{separator}{second:02}{separator}{day.year}"

    lines = text.split("\n")
    for first, last in dump.record_lines():  # the records, not text cut off after them
        lines[first - 1 : last] = [DATE_OF_LINE.sub(numeric, line) for line in lines[first - 1 : last]]
    shown = "\n".join(lines)
    ambiguous = []  # the lines of dates whose day and month could each be the other
    contradicted = 0  # the dates the other order cannot read: a month over 12
    for number, line in enumerate(shown.split("\n"), 1):
        if found := re.match(r"(\d\d)\D(\d\d)\D\d{4} · ", line):
            first, second = int(found[1]), int(found[2])
            if first != second and first <= 12 and second <= 12:
                ambiguous.append(number)
            contradicted += (second if order == "MDY" else first) > 12
    assert shown != text

    ordered = parse_dump(shown, strict=False, date_order=order)
    assert ordered.articles == dump.articles
    assert [(p.line, p.code) for p in ordered.problems] == [(p.line, p.code) for p in dump.problems]
    assert format_dump(ordered) == shown
    assert list(iter_articles(io.StringIO(shown), strict=False, date_order=order)) == list(dump.articles)
    assert normalize(shown, date_order=order) == normalize(text)

    unordered = parse_dump(shown, strict=False)
    assert [a for a in dump.articles if a in unordered.articles] == list(unordered.articles)
    assert len(unordered) == len(dump) - len(ambiguous)
    codes = [p.code for p in unordered.problems if p.code != "truncated-record"]
    assert codes == ["ambiguous-date"] * len(ambiguous)
    assert format_dump(unordered) == shown
    if ambiguous:
        with pytest.raises(ParseError) as caught:
            parse_dump(shown)
        assert (caught.value.code, caught.value.line, caught.value.column) == (
            "ambiguous-date",
            ambiguous[0],
            1,
        )

    # In the other order each date it cannot read is named on its own (each record found).
    wrong = parse_dump(shown, strict=False, date_order="DMY" if order == "MDY" else "MDY")
    codes = [p.code for p in wrong.problems if p.code != "truncated-record"]
    assert codes == ["bad-date"] * contradicted
    assert len(wrong) == len(dump) - contradicted and format_dump(wrong) == shown


@pytest.mark.parametrize("path", real_dumps(), ids=lambda p: p.name)
def test_every_record_with_a_day_its_month_lacks_is_named_on_its_own(path: Path) -> None:
    """Every record's date with a day its month lacks (``Aug 32, 2019``): each record is
    found and named by a problem of its own, at its day. Before, a record after
    another such one was read as part of the text kept before it, its date never named."""
    text = read(path)
    dump = parse_dump(text, strict=False)
    lines = text.split("\n")
    date_lines = []
    for first, last in dump.record_lines():
        k = next(k for k in range(first - 1, last) if DATE_OF_LINE.match(lines[k]))
        lines[k] = DATE_OF_LINE.sub(lambda found: found[0][:3] + " 32, 2019", lines[k])
        date_lines.append(k + 1)
    shown = "\n".join(lines)

    damaged = parse_dump(shown, strict=False)
    assert damaged.articles == ()
    named = [p for p in damaged.problems if p.code == "bad-date"]
    assert [(p.line, p.column) for p in named] == [(k, 5) for k in date_lines]  # at the day
    kept = [f"the lines from line {first} up to the next record are kept" for first, _ in dump.record_lines()]
    assert all(words in p.message for p, words in zip(named, kept, strict=True))
    assert format_dump(damaged) == shown
    found: list[Problem] = []
    assert list(iter_articles(io.StringIO(shown), strict=False, on_problem=found.append)) == []
    assert found == list(damaged.problems)


STATS_LINE = re.compile(r"\d+ likes · \d+ min read")


@pytest.mark.parametrize("path", real_dumps(), ids=lambda p: p.name)
def test_a_copy_that_starts_inside_a_record(path: Path) -> None:
    """A selection started inside the first record (an author line, or more, not
    copied): every later record read, the lines before them kept with one problem at
    the first line, named as no page header or record start. Before, a copy starting
    at a date line was named a page header's: ``expected 'Tag', found other text``, as
    if its blank lines made it one."""
    text = read(path)
    dump = parse_dump(text, strict=False)
    lines = text.split("\n")
    first, last = dump.record_lines()[0]
    for start in range(first, last):  # lines[start] is the record's line start + 1
        copy = "\n".join(lines[start:])
        cut = parse_dump(copy, strict=False)
        # (the record without its first author line is read, its repeated one missing)
        assert cut.articles in (dump.articles, dump.articles[1:]) and format_dump(cut) == copy, start
        assert cut.problems[0].line <= 2 and cut.problems[0].code != "bad-header", (start, cut.problems[0])
        outcome = strict_outcome(copy)
        assert isinstance(outcome, tuple) and outcome[0] == cut.problems[0].code and outcome[1] <= 2
        # At its date line, or at its tag line (the stats after it have a separator too:
        # they were taken for a compact record's date line, a bad-date named there).
        # (A record follows: two lines left at the end of the text read as a record cut off.)
        at_tags = len(dump) > 1 and STATS_LINE.fullmatch(lines[start + 1]) is not None
        if DATE_OF_LINE.match(lines[start]) or at_tags:
            assert (cut.problems[0].code, cut.problems[0].line) == ("unexpected-line", 1), start


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_the_text_kept_is_named_with_its_line(newline: str) -> None:
    """Lenient parsing keeps what it cannot read: ``kept_text()`` gives each stretch of
    it where it stands, as the problems' messages name it."""
    lines = read(DATA / "backend-architecture-page8.txt").split("\n")
    text = newline.join(["Home", "", *lines[:14], "junk b", "junk c", *lines[14:], "« Prev · Next »"])
    dump = parse_dump(text, strict=False)
    assert len(dump) == 86 and format_dump(dump) == text
    end = len(lines) + 5
    assert dump.kept_text() == (
        (1, f"Home{newline}{newline}"),
        (17, f"junk b{newline}junk c{newline}"),
        (end, "« Prev · Next »"),
    )
    assert [(p.line, p.code) for p in dump.problems] == [
        (1, "unexpected-line"),
        (18, "author-mismatch"),  # where it deviates, and where the stretch kept starts
        (end, "truncated-record"),
    ]
    assert "the lines from line 17 up to the next record are kept" in dump.problems[1].message
    assert Dump.from_dict(dump.to_dict()).kept_text() == dump.kept_text()
    assert parse_dump(DATA / "backend-architecture-page8.txt").kept_text() == ()
    assert Dump().kept_text() == () and Dump().record_lines() == ()


@pytest.mark.parametrize("path", real_dumps(), ids=lambda p: p.name)
@pytest.mark.parametrize(
    "before", ["Home\n\n", "Home\nArticles\nTags\n\n", "Log in\n\n\n", "Skip to content\n"]
)
def test_a_page_copied_whole_with_the_site_s_text_before_it(path: Path, before: str) -> None:
    """Select All takes the site's navigation too: it is text no page header or record
    starts, named so. A list header's page line two lines on made it a named header's
    deviation: ``bad-header: expected 'Tagged articles', found other text in 'Home'``."""
    text = read(path)
    clean = parse_dump(text, strict=False)
    copy = before + text
    dump = parse_dump(copy, strict=False)
    assert dump.articles == clean.articles and dump.headers == clean.headers and format_dump(dump) == copy
    assert dump.kept_text()[0] == (1, before) and (dump.problems[0].line, dump.problems[0].code) == (
        1,
        "unexpected-line",
    )
    outcome = strict_outcome(copy)
    assert isinstance(outcome, tuple) and outcome[:3] == ("unexpected-line", 1, 1)


def _spaced(lines: list[str], spacing: str, starts: list[int]) -> str:
    """``lines`` joined as a copy has them: as copied, with a blank line after every line
    (a word processor's) or before each record (``starts``: their first lines, 1-based)."""
    if spacing == "blank-after-every-line":
        return "\n\n".join(lines)
    if spacing == "blank-between-records":
        return "\n".join("\n" + line if number in starts else line for number, line in enumerate(lines, 1))
    return "\n".join(lines)


def _moved(number: int, spacing: str, starts: list[int]) -> int:
    """Where line ``number`` stands in :func:`_spaced` lines."""
    if spacing == "blank-after-every-line":
        return 2 * number - 1
    if spacing == "blank-between-records":
        return number + sum(start <= number for start in starts)
    return number


@pytest.mark.parametrize("path", real_dumps(), ids=lambda p: p.name)
@pytest.mark.parametrize(
    "avatar", ["avatar", "User avatar", "{author}'s avatar", "Avatar of {author}", "{initial}", "{initials}"]
)
@pytest.mark.parametrize("spacing", ["as-copied", "blank-after-every-line", "blank-between-records"])
def test_an_avatar_whose_text_is_not_the_author_s_name(path: Path, avatar: str, spacing: str) -> None:
    """A site whose avatar images say ``avatar`` (or name the author in a phrase) puts
    that text where the author's name stands again. Every record then read as a
    compact one whose author was ``avatar``, its own author line kept as text. Now it
    is the repeated author line, one ``author-mismatch`` each: text that names the
    author, or the same text in the next record too (or read before). So in a copy
    with a blank line after every line (a word processor's) or between records (copies
    of records pasted one after another), where every author was ``avatar`` still.
    A letter avatar, drawn where a user has no picture (``A`` or ``AT`` for ``Amap
    Tech``), abbreviates its author: each record was read with the letters as its
    author, and the author line kept as text."""
    text = read(path)
    clean = parse_dump(text, strict=False)
    lines = text.split("\n")
    full = [first for (first, last), _ in zip(clean.record_lines(), clean, strict=True) if last - first == 10]
    if not full:
        return  # compact records only: no avatar text
    for first in full:  # the author's line again, 1-based line first + 1
        author = lines[first - 1]
        initial, initials = letter_avatar(author, 0), letter_avatar(author, 2)
        lines[first] = avatar.format(author=author, initial=initial, initials=initials)
    starts = [first for first, _ in clean.record_lines()]
    at = [_moved(first + 1, spacing, starts) for first in full]  # each avatar's line
    copy = _spaced(lines, spacing, starts)
    dump = parse_dump(copy, strict=False)
    assert format_dump(dump) == copy
    assert list(iter_articles(io.StringIO(copy), strict=False)) == list(dump.articles)
    named = "{" in avatar
    if named or len(full) > 1:
        assert dump.articles == clean.articles
        mismatched = [p for p in dump.problems if p.code == "author-mismatch"]
        assert [p.line for p in mismatched] == at
        assert all(p.found == "an avatar's text" and p.column == 1 for p in mismatched)
        assert normalize(copy) == normalize(_spaced(text.split("\n"), spacing, starts))
    else:  # one record of a text no other record has: nothing tells it is an avatar's
        # Not read as it is: its author line is kept as text (spaced, the avatar's text may
        # be read as the author of a record whose repeated author line is missing).
        assert any(lines[full[0] - 1] in kept for _, kept in dump.kept_text())
    outcome = strict_outcome(copy)  # spaced: at a blank line before, whatever it is in
    assert isinstance(outcome, tuple)
    assert outcome[1] < at[0] if spacing != "as-copied" else outcome[:2] == ("author-mismatch", at[0])


@pytest.mark.parametrize("path", real_dumps(), ids=lambda p: p.name)
@pytest.mark.parametrize("gap", ["", " ", "\t"], ids=["run-together", "space", "tab"])
def test_an_author_line_run_into_its_repeat(path: Path, gap: str) -> None:
    """A page that sets the author's name and its repeat side by side: a copy may run
    them into one line (``Amap TechAmap Tech``). Each record was read with its author
    twice as the author, its repeated author line missing; now as the author, with
    that ``missing-line`` saying what the author line held."""
    text = read(path)
    clean = parse_dump(text, strict=False)
    lines = text.split("\n")
    full = [first for first, last in clean.record_lines() if last - first == 10]
    authors = [a.author for (first, _), a in zip(clean.record_lines(), clean, strict=True) if first in full]
    if not full:
        return  # compact records only: the author line is not repeated
    for first in reversed(full):  # 1-based first: the author line; first + 1: its repeat
        lines[first - 1 : first + 1] = [lines[first - 1] + gap + lines[first]]
    copy = "\n".join(lines)
    dump = parse_dump(copy, strict=False)
    assert dump.articles == clean.articles and format_dump(dump) == copy
    assert list(iter_articles(io.StringIO(copy), strict=False)) == list(dump.articles)
    missing = [p for p in dump.problems if p.code == "missing-line"]
    assert [p.line for p in missing] == [first + 1 - k for k, first in enumerate(full)]  # each date line
    assert all(p.message.endswith(f"read as {quote(a)} twice") for p, a in zip(missing, authors, strict=True))
    assert normalize(copy) == normalize(text)
    assert strict_outcome(copy)[:2] == ("missing-line", full[0] + 1)  # type: ignore[index]


@pytest.mark.parametrize("path", real_dumps(), ids=lambda p: p.name)
def test_an_avatar_s_text_is_told_with_a_line_doubled(path: Path) -> None:
    """The same avatar text on every record, and each repeated title doubled by the copy:
    the next record's second line is looked for before its date line, a line further on
    than a whole record reaches. (Counted to the line, every author read as 'avatar'.)"""
    text = read(path)
    clean = parse_dump(text, strict=False)
    spans = [(first, last) for first, last in clean.record_lines() if last - first == 10]
    if len(spans) < 2:
        return  # one record: nothing tells its avatar's text from an author
    lines = text.split("\n")
    for first, last in reversed(spans):
        lines[first] = "avatar"
        lines.insert(last, lines[last - 1])
    copy = "\n".join(lines)
    dump = parse_dump(copy, strict=False)
    assert dump.articles == clean.articles and format_dump(dump) == copy
    mismatched = [p.line for p in dump.problems if p.code == "author-mismatch"]
    assert mismatched == [first + 1 + k for k, (first, _) in enumerate(spans)]  # each avatar's line
    kept = {line + k for line, lines_kept in dump.kept_text() for k in range(len(lines_kept.splitlines()))}
    assert {last + 1 + k for k, (_, last) in enumerate(spans)} <= kept  # each double: text kept


@pytest.mark.parametrize("path", real_dumps(), ids=lambda p: p.name)
@pytest.mark.parametrize("spacing", ["as-copied", "blank-after-every-line", "blank-between-records"])
@pytest.mark.parametrize("untidy", ["tidy", "trailing-spaces", "look-alike-dots"])
def test_every_avatar_without_its_text(path: Path, spacing: str, untidy: str) -> None:
    """A site whose avatar images have no text: no full record has its author line
    repeated. Each is read as the full record it is, a ``missing-line`` each. Before,
    page 8 read as compact records with blank lines, each repeated title kept as text
    and the last record lost (85 records, 340 problems); with a blank line between
    records every record was kept as text, and with lines to tidy the last was lost.
    With a blank line after every line, they were read as compact ones set apart by
    blank lines, each repeated title kept as text: the title again after the stats
    now shows a full record."""
    text = read(path)
    clean = parse_dump(text, strict=False)
    full = [first for (first, last), _ in zip(clean.record_lines(), clean, strict=True) if last - first == 10]
    if not full:
        return  # compact records only: no author line repeated
    # Line ``first + 1`` (1-based) of each full record is its author line again.
    lines = [line for number, line in enumerate(text.split("\n")) if number not in full]
    starts = [first - sum(gone < first for gone in full) for first, _ in clean.record_lines()]
    if untidy == "trailing-spaces":  # not after the last line: where a copy is cut off, it ends
        lines = [line + "  " if line else line for line in lines[:-1]] + lines[-1:]
    elif untidy == "look-alike-dots":
        lines = [line.replace(" · ", " \u30fb ") for line in lines]
    copy = _spaced(lines, spacing, starts)
    dump = parse_dump(copy, strict=False)
    assert dump.articles == clean.articles and format_dump(dump) == copy
    assert [p.code for p in dump.problems].count("missing-line") == len(full)
    if not clean.problems:  # (a record cut off at the end is kept as text, each line apart)
        assert "unexpected-line" not in [p.code for p in dump.problems]
    if spacing != "blank-after-every-line":
        between = len(starts) if spacing == "blank-between-records" else 0  # each blank line kept
        assert len(dump.kept_text()) == len(clean.kept_text()) + between
    assert list(iter_articles(io.StringIO(copy), strict=False)) == list(dump.articles)
    assert parse_dump(normalize(copy), strict=False).articles == clean.articles


def _real_dumps_where(keep: Callable[[Dump], bool]) -> list[Path]:
    """The real dumps whose lenient reading ``keep`` takes (a test that needs such records)."""
    return [path for path in real_dumps() if keep(parse_dump(read(path), strict=False))]


def _all_whole_and_full(dump: Dump) -> bool:
    """No problem, three records or more, every one in the full layout."""
    spans = dump.record_lines()
    return not dump.problems and len(spans) >= 3 and all(last - first == 10 for first, last in spans)


def _avatars_without_text(lines: list[str], dump: Dump, avatar: str) -> list[str]:
    """``lines`` of the text ``dump`` was read from, each full record's avatar line (its
    second) gone (``no-line``) or blank, as a site whose avatars have no text copies."""
    lines = list(lines)
    for first, last in reversed(dump.record_lines()):
        if last - first == 10:  # (0-based: the record's second line)
            if avatar == "no-line":
                del lines[first]
            else:
                lines[first] = ""
    return lines


@pytest.mark.parametrize(
    "path",
    _real_dumps_where(lambda dump: any(last - first == 10 for first, last in dump.record_lines())),
    ids=lambda p: p.name,
)
@pytest.mark.parametrize("blanks", [1, 2])
@pytest.mark.parametrize("which", ["every-record", "each-record-alone"])
def test_an_avatar_without_its_text_on_a_blank_line_of_its_own(path: Path, blanks: int, which: str) -> None:
    """A copy that gives an avatar without text a blank line of its own (or two), where
    the author line again stands: each such record is read as the full record it is,
    an ``extra-blank-line`` at each blank line and a ``missing-line`` at its date line.
    Before, it read as a compact record set apart by blank lines, its title again kept
    as text."""
    text = read(path)
    clean = parse_dump(text, strict=False)
    full = [first for (first, last), _ in zip(clean.record_lines(), clean, strict=True) if last - first == 10]
    lines = text.split("\n")
    for blanked in [full] if which == "every-record" else [[first] for first in full]:
        copied = list(lines)
        expected = []
        for before, first in enumerate(blanked):  # ``first``: the 0-based index of the line again
            copied[first] = "\n" * (blanks - 1)  # joined: ``blanks`` blank lines
            number = first + 1 + before * (blanks - 1)
            expected += [(number + k, "extra-blank-line") for k in range(blanks)]
            expected.append((number + blanks, "missing-line"))
        copy = "\n".join(copied)
        dump = parse_dump(copy, strict=False)
        assert dump.articles == clean.articles and format_dump(dump) == copy
        placed = [(p.line, p.code) for p in dump.problems if p.code in ("extra-blank-line", "missing-line")]
        assert placed == expected
        assert len(dump.problems) == len(clean.problems) + len(expected)
        assert normalize(copy) == normalize(text)
        found: list[Problem] = []
        pieces = Pieces(copy, [13, 200])
        assert list(iter_articles(pieces, strict=False, on_problem=found.append)) == list(dump)
        assert found == list(dump.problems)
        with pytest.raises(ParseError) as raised:
            parse_dump(copy)
        error = raised.value
        assert (error.line, error.column, error.code, error.found) == (
            expected[0][0],
            1,
            "author-mismatch",
            "a blank line",
        )


@pytest.mark.parametrize("spacing", ["\n", "\n\n"], ids=["single-spaced", "double-spaced"])
@pytest.mark.parametrize("avatar", ["a-blank-line", "no-line"])
def test_a_line_doubled_in_a_record_whose_avatar_has_no_text(avatar: str, spacing: str) -> None:
    """A record whose avatar is a blank line, or no line, is told by the lines after its
    date line (blank lines after it and after its title; its stats the fourth line with
    text, its title again after them), which a line doubled shifts: nothing seemed to
    start there, or a compact record (and the record before was read as one set apart by
    blank lines, its title again kept as text). It is read as the full record it is,
    the line doubled skipped, as where its avatar has text. (The first three such
    records of each real dump, not the last of a page: one cut off is kept as text.)"""
    checked = 0
    for path in real_dumps():
        text = read(path)
        clean = parse_dump(text, strict=False)
        lines = _avatars_without_text(text.split("\n"), clean, avatar)
        expected = parse_dump(spacing.join(lines), strict=False).articles
        assert expected == clean.articles
        for first, last in parse_dump("\n".join(lines), strict=False).record_lines()[:-1][:3]:
            for k in range(first - 1, last):  # 0-based: the record's lines
                if lines[k]:  # (a blank line doubled is one too many: an ``extra-blank-line``)
                    copy = spacing.join([*lines[: k + 1], lines[k], *lines[k + 1 :]])
                    dump = parse_dump(copy, strict=False)
                    assert dump.articles == expected, (path.name, k)
                    # (The author line doubled stands where its avatar's text would; the
                    # title again doubled after the record, text kept as after any.)
                    assert k in (first - 1, last - 1) or "doubled-line" in {p.code for p in dump.problems}
                    assert format_dump(dump) == copy
                    checked += 1
    assert checked > 100


@pytest.mark.parametrize("path", _real_dumps_where(_all_whole_and_full), ids=lambda p: p.name)
@pytest.mark.parametrize("before", ["the-site-s-text", "a-record-cut-off"])
def test_text_kept_before_records_whose_avatars_are_blank_lines(path: Path, before: str) -> None:
    """Text kept (a line of the site's, or a record cut off in its summary) before
    records whose avatars have no text but a blank line each: the records after it are
    read, the text kept ends where the first of them starts: read as a full record,
    such a record is a start to resynchronise at, as one whose avatar line is missing
    is (while that was not so, every record was kept as text with it)."""
    text = read(path)
    clean = parse_dump(text, strict=False)
    spans = clean.record_lines()
    lines = _avatars_without_text(text.split("\n"), clean, "a-blank-line")
    start = spans[0][0] - 1  # the first record's author line, 0-based
    if before == "the-site-s-text":
        gone: list[str] = ["Share this page"]
        lines.insert(start, gone[0])
        articles = clean.articles
    else:
        gone = [*lines[start : start + 6], lines[start + 6][:60]]  # cut off in its summary
        lines[start : start + 11] = gone
        articles = clean.articles[1:]
    copy = "\n".join(lines)
    dump = parse_dump(copy, strict=False)
    assert dump.articles == articles and format_dump(dump) == copy
    assert dump.kept_text() == ((start + 1, "\n".join(gone) + "\n"),)
    assert [p.code for p in dump.problems].count("missing-line") == len(articles)
    found: list[Problem] = []
    assert list(iter_articles(Pieces(copy, [29, 300]), strict=False, on_problem=found.append)) == list(dump)
    assert found == list(dump.problems)


@pytest.mark.parametrize("path", real_dumps(), ids=lambda p: p.name)
def test_the_site_s_text_before_a_record_without_its_author_line_again(path: Path) -> None:
    """A line of the site's text, then a record whose avatar has no text: the line is
    kept, the record read. It was kept as text with the line (the first record lost)."""
    text = read(path)
    clean = parse_dump(text, strict=False)
    first, last = clean.record_lines()[0]
    if last - first != 10:
        return  # a compact record: no author line again
    lines = text.split("\n")
    lines[first - 1 : first + 1] = ["Share this page", lines[first - 1]]  # for the author line again
    copy = "\n".join(lines)
    dump = parse_dump(copy, strict=False)
    assert dump.articles == clean.articles and format_dump(dump) == copy
    assert dump.kept_text()[0] == (first, "Share this page\n")
    assert ("missing-line", first + 2) in [(p.code, p.line) for p in dump.problems]


@pytest.mark.parametrize("path", real_dumps(), ids=lambda p: p.name)
def test_every_avatar_without_its_text_then_the_site_s_text(path: Path) -> None:
    """The last record of such a listing, before the site's own text (``« Prev · Next
    »``), is read as the full record the records before it were: weighed alone, nothing
    goes on after it, and it was read as a compact one, its repeated title kept as text
    with the site's."""
    text = read(path)
    clean = parse_dump(text, strict=False)
    spans = clean.record_lines()
    if clean.problems or len(spans) < 2 or any(last - first != 10 for first, last in spans):
        return  # a copy cut off, one record, or compact records
    again = {first for first, _ in spans}  # 0-based: each record's second line
    lines = [line for number, line in enumerate(text.split("\n")) if number not in again]
    copy = "\n".join(lines).rstrip("\n") + "\n« Prev · Next »\n"
    dump = parse_dump(copy, strict=False)
    assert dump.articles == clean.articles and format_dump(dump) == copy
    assert [p.code for p in dump.problems].count("missing-line") == len(spans)
    assert dump.kept_text() == ((copy.count("\n"), "« Prev · Next »\n"),)


# The spaces a page may write as no-break ones (``0&nbsp;likes``, ``949&nbsp;articles``):
# between a count and its word in the stats and the header's counts.
COUNTED = re.compile(r"(?<=\d) (?=likes?\b|min read|articles?\b|views?\b)")


@pytest.mark.parametrize("path", real_dumps(), ids=lambda p: p.name)
@pytest.mark.parametrize("space", ["\u00a0", "\u202f"])
def test_no_break_spaces_in_counts(path: Path, space: str) -> None:
    """The copy of a page that writes no-break spaces between its counts and their
    words: the same records, one no-break-space problem a changed line, the text
    written back as it is and normalized as the clean copy; strict stops at the first."""
    text = read(path)
    dump = parse_dump(text, strict=False)
    lines = text.split("\n")
    changed = [number for number, line in enumerate(lines, 1) if COUNTED.search(line)]
    assert changed
    spaced = "\n".join(COUNTED.sub(space, line) for line in lines)

    found = parse_dump(spaced, strict=False)
    assert found.articles == dump.articles and found.header == dump.header
    added = [
        (p.line, p.code)
        for p in found.problems
        if (p.line, p.code) not in {(q.line, q.code) for q in dump.problems}
    ]
    assert added == [(number, "no-break-space") for number in changed]
    assert format_dump(found) == spaced
    assert normalize(spaced) == normalize(text)
    with pytest.raises(ParseError) as caught:
        parse_dump(spaced)
    first = lines[changed[0] - 1]
    assert (caught.value.code, caught.value.line) == ("no-break-space", changed[0])
    assert caught.value.column == COUNTED.search(first).start() + 1  # type: ignore[union-attr]


@pytest.mark.parametrize("path", real_dumps(), ids=lambda p: p.name)
def test_blank_lines_of_a_zero_width_space(path: Path) -> None:
    """The copy of a page whose blank lines hold a zero-width space (an editor's empty
    paragraph): the same records and header, one invisible-character problem a line,
    the text written back as it is and normalized as the clean copy; strict stops at
    the first. (Blank lines inside a record cut off at the end stay in its text.)"""
    text = read(path)
    dump = parse_dump(text, strict=False)
    last = dump.record_lines()[-1][1]
    lines = text.split("\n")
    changed = [number for number, line in enumerate(lines[:last], 1) if not line]
    if not changed:
        pytest.skip("the compact layout has no blank lines")
    for number in changed:
        lines[number - 1] = "\u200b"
    invisible = "\n".join(lines)

    found = parse_dump(invisible, strict=False)
    assert found.articles == dump.articles and found.header == dump.header
    assert [(p.line, p.code) for p in found.problems] == sorted(
        [(p.line, p.code) for p in dump.problems] + [(number, "invisible-character") for number in changed]
    )
    assert format_dump(found) == invisible
    assert normalize(invisible) == normalize(text)
    with pytest.raises(ParseError) as caught:
        parse_dump(invisible)
    assert caught.value.line <= changed[0]  # a header's first line, when it is in one


PAGE8 = DATA / "backend-architecture-page8.txt"


@pytest.mark.parametrize(
    ("old", "new"),
    [("1 views collected", "1 view collected"), ("1 views collected", "1,204 views collected")],
)
def test_other_spellings_of_a_header_are_read_and_kept(old: str, new: str) -> None:
    text = read(DATA / "tags_bootmem.txt").replace(old, new)
    dump = parse_dump(text)
    assert dump.problems == () and dump.header is not None and len(dump) == 1
    assert format_dump(dump) == text


@pytest.mark.parametrize("case", [str.upper, str.title, str.lower])
@pytest.mark.parametrize("path", [path for path in real_dumps() if EXPECTED[path.name].header is not None])
def test_a_header_s_words_in_any_case_are_read_and_kept(path: Path, case: Callable[[str], str]) -> None:
    # A page may style its header in capitals (TAGGED ARTICLES) or title case, and a copy
    # keeps what it shows; the tag name is the site's, and stays as it is.
    text = read(path)
    expected = EXPECTED[path.name]
    lines = text.split("\n")
    tag_name = 2 if expected.header is not None and expected.header.style is not L else None
    for k in range(expected.header_lines):
        if k != tag_name:
            lines[k] = case(lines[k])
    cased = "\n".join(lines)
    assert cased != text
    dump, clean = parse_dump(cased, strict=False), parse_dump(text, strict=False)
    assert dump.header == clean.header == expected.header
    assert dump.articles == clean.articles and dump.problems == clean.problems
    assert format_dump(dump) == cased
    assert normalize(cased) == normalize(text)
    assert strict_outcome(cased) == strict_outcome(text)
    # Pasted after another page: a header where a record might start, read streaming too.
    pasted = read(PAGE8) + "\n" + cased
    dump = parse_dump(pasted, strict=False)
    assert dump.headers[1:] == (expected.header,) and format_dump(dump) == pasted
    assert list(iter_articles(io.StringIO(pasted), strict=False)) == list(dump.articles)


def test_page8_in_detail() -> None:
    dump = parse_dump(PAGE8)
    assert len(dump) == 86
    first, last = dump.articles[0], dump.articles[-1]
    assert first.author == "Amap Tech"
    assert first.published == dt.date(2019, 8, 27)
    assert first.category == "Backend Development"
    assert first.title.startswith("GraphQL\u202f+\u202fGateway Orchestration for Multi\u2011Endpoint")
    assert first.summary.startswith("The article describes how Gaode refactored")
    assert first.tags == ("Backend Architecture", "DSL", "Service Orchestration")
    assert (first.likes, first.read_minutes) == (0, 11)
    assert last.author == "Java Backend Technology"
    assert last.published == dt.date(2018, 1, 16)
    assert last.tags == ("Backend Architecture", "Microservices", "SOA")
    assert last.read_minutes == 15


def test_page8_tag_lines_are_the_labelled_ones() -> None:
    labelled = [
        line.split("\t")[0]
        for line in read(DATA / "page8-tags.tsv").splitlines()
        if line and not line.startswith("#")
    ]
    assert ["".join(a.tags) for a in parse_dump(PAGE8)] == labelled


def test_page8_from_every_kind_of_source() -> None:
    text = read(PAGE8)
    expected = parse_dump(text).articles
    assert parse_dump(PAGE8.read_bytes()).articles == expected
    assert parse_dump(b"\xef\xbb\xbf" + PAGE8.read_bytes()).articles == expected
    assert parse_dump(io.StringIO(text)).articles == expected
    assert parse_dump(io.BytesIO(PAGE8.read_bytes())).articles == expected
    assert list(iter_articles(PAGE8)) == list(expected)
    with PAGE8.open("rb") as file:
        assert list(iter_articles(file)) == list(expected)


# Pairs of real dumps joined as `cat a.txt b.txt` joins them, the first with no line break
# at its end (as most copies) and its last record whole: the last line of the one runs
# into the first line of the other (a page header or a record).
JOINED = [
    (first, second)
    for first, second in itertools.product(sorted(REAL_TEXTS), repeat=2)
    if not REAL_TEXTS[first].endswith("\n") and not parse_dump(REAL_TEXTS[first], strict=False).problems
]


def _joined_problem(a: str, b: str, bom: str, second: Dump) -> Problem:
    """The ``joined-lines`` problem of the text ``a`` run into ``b`` (``second`` its dump),
    the byte order mark ``bom`` between them."""
    line, last = a.count("\n") + 1, a.rpartition("\n")[2]
    what = "a page header" if second.header else "a record"
    expected = f"a line break after {quote(last)}"
    found = f"{'a byte order mark, then ' if bom else ''}{quote(b.partition(chr(10))[0])} run into it"
    found += f", the first line of {what}"
    joined_what = "files" if bom else "pages"
    strict = f"expected {expected}, found {found} ({joined_what} joined with no line break between them?)"
    return Problem(line, len(last) + 1, "joined-lines", strict + "; read as two lines", expected, found)


def _joined_pages(a: str, b: str, bom: str) -> tuple[str, Dump, tuple[Dump, Dump]]:
    """``a`` run into ``b`` (the byte order mark ``bom`` between them) as ``cat`` joins
    them, its dump, and the dumps of the two: the records of the one, then the other's."""
    text = a + bom + b
    dump, alone = parse_dump(text, strict=False), (parse_dump(a, strict=False), parse_dump(b, strict=False))
    assert list(dump) == list(alone[0]) + list(alone[1])
    return text, dump, alone


def _assert_read_after(dump: Dump, second: Dump, line: int, problems: int) -> None:
    """The dump ``second`` of the page read from ``line`` on in ``dump`` (the line joined
    is the last of the one and the first of the other): its problems, from the one at
    ``problems``, and its records on its lines there."""
    assert [(p.line, p.column, p.code, p.expected, p.found) for p in dump.problems[problems:]] == [
        (p.line + line - 1, p.column, p.code, p.expected, p.found) for p in second.problems
    ]
    assert dump.record_lines()[-len(second) or len(dump) :] == tuple(
        (start + line - 1, end + line - 1) for start, end in second.record_lines()
    )


@pytest.mark.parametrize("bom", ["", "\ufeff"], ids=["", "bom"])
@pytest.mark.parametrize(("first", "second"), JOINED)
def test_pages_joined_with_no_line_break_read_as_each_page(first: str, second: str, bom: str) -> None:
    # Found joining the real dumps with cat: the record whose last line took the next
    # page's first line, or the page header or record that lost it, was kept as text
    # (a compact page's last record lost, `0 likes · 10 min readTagged articles`) or read
    # wrong (the next record without its author), in 30 of the 110 pairs. The second may
    # start with the byte order mark of a file saved with one (Notepad's "UTF-8 with BOM").
    a, b = REAL_TEXTS[first], REAL_TEXTS[second]
    text, dump, alone = _joined_pages(a, b, bom)
    assert format_dump(dump) == text
    joined = _joined_problem(a, b, bom, alone[1])
    assert dump.problems[0] == joined
    _assert_read_after(dump, alone[1], joined.line, 1)
    assert dump.record_lines()[: len(alone[0])] == alone[0].record_lines()
    assert normalize(text) == normalize(a + "\n" + b)
    found_streamed: list[Problem] = []
    assert list(iter_articles(io.StringIO(text), strict=False, on_problem=found_streamed.append)) == list(
        dump
    )
    assert found_streamed == list(dump.problems)
    assert strict_outcome(text) == ("joined-lines", joined.line, joined.column, joined.message[: -len(READ)])


# What a lenient reader's joined-lines problem says that strict mode's does not.
READ = "; read as two lines"


def _told(text: str) -> bool:
    """Whether what the last line of ``text``, cut off, was to be is told by the lines
    before it: a repeated line (the author or title before it holds all of it), or a
    date line cut inside its category (a record run into it has its own date line)."""
    *before, last = text.split("\n")
    return SEPARATOR in last or any(line.startswith(last) for line in (before[-1], before[-6]))


# The real dumps cut off inside a line (as a copy often is), and whether the lines before
# tell what that line was to be.
CUT_INSIDE = {
    name: _told(text)
    for name, text in sorted(REAL_TEXTS.items())
    if not text.endswith("\n") and parse_dump(text, strict=False).problems
}


def _starts_with(text: str) -> str:
    """What a real dump starts with: a page header, a full or a compact record."""
    lines = text.split("\n")
    if lines[0] in ("Tagged articles", "Tag"):
        return "header"
    return "full" if lines[0] == lines[1] else "compact"


# Pairs of real dumps joined so where the first is cut off inside a line, and the second
# starts with what shows where the one ends and the other starts: a page header, a full
# record (its author line repeated on the next line), or a compact record where the lines
# before tell what the line cut off was to be (where it stops being that).
CUT_JOINED = [
    (first, second)
    for first, second in itertools.product(CUT_INSIDE, sorted(REAL_TEXTS))
    if _starts_with(REAL_TEXTS[second]) != "compact" or CUT_INSIDE[first]
]


def _as_cut_page(problem: Problem) -> Problem:
    """``problem``, of a text cut off at its end, as it reads where the text goes on with
    the next page."""

    def page(text: str) -> str:
        return text.replace("end of the text", "end of the page").replace("the text cut", "the page cut")

    return attrs.evolve(problem, message=page(problem.message), found=page(problem.found))


@pytest.mark.parametrize("bom", ["", "\ufeff"], ids=["", "bom"])
@pytest.mark.parametrize(("first", "second"), CUT_JOINED)
def test_a_page_cut_off_and_joined_to_the_next_reads_as_each_page(first: str, second: str, bom: str) -> None:
    # Found joining the real dumps with cat: where the first is cut off inside a line,
    # its last line took the next page's first line, and the next page header (or its
    # first record) was kept as text with the record cut off, in all 36 of these pairs
    # whose second starts with a header or a full record; where it starts with a compact
    # record, that was read with the line cut off in its author's name (`Counter
    # AlgorJava Tech Workshop`, `ZhiJava Tech Workshop`) or kept as text (`Oct 17, 2025 ·
    # Backend DeveloJava Tech Workshop`), in all 6 of these.
    a, b = REAL_TEXTS[first], REAL_TEXTS[second]
    text, dump, alone = _joined_pages(a, b, bom)
    assert dump.headers == alone[0].headers + alone[1].headers
    # The record cut off, as when alone (with the byte order mark after it, if any),
    # then the other page's text kept, on its lines here.
    line, kept = a.count("\n") + 1, alone[0].kept_text()
    assert dump.kept_text() == (kept and (*kept[:-1], (kept[-1][0], kept[-1][1] + bom))) + tuple(
        (start + line - 1, text) for start, text in alone[1].kept_text()
    )
    assert format_dump(dump) == text
    joined = _joined_problem(a, b, bom, alone[1])
    # The first page's problems (the record cut off: by the end of the page), the line
    # joined before those on it, then the other page's, on its lines here.
    cut = [_as_cut_page(problem) for problem in alone[0].problems]
    before = [problem for problem in cut if (problem.line, problem.column) < (joined.line, joined.column)]
    assert dump.problems[: len(cut) + 1] == (*before, joined, *cut[len(before) :])
    _assert_read_after(dump, alone[1], line, len(cut) + 1)
    assert dump.record_lines()[: len(alone[0])] == alone[0].record_lines()
    assert normalize(text) == normalize(a + "\n" + b)
    for sizes in ([1 << 20], [7, 300, 1]):
        found_streamed: list[Problem] = []
        articles = iter_articles(Pieces(text, sizes), strict=False, on_problem=found_streamed.append)
        assert list(articles) == list(dump)
        assert found_streamed == list(dump.problems)
    assert strict_outcome(text) == ("joined-lines", joined.line, joined.column, joined.message[: -len(READ)])


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (first, second)
        for first, second in itertools.product(CUT_INSIDE, sorted(REAL_TEXTS))
        if (first, second) not in CUT_JOINED
    ],
)
def test_a_page_cut_off_before_a_compact_record_loses_nothing(first: str, second: str) -> None:
    # Where the next page starts with a compact record and nothing tells what the line
    # cut off was to be, nothing shows where the author starts in the line it ran into
    # (a title `…Caused by MissingWukong Talks Architecture`): the record cut off is kept
    # as text, that line read as the compact record's author. (Its problem cannot say the
    # line may hold the page's end: a page cut off inside its summary, a blank line, then
    # the compact record, reads the same way.)
    a, b = REAL_TEXTS[first], REAL_TEXTS[second]
    dump = parse_dump(a + b, strict=False)
    cut, compact = list(parse_dump(a, strict=False)), list(parse_dump(b, strict=False))
    assert format_dump(dump) == a + b
    assert list(dump)[: len(cut)] == cut and list(dump)[len(dump) - len(compact) + 1 :] == compact[1:]
    run_into = dump.articles[len(cut)]
    assert run_into.author == (a + b).split("\n")[a.count("\n")]
    assert attrs.evolve(run_into, author=compact[0].author) == compact[0]
    assert len(dump) == len(cut) + len(compact)


def _shaped_whole() -> list[tuple[str, int]]:
    """The lines of the real dumps' records of a shape of their own, not their record's
    last (a full record's date line and stats line, a compact record's date line),
    where a compact page's record may run into them whole: (name, index). Date lines of
    the compact pages' category only (the category of the date line after tells it)."""
    told = []
    for name, text in sorted(REAL_TEXTS.items()):
        lines = text.split("\n")
        for start, end in parse_dump(text, strict=False).record_lines():
            first, full = start - 1, end - start == 10
            if full:
                told.append((name, first + 9))
            date = first + (2 if full else 1)
            if lines[date].endswith(SEPARATOR + "Backend Development"):
                told.append((name, date))
    return told


@pytest.mark.parametrize("page", ["www_tags_cache-patterns.txt", "www_tags_cglib-proxy.txt"])
@pytest.mark.parametrize(("name", "k"), _shaped_whole())
def test_a_line_of_a_shape_whole_then_a_compact_record_reads_as_each_page(
    name: str, k: int, page: str
) -> None:
    # A page cut off right after such a line (`0 likes · 17 min read`, `Aug 27, 2019 ·
    # Backend Development`), with a compact record run into it: the line read as a
    # deviation of its own, and the compact record was lost or read with it in its author.
    # (The last line of a record, stats or title again, `joined-lines` found already.)
    cut = "\n".join(REAL_TEXTS[name].split("\n")[: k + 1])
    text = cut + REAL_TEXTS[page]
    dump, alone = parse_dump(text, strict=False), parse_dump(cut, strict=False)
    assert list(dump) == [*alone, *parse_dump(REAL_TEXTS[page])]
    assert (k + 1, len(cut.rpartition("\n")[2]) + 1, "joined-lines") in [
        (p.line, p.column, p.code) for p in dump.problems
    ]
    assert format_dump(dump) == text
    once = normalize(text)
    assert normalize(once) == once


@pytest.mark.parametrize(("first", "second"), CUT_JOINED)
def test_a_record_edited_after_pages_cut_off_and_joined_keeps_the_line_split_as_it_was(
    first: str, second: str
) -> None:
    # Found by the fuzzer at 600 examples (a damaged dump's JSON, a record edited): the
    # line read as two, where a page was run into it, was written back as two lines
    # once a record after it was replaced with attrs.evolve (its first part got a line
    # ending, as the last line of text before a record written anew does).
    text = REAL_TEXTS[first] + REAL_TEXTS[second]
    dump = parse_dump(text, strict=False)
    last = dump.articles[-1]
    edited = attrs.evolve(dump, articles=(*dump.articles[:-1], attrs.evolve(last, likes=last.likes + 1)))
    written = format_dump(edited)
    start = dump.record_lines()[-1][0]  # the edited record's first line: the text before it stays
    before = "".join(text.splitlines(keepends=True)[: start - 1])
    assert written.startswith(before) and parse_dump(written, strict=False).articles == edited.articles


@pytest.mark.parametrize(("first", "second"), CUT_JOINED)
@pytest.mark.parametrize("lines", ["every-line", "every-other-line"])
def test_pages_cut_off_and_joined_with_whitespace_at_their_lines_ends_read_as_each_page(
    first: str, second: str, lines: str
) -> None:
    """The same where the copy kept a space at the end of every line (the next page's
    first line too: `…Backend DeveloTagged articles `): the line is split where the next
    page starts as without the space. A header's first line there was no seam with the
    space after it (tidying made it one), so `normalize`, which drops the space from the
    text kept, read it the second time: of these 42 pairs, 7 read other records, 26 were
    not idempotent, and 41 were normalized otherwise than the pages with a line break.
    With a space at the end of every other line, a full record's author line run in,
    whose repeat has none (or the other way round), was no seam either."""

    def spaced(text: str) -> str:
        step = 1 if lines == "every-line" else 2
        return "\n".join(
            line + " " if line and k % step == 0 else line for k, line in enumerate(text.split("\n"))
        )

    a, b = spaced(REAL_TEXTS[first]).rstrip(" "), spaced(REAL_TEXTS[second])  # (cut inside its last line)
    _assert_run_into_reads_as_each_page(a, b)


@pytest.mark.parametrize(("first", "second"), JOINED)
def test_whole_pages_joined_with_whitespace_at_their_lines_ends_read_as_each_page(
    first: str, second: str
) -> None:
    """Whole pages joined (`0 likes · 10 min read Java Tech Workshop `), a space at the end
    of every line: the next page's first line with whitespace at its end was not taken as
    run in (tidying made it a line), so a compact record after was kept as text with the
    stats before it, and `normalize`, which dropped that whitespace, read it the second
    time."""

    def spaced(text: str) -> str:
        return "\n".join(line + " " if line else line for line in text.split("\n"))

    _assert_run_into_reads_as_each_page(spaced(REAL_TEXTS[first]) + " ", spaced(REAL_TEXTS[second]))


def _assert_run_into_reads_as_each_page(a: str, b: str) -> None:
    """``a`` run into ``b`` reads as each page, is normalized as the two with a line break
    between them, idempotently, and each problem of whitespace at a line's end names the
    column where it starts on the line as it stands (a line split is numbered once: the
    first line of the next page in it starts further on)."""
    text = a + b
    dump = parse_dump(text, strict=False)
    assert list(dump) == list(parse_dump(a, strict=False)) + list(parse_dump(b, strict=False))
    assert format_dump(dump) == text
    assert normalize(text) == normalize(a + "\n" + b) == normalize(normalize(text))
    lines = text.split("\n")
    for problem in dump.problems:
        if problem.code == "trailing-whitespace":
            line = lines[problem.line - 1]
            assert line[problem.column - 1].isspace() and not line[problem.column - 2].isspace()
    assert [(p.line, p.column) for p in dump.problems] == sorted((p.line, p.column) for p in dump.problems)
    found: list[Problem] = []
    assert list(iter_articles(Pieces(text, [3, 200]), strict=False, on_problem=found.append)) == list(dump)
    assert found == list(dump.problems)


def _no_break_spaced(text: str) -> str:
    """``text`` as a copy of a page that writes its separators ``&nbsp;·&nbsp;`` has them."""
    return text.replace(SEPARATOR, "\u00a0·\u00a0")


@pytest.mark.parametrize(("first", "second"), JOINED + CUT_JOINED)
def test_pages_joined_whose_separators_have_no_break_spaces_read_as_each_page(
    first: str, second: str
) -> None:
    """Pages joined, whole or cut off, whose separators are written with no-break spaces
    (a lenient reader takes them): a compact page's stats line with the next compact
    page's author run into it (`0 likes\u00a0·\u00a010 min readJava Tech Workshop`) was
    no seam, since what a stats line was to be was told with plain spaces only; the
    record was kept as text with the line (4 of these 108 pairs)."""
    a, b = _no_break_spaced(REAL_TEXTS[first]), _no_break_spaced(REAL_TEXTS[second])
    _assert_run_into_reads_as_each_page(a, b)


@pytest.mark.parametrize(("first", "second"), JOINED + CUT_JOINED)
def test_pages_double_spaced_and_joined_read_as_each_page(first: str, second: str) -> None:
    """Copies double-spaced (a blank line after every line), joined whole or cut off as
    `cat` joins them. Of these 108 pairs, 35 kept the line the next page ran into as
    text (records alike; normalized otherwise than the pages with a line break): a page
    after a seam must read whole, and none did, the spacing's blank lines taken for
    repairs. 13 more read other records, where the next page starts with a compact
    record: a title again with it run in (`…Modern Backend ArchitectureWukong Talks
    Architecture`) was taken for no title again past the spacing's blank line; what a
    line was to be was looked for on the lines of a record single-spaced (its date line
    one line after its author again, not two); the line after a seam was the blank one."""
    a, b = (REAL_TEXTS[name].replace("\n", "\n\n") for name in (first, second))
    _assert_run_into_reads_as_each_page(a, b)


COMPACT_PAGES = [name for name, text in sorted(REAL_TEXTS.items()) if _starts_with(text) == "compact"]


# The real pages that start with a list header (`Tagged articles`, its count, its page).
LIST_HEADED = [
    name
    for name, text in sorted(REAL_TEXTS.items())
    if text.startswith("Tagged articles\n") and text.split("\n")[1].endswith("articles")
]


@pytest.mark.parametrize("between", ["", "\n"], ids=["run-into", "line-break"])
@pytest.mark.parametrize("second", sorted(REAL_TEXTS))
@pytest.mark.parametrize("first", LIST_HEADED)
def test_a_list_header_cut_off_after_its_last_line_reads_so_double_spaced(
    first: str, second: str, between: str
) -> None:
    """A page cut off right after its list header's last line (`Page 1 of 1`), then
    another page, double-spaced: `Tagged articles`, blank, `2 articles` opened a named
    header as its template says (its tag `2 articles`), and the header, cut off, read
    whole so. 45 of these 110 read other headers than single-spaced (on 7c6e1aa), and
    once pages double-spaced and run into a line read as each page (f3248ef), the header
    kept as text read as a list header in the text normalized: not idempotent."""
    header = "\n".join(REAL_TEXTS[first].split("\n")[:3])
    text = header + between + REAL_TEXTS[second]
    spaced = text.replace("\n", "\n\n")
    dump, single = parse_dump(spaced, strict=False), parse_dump(text, strict=False)
    assert dump.headers == single.headers
    assert list(dump) == list(single)
    assert normalize(normalize(spaced)) == normalize(spaced)


@pytest.mark.parametrize("third", sorted(REAL_TEXTS))
@pytest.mark.parametrize("middle", COMPACT_PAGES)
@pytest.mark.parametrize("first", sorted(REAL_TEXTS))
def test_three_pages_joined_around_a_compact_page_read_alike_double_spaced(
    first: str, middle: str, third: str
) -> None:
    """Three pages joined as `cat` joins them, a compact page between the two others,
    read double-spaced as they read single-spaced. Before, 148 of these 242 read
    otherwise: the compact page's record, set apart by the spacing's blank lines, is
    told by reading it, and its stats line had the next page run into it
    (`0 likes · 10 min readTagged articles`), which the quick test before that reading
    did not take for stats; where that page starts with a compact record too, it was
    not told while the first was being weighed (weighing does not nest); and a title
    again cut off with the compact page run into it was looked for on the spacing's
    blank line."""
    pages = (REAL_TEXTS[first].rstrip("\n"), REAL_TEXTS[middle].rstrip("\n"), REAL_TEXTS[third])
    text = "".join(pages)
    spaced = text.replace("\n", "\n\n")
    dump = parse_dump(spaced, strict=False)
    assert list(dump) == list(parse_dump(text, strict=False))
    assert format_dump(dump) == spaced
    assert normalize(normalize(spaced)) == normalize(spaced)
    found: list[Problem] = []
    assert list(iter_articles(Pieces(spaced, [7, 300]), strict=False, on_problem=found.append)) == list(dump)
    assert found == list(dump.problems)


@pytest.mark.parametrize(
    "second", [name for name, text in sorted(REAL_TEXTS.items()) if _starts_with(text) == "full"]
)
@pytest.mark.parametrize("first", COMPACT_PAGES)
def test_a_page_run_into_a_stats_line_with_no_break_spaces_need_not_read_whole(
    first: str, second: str
) -> None:
    """A compact page run into the next, its separators written with no-break spaces,
    where the next page reads only with a repair: its first record's avatar left no
    line (the date line right after the author). The stats line with the next page's
    author run into it (`0 likes\u00a0·\u00a017 min readSu San Talks Tech`) was not
    read as stats once tidied, so the next page was found in it only where it reads
    whole, as a seam; else the record before was kept as text with the line (one of
    these two pairs)."""
    lines = REAL_TEXTS[second].split("\n")
    assert lines[0] == lines[1]
    a, b = REAL_TEXTS[first], "\n".join(lines[1:])
    _assert_run_into_reads_as_each_page(_no_break_spaced(a), _no_break_spaced(b))


@pytest.mark.parametrize(
    ("first", "second"), [pair for pair in itertools.product(COMPACT_PAGES, repeat=2) if pair[0] != pair[1]]
)
def test_a_compact_page_cut_anywhere_in_its_last_lines_of_a_shape_reads_alike_with_no_break_spaces(
    first: str, second: str
) -> None:
    """A compact page cut off anywhere in its last date line or stats line (`May 6,
    2026\u00a0·\u00a0BaJava Tech Workshop`, `0 likes\u00a0Java Tech Workshop`) and run
    into another reads as it does with plain spaces: the same records. Before, 56 of
    these 110 cuts read other records (a date line's separator, cut off or not, was
    looked for with plain spaces only)."""
    a, b = REAL_TEXTS[first].rstrip("\n"), REAL_TEXTS[second]
    lines = a.split("\n")
    date_line = len(lines) - 5  # a compact record's lines: author, date line, title, summary, tags, stats
    assert SEPARATOR in lines[date_line] and SEPARATOR in lines[-1]
    start = len("\n".join(lines[:date_line])) + 1
    for cut in range(start + 1, len(a) + 1):
        if a[cut - 1] == "\n" or start + len(lines[date_line]) < cut < len(a) - len(lines[-1]):
            continue  # cut inside one of the two lines, or right at its end
        text = a[:cut] + b
        plain = parse_dump(text, strict=False)
        assert list(parse_dump(_no_break_spaced(text), strict=False)) == list(plain), cut


@pytest.mark.parametrize(("first", "second"), CUT_JOINED)
def test_a_page_cut_off_and_joined_to_a_page_itself_cut_off_soon_reads_as_each_page(
    first: str, second: str
) -> None:
    # Found by a harness of such joins: where the next page was itself cut off within
    # its first record's reach, the record cut off read on into it with repairs (a date
    # line `… · Backend DTagged articles`, then its header's lines as a record's fields)
    # to the end of the text, and no seam was looked for: 238 of 8,250 cuts (every third
    # character of the next page's first 600) read otherwise than each page alone.
    a, b = REAL_TEXTS[first], REAL_TEXTS[second]
    cut = parse_dump(a, strict=False)
    start = 0
    for line in b.split("\n")[:12]:  # cut in the middle and at the end of each line
        for end in {start + len(line) // 2, start + len(line)} - {0}:
            text, page = a + b[:end], parse_dump(b[:end], strict=False)
            dump = parse_dump(text, strict=False)
            assert list(dump) == list(cut) + list(page) and dump.headers == cut.headers + page.headers, end
            assert format_dump(dump) == text
            once = normalize(text)
            assert normalize(once) == once, end
        start += len(line) + 1


def test_two_seams_in_a_records_reach_read_as_three_pages() -> None:
    # A page cut off inside its date line, a compact page run into it, and a page run
    # into that one's stats line: the compact record reads whole only once its stats
    # line is split, so the second seam was found first, and read as a page ending
    # there, found the first inside it. That split a line before it: the lines it
    # read to were one short (its stats line read as text), and `normalize` was not
    # idempotent.
    names = ("www_tags_cache-breakdown.txt", "www_tags_cache-patterns.txt", "www_tags_idempotency.txt")
    a, b, c = (REAL_TEXTS[name] for name in names)
    problems = [(39, 30, "joined-lines"), (39, 30, "truncated-record"), (44, 22, "joined-lines")]
    _assert_read_as_pages_with((a, b.rstrip("\n"), c), [*problems, (83, 4, "truncated-record")])


def _assert_read_as_pages_with(pages: tuple[str, ...], problems: list[tuple[int, int, str]]) -> None:
    """``pages`` joined as ``cat`` joins them read as each page alone (see
    assert_read_as_each_page), with ``problems`` (line, column, code); strict mode
    stops at the first problem, where the first seam is."""
    text = "".join(pages)
    dump, _alone = assert_read_as_each_page(text, pages, [7, 300, 1])
    assert [(p.line, p.column, p.code) for p in dump.problems] == problems
    assert strict_outcome(text)[:3] == ("joined-lines", *problems[0][:2])  # type: ignore[index]


@pytest.mark.parametrize("third", ["www_tags_database-auto-increment.txt", "www_tags_cache-breakdown.txt"])
@pytest.mark.parametrize(
    ("line", "length", "last"),
    [
        (4, 1, "Development\n\nM"),  # title: `MSu San Talks Tech` reads as the author again's
        (6, 40, " distributed"),  # summary
        (8, 17, "ibuted IDLea"),  # tag line
        (10, 52, "m UUID to Sn"),  # title again
    ],
)
def test_a_page_cut_off_in_its_first_record_between_two_pages_cut_off_reads_as_three_pages(
    line: int, length: int, last: str, third: str
) -> None:
    # Page 8 cut off inside its first summary, the first record of a page run into it
    # (`…REST APIs witSu San Talks Tech`), that page itself cut off inside its first
    # record and run into a third page. The second page's record read whole only once
    # its own seam was split, so the first seam was not taken: both pages were kept as
    # text up to the third, and `normalize` then read the first joined line and the
    # repeated author line after it as an author and its avatar (not idempotent).
    page8 = REAL_TEXTS["backend-architecture-page8.txt"].split("\n")
    first = "\n".join([*page8[:9], page8[9][:123]])
    assert first.endswith("REST APIs wit")
    lines = REAL_TEXTS["www_tags_database-auto-increment.txt"].split("\n")
    second = "\n".join([*lines[:line], lines[line][:length]])
    assert second.endswith(last)
    seam = (10 + line, length + 1)
    # The third page's own problems (cache-breakdown's copy is cut off), after the joins.
    own = parse_dump(REAL_TEXTS[third], strict=False).problems
    after = [(p.line + 9 + line, p.column, p.code) for p in own]
    _assert_read_as_pages_with(
        (first, second, REAL_TEXTS[third]),
        [
            (10, 124, "joined-lines"),
            (10, 124, "truncated-record"),
            (*seam, "joined-lines"),
            (*seam, "truncated-record"),
            *after,
        ],
    )


@pytest.mark.parametrize("second", ["www_tags_cache-patterns.txt", "www_tags_cglib-proxy.txt"])
def test_a_repeated_author_cut_off_that_still_looks_like_the_author_with_the_next_run_into_it(
    second: str,
) -> None:
    # Found by the property of test_normalize: `Full-Stack Inte` run into `Wukong Talks
    # Architecture` reads as the author again slightly changed, and the compact record
    # after it as the rest of that record, cut off at the end of the text (without its
    # blank lines: three problems). It reads as the page cut off there, then the next,
    # as `Full-Stack InteJava Tech Workshop` (nothing like the author) did already.
    lines = REAL_TEXTS["www_tags_counter-algorithm.txt"].split("\n")
    cut, page = "\n".join([*lines[:4], lines[4][:15]]), REAL_TEXTS[second]
    assert cut.endswith("Full-Stack Internet Architecture\nFull-Stack Inte")
    dump = parse_dump(cut + page, strict=False)
    assert list(dump) == list(parse_dump(page)) and format_dump(dump) == cut + page
    assert [(p.line, p.column, p.code) for p in dump.problems] == [
        (5, 16, "joined-lines"),
        (5, 16, "truncated-record"),
    ]
    with pytest.raises(ParseError) as stopped:
        parse_dump(cut + page)
    assert (stopped.value.code, stopped.value.line, stopped.value.column) == ("joined-lines", 5, 16)


@pytest.mark.parametrize(
    ("title", "author", "read_as"),
    [
        ("Java Concurrency in Practice", "JavaEdge", ("JavaEdge", None)),  # between two words
        ("DevOps in Practice", "DevTalk", ("Talk", 4)),  # inside a word: a page cut off there?
        ("DevOps in Practice", "Devlog Weekly", ("Devlog Weekly", None)),  # no name starts in sight
    ],
)
def test_a_title_again_missing_before_a_compact_record_by_a_name_like_it(
    title: str, author: str, read_as: tuple[str, int | None]
) -> None:
    # A full record whose title again is missing, then a compact record by an author whose
    # name starts as the title does: where the two part inside a word, the line reads as
    # the title again cut off and the next page run into it (see the README).
    full = REAL_TEXTS["www_tags_contextclassloader.txt"].split("\n")[3:13]
    full[4] = title
    compact = REAL_TEXTS["www_tags_cglib-proxy.txt"].replace("Java Tech Workshop", author, 1)
    text = "\n".join(full) + "\n" + compact
    dump = parse_dump(text, strict=False)
    assert format_dump(dump) == text and [a.title for a in dump] == [title, parse_dump(compact)[0].title]
    name, column = read_as
    assert dump[1].author == name
    assert [(p.line, p.column, p.code) for p in dump.problems] == (
        [(11, column, "joined-lines"), (11, column, "truncated-record")]
        if column
        else [(11, 1, "missing-line")]
    )


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
@pytest.mark.parametrize("path", real_dumps(), ids=lambda p: p.name)
def test_a_copy_double_spaced_is_one_problem(path: Path, newline: str) -> None:
    # A blank line after every line (a word processor's copy; what universal newlines
    # make of CR CR LF): read in full as before, with one `extra-blank-line` that says
    # why at the first, not one at each of them (948 for page 8, 5 to 38 for the others).
    text = read(path)
    clean = parse_dump(text, strict=False)
    copy = (newline * 2).join(text.split("\n"))
    dump = parse_dump(copy, strict=False)
    assert dump.articles == clean.articles and dump.headers == clean.headers and format_dump(dump) == copy
    first = dump.problems[0]
    assert (
        first.code == "extra-blank-line"
        and first.line in (2, 3)
        and first.found == "a blank line after every line"
    )
    assert first.message.endswith(
        "(a copy double-spaced?); skipped them all: blank lines where none belong are not reported again"
    )
    # What else is wrong is reported as before (a record cut off at the end).
    assert [p.code for p in dump.problems[1:]] == [p.code for p in clean.problems] or path.name == (
        "www_tags_idempotency.txt"  # (cut inside its last author line again: spaced, text it cannot use)
    )
    if not clean.kept_text():  # (text kept is written as it stands, its blank lines too)
        assert normalize(copy) == normalize(text.replace("\n", newline))
    found: list[Problem] = []
    assert list(iter_articles(Pieces(copy, [5, 300, 1]), strict=False, on_problem=found.append)) == list(dump)
    assert found == list(dump.problems)
    outcome = strict_outcome(copy)
    assert (
        isinstance(outcome, tuple)
        and outcome[1] == first.line
        and outcome[3].endswith("(a copy double-spaced?)")
    )


def test_a_page_double_spaced_after_one_that_is_not_is_told_line_by_line() -> None:
    # Told by the first lines of the text: a page pasted after others keeps a problem a
    # blank line where none belongs (the copy is not double-spaced, but that page is).
    page8, bootmem = REAL_TEXTS["backend-architecture-page8.txt"], REAL_TEXTS["tags_bootmem.txt"]
    copy = page8 + "\n" + "\n\n".join(bootmem.split("\n"))
    dump = parse_dump(copy, strict=False)
    assert dump.articles == parse_dump(page8).articles + parse_dump(bootmem).articles
    blank = [p for p in dump.problems if p.code == "extra-blank-line"]
    assert len(blank) > 1 and not any("double-spaced" in p.message for p in blank)


@pytest.mark.parametrize(
    "path",
    _real_dumps_where(lambda dump: any(last - first == 10 for first, last in dump.record_lines())),
    ids=lambda p: p.name,
)
@pytest.mark.parametrize("avatar", ["no-line", "a-blank-line"])
def test_a_copy_double_spaced_whose_avatars_lack_text(path: Path, avatar: str) -> None:
    """Full records whose avatars have no text (no line, or a blank line of its own), a
    blank line after every line: read as the copy that is not double-spaced is, each
    problem at its line there (a ``missing-line`` a record), blank lines aside. No record
    starts at a blank line: while the likeliest layout was judged on every other line
    from one, the blank lines after a views header read as a record's author line
    (``empty-field``, expected an author line)."""
    text = read(path)
    clean = parse_dump(text, strict=False)
    lines = _avatars_without_text(text.split("\n"), clean, avatar)
    single, copy = "\n".join(lines), "\n\n".join(lines)
    alone, dump = parse_dump(single, strict=False), parse_dump(copy, strict=False)
    assert dump.articles == alone.articles == clean.articles and format_dump(dump) == copy

    def named(problems: tuple[Problem, ...], line: Callable[[int], int]) -> list[tuple[int, str]]:
        return [(line(p.line), p.code) for p in problems if p.code != "extra-blank-line"]

    spaced, expected = named(dump.problems, lambda n: n), named(alone.problems, lambda n: 2 * n - 1)
    if path.name == "www_tags_idempotency.txt":  # (cut inside its last author line again: see above)
        spaced, expected = spaced[:-1], expected[:-1]
    assert spaced == expected
    found: list[Problem] = []
    assert list(iter_articles(Pieces(copy, [7, 250]), strict=False, on_problem=found.append)) == list(dump)
    assert found == list(dump.problems)


@pytest.mark.parametrize(
    "path",
    _real_dumps_where(lambda dump: any(last - first == 10 for first, last in dump.record_lines())),
    ids=lambda p: p.name,
)
def test_a_record_without_its_date_line_double_spaced_among_blank_avatars_streams_alike(path: Path) -> None:
    """A copy double-spaced whose avatars are blank lines, a full record's date line
    replaced by other text: the record does not read, and the layout it most likely
    is, judged on every other line, needs twice the lines of one: a stream waits for
    them, so it reads the same records and problems as the whole text, however it is
    cut (it decided on the lines in hand: 8 of these 9 dumps read otherwise in pieces)."""
    text = read(path)
    clean = parse_dump(text, strict=False)
    lines = _avatars_without_text(text.split("\n"), clean, "a-blank-line")
    full = [first for first, last in clean.record_lines() if last - first == 10]
    lines[full[-1] + 1] = "Share this page"  # the last full record's date line (0-based)
    copy = "\n\n".join(lines)
    dump = parse_dump(copy, strict=False)
    assert len(dump) == len(clean) - 1 and format_dump(dump) == copy
    for sizes in ([1], [3, 200], [41]):
        found: list[Problem] = []
        assert list(iter_articles(Pieces(copy, sizes), strict=False, on_problem=found.append)) == list(dump)
        assert found == list(dump.problems)


@pytest.mark.parametrize("path", _real_dumps_where(_all_whole_and_full), ids=lambda p: p.name)
@pytest.mark.parametrize("avatar", ["no-line", "a-blank-line"])
def test_text_kept_before_records_double_spaced_whose_avatars_lack_text(path: Path, avatar: str) -> None:
    """A copy double-spaced of records whose avatars have no text (no line, or a blank
    line of its own), a line of the site's text before them: the line is kept, every
    record read, each with its ``missing-line``. Such a record lacks only its author
    line again, the other blank lines the spacing's: a start to resynchronise at. It was
    not one, so every record after the line was kept as text with it (on a dump without
    a page header before them)."""
    text = read(path)
    clean = parse_dump(text, strict=False)
    spans = clean.record_lines()
    lines = _avatars_without_text(text.split("\n"), clean, avatar)
    start = spans[0][0] - 1  # the first record's author line, 0-based
    lines.insert(start, "Share this page")
    copy = "\n\n".join(lines)
    dump = parse_dump(copy, strict=False)
    assert dump.articles == clean.articles and format_dump(dump) == copy
    kept = dict(dump.kept_text())  # the line, and the spacing's blank lines between records
    assert kept.pop(2 * start + 1) == "Share this page\n\n" and not "".join(kept.values()).strip()
    assert [p.code for p in dump.problems].count("missing-line") == len(clean)
    found: list[Problem] = []
    assert list(iter_articles(Pieces(copy, [31, 400]), strict=False, on_problem=found.append)) == list(dump)
    assert found == list(dump.problems)


@pytest.mark.parametrize("path", _real_dumps_where(_all_whole_and_full), ids=lambda p: p.name)
@pytest.mark.parametrize("avatar", ["no-line", "a-blank-line"])
def test_records_set_apart_whose_avatars_lack_text_after_a_damaged_one(path: Path, avatar: str) -> None:
    """Records whose avatars have no text, a blank line after every line, the first of
    them with its title line lost: the blank lines around it run into six, so the
    text's first lines do not show a copy double-spaced, and every blank line where none
    belongs is a line too many. The first record is kept as text; each after it is read,
    a start to resynchronise at as a full record set apart whose title follows again
    after its stats (a compact record never repeats its title). They were kept as text
    with the first."""
    text = read(path)
    clean = parse_dump(text, strict=False)
    spans = clean.record_lines()
    lines = _avatars_without_text(text.split("\n"), clean, avatar)
    spaced = "\n\n".join(lines).split("\n")
    del spaced[2 * (spans[0][0] + (2 if avatar == "no-line" else 3))]  # the first record's title
    copy = "\n".join(spaced)
    dump = parse_dump(copy, strict=False)
    assert dump.articles == clean.articles[1:] and format_dump(dump) == copy
    assert not any("double-spaced" in p.message for p in dump.problems)
    kept = dict(dump.kept_text())  # from the first record's author line
    assert kept[2 * spans[0][0] - 1].startswith(clean.articles[0].author)
    found: list[Problem] = []
    assert list(iter_articles(Pieces(copy, [17, 500]), strict=False, on_problem=found.append)) == list(dump)
    assert found == list(dump.problems)
    assert normalize(normalize(copy)) == normalize(copy)


@pytest.mark.parametrize(
    "path",
    _real_dumps_where(lambda dump: all(last - first == 5 for first, last in dump.record_lines())),
    ids=lambda p: p.name,
)
@pytest.mark.parametrize("lost", [3, 4])  # the summary, or the tag line
def test_a_stats_line_before_a_record_that_lost_its_author_is_no_author(path: Path, lost: int) -> None:
    """A compact record that lost a line, so it is kept as text, then a record that lost
    its author line: the stats line between them is not that record's author (which was
    read so, set apart by a blank line, and `normalize` wrote it twice, as an author and
    its repeat, and then read otherwise: not idempotent). A stats line starts no record,
    as a date line does not."""
    lines = read(path).rstrip("\n").split("\n")
    first, second = lines[:lost] + lines[lost + 1 :], lines[1:]
    copy = "\n".join(first) + "\n\n" + "\n".join(second)
    dump = parse_dump(copy, strict=False)
    assert dump.articles == () and dump.kept_text() == ((1, copy),)
    assert normalize(normalize(copy)) == normalize(copy)
    found: list[Problem] = []
    assert list(iter_articles(Pieces(copy, [1]), strict=False, on_problem=found.append)) == list(dump)
    assert found == list(dump.problems)


@pytest.mark.parametrize("path", _real_dumps_where(_all_whole_and_full), ids=lambda p: p.name)
def test_a_record_after_a_damaged_one_whose_avatar_and_title_again_differ(path: Path) -> None:
    """Records whose avatars have no line, the first without its stats (kept as text),
    the next with its title again shortened (a cover's text): that record lacks only its
    author line again, a start to resynchronise at, though its title again differs. It
    was kept as text with the first; so were the rest of the page, where no later
    record was a start."""
    text = read(path)
    clean = parse_dump(text, strict=False)
    spans = clean.record_lines()
    lines = text.split("\n")
    second = clean.articles[1]
    lines[spans[1][1] - 1] = second.title[: len(second.title) // 2].rstrip()  # its title again
    lines = _avatars_without_text(lines, clean, "no-line")
    del lines[spans[0][1] - 3]  # the first record's stats (its avatar line gone before it)
    copy = "\n".join(lines)
    dump = parse_dump(copy, strict=False)
    assert dump.articles == clean.articles[1:] and format_dump(dump) == copy
    assert [line for line, _ in dump.kept_text()] == [spans[0][0]]
    found: list[Problem] = []
    assert list(iter_articles(Pieces(copy, [1]), strict=False, on_problem=found.append)) == list(dump)
    assert found == list(dump.problems)


@pytest.mark.parametrize("path", real_dumps(), ids=lambda p: p.name)
@pytest.mark.parametrize("stats", ["0 likes · 5 min read", "0 likes • 5 min read"])
def test_a_stats_line_put_before_a_date_line_starts_no_record(path: Path, stats: str) -> None:
    """A stats line the damage put before a record's date line (a line of the record
    before, moved): the record is kept as text, every other record read, and the stats
    line is no author. It was read as the author of a record that lacks its repeated
    author line, so the record was wrong, or, where the record was kept as text first,
    `normalize` read it so the second time: not idempotent (every record of the real
    dumps so damaged did one or the other)."""
    text = read(path)
    clean = parse_dump(text, strict=False)
    for number, (first, last) in enumerate(clean.record_lines()):
        lines = text.split("\n")
        lines.insert(first + (last - first == 10), stats)  # (0-based: before the date line)
        copy = "\n".join(lines)
        dump = parse_dump(copy, strict=False)
        assert dump.articles == clean.articles[:number] + clean.articles[number + 1 :]
        assert normalize(normalize(copy)) == normalize(copy)


def _damaged(line: str, damage: str) -> str:
    """``line`` (a date line or a stats line) with one field no longer read, or another
    line in its place."""
    if damage == "other-line":
        return "Share this page"
    if damage == "day":
        return re.sub(r" \d+, ", " 32, ", line, count=1)
    return line.replace(" min read", " min") if damage == "read-time" else line.replace(" likes", " lik")


@pytest.mark.parametrize("path", real_dumps(), ids=lambda p: p.name)
@pytest.mark.parametrize("damage", ["day", "read-time", "likes", "other-line"])
def test_a_damaged_record_in_a_copy_double_spaced_is_named_where_it_deviates(path: Path, damage: str) -> None:
    """A record whose date or stats line does not read, in a copy double-spaced: its
    problem is the one the copy that is not double-spaced gets (code, column, what was
    expected and found), at the same line there, and the record is kept as text from
    the same line. Every line of such a copy has a blank line after it, so reading as
    strict mode does, which named the deviation, stopped at the blank line after the
    record's first line: each such problem was "expected the author line again, found
    a blank line" there (and a compact record read as a full one). A stream reads the
    same: the likeliest layout, judged on every other line, waits for twice the lines."""
    text = read(path)
    clean = parse_dump(text, strict=False)
    first, last = clean.record_lines()[0]
    full = last - first == 10
    lines = text.split("\n")
    at = first + full if damage in ("day", "other-line") else first + (8 if full else 4)  # 0-based
    lines[at] = _damaged(lines[at], damage)
    single, double = "\n".join(lines), "\n\n".join(lines)
    alone, spaced = parse_dump(single, strict=False), parse_dump(double, strict=False)
    assert spaced.articles == alone.articles and format_dump(spaced) == double

    def named(dump: Dump, line: Callable[[int], int]) -> list[tuple[object, ...]]:
        return [
            (line(p.line), p.column, p.code, p.expected, p.found)
            for p in dump.problems
            if p.code != "extra-blank-line"
        ]

    # (the first record's: a record cut off at the end of idempotency is named otherwise)
    assert named(spaced, lambda number: number)[0] == named(alone, lambda number: 2 * number - 1)[0]
    assert named(alone, lambda number: number)[0][0] == at + 1  # the damaged line
    starts = {number for number, _ in spaced.kept_text()}
    assert {2 * number - 1 for number, _ in alone.kept_text()} <= starts
    outcome = strict_outcome(double)  # strict mode: the first blank line where none belongs, as before
    assert (
        isinstance(outcome, tuple) and outcome[1] in (2, 3) and outcome[3].endswith("(a copy double-spaced?)")
    )
    for sizes in ([1], [5, 300], [64]):
        found: list[Problem] = []
        assert list(iter_articles(Pieces(double, sizes), strict=False, on_problem=found.append)) == list(
            spaced
        )
        assert found == list(spaced.problems)


@pytest.mark.parametrize(("first", "second"), JOINED)
@pytest.mark.parametrize("gap", [" ", "\t "])
def test_pages_joined_after_trailing_whitespace_read_as_each_page(first: str, second: str, gap: str) -> None:
    # A last line with whitespace after its field (kept by the copy), then the next page:
    # the next page's header or first record was kept as text with the record before.
    a, b = REAL_TEXTS[first], REAL_TEXTS[second]
    text = a + gap + b
    dump, alone = parse_dump(text, strict=False), (parse_dump(a, strict=False), parse_dump(b, strict=False))
    assert (
        list(dump) == list(alone[0]) + list(alone[1]) and dump.headers == alone[0].headers + alone[1].headers
    )
    line, last = a.count("\n") + 1, a.rpartition("\n")[2]
    assert format_dump(dump) == text
    assert dump.kept_text() == tuple((start + line - 1, kept) for start, kept in alone[1].kept_text())
    assert [(p.line, p.column, p.code) for p in dump.problems[:2]] == [
        (line, len(last) + 1, "trailing-whitespace"),
        (line, len(last) + len(gap) + 1, "joined-lines"),
    ]
    assert normalize(text) == normalize(a + "\n" + b)
