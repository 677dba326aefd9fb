"""Strict mode: the first deviation raises at its exact line and column, one test per code.

Lenient mode records the same deviation as a Problem and keeps the text.
"""

from __future__ import annotations

import csv
import io
import json
import pickle
import traceback
from pathlib import Path
from unittest import mock

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from feedparse_txt import (
    Article,
    ParseError,
    Problem,
    format_dump,
    iter_articles,
    normalize,
    parse_dump,
    source,
)

from .conftest import DATA, REAL_TEXTS, Pieces, assert_in_parts, read

RECORD = [
    "Amap Tech",
    "Amap Tech",
    "Aug 27, 2019 · Backend Development",
    "",
    "GraphQL Gateway",
    "",
    "How Gaode refactored its services.",
    "",
    "Backend ArchitectureDSLService Orchestration",
    "0 likes · 11 min read",
    "GraphQL Gateway",
]
OTHER = [
    "Youzan Coder",
    "Youzan Coder",
    "Aug 9, 2019 · Backend Development",
    "",
    "Task Center",
    "",
    "Why a task center matters.",
    "",
    "Backend ArchitectureIdempotency",
    "3 likes · 8 min read",
    "Task Center",
]
HEADER = ["Tagged articles", "949 articles", "Page 8 of 10"]


def dump_with(line_number: int, replacement: str | None) -> str:
    """The header and two records, with 1-based line ``line_number`` replaced (None: removed)."""
    lines = [*HEADER, *RECORD, *OTHER]
    if replacement is None:
        del lines[line_number - 1]
    else:
        lines[line_number - 1] = replacement
    return "\n".join(lines) + "\n"


CASES = [
    # (line, replacement, code, column): lines 1-3 header, 4-14 first record
    (2, "949 artikel", "bad-header", 5),
    (2, "949", "bad-header", 4),
    (3, "Page eight of 10", "bad-header", 6),
    (5, "Amap Tech.", "author-mismatch", 10),
    (6, "Aug 27, 2019 - Backend Development", "bad-date-line", 35),
    (6, "Aug 32, 2019 · Backend Development", "bad-date", 5),
    (6, "3 days ago · Backend Development", "relative-date", 1),
    (6, "Aug 27, 2019 · ", "empty-field", 16),
    (7, "stray text", "expected-blank", 1),
    (8, "GraphQL Gateway ", "trailing-whitespace", 16),
    (8, " GraphQL Gateway", "leading-whitespace", 1),
    (8, "", "empty-field", 1),
    (3, "Page 8 of ten", "bad-header", 11),
    (3, "Page 11 of 10", "bad-header", 6),  # pages from 1 to the page count
    (3, "Page 0 of 10", "bad-header", 6),
    (3, "Page 1 of 0", "bad-header", 11),
    (13, "0 likes · eleven min read", "bad-stats", 11),
    (13, "0 likes · 11 min", "bad-stats", 11),
    (13, "0 points · 11 min read", "bad-stats", 1),
    (13, "0 likes 11 min read", "bad-stats", 20),
    (14, "GraphQL Gateways", "title-mismatch", 16),
    (15, "", "empty-field", 1),  # the second record's author line is empty
    # Lines that read once their surrounding whitespace is gone deviate there.
    (1, "Tagged articles ", "trailing-whitespace", 16),
    (2, "949 articles\t", "trailing-whitespace", 13),
    (3, " Page 8 of 10", "leading-whitespace", 1),
    (6, " Aug 27, 2019 · Backend Development", "leading-whitespace", 1),
    (7, "  ", "leading-whitespace", 1),
    (13, "0 likes · 11 min read ", "trailing-whitespace", 22),
    (14, "GraphQL Gateway\u00a0", "trailing-whitespace", 16),
    # Lines of counts that read once respaced deviate where their spacing does.
    (13, "0 likes  ·  11 min read", "bad-stats", 9),
    (13, "0 likes·11 min read", "bad-stats", 8),
    (13, "0  likes · 11 min read", "bad-stats", 3),
    (6, "Aug 27, 2019  ·  Backend Development", "bad-date-line", 14),
    (6, "Aug 27, 2019 ·  Backend Development", "bad-date-line", 16),
    (6, "Aug 27, 2019\t·\tBackend Development", "bad-date-line", 13),
    (6, "Aug 27, 2019·Backend Development", "bad-date-line", 13),
    (2, "949  articles", "bad-header", 5),
    (13, "0\u00a0likes · 11 min read", "no-break-space", 2),
    (13, "0 likes · 11\u202fmin read", "no-break-space", 13),
    (2, "949\u00a0articles", "no-break-space", 4),
    (6, "Aug 27, 2019\u00a0·\u00a0Backend Development", "nbsp-separator", 13),
    # Invisible characters around a line (a zero-width space, a word joiner).
    (7, "\u200b", "invisible-character", 1),
    (13, "0 likes · 11 min read\u2060", "invisible-character", 22),
    # No text field starts with a byte order mark: at a dump's start it would read as one.
    (8, "\ufeffGraphQL Gateway", "invisible-character", 1),
]


@pytest.mark.parametrize(("line", "replacement", "code", "column"), CASES)
def test_strict_error_position_and_code(line: int, replacement: str, code: str, column: int) -> None:
    text = dump_with(line, replacement)
    with pytest.raises(ParseError) as caught:
        parse_dump(text)
    error = caught.value
    assert (error.line, error.column, error.code) == (line, column, code)
    assert_in_parts(error.problem)
    # The line quoted, unless it is empty (see test_an_empty_fields_error_quotes_no_empty_line).
    assert repr(replacement[:70]) in error.message or code == "title-mismatch" or not replacement
    assert str(error).startswith(f"line {line}:{column}: {code}:")


