"""Copies whose long lines a mail client, an editor or a script wrapped: each field
is read over the lines it takes, with a ``wrapped-line`` problem; nothing else is."""

from __future__ import annotations

import re
import textwrap
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedparse_txt import Article, ParseError, format_dump, iter_articles, normalize, parse_dump
from feedparse_txt.model import tag_line as tag_line_of
from feedparse_txt.strategies import mutated, mutations, wrapped_copies
from feedparse_txt.wrapping import Wrapping

from .conftest import REAL_TEXTS, Pieces, check_both_modes, record_key

# Real dumps whose records are in the full layout (11 lines): a compact record wrapped is kept as text.
FULL = sorted(
    name
    for name, text in REAL_TEXTS.items()
    if {last - first for first, last in parse_dump(text, strict=False).record_lines()} == {10}
)
COMPACT = sorted(set(REAL_TEXTS) - set(FULL))


def wrapped(text: str, width: int, *, break_on_hyphens: bool = True) -> str:
    """``text`` with every line longer than ``width`` wrapped by Python's textwrap."""
    parts = (
        textwrap.wrap(line, width, break_on_hyphens=break_on_hyphens) or [line] for line in text.split("\n")
    )
    return "\n".join(part for line in parts for part in line)


def cut_at(text: str, width: int) -> str:
    """``text`` with every line cut where it reaches ``width`` characters, as ``fold``
    (without ``-s``) cuts it: inside words, or at a space, which stays."""
    lines = text.split("\n")
    return "\n".join(line[at : at + width] for line in lines for at in range(0, len(line), width) or [0])


def extra_problems(text: str, clean: str) -> Counter[str]:
    """The problems lenient parsing finds in ``text`` and not in ``clean``, by code."""
    found = Counter(p.code for p in parse_dump(text, strict=False).problems)
    return found - Counter(p.code for p in parse_dump(clean, strict=False).problems)


def test_the_real_dumps_hold_both_layouts() -> None:
    assert FULL and COMPACT  # else the tests below test less than they say


@pytest.mark.parametrize("width", [50, 60, 72, 80, 100])
@pytest.mark.parametrize("hyphens", [True, False], ids=["textwrap", "no-hyphen-breaks"])
@pytest.mark.parametrize("name", FULL)
def test_a_wrapped_real_dump_reads_as_the_page(name: str, hyphens: bool, width: int) -> None:
    text = REAL_TEXTS[name]
    copy = wrapped(text, width, break_on_hyphens=hyphens)
    assert copy != text
    dump = parse_dump(copy, strict=False)
    assert dump.articles == parse_dump(text, strict=False).articles
    assert set(extra_problems(copy, text)) == {"wrapped-line"}
    assert format_dump(dump) == copy
    if not dump.kept_text():  # a record cut off is kept as text, as the copy wrapped it
        assert normalize(copy) == normalize(text)
    with pytest.raises(ParseError) as caught:
        parse_dump(copy)
    assert caught.value.code in ("expected-blank", "title-mismatch")  # strict mode reads no wrapped line


def test_each_wrapped_field_has_one_problem_that_names_its_lines() -> None:
    text = REAL_TEXTS["www_tags_database-auto-increment.txt"]
    copy = wrapped(text, 60)
    dump = parse_dump(copy, strict=False)
    problems = [p for p in dump.problems if p.code == "wrapped-line"]
    first = problems[0]
    lines = copy.split("\n")
    assert lines[first.line - 2] + " " + lines[first.line - 1] == dump.articles[0].title
    assert (first.column, first.expected) == (1, "a blank line")
    assert first.message == (
        "expected a blank line, found the rest of a title line, which the copy wrapped over lines "
        f"{first.line - 1} to {first.line}; joined them"
    )
    # Each field longer than the width: the title twice, the summary (no tag line is that long).
    longer = [
        field
        for article in dump.articles
        for field in (article.title, article.summary, tag_line_of(article), article.title)
        if len(field) > 60
    ]
    assert len(problems) == len(longer) == 9


@given(st.sampled_from(FULL).flatmap(lambda name: st.tuples(st.just(name), wrapped_copies(REAL_TEXTS[name]))))
def test_wrapped_copies_of_real_pages_read_as_the_pages(case: tuple[str, str]) -> None:
    name, copy = case
    text = REAL_TEXTS[name]
    assert parse_dump(copy, strict=False).articles == parse_dump(text, strict=False).articles
    assert set(extra_problems(copy, text)) <= {"wrapped-line"}


