"""The Dask recipe gives the same records as the serial parse (the dask extra)."""

from __future__ import annotations

from pathlib import Path

import pytest

from feedparse_txt import Article, parse_dump, parse_files

from .conftest import real_dumps

db = pytest.importorskip("dask.bag")


@pytest.mark.parametrize("scheduler", ["synchronous", "threads", "processes"])
def test_articles_bag_matches_the_serial_parse(scheduler: str) -> None:
    from feedparse_txt.distributed import articles_bag

    paths = real_dumps()
    serial = [a for path in paths for a in parse_dump(path, strict=False).articles]
    bag = articles_bag(paths, strict=False, files_per_partition=3)
    assert bag.compute(scheduler=scheduler) == serial
    frame_rows = bag.map(Article.to_dict).compute(scheduler="synchronous")
    assert [Article.from_dict(row) for row in frame_rows] == serial


def test_parse_files_keeps_input_order_and_equals_serial(tmp_path: Path) -> None:
    paths = [*real_dumps(), *reversed(real_dumps())]
    serial = [parse_dump(p, strict=False) for p in paths]
    assert parse_files(paths, strict=False, workers=2) == serial
    assert parse_files(paths, strict=False, workers=1) == serial


def test_parse_files_strict_error_names_the_file() -> None:
    from feedparse_txt import ParseError

    with pytest.raises(ParseError) as caught:
        parse_files(real_dumps(), workers=2)
    assert caught.value.source is not None and caught.value.source.endswith(".txt")