@pytest.mark.parametrize(
    ("line", "replacement", "expected", "found"),
    [
        (6, "Aug 32, 2019 · Backend Development", "a day that exists in that month", "'32'"),
        (6, "3 days ago · Backend Development", "an absolute date", "the relative date '3 days ago'"),
        (7, "stray text", "a blank line", "other text"),
        (8, "GraphQL Gateway ", "the line to end after 'GraphQL Gateway'", "whitespace"),
        (13, "0 points · 11 min read", "likes like '0 likes'", "'0 points'"),
        (13, "0\u00a0likes · 11 min read", "a plain space", "a no-break space (U+00A0)"),
        (
            13,
            "0 likes  ·  11 min read",
            "'0 likes · 11 min read', its words one plain space apart and ' · ' between its parts",
            "'0 likes  ·  11 min read'",
        ),
        # The line, as for stats: not the date as a line of its own ('expected the line to
        # end after 'Aug 27, 2019'') or the category (' Backend Development').
        (
            6,
            "Aug 27, 2019  ·  Backend Development",
            "'Aug 27, 2019 · Backend Development', ' · ' between the date and the category",
            "'Aug 27, 2019  ·  Backend Development'",
        ),
        (
            6,
            "Aug 27, 2019 ·  Backend Development",
            "'Aug 27, 2019 · Backend Development', ' · ' between the date and the category",
            "'Aug 27, 2019 ·  Backend Development'",
        ),
        (14, "GraphQL Gateways", "the title line again ('GraphQL Gateway')", "a different line"),
        (15, None, "the author line again", "the date line 'Aug 9, 2019 · Backend Development'"),
    ],
)
def test_what_was_expected_and_found_are_the_errors_and_the_problems_parts(
    line: int, replacement: str | None, expected: str, found: str
) -> None:
    text = dump_with(line, replacement)
    with pytest.raises(ParseError) as caught:
        parse_dump(text)
    error = caught.value
    assert (error.expected, error.found) == (expected, found)
    assert error.message == f"expected {expected}, found {found}{error.detail}"
    assert (error.code, error.expected, error.found) == astuple(parse_dump(text, strict=False).problems[0])


@pytest.mark.parametrize(
    ("date", "advice"),
    [
        ("Aug 32, 2019", ""),
        ("Agu 27, 2019", ""),
        ("3 days ago", "; pass a reference date"),
        ("Aug 27", "; pass"),
    ],
)
def test_a_date_lines_error_quotes_the_line_once_before_its_advice(date: str, advice: str) -> None:
    line = f"{date} · Backend Development"
    with pytest.raises(ParseError) as caught:
        parse_dump(dump_with(6, line))
    assert caught.value.detail.startswith(f" in {line!r}{advice}")
    assert caught.value.message.count(repr(date)) <= 1 and caught.value.message.count(repr(line)) == 1


@pytest.mark.parametrize(("line", "role"), [(8, "title"), (10, "summary"), (12, "tag")])
def test_an_empty_fields_error_quotes_no_empty_line(line: int, role: str) -> None:
    # It said "found an empty line in ''".
    with pytest.raises(ParseError) as caught:
        parse_dump(dump_with(line, ""))
    assert (caught.value.message, caught.value.detail) == (f"expected a {role} line, found an empty line", "")


@pytest.mark.parametrize(
    ("lines", "line", "found", "detail"),
    [
        ([*HEADER, *RECORD, "", *OTHER], 15, "a blank line where none belongs", ""),  # between two records
        ([*HEADER, "", *RECORD, *OTHER], 4, "a blank line where none belongs", ""),  # after the header
        (["", *HEADER, *RECORD, *OTHER], 1, "a blank line where none belongs", ""),  # before it
        ([*HEADER, *RECORD, " \t", *OTHER], 15, "a blank line where none belongs", " in ' \\t'"),
        ([*HEADER, *RECORD, *OTHER, "", "", ""], 26, "blank lines where none belong", ""),  # at the end
        ([*HEADER, *RECORD, "", " ", "", *OTHER], 15, "blank lines where none belong", ""),
    ],
)
def test_a_blank_line_where_a_record_or_header_would_start_is_an_extra_blank_line(
    lines: list[str], line: int, found: str, detail: str
) -> None:
    # It was an unexpected-line, as if the text after it had been dropped, at the blank line
    # or, before text that is no record, at the blank line instead of that text.
    text = "\n".join(lines)
    expected = "a page header or the start of a record"
    with pytest.raises(ParseError) as caught:
        parse_dump(text)
    error = caught.value
    assert (error.line, error.column, error.code, error.expected, error.found) == (
        line, 1, "extra-blank-line", expected, found
    )  # fmt: skip
    assert error.detail == detail  # strict mode skips nothing: it stops here
    assert_in_parts(error.problem)
    dump = parse_dump(text, strict=False)
    assert [a.author for a in dump.articles] == ["Amap Tech", "Youzan Coder"]
    skipped = "; skipped them" if found.startswith("blank lines") else "; skipped it"
    assert [(p.line, p.message) for p in dump.problems] == [
        (line, f"{error.message}{skipped}")
    ]  # one for them all
    assert format_dump(dump) == text


def test_text_after_a_stray_blank_line_is_named_at_its_own_line() -> None:
    text = "\n".join([*HEADER, *RECORD, "", "Share this page", *OTHER])
    dump = parse_dump(text, strict=False)
    assert [(p.line, p.code) for p in dump.problems] == [(15, "extra-blank-line"), (16, "unexpected-line")]
    assert [a.author for a in dump.articles] == ["Amap Tech", "Youzan Coder"] and format_dump(dump) == text


