"""parse_files: input order, the same dumps as the serial parse, the first error."""

from __future__ import annotations

import contextlib
import faulthandler
import multiprocessing
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

import attrs
import pytest

from feedparse_txt import Dump, ParseError, format_dump, parse_dump, parse_files, split_tags
from feedparse_txt.known_tags import NO_KNOWN_TAGS, KnownTags
from feedparse_txt.model import is_split
from feedparse_txt.parallel import parse_in_parallel

from .conftest import read, real_dumps

# The guard against a hang is faulthandler's watchdog, a thread of its own that holds
# nothing a forked child could wait for: the fork it warns about (Python 3.12+) is safe.
WATCHDOG_FORKS = pytest.mark.filterwarnings(
    "ignore:This process .* is multi-threaded, use of fork:DeprecationWarning"
)


def corpus() -> list[Path]:
    # Enough files for the workers to take some and this process others.
    return [*real_dumps(), *reversed(real_dumps())] * 3


@pytest.mark.parametrize("workers", [1, 2, 3])
@pytest.mark.parametrize("split_tags", [False, True])
def test_same_dumps_as_the_serial_parse_in_input_order(workers: int, split_tags: bool) -> None:
    paths = corpus()
    serial = [parse_dump(p, strict=False) for p in paths]
    assert parse_files(paths, strict=False, workers=workers, split_tags=split_tags) == serial


def test_split_tags_travel_with_the_records() -> None:
    paths = corpus()
    dumps = parse_files(paths, strict=False, workers=2, split_tags=True)
    for path, dump in zip(paths, dumps, strict=True):
        assert all(is_split(a) for a in dump.articles)
        assert [a.tags for a in dump.articles] == [a.tags for a in parse_dump(path, strict=False).articles]


@pytest.mark.parametrize(
    ("split_tags", "count", "broken"),
    [
        # One broken file early (a worker takes it), one last (this process does).
        (False, 24, (3, 23)),
        (True, 12, (5, 9)),
    ],
)
def test_strict_raises_the_first_failing_file_in_input_order(
    tmp_path: Path, split_tags: bool, count: int, broken: tuple[int, int]
) -> None:
    good = read(real_dumps()[0])
    paths = []
    for number in range(count):
        path = tmp_path / f"page-{number:02d}.txt"
        path.write_text(good.replace("\n\n", "\n", 1) if number in broken else good, encoding="utf-8")
        paths.append(path)
    with pytest.raises(ParseError) as caught:
        parse_files(paths, workers=2, split_tags=split_tags)
    assert caught.value.source is not None and caught.value.source.endswith(f"page-{broken[0]:02d}.txt")


@pytest.mark.parametrize("where", [0, -1])  # a worker's file, this process's file
def test_a_missing_file_raises_as_in_a_serial_parse(tmp_path: Path, where: int) -> None:
    paths = corpus()
    paths.insert(where if where >= 0 else len(paths), tmp_path / "missing.txt")
    with pytest.raises(FileNotFoundError):
        parse_files(paths, strict=False, workers=2, split_tags=True)


@WATCHDOG_FORKS
def test_large_files_do_not_stall_the_pipes(tmp_path: Path) -> None:
    # Each file's tag lines and each reply are larger than a pipe holds (64 KB):
    # this process writing the next file while a worker writes its reply must not
    # leave both waiting.
    articles = parse_dump(real_dumps()[0], strict=False).articles
    paths = []
    for number in range(6):
        # Every tag line different, so that no reply is shortened by repeats.
        records = [
            attrs.evolve(article, tags=(*article.tags, f"Zone{number}x{copy:02d}"))
            for copy in range(20)
            for article in articles
        ]
        path = tmp_path / f"big-{number}.txt"
        path.write_text(format_dump(records), encoding="utf-8")
        paths.append(path)
    faulthandler.dump_traceback_later(60, exit=True)  # a regression here hangs rather than fails
    try:
        dumps = parse_files(paths, strict=False, workers=2, split_tags=True)
    finally:
        faulthandler.cancel_dump_traceback_later()
    assert dumps == [parse_dump(path, strict=False) for path in paths]
    assert all(is_split(a) for d in dumps for a in d.articles)


def test_files_without_records_go_through_the_workers(tmp_path: Path) -> None:
    # A worker is given a file whose tag lines are none at all, next to files with
    # records that know the page's tag and records that do not.
    empty, header = tmp_path / "empty.txt", tmp_path / "header.txt"
    empty.write_text("", encoding="utf-8")
    header.write_text("Tagged articles\n949 articles\nPage 8 of 10\n", encoding="utf-8")
    paths = [empty, header, *real_dumps(), header, empty]
    dumps = parse_files(paths, strict=False, workers=2, split_tags=True)
    assert dumps == [parse_dump(p, strict=False) for p in paths]
    assert [len(d) for d in dumps[:2]] == [0, 0]
    for path, dump in zip(paths, dumps, strict=True):
        serial = parse_dump(path, strict=False)
        assert [(a.tags, a._known_tags) for a in dump.articles] == [
            (a.tags, a._known_tags) for a in serial.articles
        ]


def test_lone_cr_line_endings_go_through_the_workers(tmp_path: Path) -> None:
    paths = []
    for path in real_dumps()[:3]:
        cr = tmp_path / path.name
        cr.write_bytes(path.read_bytes().replace(b"\n", b"\r"))
        paths += [cr, path]
    dumps = parse_files(paths, strict=False, workers=2)
    assert dumps == [parse_dump(p, strict=False) for p in paths]
    assert [d.newline for d in dumps] == ["\r", "\n"] * 3
    assert [format_dump(d).encode() for d in dumps] == [p.read_bytes() for p in paths]


