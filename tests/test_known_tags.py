"""Known tags: a site's tag list and a page's own tag, found in tag lines and used
by the split; passed to every parse entry point and the command line."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedparse_txt import (
    Dump,
    KnownTags,
    ParseError,
    format_dump,
    iter_articles,
    parse_dump,
    parse_files,
    split_tags,
)
from feedparse_txt.columns import iter_tag_lines, tag_lines_of
from feedparse_txt.tags import tag_readings

from .conftest import DATA, real_dumps
from .test_model import article
from .test_tags import ROWS, VOCABULARY, labelled_rows

PAGE8 = DATA / "backend-architecture-page8.txt"


def test_tags_are_kept_once_in_their_order() -> None:
    assert tuple(KnownTags(["Java", "SPI", "", "Java", "DSL"])) == ("Java", "SPI", "DSL")
    assert KnownTags(["Java\r", " SPI ", "  "]).tags == ("Java", "SPI")  # read from a CRLF file
    assert KnownTags().page_tag is None and not KnownTags()


def test_one_str_or_a_non_str_tag_is_refused() -> None:
    with pytest.raises(TypeError, match="not one str"):
        KnownTags("Java")
    with pytest.raises(TypeError, match="must be a str, not int"):
        KnownTags(["Java", 3])  # type: ignore[list-item]


TAG_TEXT = st.text(alphabet="aAbB-. ", min_size=1, max_size=4)


@given(
    st.lists(TAG_TEXT, max_size=60),
    st.text(alphabet="aAbB-. x", max_size=30),
    st.one_of(st.none(), TAG_TEXT),
)
def test_spans_are_every_occurrence_by_start(tags: list[str], line: str, page_tag: str | None) -> None:
    # Lists of up to 32 tags are searched with str.find, longer ones through the index.
    known = KnownTags(tags, page_tag=page_tag)
    spans = known.spans_in(line)
    every = {(i, i + len(tag)) for tag in known for i in range(len(line)) if line.startswith(tag, i)}
    assert sorted(spans) == sorted(every) and len(spans) == len(every)
    assert [start for start, _ in spans] == sorted(start for start, _ in spans)


def test_a_long_list_finds_its_tags_in_the_real_lines() -> None:
    known = KnownTags(VOCABULARY)  # far more tags than str.find is used for: the index
    for line, _ in ROWS:
        every = {(i, i + len(tag)) for tag in VOCABULARY for i in range(len(line)) if line.startswith(tag, i)}
        assert known.spans_in(line) == sorted(every)


def test_equal_by_tags_and_page_tag_hashed_alike() -> None:
    known = KnownTags(["Java", "SPI"])
    assert known == KnownTags(("Java", "SPI")) and hash(known) == hash(KnownTags(("Java", "SPI")))
    assert known != ("Java", "SPI")  # a plain tuple says nothing of a page tag
    assert known.with_page_tag("Java") != known  # the same tags, one of them the page's
    assert known.with_page_tag("Java").page_tag == "Java"


def test_a_page_tag_is_added_once_and_remembered() -> None:
    known = KnownTags(["Java"])
    with_page = known.with_page_tag("Bootmem")
    assert tuple(with_page) == ("Java", "Bootmem") and len(with_page) == 2
    assert tuple(known.with_page_tag("Java")) == ("Java",) and len(known.with_page_tag("Java")) == 1
    assert with_page.tags is known.tags  # the list is held once, whatever the pages
    assert known.with_page_tag("Bootmem") is with_page
    assert known.with_page_tag(None) is known
    with pytest.raises(ValueError, match="page tag already"):
        with_page.with_page_tag("Java")


def test_pickled_known_tags_work_and_are_shared() -> None:
    known = KnownTags(VOCABULARY).with_page_tag("Bootmem")
    other = KnownTags(VOCABULARY).with_page_tag("Cache")
    copies = pickle.loads(pickle.dumps([known, known, other]))
    assert copies[0] == known and copies[0].page_tag == "Bootmem"
    assert copies[0] is copies[1] and copies[2] == other
    assert copies[0].tags is copies[2].tags  # one list in this process, two page tags
    line = "Backend ArchitectureDSLService Orchestration"
    assert copies[0].spans_in(line) == known.spans_in(line)


# ---------------------------------------------------------------------------- the split


LINE_TEXT = st.text(alphabet="aAbB-. 1中", max_size=30)


@given(LINE_TEXT, st.lists(st.text(alphabet="aAbB-. 1中", max_size=5), max_size=12), st.booleans())
def test_any_known_tags_still_give_a_partition(line: str, tags: list[str], page: bool) -> None:
    known = KnownTags(tags[1:], page_tag=tags[0]) if page and tags else KnownTags(tags)
    assert "".join(split_tags(line, known_tags=known)) == line
    readings = tag_readings(line, known_tags=known)
    assert readings and all("".join(r.tags) == line for r in readings)
    assert [r.cost for r in readings] == sorted(r.cost for r in readings)


def test_known_tags_that_make_up_the_line_are_its_split() -> None:
    # Of the covers by known tags, the one of fewest tags: SwiftUI, not Swift|UI.
    known = KnownTags(["Swift", "UI", "SwiftUI", "iOS"])
    assert split_tags("SwiftUIiOS", known_tags=known) == ("SwiftUI", "iOS")
    assert split_tags("SwiftSwiftUIiOS", known_tags=known) == ("Swift", "SwiftUI", "iOS")
    assert len(tag_readings("SwiftUIiOS", known_tags=known)) == 1


def test_known_tags_end_to_end_out_of_order_are_not_the_split() -> None:
    # Tags of a line are distinct and sorted: Swift twice means one is part of a longer tag.
    known = KnownTags(["Swift", "UI", "iOS"])
    assert split_tags("SwiftSwiftUIiOS", known_tags=known) == ("Swift", "SwiftUI", "iOS")


@pytest.mark.parametrize(
    ("line", "listed", "expected"),
    [
        # A site's list may lack a tag that holds one of its tags (Go in Google Cloud).
        ("Google CloudKubernetesRedis", ["Go", "Redis"], ("Google Cloud", "Kubernetes", "Redis")),
        ("DDDdomain modelingmicroservices", ["domain model"], ("DDD", "domain modeling", "microservices")),
        # Where the word model's reading has the listed tags, it stands.
        ("Goobject poolsync.Pool", ["Go"], ("Go", "object pool", "sync.Pool")),
        (".NETC#LINQ", [".NET"], (".NET", "C#", "LINQ")),
    ],
)
def test_a_listed_tag_inside_a_longer_unlisted_one_is_not_cut_out(
    line: str, listed: list[str], expected: tuple[str, ...]
) -> None:
    assert split_tags(line) == expected
    assert split_tags(line, known_tags=listed) == expected


def test_a_listed_tag_the_word_model_misses_is_weighed() -> None:
    # seckill is no word of the word list; listed, it is read even with a tag not listed
    line = "inventoryseckillstockout"
    assert split_tags(line) == ("inventory", "seckillstockout")
    assert split_tags(line, known_tags=["seckill"]) == ("inventory", "seckill", "stockout")


def test_the_page_tag_is_a_tag_wherever_it_can_stand() -> None:
    line = "CacheCache PatternsMySQL"
    assert split_tags(line, known_tags=KnownTags(page_tag="Cache")) == ("Cache", "Cache Patterns", "MySQL")


@pytest.mark.parametrize(
    "tags",
    [
        ("inventory", "seckill", "stockout"),
        ("NetFlow", "sFlow", "traffic analysis"),  # two names glued, the second lowercase-led
        ("Python", "__init__.py", "packages"),  # a tag may start with _ where the list says so
        ("Quartz", "cron", "job scheduling"),
        ("Python", "gevent", "greenlet"),  # names no list here holds, glued
        ("late data", "stream processing", "watermarks"),  # a phrase no list here holds
    ],
)
def test_lines_the_word_model_misreads_are_read_with_the_list(tags: tuple[str, ...]) -> None:
    line = "".join(tags)
    assert split_tags(line) != tags  # the reason for a site's list
    assert split_tags(line, known_tags=tags) == tags


def test_every_labelled_real_line_with_all_its_tags_known() -> None:
    known = KnownTags(VOCABULARY)
    assert [split_tags(line, known_tags=known) for line, _ in ROWS] == [tags for _, tags in ROWS]


@pytest.mark.parametrize("half", [0, 1])
def test_a_list_of_half_the_tags_keeps_every_labelled_real_line_right(half: int) -> None:
    # A site's list that lacks tags must not cost lines the word model reads right.
    known = KnownTags(VOCABULARY[half::2])
    assert [split_tags(line, known_tags=known) for line, _ in ROWS] == [tags for _, tags in ROWS]


# ---------------------------------------------------------------------------- parsing

SECKILL = article(title="Seckill without a stockout", tags=("inventory", "seckill", "stockout"))


def test_parse_dump_splits_with_the_site_list() -> None:
    text = format_dump(Dump(articles=[SECKILL]))
    assert parse_dump(text).articles[0].tags != SECKILL.tags
    assert parse_dump(text, known_tags=list(SECKILL.tags)).articles == (SECKILL,)


def test_a_real_page_with_its_labelled_tags_known() -> None:
    labelled = dict(labelled_rows(DATA / "page8-tags.tsv"))
    known = KnownTags(tag for tags in labelled.values() for tag in tags)
    dump = parse_dump(PAGE8, known_tags=known)
    assert all(article._known_tags is known for article in dump)  # shared, not copied
    assert [a.tags for a in dump] == [labelled["".join(a.tags)] for a in dump]


@pytest.mark.parametrize("path", real_dumps(), ids=lambda p: p.name)
def test_every_entry_point_gives_the_same_records(path: Path) -> None:
    known = KnownTags(VOCABULARY)
    dump = parse_dump(path, strict=False, known_tags=known)
    header = dump.header
    expected = known.with_page_tag(header.tag if header else None)
    assert all(article._known_tags == expected for article in dump)
    streamed = list(iter_articles(path, strict=False, known_tags=known))
    assert [(a, a.tags, a._known_tags) for a in streamed] == [(a, a.tags, a._known_tags) for a in dump]
    copy = pickle.loads(pickle.dumps(dump))
    assert [(a.tags, a._known_tags) for a in copy] == [(a.tags, a._known_tags) for a in dump]


def test_parse_files_splits_with_the_site_list_in_its_workers() -> None:
    known = KnownTags(VOCABULARY)
    paths = real_dumps()
    dumps = parse_files(paths, strict=False, workers=2, split_tags=True, known_tags=known)
    for path, dump in zip(paths, dumps, strict=True):
        serial = parse_dump(path, strict=False, known_tags=known)
        assert [(a.tags, a._known_tags) for a in dump] == [(a.tags, a._known_tags) for a in serial]


def test_a_worker_gets_the_site_list_once_not_with_every_file() -> None:
    # parse_files's jobs carry each line's page tag; the list goes to a worker at its start.
    known = KnownTags(VOCABULARY)
    path = DATA / "www_tags_cache-patterns.txt"
    with_list, without = parse_dump(path, known_tags=known), parse_dump(path)
    job = tag_lines_of(with_list.articles)
    assert len(pickle.dumps(job)) == len(pickle.dumps(tag_lines_of(without.articles)))
    assert [known for _, known in iter_tag_lines(job, known)] == [a._known_tags for a in with_list]


def test_a_tag_file_reads_in_python_as_the_command_line_reads_it(tmp_path: Path) -> None:
    # What `feedparse-txt tags` writes, reviewed by hand, comments and all, in the
    # UTF-16 that Windows PowerShell 5 redirects into: the same list as --known-tags.
    review = tmp_path / "review.tsv"
    text = (
        "# a guess; next: Backend Architecture | CMSTV app\r\n"
        "Backend ArchitectureCMSTV app\tBackend Architecture | CMS | TV app\r\n"
        "inventoryseckillstockout\tinventory | seckill | stockout\r\n"
        "CMSTV\tappZookeeper\tCMSTV\tapp | Zookeeper\r\n"
        "Seckill\r\n"
    )
    review.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    known = KnownTags.from_file(review, page_tag="Backend Architecture")
    assert known.tags == (
        *("Backend Architecture", "CMS", "TV app", "inventory", "seckill", "stockout"),
        *("CMSTV\tapp", "Zookeeper", "Seckill"),
    )
    assert known.page_tag == "Backend Architecture"
    assert split_tags("inventoryseckillstockout") == ("inventory", "seckillstockout")
    assert split_tags("inventoryseckillstockout", known_tags=known) == ("inventory", "seckill", "stockout")
    dump = parse_dump(PAGE8, known_tags=KnownTags.from_file(str(review)))
    assert ("Backend Architecture", "CMS", "TV app") in [article.tags for article in dump]


def test_a_tag_file_with_an_invalid_byte_names_it(tmp_path: Path) -> None:
    tag_file = tmp_path / "tags.txt"
    tag_file.write_bytes(b"inventory\ncaf\xe9\n")
    with pytest.raises(ParseError) as caught:
        KnownTags.from_file(tag_file)
    assert (caught.value.source, caught.value.line, caught.value.column) == (str(tag_file), 2, 4)
    assert caught.value.code == "bad-encoding"