def astuple(problem: Problem) -> tuple[str, str, str]:
    return problem.code, problem.expected, problem.found


def test_an_error_keeps_its_parts_across_processes_and_moves() -> None:
    error = ParseError("bad-stats", "a stats line", "'x'", " in 'x'", line=3, column=2, source="a.txt")
    for copy in (pickle.loads(pickle.dumps(error)), error.at(3), error.amended()):
        assert (copy.code, copy.expected, copy.found, copy.detail, copy.line, copy.column, copy.source) == (
            "bad-stats", "a stats line", "'x'", " in 'x'", 3, 2, "a.txt"
        )  # fmt: skip
    moved = error.at(9, column_offset=4)
    assert (moved.line, moved.column, str(moved)) == (
        9,
        6,
        "a.txt:9:6: bad-stats: expected a stats line, found 'x' in 'x'",
    )
    assert error.problem == Problem(
        3, 2, "bad-stats", "expected a stats line, found 'x' in 'x'", "a stats line", "'x'"
    )


@pytest.mark.parametrize(("line", "replacement", "code", "column"), CASES)
def test_lenient_keeps_text_and_the_other_record(line: int, replacement: str, code: str, column: int) -> None:
    text = dump_with(line, replacement)
    dump = parse_dump(text, strict=False)
    assert format_dump(dump) == text
    assert dump.problems, "a deviation is never silent"
    assert dump.problems[0].code == code
    for problem in dump.problems:
        assert_in_parts(problem)
    damaged_first = line < 15
    authors = [a.author for a in dump.articles]
    if (line, replacement) == (15, ""):  # the second record read from its author line again
        assert authors == ["Amap Tech", "Youzan Coder"]
        assert dump.articles[1] == parse_dump("\n".join(OTHER))[0]
        assert [p.code for p in dump.problems] == ["empty-field", "missing-line"]
    else:
        assert authors[-1] == ("Youzan Coder" if damaged_first else "Amap Tech")


@pytest.mark.parametrize(
    "stats",
    ["1 like · 11 min read", "0 LIKES · 11 MIN READ", "1.2K Likes · 11 min read", "999+ likes · 11 min read"],
)
def test_a_deviation_is_named_where_it_is_whatever_the_spelling_of_the_stats(stats: str) -> None:
    # What a broken record was meant to be is guessed from words its lines hold; the stats
    # were looked for as the canonical line writes them ("likes"), and a bad date line in a
    # compact record with "1 like" stats was named as no record starting there (1:1).
    compact = [RECORD[0], RECORD[2], RECORD[4], RECORD[6], RECORD[8], stats]
    compact[1] = "Aug 27, 2019 - Backend Development"
    other = [OTHER[0], OTHER[2], OTHER[4], OTHER[6], OTHER[8], OTHER[9]]
    text = "\n".join([*compact, *other]) + "\n"
    with pytest.raises(ParseError) as caught:
        parse_dump(text)
    assert (caught.value.line, caught.value.column, caught.value.code) == (2, 35, "bad-date-line")
    dump = parse_dump(text, strict=False)
    assert [(p.code, p.line, p.column) for p in dump.problems] == [("bad-date-line", 2, 35)]
    assert [line for line, _ in dump.kept_text()] == [1]  # the record, from its first line
    assert format_dump(dump) == text and [a.author for a in dump.articles] == ["Youzan Coder"]


BLANK_LINE_BEFORE = [
    # (line the blank line is put before, code): the author again, the date line, the
    # stats, the title again, and a list header's counts
    (5, "author-mismatch"),
    (6, "bad-date-line"),
    (13, "bad-stats"),
    (14, "title-mismatch"),
    (2, "bad-header"),
    (3, "bad-header"),
]


@pytest.mark.parametrize(("line", "code"), BLANK_LINE_BEFORE)
def test_a_blank_line_where_a_line_of_fixed_shape_belongs(line: int, code: str) -> None:
    lines = [*HEADER, *RECORD, *OTHER]
    text = "\n".join([*lines[: line - 1], "", *lines[line - 1 :]]) + "\n"
    with pytest.raises(ParseError) as caught:
        parse_dump(text)
    error = caught.value
    assert (error.line, error.column, error.code) == (line, 1, code)
    assert error.message.endswith("found a blank line")  # nothing quoted: the line is empty
    # Lenient mode skips it (a browser's copy may set any part of a record apart).
    dump = parse_dump(text, strict=False)
    assert dump.articles == parse_dump(dump_with(1, "Tagged articles")).articles
    assert dump.headers == parse_dump(dump_with(1, "Tagged articles")).headers
    assert [(p.code, p.line) for p in dump.problems] == [("extra-blank-line", line)]
    assert format_dump(dump) == text


def test_file_name_in_strict_errors(tmp_path: pytest.TempPathFactory) -> None:
    path = tmp_path / "cut.txt"  # type: ignore[operator]
    path.write_text("\n".join(RECORD[:5]), encoding="utf-8")
    with pytest.raises(ParseError) as caught:
        parse_dump(path)
    assert str(caught.value).startswith(f"{path}:5:16: truncated-record:")


@pytest.mark.parametrize("cut", range(1, len(RECORD) - 1))
def test_truncated_record_raises_inside_it(cut: int) -> None:
    text = "\n".join([*OTHER, *RECORD[:cut]])
    with pytest.raises(ParseError) as caught:
        parse_dump(text)
    assert caught.value.code == "truncated-record"
    assert len(OTHER) < caught.value.line <= len(OTHER) + cut
    lenient = parse_dump(text, strict=False)
    assert [a.author for a in lenient] == ["Youzan Coder"]
    where = (caught.value.line, caught.value.column)
    assert [(p.line, p.column, p.code) for p in lenient.problems] == [(*where, "truncated-record")]
    assert [line for line, _ in lenient.kept_text()] == [len(OTHER) + 1]