@given(st.data())
def test_a_wrapped_copy_reads_alike_in_pieces(data: st.DataObject) -> None:
    # How the records before were wrapped decides a record with one break: what the
    # machine remembers of them must not depend on where the pieces end.
    name = data.draw(st.sampled_from(FULL))
    copy = data.draw(wrapped_copies(REAL_TEXTS[name]))
    sizes = data.draw(st.lists(st.integers(1, 3000), min_size=1, max_size=3))
    found: list[object] = []
    streamed = list(iter_articles(Pieces(copy, sizes), strict=False, on_problem=found.append))
    whole = parse_dump(copy, strict=False)
    assert streamed == list(whole.articles) and found == list(whole.problems)


@given(st.data())
def test_a_wrapped_copy_with_a_line_doubled_a_blank_line_lost_or_cut_off_invents_no_record(
    data: st.DataObject,
) -> None:
    # A record read from a damaged wrapped copy is one of the page's: the damage is not
    # read as more of a field (a doubled line, a blank line lost). Not so for a line lost
    # inside a wrapped field: the shorter field left looks whole.
    name = data.draw(st.sampled_from(FULL))
    copy = data.draw(wrapped_copies(REAL_TEXTS[name]))
    lines = copy.split("\n")
    mutation = data.draw(
        mutations(copy).filter(
            lambda m: m.kind in ("duplicate", "truncate") or (m.kind == "delete" and not lines[m.line])
        )
    )
    damaged = mutation.apply(copy)
    clean = Counter(map(record_key, parse_dump(REAL_TEXTS[name], strict=False).articles))
    invented = Counter(map(record_key, parse_dump(damaged, strict=False).articles)) - clean
    assert not invented, (mutation, list(invented))


@pytest.mark.parametrize("space", [" ", "\t"], ids=["space", "tab"])
@pytest.mark.parametrize("name", FULL)
def test_a_line_doubled_in_a_wrapped_copy_with_whitespace_after_it_reads_as_one_doubled(
    name: str, space: str
) -> None:
    # Whitespace after a line doubled makes it no other line: read as more of its field
    # (a tag line ``ContextClassLoaderJavaSPI`` twice, one word), it changed the record.
    lines = wrapped(REAL_TEXTS[name], 60).split("\n")
    for k in (k for k in range(min(40, len(lines))) if lines[k].strip()):
        doubled = [*lines[: k + 1], lines[k], *lines[k + 1 :]]
        padded = [*lines[: k + 1], lines[k] + space, *lines[k + 1 :]]
        dump = parse_dump("\n".join(padded), strict=False)
        assert dump.articles == parse_dump("\n".join(doubled), strict=False).articles, lines[k]
        assert format_dump(dump) == "\n".join(padded)


@given(st.data())
def test_damaged_wrapped_copies_are_written_back_as_they_are(data: st.DataObject) -> None:
    copy = data.draw(wrapped_copies(REAL_TEXTS[data.draw(st.sampled_from(FULL))]))
    check_both_modes(data.draw(mutated(copy)))


@pytest.mark.parametrize("width", [60, 80])
@pytest.mark.parametrize("name", COMPACT)
def test_a_wrapped_compact_record_is_kept_as_text(name: str, width: int) -> None:
    # A compact record has no blank line after its title: where the title ends and
    # the summary starts does not show, and no record is made up.
    copy = wrapped(REAL_TEXTS[name], width)
    dump = parse_dump(copy, strict=False)
    assert dump.articles == () and format_dump(dump) == copy


@pytest.mark.parametrize("avatar", ["", "avatar\n"], ids=["without-text", "with-text"])
@pytest.mark.parametrize("width", [60, 80])
def test_a_wrapped_copy_of_a_site_whose_avatars_are_not_names_invents_no_record(
    avatar: str, width: int
) -> None:
    # An avatar in the repeated author line's place is told by counting the lines to
    # the next record, which wrapping changes: the end of a title again was read as the
    # next record's author. Such records are kept as text.
    text = REAL_TEXTS["backend-architecture-page8.txt"]
    copy = wrapped(re.sub(r"(?m)^(.+)\n\1\n(?=\w{3} \d{1,2}, \d{4} · )", rf"\1\n{avatar}", text), width)
    dump = parse_dump(copy, strict=False)
    assert set(dump.articles) <= set(parse_dump(text, strict=False).articles)
    assert format_dump(dump) == copy


