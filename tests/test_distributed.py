"""The Dask recipe gives the same records as the serial parse (the dask extra)."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from feedparse_txt import Article, KnownTags, parse_dump

from .conftest import gbk_copies, real_dumps
from .test_tags import VOCABULARY

db = pytest.importorskip("dask.bag")


@pytest.mark.parametrize("scheduler", ["synchronous", "threads", "processes"])
def test_articles_bag_matches_the_serial_parse(scheduler: str) -> None:
    from feedparse_txt.distributed import articles_bag

    paths = real_dumps()
    serial = [a for path in paths for a in parse_dump(path, strict=False).articles]
    bag = articles_bag(paths, strict=False, files_per_partition=3)
    # Threads of a pool of its own, ended here: Dask's default pool lives on, and every
    # later test that forks a worker process did so multi-threaded (Python 3.12+ warns).
    with ThreadPoolExecutor(2) as pool:
        assert bag.compute(scheduler=scheduler, pool=pool if scheduler == "threads" else None) == serial
    frame_rows = bag.map(Article.to_dict).compute(scheduler="synchronous")
    assert [Article.from_dict(row) for row in frame_rows] == serial


@pytest.mark.parametrize("scheduler", ["synchronous", "processes"])
def test_articles_bag_splits_with_the_site_list(scheduler: str) -> None:
    from feedparse_txt.distributed import articles_bag

    paths = real_dumps()
    known = KnownTags(VOCABULARY[::2])
    serial = [a for path in paths for a in parse_dump(path, strict=False, known_tags=known).articles]
    bag = articles_bag(paths, strict=False, files_per_partition=3, known_tags=known)
    tags = bag.map(lambda article: (article.tags, article._known_tags)).compute(scheduler=scheduler)
    assert tags == [(a.tags, a._known_tags) for a in serial]


def test_articles_bag_resolves_dates_against_the_reference(tmp_path: Path) -> None:
    from feedparse_txt.distributed import articles_bag

    record = "A\nA\n{} · Backend\n\nT\n\nS.\n\nDSL\n0 likes · 3 min read\nT\n"
    path = tmp_path / "relative.txt"
    path.write_text(record.format("3 days ago") + record.format("Sep 12"), encoding="utf-8")
    copied = dt.date(2024, 9, 10)
    found = articles_bag([path], strict=False, reference_date=copied).compute(scheduler="synchronous")
    assert [a.published for a in found] == [dt.date(2024, 9, 7), dt.date(2023, 9, 12)]
    assert articles_bag([path], strict=False).compute(scheduler="synchronous") == []


def test_articles_bag_reads_dates_in_numbers_in_the_order_given(tmp_path: Path) -> None:
    from feedparse_txt.distributed import articles_bag

    record = "A\nA\n{} · Backend\n\nT\n\nS.\n\nDSL\n0 likes · 3 min read\nT\n"
    path = tmp_path / "numbers.txt"
    path.write_text(record.format("05/08/2019") + record.format("27/08/2019"), encoding="utf-8")
    found = articles_bag([path], strict=False, date_order="DMY").compute(scheduler="synchronous")
    assert [a.published for a in found] == [dt.date(2019, 8, 5), dt.date(2019, 8, 27)]
    unordered = articles_bag([path], strict=False).compute(scheduler="synchronous")
    assert [a.published for a in unordered] == [dt.date(2019, 8, 27)]


def test_articles_bag_reads_each_file_in_the_encoding(tmp_path: Path) -> None:
    from feedparse_txt.distributed import articles_bag

    paths = gbk_copies(tmp_path)
    serial = [a for path in paths for a in parse_dump(path, strict=False, encoding="gbk").articles]
    assert serial  # the records of every file read, not U+FFFD where the separators were
    assert articles_bag(paths, strict=False, encoding="gbk").compute(scheduler="processes") == serial


def test_one_path_alone_is_a_type_error() -> None:
    from feedparse_txt.distributed import articles_bag

    with pytest.raises(TypeError, match="not one path"):
        articles_bag(str(real_dumps()[0]))


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        (
            {"files_per_partition": 0},
            ValueError,
            "files_per_partition must be 1 or more, not 0",
        ),  # divided by it
        ({"files_per_partition": 1.5}, TypeError, "files_per_partition must be an int, not float"),
        ({"reference_date": "2024-09-10"}, TypeError, "reference_date must be a datetime.date"),
        ({"date_order": "YMD"}, ValueError, "date_order must be 'MDY', 'DMY' or None, not 'YMD'"),
        ({"encoding": "rot13"}, LookupError, "'rot13' is not a text encoding"),
    ],
)
def test_arguments_the_partitions_would_refuse_are_refused_at_once(
    arguments: dict[str, object], error: type, message: str
) -> None:
    from feedparse_txt.distributed import articles_bag

    with pytest.raises(error) as caught:
        articles_bag(real_dumps(), **arguments)  # type: ignore[arg-type]
    assert str(caught.value).startswith(message)
