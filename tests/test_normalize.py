"""normalize(): canonical, idempotent, meaning-preserving."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from feedparse_txt import (
    Layout,
    ParseError,
    Problem,
    format_dump,
    iter_articles,
    iter_normalized,
    normalize,
    parse_dump,
    source,
)
from feedparse_txt.fields import SEPARATOR
from feedparse_txt.model import HeaderEntry, TextEntry
from feedparse_txt.strategies import messy_copies, mutated

from .conftest import DATA, REAL_TEXTS, Pieces, assert_read_as_each_page, read, strict_outcome

FULL_AND_CLEAN = [
    name
    for name, text in REAL_TEXTS.items()
    if not parse_dump(text, strict=False).problems
    and all(getattr(e, "layout", Layout.FULL) is Layout.FULL for e in parse_dump(text).document.entries)
]


def test_the_clean_full_dumps_are_known() -> None:
    assert len(FULL_AND_CLEAN) == 5


@pytest.mark.parametrize("name", FULL_AND_CLEAN)
def test_clean_full_dump_is_its_own_canonical_form(name: str) -> None:
    assert normalize(REAL_TEXTS[name]) == REAL_TEXTS[name]


def test_compact_becomes_full() -> None:
    text = REAL_TEXTS["www_tags_cglib-proxy.txt"]
    out = normalize(text)
    lines = out.split("\n")
    assert len(lines) == 12 and lines[0] == lines[1] == "Java Tech Workshop" and lines[-1] == ""
    assert parse_dump(out).articles == parse_dump(text).articles


def test_cut_repeated_title_is_repaired_and_cut_record_kept() -> None:
    text = REAL_TEXTS["www_tags_counter-algorithm.txt"]
    out = normalize(text)
    assert out.endswith(
        "\nRate Limiting Demystified: Token Bucket, Leaky Bucket & Counter Algorithms in Java"
    )
    assert parse_dump(out).problems == ()
    cut = REAL_TEXTS["www_tags_cache-breakdown.txt"]
    assert normalize(cut) == cut  # nothing certain to repair: the cut record stays as it was


def test_messy_copy() -> None:
    clean = read(DATA / "www_tags_database-auto-increment.txt") + "\n"
    messy = "\ufeff" + clean.replace("\n", " \r\n").replace(" · ", "\u00a0·\u00a0")
    messy = messy.replace(
        "2024\u00a0·\u00a0Backend Development \r\n", "2024\u00a0·\u00a0Backend Development \r\n\r\n", 1
    )
    assert messy.count("\r\n\r\n") == 1  # a doubled blank line
    assert parse_dump(messy, strict=False).articles == parse_dump(clean).articles
    assert normalize(messy) == clean


def test_the_fast_path_reads_as_the_slow_path_does() -> None:
    # Found by the fuzz profile: near the end of the text the fast path read a
    # compact record where the full layout starts (author line repeated, then a
    # date line); with mixed line endings everything takes the slow path, so
    # normalizing changed the reading.
    lines = [
        "Wukong Talks Architecture",
        "Aug 1, 2019 · X",
        "Aug 1, 2019 · X",
        "Sep 12, 2021 · Backend Development",
        "This article explains.",
        "CacheCache PatternsMySQL",
        "0 likes · 10 min read",
    ]
    mixed = lines[0] + "\r\n" + "\n".join(lines[1:])
    once = normalize(mixed)
    assert normalize(once) == once
    assert parse_dump(once, strict=False).articles == parse_dump(mixed, strict=False).articles == ()


def test_one_header_per_page() -> None:
    text = REAL_TEXTS["www_tags_contextclassloader.txt"]
    header = "Tagged articles\n2 articles\nPage 1 of 1\n"
    assert normalize(header + text) == text
    assert normalize(header + "\n" + text) == text  # a blank line between them is no text


def _doubled_author_and_no_blank(text: str) -> str:
    """The author line four times and no blank line after the date line."""
    lines = text.split("\n")
    return "\n".join([*[lines[0]] * 3, *lines[1:3], *lines[4:]])


@pytest.mark.parametrize(
    "damaged",
    [
        # Found by the property below while lines doubled by a copy were first repaired:
        # a third author line was skipped, but only once the text was normalized.
        _doubled_author_and_no_blank(REAL_TEXTS["tags_bootmem.txt"].split("\n\n", 3)[3]),
        # ... and a stats line where stats belong was skipped as a double, though the
        # fast path reads the same lines (LF only) as a record.
        "Wukong Talks Architecture\r\nSep 12, 2021 · Backend Development\r\nThis article explains.\r\n"
        "CacheCache PatternsMySQL\r\n0 likes · 10 min read\n0 likes · 10 min read",
        # Found by the fuzz profile: a header's last line twice, a blank line and a date
        # line read as a record whose author lines are those two; normalized, without the
        # blank line, the header took the first for its own and left a compact record.
        REAL_TEXTS["tags_bootmem.txt"].replace(
            "thread.\n\nDeepin Linux\nDeepin Linux\n",
            "thread.\n1 views collected around this technical thread.\n\n",
        ),
    ],
)
def test_doubled_lines_read_alike_before_and_after_normalizing(damaged: str) -> None:
    once = normalize(damaged)
    assert normalize(once) == once
    assert parse_dump(once, strict=False).articles == parse_dump(damaged, strict=False).articles


def test_a_views_header_before_a_stray_cr_normalizes_once() -> None:
    # Found by the fuzz profile of the property below: the header does not read while a
    # line of a lone CR ends the text. Normalized, that line used to vanish along with
    # the line ending before it, so the two lines before it read as a record cut off at
    # the end, the header read before them, and a second normalize wrote its blank line.
    damaged = (
        "Tag\r\n\r\nBootmem\r\n\r\n1 views collected around this technical thread.\r\n"
        "Tagged articles\n1 views collected around this technical thread.\r\n\r"
    )
    once = normalize(damaged)
    assert once.endswith("technical thread.\n\n")
    assert normalize(once) == once
    assert parse_dump(once, strict=False).document.entries == (TextEntry(once),)


def test_two_tag_lines_before_a_views_line_twice_normalize_once() -> None:
    # Found by the fuzz profile of the property below: `Tag`, `Tag`, two blank lines,
    # the views line twice. Read as text and a views header whose tag is the views line;
    # normalized, the header reads whole from the second `Tag`, so the first is text
    # again, not a header missing its blank line whose tag is `Tag`.
    views = "1 views collected around this technical thread.\n"
    record = REAL_TEXTS["tags_bootmem.txt"].split("\n\n", 3)[3]
    damaged = "Tag\nTag\n\n\n" + views + views + "\n" + record
    once = normalize(damaged)
    assert once == "Tag\nTag\n\n" + views + "\n" + views + "\n" + record
    assert normalize(once) == once
    for text in (damaged, once):
        entries = parse_dump(text, strict=False).document.entries
        assert isinstance(entries[0], TextEntry) and entries[0].raw.startswith("Tag\n")
        assert [entry.header.tag for entry in entries if isinstance(entry, HeaderEntry)] == [views.rstrip()]


def test_a_blank_line_before_text_it_cannot_use_stays() -> None:
    # A blank line after the header and a record that lost its title: the blank line
    # is an entry of its own between the header and that text, and reads with the text.
    lines = REAL_TEXTS["tags_bootmem.txt"].split("\n")
    at = lines.index("May 26, 2025 · Fundamentals")
    damaged = "\n".join([*lines[: at - 2], "", *lines[at - 2 : at + 1], "", "", *lines[at + 4 :]])
    entries = parse_dump(damaged, strict=False).document.entries
    assert [type(entry) for entry in entries[:3]] == [HeaderEntry, TextEntry, TextEntry]
    assert normalize(damaged) == damaged
    assert "".join(iter_normalized(Pieces(damaged, [50]))) == damaged


@pytest.mark.parametrize("blank", ["\r", " ", "\t \u3000"])
def test_a_last_line_of_whitespace_without_a_line_ending(blank: str) -> None:
    # Kept as text, it stays a blank line, written with its line ending; dropped as a
    # stray blank line after a record, it takes nothing else with it.
    text = REAL_TEXTS["tags_bootmem.txt"] + "\n"
    assert normalize(text) == text
    assert normalize(text + "Not a record\n" + blank) == text + "Not a record\n\n"
    assert normalize(text + blank) == text
    assert normalize(text.removesuffix("\n") + blank) == text.removesuffix("\n")


def test_a_date_line_before_a_date_line_is_no_author() -> None:
    # Found by the property below: a record with a second date line (`Aug 1, 2019 · X`) is
    # kept as text; where the next record was canonical, as normalize makes it, the reader
    # took the extra date line for the author of a record whose repeated author line was
    # missing, so normalize wrote it twice the second time round.
    text = REAL_TEXTS["backend-architecture-page8.txt"]
    authors = "Amap Tech\nAmap Tech\n"
    damaged = text.replace(authors, authors + "Aug 1, 2019 · X\n", 1)
    damaged = damaged.replace(
        "Aug 15, 2019 · Backend Development\n\n", "Aug 15, 2019 · Backend Development\n", 1
    )
    first_record = "".join(line + "\n" for line in text.split("\n")[3:14])  # its 11 lines
    kept = first_record.replace(authors, authors + "Aug 1, 2019 · X\n", 1)
    once = normalize(damaged)
    assert normalize(once) == once
    for variant in (damaged, once):
        dump = parse_dump(variant, strict=False)
        assert dump.articles == parse_dump(text).articles[1:]
        assert dump.kept_text() == ((4, kept),)


def test_a_compact_record_whose_tag_line_would_be_a_date_line_is_no_start_after_text_kept() -> None:
    # Found by the fuzzer at 2,000 examples: a compact record's author line doubled, and
    # a date line and stats (look-alike dots) put after its title, so its title starts
    # a compact record of those lines. normalize writes that record in full, with blank
    # lines, and the second time the author line doubled was a compact record start
    # after the text kept: its title and title again read as title and summary, the
    # date line as its tag line. No tag holds the dot: such a record starts nothing.
    lines = REAL_TEXTS["www_tags_cache-patterns.txt"].split("\n")
    damaged = "\n".join([lines[0], *lines[:3], "Aug 1, 2019 ・ X", "0 likes • 5 min read", *lines[3:]])
    once = normalize(damaged)
    assert normalize(once) == once
    articles = parse_dump(damaged, strict=False).articles
    assert parse_dump(once, strict=False).articles == articles
    assert [article.author for article in articles] == [lines[2]]  # the title, as an author


@given(st.data())
def test_idempotent_and_meaning_preserving_on_damaged_dumps(data: st.DataObject) -> None:
    text = REAL_TEXTS[data.draw(st.sampled_from(sorted(REAL_TEXTS)))]
    if data.draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    damaged = data.draw(mutated(text))
    once = normalize(damaged)
    assert normalize(once) == once
    assert parse_dump(once, strict=False).articles == parse_dump(damaged, strict=False).articles
    assert "\r\n" not in once and not once.startswith("\ufeff")
    assert all(line == line.rstrip() for line in once.split("\n"))


@given(st.text())
def test_idempotent_on_any_text(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert parse_dump(once, strict=False).articles == parse_dump(text, strict=False).articles


def test_final_newline_is_kept() -> None:
    text = REAL_TEXTS["www_tags_cache-patterns.txt"]
    assert not text.endswith("\n") and not normalize(text).endswith("\n")
    assert normalize(text + "\n").endswith("Patterns and Strategies\n")


def test_a_reference_date_resolves_relative_dates_and_dates_without_a_year() -> None:
    record = "A\nA\n{} · Backend\n\nT\n\nS.\n\nDSL\n0 likes · 3 min read\nT\n"
    text = record.format("3 days ago") + record.format("Sep 12") + record.format("2 hours ago")
    copied = dt.datetime(2024, 9, 10, 1, 0)
    expected = record.format("Sep 7, 2024") + record.format("Sep 12, 2023") + record.format("Sep 9, 2024")
    assert normalize(text, reference_date=copied) == expected
    assert normalize(text) == text  # without it, each record stays as it was, as text


@pytest.mark.parametrize("name", sorted(REAL_TEXTS))
def test_stray_blank_lines_are_dropped(name: str) -> None:
    """Blank lines pasted between records and after headers, as copies of several pages
    get them, say nothing: the canonical form has none of them."""
    text = REAL_TEXTS[name]
    dump = parse_dump(text, strict=False)
    lines = text.split("\n")
    for first, _last in reversed(dump.record_lines()):  # before each record: after a header too
        lines[first - 1 : first - 1] = ["", "  "]
    strayed = "\n".join(lines)
    read = parse_dump(strayed, strict=False)
    # One extra blank line for the two, at the first; the text's other problems stay.
    added = [first + 2 * k for k, (first, _) in enumerate(dump.record_lines())]
    message = (
        "expected a page header or the start of a record, found blank lines where none belong; skipped them"
    )
    assert read.articles == dump.articles
    assert [(p.line, p.code, p.message) for p in read.problems if p.line in added] == [
        (line, "extra-blank-line", message) for line in added
    ]
    assert len(read.problems) == len(dump.problems) + len(added)
    assert normalize(strayed) == normalize(text)


@given(st.data())
def test_blank_lines_between_records_are_one_extra_blank_line_a_stretch(data: st.DataObject) -> None:
    """Any stretch of blank lines (whitespace or none) before any record or the header,
    as pasted pages and browsers bring them: one problem at its first line, nothing
    else changes, whole or in pieces."""
    name = data.draw(st.sampled_from(sorted(REAL_TEXTS)))
    text = REAL_TEXTS[name]
    dump = parse_dump(text, strict=False)
    lines = text.split("\n")
    starts = sorted({1, *(first for first, _ in dump.record_lines())})
    chosen = data.draw(st.lists(st.sampled_from(starts), min_size=1, max_size=6, unique=True))
    blank = st.sampled_from(["", " ", "\t", "\u3000", "  \t"])
    stretches = {line: data.draw(st.lists(blank, min_size=1, max_size=40)) for line in chosen}
    for line in sorted(chosen, reverse=True):
        lines[line - 1 : line - 1] = stretches[line]

    def moved(line: int) -> int:  # a line of the text, with the stretches put in before it
        return line + sum(len(stretch) for start, stretch in stretches.items() if start <= line)

    strayed = "\n".join(lines)
    read = parse_dump(strayed, strict=False)
    assert read.articles == dump.articles and format_dump(read) == strayed
    firsts = {moved(start) - len(stretches[start]) for start in chosen}
    assert [(p.line, p.column, p.code) for p in read.problems] == sorted(
        [(moved(p.line), p.column, p.code) for p in dump.problems]
        + [(first, 1, "extra-blank-line") for first in firsts]
    )
    found: list[Problem] = []
    sizes = data.draw(st.lists(st.integers(1, 300), min_size=1, max_size=3))
    assert list(iter_articles(Pieces(strayed, sizes), strict=False, on_problem=found.append)) == list(dump)
    assert found == list(read.problems)
    assert normalize(strayed) == normalize(text)


# The real dumps whose last record is whole: joined to another page with no line break
# between them, their last line holds a whole field, then the other page's first line.
WHOLE_AT_THE_END = sorted(
    name for name, text in REAL_TEXTS.items() if not parse_dump(text, strict=False).problems
)


@given(st.data())
def test_pages_joined_with_no_line_break_read_as_pages_apart(data: st.DataObject) -> None:
    """Pages joined as ``cat`` joins files that do not end with a line break read as
    the same pages with one between them, whole or in pieces, in either line ending,
    each after the first saved with a byte order mark or not, each before the last
    with whitespace at its end or not."""
    names = data.draw(st.lists(st.sampled_from(WHOLE_AT_THE_END), min_size=2, max_size=4))
    newline = data.draw(st.sampled_from(["\n", "\r\n"]))
    pages = [REAL_TEXTS[name].rstrip("\n").replace("\n", newline) for name in names]
    # Between two: what the one may have had at its end (whitespace), and the byte order
    # mark the other may start with.
    between = st.tuples(st.sampled_from(["", " ", "\t", "  "]), st.sampled_from(["", "\ufeff"])).map("".join)
    gaps = data.draw(st.lists(between, min_size=len(pages) - 1, max_size=len(pages) - 1))
    text = pages[0] + "".join(gap + page for gap, page in zip(gaps, pages[1:], strict=True))
    apart = newline.join(pages)
    dump = parse_dump(text, strict=False)
    assert dump.articles == parse_dump(apart, strict=False).articles and format_dump(dump) == text
    assert [p.code for p in dump.problems].count("joined-lines") == len(pages) - 1
    assert normalize(text) == normalize(apart)
    found: list[Problem] = []
    sizes = data.draw(st.lists(st.integers(1, 500), min_size=1, max_size=3))
    assert list(iter_articles(Pieces(text, sizes), strict=False, on_problem=found.append)) == list(dump)
    assert found == list(dump.problems)


# The real dumps that start with a page header or a full record (the author line
# repeated on the next line): where one starts in a line run into, it shows.
STARTS_A_PAGE = sorted(
    name
    for name, text in REAL_TEXTS.items()
    if (lines := text.split("\n"))[0] in ("Tagged articles", "Tag") or lines[0] == lines[1]
)


@given(st.data())
def test_a_page_cut_off_anywhere_and_joined_to_the_next_reads_as_each_page(data: st.DataObject) -> None:
    """A copy cut off at any character, joined as ``cat`` joins files to a page that
    starts with a header or a full record, reads as the copy alone (what it holds cut
    off by the end of the page), then the page, whole or in pieces, in either line
    ending, the page saved with a byte order mark or not."""
    text = REAL_TEXTS[data.draw(st.sampled_from(sorted(REAL_TEXTS)), label="cut")].rstrip("\n")
    at = data.draw(st.integers(1, len(text)), label="cut at")
    newline = data.draw(st.sampled_from(["\n", "\r\n"]))
    cut = text[:at].replace("\n", newline)
    page = REAL_TEXTS[data.draw(st.sampled_from(STARTS_A_PAGE), label="page")].replace("\n", newline)
    # A letter or two run into the author line of a record that repeats it (``TSu San
    # Talks Tech``) reads as that line slightly damaged, as a copy's slip would be:
    # nothing tells the two apart.
    last, first = cut.rpartition(newline)[2], page.partition(newline)[0]
    assume(first in ("Tagged articles", "Tag") or 4 * len(last) > len(first))
    _assert_cut_and_joined_read_as_each_page(data, cut, page, newline)


@given(st.data())
def test_pages_cut_off_anywhere_and_joined_read_alike_double_spaced(data: st.DataObject) -> None:
    """Two or three real pages, each cut off at any character or whole, joined as `cat`
    joins them or a line break apart, their separators maybe with no-break spaces, read
    the same records double-spaced as single-spaced. (Found by a harness of such texts:
    22 of 2,100 read otherwise; see the three pages around a compact page in
    test_corpus.)"""
    names = data.draw(st.lists(st.sampled_from(sorted(REAL_TEXTS)), min_size=2, max_size=3), label="pages")
    pages = []
    for name in names:
        page = REAL_TEXTS[name].rstrip("\n")
        pages.append(page[: data.draw(st.integers(1, len(page)), label="cut at")])
    text = data.draw(st.sampled_from(["", "\n"]), label="between").join(pages)
    if data.draw(st.booleans(), label="no-break spaces"):
        text = text.replace(SEPARATOR, "\u00a0·\u00a0")
    spaced = text.replace("\n", "\n\n")
    assert list(parse_dump(spaced, strict=False)) == list(parse_dump(text, strict=False))


def _assert_cut_and_joined_read_as_each_page(data: st.DataObject, cut: str, page: str, newline: str) -> None:
    """``cut`` joined to ``page`` as ``cat`` joins them (the page saved with a byte order
    mark or not) reads as ``cut`` alone, then ``page`` (see assert_read_as_each_page),
    its records on their lines; strict mode stops where the copy alone stops first, or
    at the join."""
    last = cut.rpartition(newline)[2]
    joined = cut + data.draw(st.sampled_from(["", "\ufeff"])) + page
    sizes = data.draw(st.lists(st.integers(1, 500), min_size=1, max_size=3))
    dump, alone = assert_read_as_each_page(joined, (cut, page), sizes)
    line = cut.count("\n") + 1
    assert dump.record_lines() == alone[0].record_lines() + tuple(
        (start + line - 1, end + line - 1) for start, end in alone[1].record_lines()
    )
    # (Cut off right after a line break, the copy's last line stands apart.)
    assert [p.code for p in dump.problems].count("joined-lines") == (not cut.endswith(newline))
    if not cut.endswith(newline):  # strict: the first deviation of the copy alone, or the join
        seam = ("joined-lines", line, len(last) + 1)
        outcome = strict_outcome(cut)  # its articles, or where and why it stops
        stops = isinstance(outcome, tuple) and bool(outcome) and isinstance(outcome[0], str)
        before = stops and outcome[1:3] < seam[1:]  # type: ignore[index]
        assert strict_outcome(joined)[:3] == (outcome[:3] if before else seam)  # type: ignore[index]


# The real dumps that start with a compact record (the others start with a header or a
# full record), and the full records of the real dumps whose repeated lines repeat
# their author and title: (name, index of the author line).
STARTS_COMPACT = sorted(set(REAL_TEXTS) - set(STARTS_A_PAGE))
REPEATING = [
    (name, start - 1)
    for name, text in sorted(REAL_TEXTS.items())
    for start, end in parse_dump(text, strict=False).record_lines()
    if end - start == 10
    and (lines := text.split("\n"))[start] == lines[start - 1]
    and lines[start + 9] == lines[start + 3]
]


@given(st.data())
def test_a_page_cut_off_in_a_line_the_lines_before_tell_and_joined_to_a_compact_record(
    data: st.DataObject,
) -> None:
    """A copy cut off inside a full record's repeated author line or title, or inside
    its date line past the month and a digit of the day, joined as ``cat`` joins files
    to a page that starts with a compact record, reads as the copy alone, then the
    page: where the line stops being what the lines before tell it was to be (the line
    it repeats; a date with the category of the date line after it), the compact
    record's author starts. It shows where that is: inside a word of free text (a
    repeated line, a category), a capital after a lowercase letter or a digit, or
    anywhere in the date and its separator, a capital after anything but a capital;
    and the name does not go on as the line would have (``Counter AlgorWukong`` for
    ``Counter Algorithms``)."""
    name, author = data.draw(st.sampled_from(REPEATING), label="record")
    lines = REAL_TEXTS[name].split("\n")
    page = REAL_TEXTS[data.draw(st.sampled_from(STARTS_COMPACT), label="page")]
    at = data.draw(st.sampled_from([1, 2, 10]), label="line")
    k = author + at
    if at == 2:  # the date line: its category told by the compact record's
        date = lines[k].partition(SEPARATOR)[0] + SEPARATOR
        told, shortest, free = (
            date + page.split("\n")[1].partition(SEPARATOR)[2],
            date.index(" ") + 2,
            len(date),
        )
    else:  # the author again, the title again
        told, shortest, free = lines[author if at == 1 else author + 4], 1, 0
    size = data.draw(st.integers(shortest, len(lines[k]) - 1), label="cut after")
    assume(size < len(told) and told.startswith(lines[k][:size]))
    before, after = told[size - 1], told[size]
    if size < free:
        assume(not before.isupper())
    else:
        assume((before.islower() or before.isdigit()) and after.isalnum())
    assume(page[0].isupper() and page[0] != after)
    newline = data.draw(st.sampled_from(["\n", "\r\n"]))
    cut = newline.join([*lines[:k], lines[k][:size]])
    _assert_cut_and_joined_read_as_each_page(data, cut, page.replace("\n", newline), newline)


# The stats lines of the records of the real dumps, both layouts: (name, line index).
STATS_LINES = [
    (name, k)
    for name, text in sorted(REAL_TEXTS.items())
    for start, end in parse_dump(text, strict=False).record_lines()
    for k in range(start - 1, end)
    if re.fullmatch(r"\d+ likes · \d+ min read", text.split("\n")[k])
]


@given(st.data())
def test_a_page_cut_off_in_a_stats_line_and_joined_to_the_next_reads_as_each_page(
    data: st.DataObject,
) -> None:
    """A copy cut off inside a record's stats line, past its likes and the space after
    them, joined as ``cat`` joins files to any page, reads as the copy alone, then the
    page: a stats line has a shape of its own, and where the line stops being one, the
    next page starts, also with a compact record (``0 likes · 72 miWukong Talks
    Architecture``) or a name that a short piece run into it would make look slightly
    changed (``0 liSu San Talks Tech``). (A name may start with a number: ``21CTO``.)"""
    name, k = data.draw(st.sampled_from(STATS_LINES), label="stats line")
    lines = REAL_TEXTS[name].split("\n")
    size = data.draw(st.integers(lines[k].index(" ") + 1, len(lines[k]) - 1), label="cut after")
    newline = data.draw(st.sampled_from(["\n", "\r\n"]))
    cut = newline.join([*lines[:k], lines[k][:size]])
    page = REAL_TEXTS[data.draw(st.sampled_from(sorted(REAL_TEXTS)), label="page")]
    _assert_cut_and_joined_read_as_each_page(data, cut, page.replace("\n", newline), newline)


def test_a_blank_line_next_to_unusable_text_stays() -> None:
    # Found by the property above while blank lines around kept text were dropped too:
    # the author lines then met the lines after them and read as a record the second time.
    text = REAL_TEXTS["backend-architecture-page8.txt"]
    authors = "Java Backend Technology\nJava Backend Technology\n"
    date = "Jan 16, 2018 · Backend Development\n"
    unreadable = "Jan 16, 2018 - Backend Development\n"
    damaged = text.replace(authors + date, authors + "\n" + unreadable + unreadable)
    assert damaged != text
    once = normalize(damaged)
    assert authors + "\n" + unreadable in once
    assert normalize(once) == once
    assert parse_dump(once, strict=False).articles == parse_dump(damaged, strict=False).articles
    # With its date line, the record reads across the blank line and the doubled date.
    recovered = parse_dump(text.replace(authors + date, authors + "\n" + date + date), strict=False)
    assert recovered.articles == parse_dump(text).articles


@given(st.data())
def test_a_messy_copy_of_a_real_dump_reads_and_normalizes_as_the_dump(data: st.DataObject) -> None:
    text = REAL_TEXTS[data.draw(st.sampled_from(sorted(REAL_TEXTS)))]
    messy = data.draw(messy_copies(text))
    clean, dump = parse_dump(text, strict=False), parse_dump(messy, strict=False)
    assert dump.articles == clean.articles
    # Text it cannot use (a record cut off) is one problem, and keeps what starts its lines.
    if not clean.problems:
        # A problem at each untidy line; line endings alike throughout are no deviation,
        # but for CR CR LF.
        untidy = re.sub("\r\r?\n|\r", "\n", messy) != text
        assert bool(dump.problems) == (untidy or "\r\r\n" in messy)
        assert normalize(messy) == normalize(text)


# ---------------------------------------------------------------------------- iter_normalized


def _messy(text: str) -> str:
    """``text`` as a messy copy: a byte order mark, CRLF, a space at the end of each line."""
    return "\ufeff" + text.replace("\n", " \r\n")


@pytest.mark.parametrize("name", sorted(REAL_TEXTS))
def test_iter_normalized_writes_what_normalize_writes_from_any_source(name: str, tmp_path: Path) -> None:
    messy = _messy(REAL_TEXTS[name])
    path = tmp_path / name
    path.write_bytes(messy.encode())
    expected = normalize(messy)
    assert (
        expected != messy
        and parse_dump(expected, strict=False).articles == parse_dump(messy, strict=False).articles
    )
    for given_source in (messy, messy.encode(), path, io.BytesIO(messy.encode()), Pieces(messy, [7, 300])):
        assert "".join(iter_normalized(given_source)) == expected


def _page8_in_small_blocks(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, text: str) -> Path:
    monkeypatch.setattr(source, "CHUNK_SIZE", 1000)  # page 8 is read in ~55 blocks
    path = tmp_path / "page8.txt"
    path.write_bytes(text.encode())
    return path


def test_iter_normalized_writes_as_it_reads_and_reports_what_parse_dump_finds(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    text = REAL_TEXTS["backend-architecture-page8.txt"]
    messy = text.replace(" min read\n", " min read  \n")  # 86 problems, one each record
    path = _page8_in_small_blocks(monkeypatch, tmp_path, messy)
    found: list[object] = []
    pieces = list(iter_normalized(path, on_problem=found.append))
    assert "".join(pieces) == normalize(messy) == text
    assert len(pieces) > 40  # a piece for each block read, not the whole text at the end
    assert found == list(parse_dump(messy, strict=False).problems) and len(found) == 86


def test_strict_iter_normalized_stops_where_parse_dump_stops(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    text = REAL_TEXTS["backend-architecture-page8.txt"]
    at = text.index(" min read\n", len(text) // 2)  # a stats line half way through
    damaged = text[:at] + " min read \n" + text[at + len(" min read\n") :]
    path = _page8_in_small_blocks(monkeypatch, tmp_path, damaged)
    with pytest.raises(ParseError) as whole:
        parse_dump(damaged)
    pieces: list[str] = []
    with pytest.raises(ParseError) as streamed:
        pieces.extend(iter_normalized(path, strict=True))
    assert (streamed.value.code, streamed.value.line, streamed.value.column) == (
        whole.value.code,
        whole.value.line,
        whole.value.column,
    )
    assert whole.value.line > 400 and len(pieces) > 10  # the text before it came first
    assert text.startswith("".join(pieces))


@given(st.text(), st.lists(st.integers(1, 40), min_size=1, max_size=3))
def test_iter_normalized_of_any_text_read_in_any_pieces(text: str, sizes: list[int]) -> None:
    assert "".join(iter_normalized(Pieces(text, sizes))) == normalize(text)


@given(
    st.sampled_from(sorted(REAL_TEXTS)),
    st.lists(
        st.tuples(
            st.integers(0, 60),
            st.lists(st.sampled_from(["", " ", "\t", "junk", "Amap Tech", "·"]), max_size=80),
        ),
        max_size=4,
    ),
    st.sampled_from(["\n", "\r\n"]),
    st.lists(st.integers(1, 300), min_size=1, max_size=3),
)
def test_stretches_of_blank_lines_and_unusable_text_read_in_parts_normalize_as_whole(
    name: str, stretches: list[tuple[int, list[str]]], newline: str, sizes: list[int]
) -> None:
    # Read in pieces, a stretch with no record in it comes as parts, a text entry a block:
    # blank lines alone, many blocks long, are stray or not as one stretch.
    lines = REAL_TEXTS[name].split("\n")
    for at, stretch in stretches:
        lines[at * len(lines) // 60 : at * len(lines) // 60] = stretch
    text = newline.join(lines)
    assert "".join(iter_normalized(Pieces(text, sizes))) == normalize(text)
