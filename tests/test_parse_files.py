"""parse_files: input order, the same dumps as the serial parse, the first error."""

from __future__ import annotations

import faulthandler
import os
import pickle
import time
from pathlib import Path

import pytest

from feedparse_txt import Dump, ParseError, parse_dump, parse_files
from feedparse_txt.model import _is_split
from feedparse_txt.parallel import parse_in_parallel

from .conftest import read, real_dumps


def corpus() -> list[Path]:
    # Enough files for the workers to take some and this process others.
    return [*real_dumps(), *reversed(real_dumps())] * 3


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_same_dumps_as_the_serial_parse_in_input_order(workers: int) -> None:
    paths = corpus()
    serial = [parse_dump(p, strict=False) for p in paths]
    assert parse_files(paths, strict=False, workers=workers) == serial


def test_split_tags_travel_with_the_records() -> None:
    paths = corpus()
    dumps = parse_files(paths, strict=False, workers=2, split_tags=True)
    for path, dump in zip(paths, dumps, strict=True):
        assert all(_is_split(a) for a in dump.articles)
        assert [a.tags for a in dump.articles] == [a.tags for a in parse_dump(path, strict=False).articles]


def test_strict_raises_the_first_failing_file_in_input_order(tmp_path: Path) -> None:
    good = read(real_dumps()[0])
    paths = []
    for number in range(24):
        path = tmp_path / f"page-{number:02d}.txt"
        # Two broken files: one early (a worker takes it), one last (this process does).
        path.write_text(good.replace("\n\n", "\n", 1) if number in (3, 23) else good, encoding="utf-8")
        paths.append(path)
    with pytest.raises(ParseError) as caught:
        parse_files(paths, workers=2)
    assert caught.value.source is not None and caught.value.source.endswith("page-03.txt")


def test_with_split_tags_strict_raises_the_first_failing_file(tmp_path: Path) -> None:
    good = read(real_dumps()[0])
    paths = []
    for number in range(12):
        path = tmp_path / f"page-{number:02d}.txt"
        path.write_text(good.replace("\n\n", "\n", 1) if number in (5, 9) else good, encoding="utf-8")
        paths.append(path)
    with pytest.raises(ParseError) as caught:
        parse_files(paths, workers=2, split_tags=True)
    assert caught.value.source is not None and caught.value.source.endswith("page-05.txt")


@pytest.mark.parametrize("where", [0, -1])  # a worker's file, this process's file
def test_a_missing_file_raises_as_in_a_serial_parse(tmp_path: Path, where: int) -> None:
    paths = corpus()
    paths.insert(where if where >= 0 else len(paths), tmp_path / "missing.txt")
    with pytest.raises(FileNotFoundError):
        parse_files(paths, workers=2)


def test_more_workers_than_files() -> None:
    paths = real_dumps()[:2]
    assert parse_files(paths, strict=False, workers=8) == [parse_dump(p, strict=False) for p in paths]


def _dies_in_a_worker(path: Path) -> Dump:
    if str(os.getpid()) != os.environ["FEEDPARSE_TXT_TEST_PARENT"]:
        os._exit(3)  # a worker killed mid-file, as by the out-of-memory killer
    time.sleep(0.01)  # this process is slow: the worker surely takes a file
    return parse_dump(path, strict=False)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_worker_that_dies_is_an_error_not_a_hang(monkeypatch: pytest.MonkeyPatch, workers: int) -> None:
    monkeypatch.setenv("FEEDPARSE_TXT_TEST_PARENT", str(os.getpid()))
    faulthandler.dump_traceback_later(60, exit=True)  # a regression here hangs rather than fails
    try:
        with pytest.raises(RuntimeError, match="ended unexpectedly"):
            parse_in_parallel(corpus(), _dies_in_a_worker, workers, split=False)
    finally:
        faulthandler.cancel_dump_traceback_later()


def test_a_dump_pickles_its_records_as_columns() -> None:
    dump = parse_dump(real_dumps()[0], strict=False)
    several = parse_dump("".join(read(p) for p in real_dumps()), strict=False)
    for original in (dump, several, parse_dump("")):
        for k, article in enumerate(original.articles):
            if k % 3:
                assert article.tags  # some split, some not
        copy = pickle.loads(pickle.dumps(original))
        assert copy == original
        assert [_is_split(a) for a in copy.articles] == [_is_split(a) for a in original.articles]
        assert [a._known_tags for a in copy.articles] == [a._known_tags for a in original.articles]