def test_a_record_with_one_break_reads_where_the_records_before_were_wrapped() -> None:
    # A summary that takes two lines and a title that takes one: one break. The first
    # such record of a copy is no evidence; after a record wrapped at that width, it is.
    text = REAL_TEXTS["backend-architecture-page8.txt"]
    copy = wrapped(text, 200)
    dump = parse_dump(copy, strict=False)
    clean = parse_dump(text, strict=False).articles
    assert dump.articles[0] != clean[0] and set(dump.articles) <= set(clean)  # the first is kept as text
    assert len(dump.articles) > 0.7 * len(clean)
    assert format_dump(dump) == copy


# ---------------------------------------------------------------------------- made-up records

AUTHOR, DATE_LINE, STATS = "Amap Tech", "Aug 27, 2019 · Backend Development", "0 likes · 11 min read"
TITLE = "GraphQL Gateway Orchestration for Multi-Endpoint Enterprise Online Services in Practice"
SUMMARY = (
    "The article describes how Gaode refactored its multi-endpoint car-networking services by replacing "
    "duplicated REST APIs with atomic GraphQL-driven services orchestrated through an API gateway, using a "
    "lightweight DSL and plugins to handle non-business concerns."
)
TAGS = "Backend ArchitectureDSLService Orchestration"


def record(title: str = TITLE, summary: str = SUMMARY, tags: str = TAGS, author: str = AUTHOR) -> list[str]:
    return [author, author, DATE_LINE, "", title, "", summary, "", tags, STATS, title]


def expected(title: str = TITLE, summary: str = SUMMARY, tags: str = TAGS, author: str = AUTHOR) -> Article:
    return parse_dump("\n".join(record(title, summary, tags, author)) + "\n").articles[0]


def test_a_field_cut_where_lines_are_full_is_joined_without_spaces() -> None:
    # fold without -s: lines cut where they reach 40 characters, inside words or at a
    # space (which stays, and shows a tool that keeps what it cuts).
    copy = cut_at("\n".join(record()) + "\n", 40)
    assert any(line.endswith(" ") or line.startswith(" ") for line in copy.split("\n"))
    dump = parse_dump(copy, strict=False)
    assert dump.articles == (expected(),)
    assert {p.code for p in dump.problems} == {"wrapped-line"}


def test_enough_full_lines_tell_a_tool_that_cuts_words() -> None:
    # Four lines cut at 36 characters, each inside a word: a tool that breaks lines at
    # spaces fills four lines to the last character hardly ever.
    summary = (
        "Gaode refactored multiendpoint carnetworking services by replacing duplicated RESTAPIs "
        "withatomic GraphQL services"
    )
    copy = cut_at("\n".join(record(summary=summary)) + "\n", 36)
    broken = [line for line in copy.split("\n") if len(line) == 36]
    assert len(broken) >= 4 and not any(line.endswith(" ") for line in broken)
    assert parse_dump(copy, strict=False).articles == (expected(summary=summary),)


def test_too_few_full_lines_cut_inside_words_tell_no_tool() -> None:
    # Two lines of the width, each cut inside a word and not after a comma: a tool that
    # breaks lines at spaces fills a line to the last character too, and which one it
    # was does not show. The record is kept as text.
    title = "Orchestrating the GraphQL Gateways of Gaode"  # cut at 36 inside "of"
    summary = "The article describes how Gaode rebuilt its services."  # inside "rebuilt"
    copy = cut_at("\n".join(record(title, summary, "DSLService Orchestration")) + "\n", 36)
    assert copy.count("\n") == len(record()) + 3  # the title, the summary and the title again broken once
    dump = parse_dump(copy, strict=False)
    assert dump.articles == () and format_dump(dump) == copy


def test_a_cut_at_a_no_break_space_keeps_it() -> None:
    title = "GraphQL Gateway Orchestration in the\u202fEnterprise: Practice and Lessons"
    copy = cut_at("\n".join(record(title)) + "\n", 36)
    assert "\n\u202fEnterprise" in copy
    assert parse_dump(copy, strict=False).articles == (expected(title),)


def test_a_word_longer_than_a_line_is_joined_where_it_was_cut() -> None:
    tags = "bloom-filtercache-avalanchecache-breakdown"
    copy = wrapped("\n".join(record(tags=tags)), 36, break_on_hyphens=False)
    assert tags not in copy
    assert parse_dump(copy, strict=False).articles == (expected(tags=tags),)


def test_a_word_broken_after_its_hyphen_is_joined_without_a_space() -> None:
    copy = wrapped("\n".join(record()), 45)
    assert "Multi-\nEndpoint" in copy
    assert parse_dump(copy, strict=False).articles == (expected(),)