COMPACT_RECORD = [RECORD[0], RECORD[2], RECORD[4], RECORD[6], RECORD[8], RECORD[9]]


@pytest.mark.parametrize("record", [RECORD, COMPACT_RECORD], ids=["full", "compact"])
def test_a_copy_cut_at_any_character_of_its_last_record(record: list[str]) -> None:
    # Anywhere, even inside the date before its separator (``Aug 27, 20``).
    body = "\n".join(record)
    for cut in range(1, len(body)):
        text = "\n".join([*OTHER, body[:cut]])
        with pytest.raises(ParseError) as caught:
            parse_dump(text)
        assert caught.value.code == "truncated-record", body[:cut]
        lenient = parse_dump(text, strict=False)
        named = [(p.code, p.line, p.column) for p in lenient.problems]
        assert named == [("truncated-record", caught.value.line, caught.value.column)], body[:cut]
        assert lenient.articles[0].author == "Youzan Coder"
        assert format_dump(lenient) == text


@pytest.mark.parametrize("keep", range(len(RECORD[-1])))
def test_cut_in_the_repeated_title_at_the_end(keep: int) -> None:
    text = "\n".join([*OTHER, *RECORD[:-1], RECORD[-1][:keep]]) if keep else "\n".join([*OTHER, *RECORD[:-1]])
    with pytest.raises(ParseError) as caught:
        parse_dump(text)
    assert caught.value.code == "truncated-record"
    lenient = parse_dump(text, strict=False)
    assert [a.title for a in lenient] == ["Task Center", "GraphQL Gateway"]
    assert [p.code for p in lenient.problems] == ["truncated-record"]
    assert lenient.problems[0].line == len(OTHER) + len(RECORD) - (0 if keep else 1)
    assert format_dump(lenient) == text


@pytest.mark.parametrize("final_newline", [True, False])
def test_streaming_knows_whether_the_text_ended_with_a_newline(final_newline: bool) -> None:
    # The repeated title cut short is only a cut-off copy when nothing follows it.
    text = "\n".join([*OTHER, *RECORD[:-1], RECORD[-1][:5]]) + ("\n" if final_newline else "")
    import io

    from feedparse_txt import iter_articles

    stream = io.BytesIO(text.encode())
    if final_newline:
        with pytest.raises(ParseError) as caught:
            list(iter_articles(stream))
        assert caught.value.code == "title-mismatch"
    else:
        with pytest.raises(ParseError) as caught:
            list(iter_articles(stream))
        assert caught.value.code == "truncated-record"
    assert len(list(iter_articles(io.BytesIO(text.encode()), strict=False))) == 2


def test_mixed_newlines() -> None:
    text = "\r\n".join(RECORD) + "\r\n" + "\n".join(OTHER) + "\n"
    with pytest.raises(ParseError) as caught:
        parse_dump(text)
    assert (caught.value.code, caught.value.line) == ("mixed-newlines", 12)
    lenient = parse_dump(text, strict=False)
    assert [a.author for a in lenient] == ["Amap Tech", "Youzan Coder"]
    assert [p.code for p in lenient.problems] == ["mixed-newlines"]
    assert format_dump(lenient) == text


@given(st.sampled_from(sorted(REAL_TEXTS)), st.lists(st.integers(1, 3000), min_size=1, max_size=3))
def test_cr_cr_lf_line_endings_are_one_problem_not_one_a_line(name: str, sizes: list[int]) -> None:
    # A CRLF text converted to CRLF again (Python on Windows writing CRLF text in text
    # mode, sed 's/$/\r/' on a CRLF file): every line ends in CR CR LF. It was a trailing-whitespace
    # problem at every line and a leading-whitespace one at every blank line.
    clean = REAL_TEXTS[name]
    text = clean.replace("\n", "\r\r\n")
    first = clean.split("\n", 1)[0]
    message = (
        f"expected CRLF line endings, found CR CR LF after {first!r} (line endings converted to CRLF twice?)"
    )
    expected = Problem(1, len(first) + 1, "cr-cr-lf", message, "CRLF line endings", "CR CR LF")
    lenient, reference = parse_dump(text, strict=False), parse_dump(clean, strict=False)
    assert lenient.articles == reference.articles
    assert list(lenient.problems) == [expected, *reference.problems]
    assert lenient.record_lines() == reference.record_lines() and lenient.newline == "\r\n"
    assert format_dump(lenient) == text and normalize(text) == normalize(clean)
    found: list[Problem] = []
    assert list(iter_articles(Pieces(text, sizes), strict=False, on_problem=found.append)) == list(lenient)
    assert found == list(lenient.problems)
    with pytest.raises(ParseError) as caught:
        parse_dump(text)
    assert caught.value.problem == expected
    assert_in_parts(expected)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_cr_cr_lf_line_ending_among_others_is_the_problem_where_it_stands(newline: str) -> None:
    lines = [*RECORD, *OTHER]
    text = "".join(line + ("\r\r\n" if k == 13 else newline) for k, line in enumerate(lines))
    lenient = parse_dump(text, strict=False)
    assert [a.author for a in lenient] == ["Amap Tech", "Youzan Coder"]
    style = {"\n": "LF", "\r\n": "CRLF"}[newline]
    assert [(p.code, p.line, p.column, p.expected, p.found) for p in lenient.problems] == [
        ("cr-cr-lf", 14, len(lines[13]) + 1, f"{style} line endings", "CR CR LF")
    ]
    assert format_dump(lenient) == text
    with pytest.raises(ParseError) as caught:
        parse_dump(text)
    assert (caught.value.code, caught.value.line) == ("cr-cr-lf", 14)
    # A mixed line ending too: each kind at its first line, in text order.
    text = text.replace(lines[15] + newline, lines[15] + {"\n": "\r\n", "\r\n": "\n"}[newline], 1)
    assert [(p.code, p.line) for p in parse_dump(text, strict=False).problems] == [
        ("cr-cr-lf", 14),
        ("mixed-newlines", 16),
    ]


