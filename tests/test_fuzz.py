"""A mutation fuzzer over the real dumps, built on Hypothesis.

Run long: ``HYPOTHESIS_PROFILE=fuzz python -m pytest tests/test_fuzz.py`` (100,000 examples each).
"""

from __future__ import annotations

import faulthandler
from collections import Counter
from collections.abc import Callable
from unittest import mock

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from feedparse_txt import (
    Dump,
    ParseError,
    Problem,
    format_dump,
    iter_articles,
    iter_normalized,
    normalize,
    parse_dump,
    parsing,
)
from feedparse_txt.compressed import MAGIC_SIZE, unpacked_compression
from feedparse_txt.machine import Machine
from feedparse_txt.strategies import messy_copies, mutated, mutations, pasted_pages

from .conftest import REAL_TEXTS, Pieces, assert_in_parts, check_both_modes, record_key

NAMES = sorted(REAL_TEXTS)


def record_spans(dump: Dump) -> list[tuple[int, int]]:
    """The 0-based line range [first, end) of each article of a parsed dump."""
    return [(first - 1, last) for first, last in dump.record_lines()]


@pytest.mark.parametrize("name", NAMES)
def test_record_spans_cover_the_file(name: str) -> None:
    text = REAL_TEXTS[name]
    dump = parse_dump(text, strict=False)
    spans = record_spans(dump)
    assert len(spans) == len(dump.articles)
    lines = text.split("\n")
    for (start, _stop), article in zip(spans, dump.articles, strict=True):
        assert lines[start] == article.author
    assert all(
        stop - start in (6, 11) or article is dump.articles[-1]
        for (start, stop), article in zip(spans, dump.articles, strict=True)
    )


@given(st.data())
def test_single_damage_keeps_every_untouched_record(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(NAMES))
    text = REAL_TEXTS[name]
    clean = parse_dump(text, strict=False)
    mutation = data.draw(mutations(text))
    damaged = mutation.apply(text)
    dump = check_both_modes(damaged)
    start, stop = mutation.touched()
    untouched = [
        record_key(article)
        for article, (first, end) in zip(clean.articles, record_spans(clean), strict=True)
        if stop <= first or start >= end or (start == stop and start in (first, end))
    ]
    missing = Counter(untouched) - Counter(record_key(a) for a in dump.articles)
    assert not missing, (mutation, list(missing))


@given(st.data())
def test_a_line_lost_doubled_or_cut_off_invents_no_record(data: st.DataObject) -> None:
    # A record read from damaged text is one of the clean text's records. Not so for
    # a swap or an inserted line (a compact record's title and summary swapped, or a
    # line put between its author and date lines, read as the format says), nor for
    # two damages (a title deleted and the date line doubled make a compact record
    # whose title is its date line).
    text = REAL_TEXTS[data.draw(st.sampled_from(NAMES))]
    clean = Counter(record_key(article) for article in parse_dump(text, strict=False).articles)
    mutation = data.draw(mutations(text).filter(lambda m: m.kind in ("delete", "duplicate", "truncate")))
    damaged = mutation.apply(text)
    invented = Counter(record_key(a) for a in parse_dump(damaged, strict=False).articles) - clean
    assert not invented, (mutation, list(invented))


@given(st.data())
def test_several_damages_never_break_the_identity(data: st.DataObject) -> None:
    text = REAL_TEXTS[data.draw(st.sampled_from(NAMES))]
    crlf = data.draw(st.booleans())
    damaged = data.draw(mutated(text.replace("\n", "\r\n") if crlf else text, max_mutations=4))
    check_both_modes(damaged)


@pytest.mark.parametrize("run_into", ["Java Tech Workshop\nMay 6, 20", "0\nCacheCache PatternsMySQL"])
def test_a_record_cut_off_run_into_a_stats_line_is_kept_from_where_it_starts(run_into: str) -> None:
    # A compact page cut off in its date line, run into the stats line of the page
    # before: its text is kept from the column where it starts in the line read as
    # two. The second was found by the test above (the stats line `… min read0`,
    # then one line more); the check of kept text took it for text kept from the
    # line's start.
    stats = "0 likes · 10 min read"
    record = "Wukong Talks Architecture\nSep 12, 2021 · Backend Development\nTitle\nSummary\nCacheMySQL\n"
    dump = check_both_modes(record + stats + run_into)
    assert len(dump.articles) == 1 and dump.kept_text() == ((6, run_into),)
    first = dump.problems[0]
    assert (first.line, first.column, first.code) == (6, len(stats) + 1, "joined-lines")