def test_chinese_text_cut_where_it_reached_the_width_is_joined_without_spaces() -> None:
    title = "高德地图基于网关编排的多端企业在线服务实践与改进总结与思考以及未来展望的探索"
    summary = (
        "本文介绍了高德如何重构其多端车联网服务，用原子化的服务替代重复的接口，并通过网关进行编排，使用轻量级插件处理非业务问题。"
        * 2
    )
    copy = wrapped("\n".join(record(title, summary)), 36)
    assert title not in copy
    assert parse_dump(copy, strict=False).articles == (expected(title, summary),)


SHORT_SUMMARY = "Gaode replaced duplicated REST APIs with atomic GraphQL services behind an API gateway."


@pytest.mark.parametrize(
    ("extra", "summary"),
    [
        ({7: "Read more"}, SUMMARY),  # after the summary: one break is no evidence
        ({5: "Share this page", 7: "Read more"}, SHORT_SUMMARY),  # the title's break not made again
        ({7: "Read more", 9: "Share"}, SUMMARY),  # lines far short of the longest
    ],
    ids=["after-the-summary", "after-the-title-and-summary", "after-the-summary-and-tags"],
)
def test_site_text_after_a_field_is_not_read_as_its_rest(extra: dict[int, str], summary: str) -> None:
    lines = record(summary=summary)
    for at in sorted(extra, reverse=True):
        lines.insert(at, extra[at])
    text = "\n".join([*lines, *record()]) + "\n"
    dump = parse_dump(text, strict=False)
    assert dump.articles == (expected(),)  # the second record; the first is kept as text
    assert dump.problems[0].code == "expected-blank"


def test_a_wrapped_title_again_cut_off_by_the_end_of_the_text_is_read() -> None:
    copy = wrapped("\n".join(record()), 50)
    cut = copy[: copy.rindex("\n") + 8]  # seven characters of the title again's last line
    dump = parse_dump(cut, strict=False)
    assert dump.articles == (expected(),)
    assert [p.code for p in dump.problems][-1] == "truncated-record"
    assert format_dump(dump) == cut


def test_a_lone_surrogate_in_a_wrapped_line_is_counted_without_an_error() -> None:
    # A str may hold one; the width in bytes, as fold counts it, is taken of every line.
    summary = SUMMARY.replace("Gaode", "Gaode\ud800")
    copy = cut_at("\n".join(record(summary=summary)) + "\n", 40)
    assert parse_dump(copy, strict=False).articles == (expected(summary=summary),)


def test_how_a_break_is_joined() -> None:
    words = Wrapping(width=20)
    assert words.join(["GraphQL Gateway", "Orchestration"]) == "GraphQL Gateway Orchestration"
    assert words.join(["GraphQL Gateway ", "Orchestration "]) == "GraphQL Gateway Orchestration"  # fold -s
    assert words.join(["Multi-", "Endpoint"]) == "Multi-Endpoint"
    assert words.join(["a pre-", "and post-"]) == "a pre-and post-"  # as textwrap breaks: nothing tells

    assert words.join(["bloom-filtercachecac", "he-breakdown"]) == "bloom-filtercachecache-breakdown"
    assert words.join(["高德地图", "多端服务"]) == "高德地图多端服务"
    assert words.join(["Nginx", "\u202fRedis"]) == "Nginx\u202fRedis"
    assert Wrapping(width=20, cuts_words=True).join(["Orchestrat", "ion Gateway"]) == "Orchestration Gateway"


@pytest.mark.parametrize(
    ("lines", "breaks", "before", "wrapping"),
    [
        (["a" * 70, "b" * 10], [0], None, None),  # one break, nothing before
        (["a" * 70, "b" * 10], [0], Wrapping(72), Wrapping(72)),  # as before, and "b…" would not have fit
        (["a" * 50, "b" * 10], [0], Wrapping(72), None),  # it would have
        (["x " * 15, "bb", "x " * 15, "bb", "z" * 80], [0, 2], None, None),  # lines far short of the longest
        (["x" * 69 + ".", "bb", "y" * 65, "cc"], [0, 2], None, Wrapping(70)),
        (["x" * 70, "bb", "y" * 70, "cc"], [0, 2], None, None),  # both full: a tool that cuts words, or not
        (["x" * 70, "bb", "y" * 70, "cc"], [0, 2], Wrapping(70), Wrapping(70)),  # the records before tell
        (["x" * 69 + " ", "bb", "y" * 70, "cc"], [0, 2], None, Wrapping(70, cuts_words=True)),
    ],
)
def test_which_breaks_look_like_a_wrapping_tool_s(
    lines: list[str], breaks: list[int], before: Wrapping | None, wrapping: Wrapping | None
) -> None:
    assert Wrapping.of(lines, breaks, before) == wrapping