@pytest.mark.parametrize("bad", range(1, len(RECORD)))
def test_a_mixed_newline_inside_a_record_is_the_error_where_it_stands(bad: int) -> None:
    # Not "the text ended" before it: the record's lines are all there.
    lines = [*RECORD, *OTHER]
    text = "".join(line + ("\n" if k == bad else "\r\n") for k, line in enumerate(lines))
    with pytest.raises(ParseError) as caught:
        parse_dump(text)
    error = caught.value
    assert (error.code, error.line, error.column) == ("mixed-newlines", bad + 1, len(RECORD[bad]) + 1)


def test_a_deviation_before_a_mixed_newline_is_named_first() -> None:
    lines = [*RECORD[:2], "Aug 27, 2019 · ", *RECORD[3:], *OTHER]
    text = "\r\n".join(lines[:5]) + "\r\n" + "\n".join(lines[5:]) + "\n"
    with pytest.raises(ParseError) as caught:
        parse_dump(text)
    assert (caught.value.code, caught.value.line) != ("mixed-newlines", 6)
    assert caught.value.line == 3


@pytest.mark.parametrize(
    ("count_line", "column"),
    [
        ("273 articles · Page 1 of x", 26),
        ("273 articles · Page x of 3", 21),
        ("many articles · Page 1 of 3", 1),
    ],
)
def test_a_named_headers_count_line_names_the_number_that_does_not_read(count_line: str, column: int) -> None:
    text = f"Tagged articles\n\nidempotency\n\n{count_line}\n" + "\n".join(RECORD) + "\n"
    with pytest.raises(ParseError) as caught:
        parse_dump(text)
    assert (caught.value.line, caught.value.column, caught.value.code) == (5, column, "bad-header")
    assert repr(count_line[column - 1 :].split(" ")[0]) in caught.value.message


@pytest.mark.parametrize(
    ("line", "replacement", "code"),
    [
        (12, "9" * 5000 + " likes · 11 min read", "bad-stats"),  # past int()'s own limit
        (12, "1" + "0" * 18 + " likes · 11 min read", "bad-stats"),  # 19 digits
        (12, "0 likes · " + "9" * 5000 + " min read", "bad-stats"),
        (12, "1," + "000," * 6 + "000 likes · 11 min read", "bad-stats"),
        (1, "9" * 5000 + " articles", "bad-header"),
        (2, "Page 1 of " + "9" * 5000, "bad-header"),
    ],
)
def test_a_count_too_long_is_a_deviation_not_a_crash(line: int, replacement: str, code: str) -> None:
    lines = [*HEADER, *RECORD]  # line: an index into these
    lines[line] = replacement
    text = "\n".join(lines) + "\n"
    with pytest.raises(ParseError) as caught:
        parse_dump(text)
    assert caught.value.code == code
    lenient = parse_dump(text, strict=False)
    assert [p.code for p in lenient.problems] == [code]
    assert format_dump(lenient) == text


def test_the_longest_count_reads() -> None:
    text = "\n".join([*RECORD[:9], "9" * 18 + " likes · 11 min read", RECORD[10]]) + "\n"
    assert parse_dump(text).articles[0].likes == 10**18 - 1


def test_byte_order_mark_in_text() -> None:
    text = "\ufeff" + "\n".join(RECORD) + "\n"
    with pytest.raises(ParseError) as caught:
        parse_dump(text)
    assert (caught.value.code, caught.value.line, caught.value.column) == ("bom", 1, 1)
    lenient = parse_dump(text, strict=False)
    assert lenient.articles[0].author == "Amap Tech"
    assert format_dump(lenient) == text


def test_byte_order_mark_in_bytes_is_fine() -> None:
    data = b"\xef\xbb\xbf" + ("\n".join(RECORD) + "\n").encode()
    dump = parse_dump(data)
    assert dump.problems == () and dump.bom
    assert format_dump(dump).encode() == data


def test_invalid_utf8() -> None:
    data = ("\n".join(RECORD) + "\n").encode().replace(b"Gaode", b"Ga\xffde")
    with pytest.raises(ParseError) as caught:
        parse_dump(data)
    offset = data.index(b"\xff")
    assert caught.value.code == "bad-encoding"
    assert f"byte offset {offset}" in caught.value.message
    assert (caught.value.line, caught.value.column) == (7, 7)
    lenient = parse_dump(data, strict=False)
    assert lenient.articles[0].summary == "How Ga\ufffdde refactored its services."
    assert [p.code for p in lenient.problems] == ["bad-encoding"]