def test_more_workers_than_files() -> None:
    paths = real_dumps()[:2]
    assert parse_files(paths, strict=False, workers=8) == [parse_dump(p, strict=False) for p in paths]


def _dies_in_a_worker(line: str, known_tags: KnownTags = NO_KNOWN_TAGS) -> tuple[str, ...]:
    if str(os.getpid()) != os.environ["FEEDPARSE_TXT_TEST_PARENT"]:
        os._exit(3)  # a worker killed mid-file, as by the out-of-memory killer
    return split_tags(line, known_tags=known_tags)


def _slow_parse(path: Path) -> Dump:
    time.sleep(0.02)  # this process is slow: the workers surely take files
    return parse_dump(path, strict=False)


@WATCHDOG_FORKS
@pytest.mark.parametrize("workers", [1, 2])
def test_a_worker_that_dies_is_an_error_not_a_hang(monkeypatch: pytest.MonkeyPatch, workers: int) -> None:
    monkeypatch.setenv("FEEDPARSE_TXT_TEST_PARENT", str(os.getpid()))
    faulthandler.dump_traceback_later(60, exit=True)  # a regression here hangs rather than fails
    try:
        with pytest.raises(RuntimeError, match="ended unexpectedly"):
            parse_in_parallel(corpus(), _slow_parse, _dies_in_a_worker, workers, NO_KNOWN_TAGS)
    finally:
        faulthandler.cancel_dump_traceback_later()


def _state_and_parent(pid: int) -> tuple[str, int]:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return fields[0], int(fields[1])


def _running(pid: int) -> bool:
    with contextlib.suppress(OSError):
        return _state_and_parent(pid)[0] not in "ZX"  # not a zombie, not dead
    return False


def _children(pid: int) -> list[int]:
    pids = [int(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit()]
    found = []
    for child in pids:
        with contextlib.suppress(OSError):
            if _state_and_parent(child)[1] == pid and _running(child):
                found.append(child)
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_workers_stop_when_the_parsing_process_is_killed() -> None:
    # With split_tags the workers wait for tag lines while this process parses
    # slowly: killed then, it leaves them waiting on their pipes.
    script = (
        "from tests.test_parse_files import _slow_parse, corpus\n"
        "from feedparse_txt.parallel import parse_in_parallel\n"
        "from feedparse_txt.known_tags import NO_KNOWN_TAGS, KnownTags\n"
        "from feedparse_txt.tags import split_line\n"
        "parse_in_parallel(corpus() * 20, _slow_parse, split_line, 2, NO_KNOWN_TAGS)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=Path(__file__).parent.parent)
    try:
        deadline = time.monotonic() + 20
        while len(workers := _children(parent.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(workers) == 2
    finally:
        parent.kill()
        parent.wait()
    deadline = time.monotonic() + 20
    while (alive := [w for w in workers if _running(w)]) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_workers_started_without_fork(method: str) -> None:
    # forkserver is the default on Linux from Python 3.14, spawn on macOS and
    # Windows: a worker then shares nothing with this process (no word model, no
    # module state) and everything it gets must pickle.
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} start method here")
    script = (
        "import multiprocessing, sys\n"
        "from tests.test_parse_files import corpus\n"
        "from feedparse_txt import parse_dump, parse_files\n"
        "if __name__ == '__main__':\n"
        "    multiprocessing.set_start_method(sys.argv[1])\n"
        "    paths = corpus()\n"
        "    dumps = parse_files(paths, strict=False, workers=2, split_tags=True)\n"
        "    serial = [parse_dump(p, strict=False) for p in paths]\n"
        "    assert dumps == serial\n"
        "    assert [a.tags for d in dumps for a in d] == [a.tags for d in serial for a in d]\n"
        "    print(sum(map(len, dumps)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, method],
        cwd=Path(__file__).parent.parent,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == sum(len(parse_dump(p, strict=False)) for p in corpus())


def test_a_dump_pickles_its_records_as_columns() -> None:
    dump = parse_dump(real_dumps()[0], strict=False)
    several = parse_dump("".join(read(p) for p in real_dumps()), strict=False)
    for original in (dump, several, parse_dump("")):
        for k, article in enumerate(original.articles):
            if k % 3:
                assert article.tags  # some split, some not
        copy = pickle.loads(pickle.dumps(original))
        assert copy == original
        assert [is_split(a) for a in copy.articles] == [is_split(a) for a in original.articles]
        assert [a._known_tags for a in copy.articles] == [a._known_tags for a in original.articles]


@pytest.mark.parametrize("convert", [str, Path], ids=["str", "Path"])
def test_one_path_alone_is_a_type_error(convert: type) -> None:
    # A str would be read as the files "/", "w", "o", ...: say what was meant instead.
    path = convert(real_dumps()[0])
    with pytest.raises(TypeError, match=r"an iterable of paths, not one path .*: pass \[path\]"):
        parse_files(path)
    assert parse_files([path]) == [parse_dump(Path(path))]


@pytest.mark.parametrize(
    ("workers", "error", "message"),
    [
        (-1, ValueError, "workers must be 0 or more, not -1"),
        (1.5, TypeError, "workers must be an int, not float"),  # went on to start 0.5 workers
        (True, TypeError, "workers must be an int, not bool"),
    ],
)
def test_workers_of_another_kind_are_refused(workers: object, error: type, message: str) -> None:
    paths = real_dumps()
    assert [len(d) for d in parse_files(paths, workers=0, strict=False)] == [
        len(parse_dump(path, strict=False)) for path in paths
    ]
    with pytest.raises(error) as caught:
        parse_files(paths, workers=workers, split_tags=True)  # type: ignore[arg-type]
    assert str(caught.value) == message