@pytest.mark.parametrize(
    "unit",
    [
        "Amap Tech\n\nAug 27, 2019 · Backend\n\n",
        "Amap Tech\n\nAug 27, 2019 · Backend\n\nT\n\nS\n\nD\n\n0 likes · 1 min read\n\n",
        "Amap Tech\nAug 27, 2019 · Backend\n\nT\n\nS\n\nD\n\n0 likes · 1 min read\n\n",
    ],
)
def test_record_starts_set_apart_by_blank_lines_do_not_nest(unit: str) -> None:
    # Weighing a compact record set apart by blank lines looks for the record after
    # it, which is weighed in turn: once nested without end (RecursionError, lenient).
    text = unit * 3000
    assert check_both_modes(text).document.entries


@given(st.text())
def test_arbitrary_text(text: str) -> None:
    check_both_modes(text)


@given(st.binary())
@example(b"\xff\xfeA\x00\n\x00")  # UTF-16-LE by its byte order mark
@example(b"\xff\xfe\x00\x00\n\x00\x00\x00")  # UTF-32-LE, or UTF-16-LE starting with U+0000
@example(b"\xfe\xff\xd8\x00")  # UTF-16-BE with a lone surrogate
@example(b"\x1f\x8b")  # gzip's magic number, and no more
def test_arbitrary_bytes(data: bytes) -> None:
    dump = parse_dump(data, strict=False)
    text = format_dump(dump)
    # UTF-8, or UTF-16/32 after their byte order mark: the bytes back, or a U+FFFD for a bad one
    # (compressed bytes read as the text they hold: see test_compressed.py)
    assert dump.encoding is not None
    packed = unpacked_compression(data[:MAGIC_SIZE]) is not None
    assert packed or text.encode(dump.encoding, errors="surrogatepass") == data or "\ufffd" in text
    for problem in dump.problems:
        assert_in_parts(problem)
    try:
        parse_dump(data)
    except ParseError as error:
        assert_in_parts(error.problem)


def _outcome(read: Callable[..., object], *args: object, **kwargs: object) -> object:
    """What ``read(...)`` returns, or the strict error it raises as (code, line, column)."""
    faulthandler.dump_traceback_later(60, exit=True)  # a regression here hangs rather than fails
    try:
        return read(*args, **kwargs)
    except ParseError as error:
        return (error.code, error.line, error.column)
    finally:
        faulthandler.cancel_dump_traceback_later()


def test_a_record_longer_than_the_lookahead_reads_alike_in_pieces() -> None:
    # Found by the property below: five doubled lines make a full record 16 lines
    # long, more than the parser looks ahead; read in pieces, the lines in hand ended
    # inside it, and it was taken for a record cut off at the end of the text.
    text = REAL_TEXTS["www_tags_database-auto-increment.txt"]
    lines = text.split("\n")
    doubled = [line for k, line in enumerate(lines) for _ in range(2 if k in (2, 4, 6, 8, 9) else 1)]
    damaged = "\n".join(doubled)
    whole = parse_dump(damaged, strict=False)
    assert whole.articles == parse_dump(text, strict=False).articles
    found: list[Problem] = []
    assert list(iter_articles(Pieces(damaged, [1]), strict=False, on_problem=found.append)) == list(whole)
    assert found == list(whole.problems) and len(found) == 5


@pytest.mark.parametrize("before_title", [["Tagged articles"], ["Tagged articles", ""]])
def test_a_record_set_apart_by_blank_lines_reads_alike_in_pieces(before_title: list[str]) -> None:
    # Found by the property below: three blank lines before the stats make the last
    # record 14 lines long; read in pieces, the lines in hand ended after its stats,
    # and the line after them (where its title again belongs) was read without the
    # lines that show a header starting there.
    lines = REAL_TEXTS["www_tags_database-auto-increment.txt"].split("\n")
    lines[-1:-1] = before_title
    lines[23:23] = ["", "", ""]
    damaged = "\n".join(lines)
    whole = parse_dump(damaged, strict=False)
    found: list[Problem] = []
    assert list(iter_articles(Pieces(damaged, [1, 3]), strict=False, on_problem=found.append)) == list(whole)
    assert found == list(whole.problems)
    assert [p.code for p in found][:4] == ["extra-blank-line"] * 3 + ["missing-line"]