@given(
    bom=st.booleans(),
    at=st.integers(0, 200),
    bad=st.sampled_from([b"\xff", b"\xe2\x82", b"\xc3", b"\x80\x80"]),
    chunk=st.integers(1, 64),
)
# A byte order mark split across reads, an invalid byte right after it: the stream took
# the mark for text (U+FEFF, a "bom" problem) once the decoder had failed.
@example(bom=True, at=0, bad=b"\xff", chunk=2)
def test_invalid_utf8_found_alike_whole_or_streamed(bom: bool, at: int, bad: bytes, chunk: int) -> None:
    good = ("\n".join([*RECORD, *OTHER]) + "\n").encode()
    at = min(at, len(good))
    while at < len(good) and good[at] & 0xC0 == 0x80:
        at += 1  # between characters, not inside one
    data = (b"\xef\xbb\xbf" if bom else b"") + good[:at] + bad + good[at:]
    offset = data.index(bad)
    before = data[:offset].decode("utf-8-sig")
    where = (before.count("\n") + 1, len(before) - before.rfind("\n"))
    whole = parse_dump(data, strict=False)
    (problem,) = [p for p in whole.problems if p.code == "bad-encoding"]  # U+FFFD may cause others
    assert (problem.line, problem.column) == where
    assert f"invalid byte 0x{bad[0]:02x} at byte offset {offset}" in problem.message
    with mock.patch.object(source, "CHUNK_SIZE", chunk):  # a file read in small pieces
        found: list[Problem] = []
        streamed = list(iter_articles(io.BytesIO(data), strict=False, on_problem=found.append))
        assert streamed == list(whole.articles) and found == list(whole.problems)
        with pytest.raises(ParseError) as caught:
            list(iter_articles(io.BytesIO(data)))
    assert (caught.value.code, caught.value.line, caught.value.column) == ("bad-encoding", *where)


@pytest.mark.parametrize("bad", [None, 42, 3.5, {"text"}])
def test_wrong_source_type(bad: object) -> None:
    with pytest.raises(TypeError, match="source must be") as caught:
        parse_dump(bad)  # type: ignore[arg-type]
    assert "join" not in str(caught.value)


@pytest.mark.parametrize(
    "lines", [["text\n"], ("text\n",), iter(["text\n"])], ids=["list", "tuple", "iterator"]
)
def test_lines_for_a_source_are_told_to_be_joined(lines: object) -> None:
    with pytest.raises(TypeError, match=r"not \w+: join its lines, with their line endings, into one str"):
        list(iter_articles(lines))  # type: ignore[arg-type]


def test_missing_path(tmp_path: pytest.TempPathFactory) -> None:
    with pytest.raises(FileNotFoundError):
        parse_dump(tmp_path / "nope.txt")  # type: ignore[operator]


def test_a_str_that_names_a_file_is_read_as_text_and_the_problem_says_so() -> None:
    name = str(DATA / "tags_bootmem.txt")  # a str is dump text, never a path
    with pytest.raises(ParseError) as caught:
        parse_dump(name)
    assert caught.value.code == "truncated-record"
    assert caught.value.message.endswith(f"pass pathlib.Path({name!r}) to read it")
    dump = parse_dump(name, strict=False)
    assert not dump.articles and dump.problems[0].message.endswith(f"pass pathlib.Path({name!r}) to read it")
    assert format_dump(dump) == name
    assert "pathlib" not in parse_dump(name + ".gone", strict=False).problems[0].message


def test_a_str_that_names_a_file_streamed_says_so_as_parse_dump_does() -> None:
    name = str(DATA / "tags_bootmem.txt")
    with pytest.raises(ParseError) as caught:
        list(iter_articles(name))
    assert caught.value.message.endswith(f"pass pathlib.Path({name!r}) to read it")
    found: list[Problem] = []
    assert not list(iter_articles(name, strict=False, on_problem=found.append))
    assert found == list(parse_dump(name, strict=False).problems)
    found.clear()
    assert not list(iter_articles(name + ".gone", strict=False, on_problem=found.append))
    assert len(found) == 1 and "pathlib" not in found[0].message


def _records_as(kind: str, path: Path) -> str:
    """The records of the real dump ``path`` as ``feedparse-txt parse`` writes them."""
    dump = parse_dump(path, strict=False)
    if kind == "json":
        return json.dumps(dump.to_dict(), ensure_ascii=False, indent=1) + "\n"
    if kind == "jsonl":
        return "".join(json.dumps(article.to_dict(), ensure_ascii=False) + "\n" for article in dump)
    delimiter = {"csv": ",", "csv;": ";", "csv-tab": "\t"}[kind]
    table = io.StringIO()
    rows = csv.DictWriter(table, [field.name for field in attrs.fields(Article)], delimiter=delimiter)
    rows.writeheader()
    rows.writerows({**article.to_dict(), "tags": " | ".join(article.tags)} for article in dump)
    return table.getvalue()


@pytest.mark.parametrize("path", [DATA / "backend-architecture-page8.txt", DATA / "www_tags_cglib-proxy.txt"])
@pytest.mark.parametrize("kind", ["json", "jsonl", "csv", "csv;", "csv-tab"])
def test_records_given_for_dump_text_are_named_what_they_are(path: Path, kind: str) -> None:
    # What 'parse' writes, given back to it: a bad date line at its first line, nothing
    # said of the slip.
    text = _records_as(kind, path)
    what = "CSV" if kind.startswith("csv") else "JSON"
    hint = (
        f"; this is records as {what}, as 'feedparse-txt parse' writes them, not dump text: "
        "'feedparse-txt format' writes them back as a dump"
    )
    with pytest.raises(ParseError) as caught:
        parse_dump(text)
    assert caught.value.message.endswith(hint)
    for copy in (text, "\ufeff" + text):  # (a str with a BOM has a problem of its own first)
        dump = parse_dump(copy, strict=False)
        about_lines = [problem for problem in dump.problems if problem.code != "bom"]
        assert not dump.articles and about_lines[0].message.endswith(hint) and format_dump(dump) == copy
        assert sum(hint in problem.message for problem in dump.problems) == 1
        for chunk in (64, 1 << 20):  # the first problem comes after the first block or with it
            found: list[Problem] = []
            with mock.patch.object(source, "CHUNK_SIZE", chunk):
                assert not list(iter_articles(io.StringIO(copy), strict=False, on_problem=found.append))
            assert found == list(dump.problems)
    with pytest.raises(ParseError) as caught:
        list(iter_articles(io.StringIO(text)))
    assert caught.value.message.endswith(hint)


