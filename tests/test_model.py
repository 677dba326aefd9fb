"""The records: construction, lazy tags, equality, hashing, pickling, evolve."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

from feedparse_txt import Article, Dump, Header, HeaderStyle, KnownTags, format_dump, parse_dump

from .conftest import DATA, read

FIELDS = dict(
    author="Amap Tech",
    published=dt.date(2019, 8, 27),
    category="Backend Development",
    title="GraphQL Gateway",
    summary="How Gaode refactored.",
    tags=("Backend Architecture", "DSL", "Service Orchestration"),
    likes=0,
    read_minutes=11,
)


def article(**changes: object) -> Article:
    return Article(**{**FIELDS, **changes})  # type: ignore[arg-type]


def test_constructed_article_exposes_its_fields() -> None:
    a = article()
    assert attrs.fields_dict(Article).keys() == FIELDS.keys()
    for name, value in FIELDS.items():
        assert getattr(a, name) == value


def test_attrs_helpers_see_the_public_fields_only() -> None:
    # A parsed article also keeps its tag line and known tags: private slots, not fields.
    a = parse_dump(DATA / "tags_bootmem.txt").articles[0]
    assert a._known_tags == KnownTags(page_tag="Bootmem")
    assert attrs.asdict(a) == {name: getattr(a, name) for name in FIELDS}
    assert attrs.astuple(a) == tuple(attrs.asdict(a).values())
    assert "_tag_line" not in repr(a)


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"author": ""}, ValueError),
        ({"title": "two\nlines"}, ValueError),
        ({"summary": " padded"}, ValueError),
        ({"author": "\ufeffAmap"}, ValueError),
        ({"category": 3}, TypeError),
        ({"published": dt.datetime(2019, 8, 27)}, TypeError),
        ({"published": "Aug 27, 2019"}, TypeError),
        ({"tags": ()}, ValueError),
        ({"tags": "DSL"}, TypeError),
        ({"tags": None}, TypeError),
        ({"tags": ("", "DSL")}, ValueError),
        ({"tags": (" DSL",)}, ValueError),
        ({"likes": -1}, ValueError),
        ({"likes": 10**18}, ValueError),  # 19 digits: it would not read back as a count
        ({"likes": True}, TypeError),
        ({"read_minutes": 1.5}, TypeError),
    ],
)
def test_invalid_articles_are_refused(changes: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        article(**changes)


def test_article_is_frozen_and_slotted() -> None:
    a = article()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        a.title = "x"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        a._tag_line = "x"  # type: ignore[misc]
    assert not hasattr(a, "__dict__")


def parsed() -> tuple[Article, Article]:
    """The same record parsed twice: two equal articles, tags not yet split."""
    text = read(DATA / "www_tags_cglib-proxy.txt")
    return parse_dump(text).articles[0], parse_dump(text).articles[0]


def test_equality_and_hash_do_not_depend_on_reading_tags() -> None:
    a, b = parsed()
    assert a == b and hash(a) == hash(b)
    assert a.tags == ("CGLIB Proxy", "JDK Dynamic Proxy", "Java")  # splits a, not b
    assert a == b and b == a and hash(a) == hash(b)
    same = attrs.evolve(a)
    assert same == a


def test_equality_compares_the_split_tags() -> None:
    a, _ = parsed()
    joined = "".join(a.tags)
    other_split = attrs.evolve(a, tags=(joined[:4], joined[4:]))
    assert other_split != a
    assert hash(other_split) == hash(a)  # same tag line: allowed to collide
    assert attrs.evolve(a, tags=a.tags) == a


@pytest.mark.parametrize("read_tags", [False, True])
def test_pickle_round_trip(read_tags: bool) -> None:
    a, b = parsed()
    if read_tags:
        assert a.tags
    copy = pickle.loads(pickle.dumps(a))
    assert copy == a == b and hash(copy) == hash(b)
    assert copy.tags == b.tags


def test_ordering() -> None:
    early, late = article(published=dt.date(2019, 1, 1)), article()
    assert sorted([late, early]) == [early, late]
    assert early < late and late > early and early <= early


def test_evolve_checks_the_new_values() -> None:
    with pytest.raises(ValueError):
        attrs.evolve(article(), title="")


def test_dump_iterates_and_indexes_its_articles() -> None:
    dump = parse_dump(DATA / "backend-architecture-page8.txt")
    assert list(dump) == list(dump.articles) and len(dump) == 86
    assert dump[0].title.startswith("GraphQL") and dump[-1] is dump.articles[85]
    assert dump[80:] == dump.articles[80:] and len(dump[80:]) == 6 and next(reversed(dump)) is dump[85]
    with pytest.raises(IndexError):
        dump[86]


def test_a_dump_repr_counts_its_articles_and_problems() -> None:
    # A REPL or notebook prints the repr: it must not hold every record.
    page = parse_dump(DATA / "backend-architecture-page8.txt")
    assert "articles=<86 articles>, problems=<0 problems>" in repr(page)
    assert repr(page.header) in repr(page) and len(repr(page)) < 300
    cut = parse_dump(DATA / "www_tags_cache-breakdown.txt", strict=False)
    assert "articles=<3 articles>, problems=<1 problem>, newline='\\n', final_newline=False" in repr(cut)
    assert repr(Dump(articles=[article()])).startswith("Dump(header=None, articles=<1 article>, ")


def test_pages_take_the_dump_s_own_header_first() -> None:
    # The first header is the dump's own: attrs.evolve may replace or remove it, and
    # format_dump writes the one the dump has.
    page = read(DATA / "www_tags_cglib-proxy.txt")  # no header
    views = read(DATA / "tags_bootmem.txt")
    pasted = parse_dump(views + "\n" + page + read(DATA / "backend-architecture-page8.txt"))
    first, second = pasted.headers
    assert [(h, len(a)) for h, a in pasted.pages()] == [(first, 2), (second, 86)]
    other = attrs.evolve(first, tag="Memory")
    for header in (other, None):
        changed = attrs.evolve(pasted, header=header)
        assert [(h, len(a)) for h, a in changed.pages()] == [(header, 2), (second, 86)]
        assert changed.pages() == parse_dump(format_dump(changed), strict=False).pages()
    headless = parse_dump(page)
    assert headless.pages() == ((None, headless.articles),)
    assert attrs.evolve(headless, header=first).pages() == ((first, headless.articles),)
    assert parse_dump("").pages() == () and Dump().pages() == ()


def test_several_pages_pasted_into_one_file() -> None:
    first = read(DATA / "backend-architecture-page8.txt") + "\n"
    second = read(DATA / "www_tags_idempotency.txt").rsplit("\nZhiKe AI\nZhi", 1)[0] + "\n"
    third = read(DATA / "tags_bootmem.txt")
    text = first + second + third
    dump = parse_dump(text)
    assert dump.problems == ()
    assert len(dump) == 86 + 3 + 1
    assert [h.style for h in dump.headers] == [HeaderStyle.LIST, HeaderStyle.NAMED, HeaderStyle.VIEWS]
    assert dump.header == dump.headers[0]
    assert format_dump(dump) == text
    # the page's tag helps split the tags of its own records
    assert dump.articles[-1].tags == ("Bootmem", "Buddy Allocator", "Memory Management")


def test_evolve_writes_changed_records_canonically_and_keeps_the_rest() -> None:
    text = read(DATA / "www_tags_database-auto-increment.txt")
    dump = parse_dump(text)
    first, second, third = dump.articles
    changed = attrs.evolve(second, likes=5)
    new = attrs.evolve(dump, articles=(first, changed, third))
    out = format_dump(new)
    assert out == text.replace("0 likes · 8 min read", "5 likes · 8 min read")
    assert parse_dump(out).articles == (first, changed, third)

    dropped = format_dump(attrs.evolve(dump, articles=(third, first)))
    assert parse_dump(dropped).articles == (third, first)
    assert not dropped.endswith("\n")  # the source had no final newline


@pytest.mark.parametrize("path", sorted(DATA.glob("*.txt")), ids=lambda p: p.name)
def test_a_dump_as_json_data_gives_its_bytes_back(path: Path) -> None:
    import json

    dump = parse_dump(path, strict=False)
    back = Dump.from_dict(json.loads(json.dumps(dump.to_dict())))
    assert (back.articles, back.headers, back.problems) == (dump.articles, dump.headers, dump.problems)
    assert back.encoding == "utf-8" and format_dump(back).encode("utf-8") == path.read_bytes()


def test_a_dumps_json_written_before_problems_had_their_parts_still_reads() -> None:
    dump = parse_dump(DATA / "www_tags_cache-breakdown.txt", strict=False)
    data = dump.to_dict()
    assert {"expected", "found"} <= set(data["problems"][0])
    for problem in data["problems"]:
        del problem["expected"], problem["found"]
    back = Dump.from_dict(data)
    assert [(p.code, p.message, p.expected, p.found) for p in back.problems] == [
        (p.code, p.message, "", "") for p in dump.problems
    ]
    assert format_dump(back) == format_dump(dump)


def test_evolve_keeps_the_header_in_front() -> None:
    path = DATA / "www_tags_conditional-annotations.txt"
    dump = parse_dump(path)
    replaced = attrs.evolve(dump.articles[0], title="A new title")
    out = format_dump(attrs.evolve(dump, articles=(replaced, *dump.articles[1:])))
    assert out.startswith("Tagged articles\n5 articles\nPage 1 of 1\nCoder Trainee\n")
    again = parse_dump(out)
    assert again.header == dump.header and again.articles[0].title == "A new title"
    assert format_dump(attrs.evolve(dump, header=None)).startswith("Coder Trainee\n")
    # A views header, its records taken away, in a file without a final newline: the
    # header's blank line was cut off with the newline, and it read as cut off.
    bootmem = parse_dump(DATA / "tags_bootmem.txt")
    alone = format_dump(attrs.evolve(bootmem, articles=()))
    assert not bootmem.final_newline and parse_dump(alone).headers == bootmem.headers
    # Without its header and with records changed too: it wrote a blank line first.
    unheaded = format_dump(attrs.evolve(dump, header=None, articles=(replaced, *dump.articles[1:])))
    assert unheaded.startswith("Coder Trainee\n") and parse_dump(unheaded).articles[0] == replaced


@pytest.mark.parametrize(
    "change",
    [
        lambda dump: attrs.evolve(dump, articles=[attrs.evolve(dump.articles[0], title="Slab\rAllocator")]),
        lambda dump: attrs.evolve(dump, articles=[attrs.evolve(dump.articles[0], tags=("Boot\rmem",))]),
        lambda dump: attrs.evolve(dump, header=attrs.evolve(dump.header, tag="Boot\rmem")),
    ],
    ids=["title", "tag", "header tag"],
)
def test_a_field_holding_a_cr_is_refused_only_where_a_cr_ends_lines(change: Callable[[Dump], Dump]) -> None:
    text = read(DATA / "tags_bootmem.txt")
    for newline in ("\n", "\r\n"):  # a lone CR inside a line is text there
        edited = change(parse_dump(text.replace("\n", newline)))
        again = parse_dump(format_dump(edited))
        assert again.articles == edited.articles and again.header == edited.header
    with pytest.raises(ValueError, match="lone CR: the CR in it would end the line"):
        format_dump(change(parse_dump(text.replace("\n", "\r"))))


def test_format_plain_articles() -> None:
    a = article()
    header = Header(style=HeaderStyle.NAMED, tag="DSL", article_count=1, page=1, page_count=1)
    text = format_dump([a], header=header)
    assert text == (
        "Tagged articles\n\nDSL\n\n1 articles · Page 1 of 1\n"
        "Amap Tech\nAmap Tech\nAug 27, 2019 · Backend Development\n\nGraphQL Gateway\n\n"
        "How Gaode refactored.\n\nBackend ArchitectureDSLService Orchestration\n"
        "0 likes · 11 min read\nGraphQL Gateway\n"
    )
    assert parse_dump(text).articles == (a,)
    assert format_dump(Dump(articles=(a,))) == format_dump([a])


def test_format_refuses_incomplete_headers_and_text() -> None:
    with pytest.raises(ValueError, match="needs tag"):
        format_dump([article()], header=Header(style=HeaderStyle.VIEWS, views=3))
    with pytest.raises(TypeError, match="not text"):
        format_dump("Amap Tech")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"not one Article: \[article\]"):  # was "not iterable"
        format_dump(article())


def test_dateutil_and_the_word_model_load_only_when_needed() -> None:
    # A fresh interpreter: parsing canonical dates needs no dateutil, and records
    # need no word model until their tags are read.
    code = (
        "import sys; from pathlib import Path; from feedparse_txt import parse_dump; "
        "dump = parse_dump(Path(sys.argv[1])); "
        "print('dateutil' in sys.modules, 'feedparse_txt.tags' in sys.modules); "
        "dump.articles[0].tags; print('feedparse_txt.tags' in sys.modules)"
    )
    src = str(Path(__file__).resolve().parent.parent / "src")
    found = subprocess.run(
        [sys.executable, "-c", code, str(DATA / "backend-architecture-page8.txt")],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": src},
    ).stdout.split()
    assert found == ["False", "False", "True"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        # One str was cut into one-letter tags: ('B', 'a', 'c', ...) written back as its line.
        ({"tags": "Backend Architecture | DSL"}, "tags must be a sequence of tags, not one str"),
        ({"tags": None}, "tags must be a sequence of tags, not NoneType"),
        ({"published": "2019-02-30"}, "published must be an ISO date (2019-08-27), found '2019-02-30'"),
        ({"published": "Aug 27, 2019"}, "published must be an ISO date (2019-08-27), found 'Aug 27, 2019'"),
        ({"published": 20190827}, "published must be an ISO date str (2019-08-27), not int"),
    ],
)
def test_from_dict_checks_every_field_as_given(changes: dict[str, object], message: str) -> None:
    real = parse_dump(DATA / "backend-architecture-page8.txt").articles[0]
    assert Article.from_dict(real.to_dict()) == real
    with pytest.raises((TypeError, ValueError)) as caught:
        Article.from_dict({**real.to_dict(), **changes})
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(
    ("fields", "error", "message"),
    [
        ({"style": "list", "article_count": -1, "page": 1, "page_count": 2}, ValueError, "article_count"),
        ({"style": "named", "tag": " idempotency"}, ValueError, "tag must not start or end with whitespace"),
        ({"style": "named", "tag": "redo\nlog"}, ValueError, "tag must be one line"),
        ({"style": "views", "tag": "Bootmem", "views": True}, TypeError, "views must be an int, not bool"),
        ({"style": "views", "tag": "Bootmem", "views": "1"}, TypeError, "views must be an int, not str"),
        ({"style": "list", "tag": "Cache", "article_count": 3}, ValueError, "a list header has no tag"),
        ({"style": "views", "tag": "Bootmem", "views": 1, "page": 2}, ValueError, "views header has no page"),
    ],
)
def test_invalid_headers_are_refused(fields: dict[str, object], error: type[Exception], message: str) -> None:
    # Each was written as text that reads back as another header, or as no header:
    # "-1 articles", a tag line cut in two, "True views ...", a tag no list header writes.
    with pytest.raises(error, match=message):
        Header(**fields)  # type: ignore[arg-type]


def test_every_real_header_is_a_valid_header_and_reads_back() -> None:
    dumps = [parse_dump(path, strict=False) for path in sorted(DATA.glob("*.txt"))]
    headers = [header for dump in dumps for header in dump.headers]
    assert {header.style for header in headers} == set(HeaderStyle)
    for header in headers:
        assert attrs.evolve(header) == header  # the checks pass on what the parser made
        page = parse_dump(format_dump([article()], header=header))
        assert page.header == header


@pytest.mark.parametrize("newline", ["x", "", "\n\n", None])
def test_a_dump_refuses_a_newline_that_is_no_line_ending(newline: object) -> None:
    # "x" was written between the lines ("TagxxBootmemxx..."); "" failed deep in format_dump.
    dump = parse_dump(DATA / "tags_bootmem.txt")
    for line_ending in ("\n", "\r\n", "\r"):
        assert format_dump(attrs.evolve(dump, newline=line_ending)).count(line_ending) >= 10
    with pytest.raises(ValueError, match=r"newline must be '\\n', '\\r\\n' or '\\r', not "):
        attrs.evolve(dump, newline=newline)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("field", "value", "error", "message"),
    [
        ("bom", "false", TypeError, "bom must be a bool, not str"),  # was written as a BOM
        ("final_newline", 0, TypeError, "final_newline must be a bool, not int"),
        ("header", "Bootmem", TypeError, "header must be a Header or None, not str"),
        ("problems", ("bad-date",), TypeError, "problems must be Problem records, not str"),
        ("encoding", 8, TypeError, "encoding must be a str or None, not int"),  # failed in the CLI's format
        ("encoding", "utf-9", ValueError, "encoding must name a text encoding: unknown encoding"),
        ("encoding", "rot13", ValueError, "encoding must name a text encoding: 'rot13' is not a text"),
    ],
)
def test_a_dump_refuses_a_field_of_another_kind(field: str, value: object, error: type, message: str) -> None:
    dump = parse_dump(DATA / "tags_bootmem.txt")
    valid = attrs.evolve(dump, bom=True, final_newline=True, header=None, problems=(), encoding="utf-16-le")
    assert (valid.bom, valid.final_newline, valid.header, valid.encoding) == (True, True, None, "utf-16-le")
    with pytest.raises(error, match=re.escape(message)):
        attrs.evolve(dump, **{field: value})  # type: ignore[arg-type]