@given(st.data())
def test_reading_in_pieces_changes_nothing(data: st.DataObject) -> None:
    text = REAL_TEXTS[data.draw(st.sampled_from(NAMES))]
    crlf = data.draw(st.booleans())
    damaged = data.draw(mutated(text.replace("\n", "\r\n") if crlf else text, max_mutations=4))
    if data.draw(st.booleans()):  # unusable lines, as many as a whole record and more
        junk = data.draw(st.lists(st.sampled_from(["", "junk", " ", "·"]), min_size=1, max_size=40))
        lines = damaged.split("\n")
        at = data.draw(st.integers(0, len(lines)))
        damaged = "\n".join([*lines[:at], *junk, *lines[at:]])
    if data.draw(st.booleans()):  # separators lost over a stretch: text no record reads, maybe long
        lines = damaged.split("\n")
        start = data.draw(st.integers(0, len(lines)))
        stop = data.draw(st.integers(start, len(lines)))
        lost = (line.replace("·", "?") for line in lines[start:stop])
        damaged = "\n".join([*lines[:start], *lost, *lines[stop:]])
    sizes = data.draw(st.lists(st.integers(1, 2000), min_size=1, max_size=5))
    for strict in (False, True):
        found: list[Problem] = []
        pieces = Pieces(damaged, sizes)
        streamed = _outcome(list, iter_articles(pieces, strict=strict, on_problem=found.append))
        whole = _outcome(parse_dump, damaged, strict=strict)
        if isinstance(whole, Dump):
            assert streamed == list(whole.articles)
            assert found == list(whole.problems)  # the same problems, in the same order
            located = _outcome(list, parsing.iter_located_articles(Pieces(damaged, sizes), strict=strict))
            firsts = [first for first, _ in whole.record_lines()]
            assert located == list(zip(firsts, whole.articles, strict=True))
        else:
            assert streamed == whole
        # Written as it is read, the canonical form is the same; strict, it stops where parsing stops.
        normalized = _outcome("".join, iter_normalized(Pieces(damaged, sizes), strict=strict))
        assert normalized == (normalize(damaged) if isinstance(whole, Dump) or not strict else whole)
    with mock.patch.object(parsing, "_BLOCK", sizes[0]):  # progress= feeds the text in blocks of this size
        in_blocks = _outcome(parse_dump, damaged, strict=False, progress=lambda done, total: None)
    assert in_blocks == parse_dump(damaged, strict=False)


# Beyond a messy copy: invisible characters around a line, alone or beside whitespace,
# which a lenient reader strips from lines of fixed shape and keeps in free text (but a
# byte order mark at its start).
_INVISIBLE = st.sampled_from(["\u200b", " \u200b", "\u200b ", "\u2060", "\u2060 ", "\ufeff", " \ufeff", ""])


@given(st.data())
def test_whitespace_around_lines_reads_alike_on_the_quick_path(data: st.DataObject) -> None:
    # A record whose lines have whitespace around them is read by the record pattern,
    # tidied (Machine._read_padded); line by line, the role readers read it the same.
    text = REAL_TEXTS[data.draw(st.sampled_from(NAMES))]
    if data.draw(st.booleans()):
        text = data.draw(mutated(text, max_mutations=2))
    lines = text.split("\n")
    around = st.tuples(_INVISIBLE, _INVISIBLE)
    for k, (before, after) in data.draw(
        st.dictionaries(st.integers(0, len(lines) - 1), around, max_size=10)
    ).items():
        lines[k] = before + lines[k] + after
    messy = data.draw(messy_copies("\n".join(lines)))
    quick = parse_dump(messy, strict=False)
    with mock.patch.object(Machine, "_read_padded", return_value=None):
        slow = parse_dump(messy, strict=False)
    assert quick == slow
    assert quick.document == slow.document and quick.record_lines() == slow.record_lines()
    assert format_dump(quick) == messy
    found: list[Problem] = []
    sizes = data.draw(st.lists(st.integers(1, 2000), min_size=1, max_size=3))
    assert list(iter_articles(Pieces(messy, sizes), strict=False, on_problem=found.append)) == list(quick)
    assert found == list(quick.problems)