@pytest.mark.parametrize("first", ["{", "author,published,category,title,summary,tags,likes,read_minutes"])
def test_records_named_where_the_text_starts_alike_in_every_mode(first: str) -> None:
    # A text that starts as records do and goes on as a dump: the hint belongs to the
    # first problem if no record comes before it, however the text is read. (It was
    # named only where no record came in the whole text, and, streamed, where none came
    # in the block the problem was found in: pieces of one character named it.)
    text = first + "\n" + read(DATA / "backend-architecture-page8.txt").split("\n", 1)[1]
    dump = parse_dump(text, strict=False)
    assert len(dump.articles) == 86 and "this is records as" in dump.problems[0].message
    for sizes in ([1], [64], [7, 4096], [len(text)]):
        found: list[Problem] = []
        assert list(iter_articles(Pieces(text, sizes), strict=False, on_problem=found.append)) == list(dump)
        assert found == list(dump.problems)
    with pytest.raises(ParseError) as caught:
        parse_dump(text)
    assert caught.value.line == 1 and "this is records as" in caught.value.message
    late = read(DATA / "www_tags_cglib-proxy.txt") + first + "\n"  # after a record: no hint
    assert all("this is records as" not in p.message for p in parse_dump(late, strict=False).problems)


@pytest.mark.parametrize("name", sorted(REAL_TEXTS))
def test_a_real_dump_is_never_named_records(name: str) -> None:
    cut = REAL_TEXTS[name][: len(REAL_TEXTS[name]) // 3]
    assert all("this is records as" not in p.message for p in parse_dump(cut, strict=False).problems)


def test_a_blank_line_where_text_was_expected_is_named_a_blank_line() -> None:
    text = "\n\n" + read(DATA / "backend-architecture-page8.txt")
    with pytest.raises(ParseError) as caught:
        parse_dump(text)
    assert (caught.value.line, caught.value.column) == (1, 1)
    assert "found blank lines where none belong" in caught.value.message
    assert len(parse_dump(text, strict=False).articles) == 86


COMPACT = [RECORD[0], RECORD[2], RECORD[4], RECORD[6], RECORD[8], RECORD[9]]
STATS_WHERE_THE_TAG_LINE_BELONGS = [
    # (the record's lines, the line of the stats in the tag line's place)
    ([*RECORD[:8], *RECORD[9:]], 9),  # full, its tag line lost
    ([*COMPACT[:4], *COMPACT[5:]], 5),  # compact, its tag line lost
    ([*COMPACT[:3], *COMPACT[4:]], 5),  # its summary lost: the tag line read as the summary
]


@pytest.mark.parametrize(("record", "at"), STATS_WHERE_THE_TAG_LINE_BELONGS)
def test_stats_where_the_tag_line_belongs_name_a_lost_line(record: list[str], at: int) -> None:
    # Not "expected stats, found <the title again>" a line later: the stats are where
    # the reading went wrong. (Stats then stats read as a tag line and stats: the layout
    # decides, see test_layout_decides_not_content.)
    text = "\n".join([*record, *OTHER]) + "\n"
    with pytest.raises(ParseError) as caught:
        parse_dump(text)
    assert (caught.value.code, caught.value.line, caught.value.column) == ("missing-line", at, 1)
    assert caught.value.message == (
        "expected a tag line, found the stats line '0 likes · 11 min read': a line before it is missing"
    )
    dump = parse_dump(text, strict=False)
    assert [(p.code, p.line, p.column) for p in dump.problems] == [("missing-line", at, 1)]
    assert [line for line, _ in dump.kept_text()] == [1]
    assert [a.author for a in dump] == ["Youzan Coder"]
    assert format_dump(dump) == text


@pytest.mark.parametrize(
    ("codec", "name", "found", "at"),
    [
        ("cp1252", "backend-architecture-page8.txt", "Â·", (6, 14)),
        ("latin-1", "backend-architecture-page8.txt", "Â·", (6, 14)),
        ("cp1251", "backend-architecture-page8.txt", "В·", (6, 14)),
        ("cp437", "backend-architecture-page8.txt", "┬╖", (6, 14)),
        ("mac_roman", "backend-architecture-page8.txt", "¬∑", (6, 14)),
        ("gbk", "tags_bootmem.txt", "路", (9, 14)),
        ("big5", "tags_bootmem.txt", "繚", (9, 14)),
        ("cp932", "tags_bootmem.txt", "ﾂｷ", (9, 14)),
        ("cp949", "tags_bootmem.txt", "쨌", (9, 14)),
    ],
)
def test_utf_8_read_in_a_code_page_is_named(codec: str, name: str, found: str, at: tuple[int, int]) -> None:
    # What open() without encoding= gives on Windows (the ANSI code page): not a bad date
    # line at every record, but the text's encoding, once, and what to do.
    text = (DATA / name).read_bytes().decode(codec, errors="replace")
    with pytest.raises(ParseError) as caught:
        parse_dump(text)
    assert (caught.value.code, caught.value.line, caught.value.column) == ("bad-encoding", *at)
    assert f"found {found!r} in " in caught.value.message
    assert "UTF-8 text decoded as" in caught.value.message and "encoding='utf-8'" in caught.value.message
    dump = parse_dump(text, strict=False)
    assert [p.code for p in dump.problems] == ["bad-encoding"]
    assert format_dump(dump) == text


def test_a_date_line_that_holds_a_misread_dot_beside_the_separator_is_read() -> None:
    # The separator is there: 'Â·' elsewhere in the line is text (a category), not a sign.
    text = "\n".join([*RECORD[:2], "Aug 27, 2019 · Â· Backend", *RECORD[3:]]) + "\n"
    assert parse_dump(text).articles[0].category == "Â· Backend"


@pytest.mark.parametrize("strict", [True, False], ids=["strict", "lenient"])
@pytest.mark.parametrize("streamed", [False, True], ids=["whole", "streamed"])
def test_an_open_file_that_cannot_decode_its_bytes_says_what_to_do(strict: bool, streamed: bool) -> None:
    # open() without encoding= on a Chinese Windows (GBK): the file object itself fails.
    path = DATA / "backend-architecture-page8.txt"
    with open(path, encoding="gbk") as file, pytest.raises(ParseError) as caught:
        list(iter_articles(file, strict=strict)) if streamed else parse_dump(file, strict=strict)
    error = caught.value
    assert (error.code, error.line, error.source) == ("bad-encoding", 1, str(path))
    assert "'gbk' codec can't decode" in error.message and "encoding='utf-8'" in error.message
    assert isinstance(error.__cause__, UnicodeDecodeError)


def test_a_text_stream_that_fails_later_names_a_line_at_or_before_it() -> None:
    good = read(DATA / "backend-architecture-page8.txt")
    bad_line = good.count("\n") * 30 + 1
    data = good.encode() * 30 + b"\xff\n" + good.encode()
    stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    with pytest.raises(ParseError) as caught:
        for _ in iter_articles(stream, strict=False):
            pass
    assert caught.value.code == "bad-encoding" and 1 < caught.value.line <= bad_line


def test_streamed_errors_in_the_bytes_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"Tag\n\nBoot\xffmem\n")
    for read_it in (parse_dump, lambda source: list(iter_articles(source))):
        with pytest.raises(ParseError) as caught:
            read_it(path)
        assert str(caught.value).startswith(f"{path}:3:5: bad-encoding: ")


def test_utf_8_re_encoded_through_a_console_code_page_is_named() -> None:
    # Windows PowerShell 5: a program's UTF-8 output redirected with > is decoded in the
    # console's code page (cp437, cp850) and written as UTF-16: the file itself is misread.
    data = (DATA / "tags_bootmem.txt").read_bytes().decode("cp850").encode("utf-16")
    dump = parse_dump(data, strict=False)
    assert str(dump.encoding).startswith("utf-16") and [p.code for p in dump.problems] == ["bad-encoding"]
    assert "decoded as cp850" in dump.problems[0].message and "PowerShell 5" in dump.problems[0].message


@pytest.mark.parametrize("name", sorted(REAL_TEXTS))
def test_strict_errors_show_no_internal_exception(name: str) -> None:
    # A traceback shows the ParseError alone, not "during handling of the above
    # exception" the machine's own signals of a cut-off record or a wrong line.
    text = REAL_TEXTS[name]
    ends = [k for k, char in enumerate(text) if char == "\n"]
    seen = []
    for end in ends:
        for damaged in (text[:end] + text[end + 1 :], text[: end - 3]):  # a line break lost; cut off
            try:
                parse_dump(damaged)
            except ParseError as error:
                shown = "".join(traceback.format_exception(error))
                assert "During handling" not in shown and "direct cause" not in shown, shown
                seen.append(error.code)
    assert "truncated-record" in seen and len(seen) > len(ends)


@pytest.mark.parametrize(
    ("name", "page_line", "bad", "column", "expected", "found"),
    [
        (
            "backend-architecture-page8.txt",
            "Page 8 of 10",
            "Page 9 of 8",
            6,
            "a page number from 1 to 8",
            "9",
        ),
        (
            "backend-architecture-page8.txt",
            "Page 8 of 10",
            "page 0 of 10",
            6,
            "a page number from 1 to 10",
            "0",
        ),
        ("www_tags_idempotency.txt", "Page 1 of 3", "Page 1 of 0", 26, "a page count of 1 or more", "0"),
    ],
)
def test_a_page_out_of_its_page_count_is_named_and_the_header_kept(
    name: str, page_line: str, bad: str, column: int, expected: str, found: str
) -> None:
    # A page header reads as it stands: lenient reading keeps it, typed, with a problem
    # at the number; strict reading stops there.
    text = REAL_TEXTS[name].replace(page_line, bad, 1)
    number = text.split("\n").index(next(line for line in text.split("\n") if bad in line)) + 1
    dump = parse_dump(text, strict=False)
    clean = parse_dump(REAL_TEXTS[name], strict=False)
    page, page_count = (int(part) for part in bad.lower().removeprefix("page ").split(" of "))
    assert dump.header is not None and (dump.header.page, dump.header.page_count) == (page, page_count)
    assert dump.articles == clean.articles and format_dump(dump) == text
    first = dump.problems[0]
    assert (first.line, first.column, first.code, first.expected, first.found) == (
        number, column, "bad-header", expected, found
    )  # fmt: skip
    assert list(dump.problems[1:]) == list(clean.problems)
    found_streamed: list[Problem] = []
    assert list(iter_articles(io.StringIO(text), strict=False, on_problem=found_streamed.append)) == list(
        dump
    )
    assert found_streamed == list(dump.problems)
    with pytest.raises(ParseError) as caught:
        parse_dump(text)
    assert (caught.value.line, caught.value.column, caught.value.expected) == (number, column, expected)