# Untidy copies the quick path reads whole: every record whose only faults are these.
_UNTIDY_COPIES: dict[str, Callable[[str], str]] = {
    "a space after every line": lambda text: text.replace("\n", " \n"),
    "a tab before every line": lambda text: "\n".join("\t" + line for line in text.split("\n")),
    "no-break spaces around every ' · '": lambda text: text.replace(" · ", "\u00a0·\u00a0"),
    "both": lambda text: text.replace(" · ", "\u00a0· ").replace("\n", "\u3000\n"),
}


@pytest.mark.parametrize("copy", list(_UNTIDY_COPIES))
@pytest.mark.parametrize("name", NAMES)
def test_untidy_copies_of_real_pages_take_the_quick_path(name: str, copy: str) -> None:
    # Measured by bench/run.py (its messy copies); here: no record of such a copy is read
    # role by role unless the clean page reads it so, and both paths read it alike.
    text = REAL_TEXTS[name]
    untidy = _UNTIDY_COPIES[copy](text)
    assert untidy != text

    def read_role_by_role(source: str) -> tuple[Dump, int]:
        with mock.patch.object(Machine, "_read", autospec=True, side_effect=Machine._read) as read:
            dump = parse_dump(source, strict=False)
        return dump, read.call_count

    clean, clean_calls = read_role_by_role(text)
    quick, calls = read_role_by_role(untidy)
    # an untidy page header is read role by role (a clean one on its own pattern)
    assert clean_calls <= calls <= clean_calls + len(clean.headers)
    assert quick.articles == clean.articles
    assert len(quick.problems) > len(clean.problems)
    with mock.patch.object(Machine, "_read_padded", return_value=None):
        slow = parse_dump(untidy, strict=False)
    assert quick == slow


def _without_header_path(self: Machine, text: str, pos: int) -> int:
    return pos  # as if no canonical header stood at pos: the role readers read it


@given(st.data())
def test_page_headers_read_alike_on_the_header_path(data: st.DataObject) -> None:
    # A canonical page header that a canonical record follows is read by its pattern
    # (Machine._read_header); role by role, the role readers read it the same.
    pages = [data.draw(mutated(REAL_TEXTS[name], max_mutations=2)) for name in NAMES]
    text, _ = data.draw(pasted_pages(pages, min_size=1))
    if data.draw(st.booleans()):
        text = data.draw(messy_copies(text))
    sizes = data.draw(st.lists(st.integers(1, 2000), min_size=1, max_size=3))
    for strict in (False, True):
        fast = _outcome(parse_dump, text, strict=strict)
        found: list[Problem] = []
        streamed = _outcome(list, iter_articles(Pieces(text, sizes), strict=strict, on_problem=found.append))
        with mock.patch.object(Machine, "_read_header", _without_header_path):
            slow = _outcome(parse_dump, text, strict=strict)
            slow_found: list[Problem] = []
            slow_streamed = _outcome(
                list, iter_articles(Pieces(text, sizes), strict=strict, on_problem=slow_found.append)
            )
        assert fast == slow and streamed == slow_streamed and found == slow_found
        if isinstance(fast, Dump) and isinstance(slow, Dump):
            assert fast.document == slow.document and fast.record_lines() == slow.record_lines()
            assert fast.headers == slow.headers and format_dump(fast) == text


@pytest.mark.parametrize("name", NAMES)
def test_pasted_real_pages_read_their_headers_on_the_header_path(name: str) -> None:
    # Every page copied starts with a header: a corpus of short pages has one every few
    # records. Where a canonical record follows it, no role reader reads it.
    page = REAL_TEXTS[name]
    text = page.rstrip("\n") + "\n" + page

    def role_by_role(source: str) -> tuple[Dump, int]:
        with mock.patch.object(Machine, "_read", autospec=True, side_effect=Machine._read) as read:
            dump = parse_dump(source, strict=False)
        return dump, read.call_count

    headers = parse_dump(page, strict=False).headers * 2
    dump, calls = role_by_role(text)
    with mock.patch.object(Machine, "_read_header", _without_header_path):
        slow, slow_calls = role_by_role(text)
    assert dump == slow and dump.headers == slow.headers == headers
    assert slow_calls - calls == len(headers)
