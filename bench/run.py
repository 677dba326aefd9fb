"""The performance benchmark: figures and ratios against the targets, from one run.

    python bench/run.py            # 1, 10 and 100 MB dumps (~2 minutes the first time, ~20 s after)
    python bench/run.py --quick    # 1 and 10 MB, no 100 MB figures

Dumps are generated from the real files' vocabulary (bench/corpus.py) into
bench/out/. Every figure is the best of several runs; ratios compare figures
taken in this run, on this machine, and the figures a ratio compares are taken
in turns (a round runs each once), so that the machine's drift weighs on all
alike. The references: a TextFSM template of the format (bench/listing.textfsm,
the same fields as strings) and the floor (split the text into lines and build
the same Article objects from fields already in hand).
"""

from __future__ import annotations

import argparse
import bz2
import functools
import gc
import gzip
import json
import lzma
import multiprocessing
import operator
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import corpus
import textfsm
import zstandard

from feedparse_txt import Dump, KnownTags, format_dump, iter_articles, parse_dump, parse_files
from feedparse_txt import tags as tag_module
from feedparse_txt.model import PARSED_FIELDS, parsed_article

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
MB = 1_000_000
RESULTS: list[tuple[str, bool]] = []


def best_interleaved(
    actions: dict[str, Callable[[], object]], rounds: int, before: Callable[[], None] | None = None
) -> dict[str, float]:
    """Best wall time of each action over ``rounds`` rounds that run every action
    once in turn: the speed of this machine drifts by 10-20% within seconds, and
    figures taken one after the other would carry that drift into their ratios.

    Outside the timer, so that no action pays for the one before it: ``before``
    (a reset, such as clearing caches), a garbage collection, and freeing what the
    action returned (freeing a parse of 100 MB takes a while)."""
    times: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(rounds):
        for name, action in actions.items():
            if before is not None:
                before()
            gc.collect()
            start = time.perf_counter()
            result = action()
            times[name].append(time.perf_counter() - start)
            del result
    return {name: min(values) for name, values in times.items()}


def parsing(text: str) -> Callable[[], object]:
    """An action that parses ``text``."""
    return lambda: parse_dump(text)


def target(name: str, ok: bool, detail: str) -> None:
    RESULTS.append((name, ok))
    print(f"  {'MET   ' if ok else 'MISSED'} {name}: {detail}")


def dump_file(size_mb: int) -> tuple[Path, str, int]:
    OUT.mkdir(exist_ok=True)
    path = OUT / f"dump-{size_mb}mb.txt"
    if not path.exists():
        text, _ = corpus.dump_text(size_mb * MB, seed=size_mb)
        path.write_text(text, encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    return path, text, len(path.read_bytes())


def first_parse_time(path: Path, runs: int = 5) -> float:
    """Median time of the first parse_dump of ``path`` in a fresh interpreter (its
    text already read): what a one-off run pays before any cache of a parse
    (compiled patterns, dates seen) is warm."""
    code = (
        "import sys, time; from feedparse_txt import parse_dump; "
        "text = open(sys.argv[1], encoding='utf-8').read(); "
        "t = time.perf_counter(); parse_dump(text); print(time.perf_counter() - t)"
    )
    return statistics.median(
        float(subprocess.check_output([sys.executable, "-c", code, str(path)])) for _ in range(runs)
    )


def import_times(modules: tuple[str, ...], *, clean: bool, runs: int = 11) -> list[float]:
    """Median import time of each module, each in a fresh interpreter.

    ``clean``: the interpreter starts with ``-I -S``, the module's directory on its
    path, so that no ``.pth`` file of site-packages imports anything before the
    timer starts (on this machine one imports ``re``, ``enum``, ``typing``,
    ``pathlib`` and more, which attrs then finds loaded); otherwise as Python starts
    here. The runs alternate between the modules, so a drift in the machine's
    speed during the measurement weighs on both alike.
    """
    # Compare like with like: attrs is installed with compiled bytecode, so compile
    # ours too (pip does at install; an editable checkout may not have it).
    import compileall

    import attrs

    import feedparse_txt

    compileall.compile_dir(Path(feedparse_txt.__file__).parent, quiet=1)
    homes = [str(Path(module.__file__ or "").parent.parent) for module in (attrs, feedparse_txt)]
    flags = ["-I", "-S"] if clean else []
    times: dict[str, list[float]] = {module: [] for module in modules}
    for _ in range(runs):
        for module in modules:
            code = (
                f"import sys; sys.path[:0] = {homes!r}; import time; t = time.perf_counter(); "
                f"import {module}; print(time.perf_counter() - t)"
            )
            times[module].append(float(subprocess.check_output([sys.executable, *flags, "-c", code])))
    return [statistics.median(times[module]) for module in modules]


def streaming_peak_rss(path: Path, reading: str = "for _ in iter_articles(path): pass") -> float:
    """Peak RSS in MB of a fresh interpreter that runs ``reading`` on ``path`` (a
    statement; ``out`` is /dev/null, open for text)."""
    # VmHWM, not ru_maxrss: Linux carries the parent's high-water mark into
    # ru_maxrss across fork and exec, and this parent holds a 100 MB parse.
    code = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from feedparse_txt import iter_articles, iter_normalized\n"
        "path = Path(sys.argv[1])\n"
        "with open(os.devnull, 'w', encoding='utf-8') as out:\n"
        f"    {reading}\n"
        "print(open('/proc/self/status').read().split('VmHWM:')[1].split()[0])\n"
    )
    return int(subprocess.check_output([sys.executable, "-c", code, str(path)])) / 1024  # kB


# By suffix, what compresses a file as the command of that name does by default.
COMPRESSIONS: dict[str, Callable[[bytes], bytes]] = {
    "gz": gzip.compress,
    "xz": lzma.compress,
    "zst": zstandard.ZstdCompressor(write_checksum=True).compress,
    "bz2": bz2.compress,
}


def compressed_file(path: Path, suffix: str) -> Path:
    """``path`` compressed as ``gzip``, ``xz``, ``zstd`` or ``bzip2`` do by default (written once)."""
    packed = path.with_name(f"{path.name}.{suffix}")
    if not packed.exists():
        packed.write_bytes(COMPRESSIONS[suffix](path.read_bytes()))
    return packed


def corpus_files() -> list[Path]:
    corpus_dir = OUT / "corpus"
    corpus_dir.mkdir(parents=True, exist_ok=True)
    files = sorted(corpus_dir.glob("*.txt"))
    if len(files) != 200:
        for number in range(200):
            text, _ = corpus.dump_text(55_000, seed=1000 + number)
            (corpus_dir / f"page-{number:03d}.txt").write_text(text, encoding="utf-8")
        files = sorted(corpus_dir.glob("*.txt"))
    return files


def parse_files_times() -> list[float]:
    """Best times of parse_files with 1 and 2 workers, without and with split_tags,
    and with split_tags and a site's tag list (corpus.site_tags).

    Measured in a fresh interpreter, as a program that parses a corpus runs: the
    worker is forked from the parsing process, and after a fork every page that
    process writes to while the worker still shares it is copied first. With a
    parsed 10 MB dump held in memory, as this benchmark holds one here, that was
    ~8,000 more page faults and ~25 ms more per run.
    """
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); import run; "
        "print(json.dumps(run.measure_parse_files()))"
    )
    out = subprocess.check_output([sys.executable, "-c", code, str(HERE)])
    return [float(x) for x in json.loads(out)]


def measure_parse_files() -> list[float]:
    files = corpus_files()
    tag_module.split_tags("Backend ArchitectureDSL")  # load the word model once

    # parse only, split_tags, and split_tags with a site's tag list
    modes = {
        "parse": (False, KnownTags()),
        "split": (True, KnownTags()),
        "list": (True, KnownTags(corpus.site_tags())),
    }

    def run(workers: int, split: bool, known: KnownTags) -> Callable[[], object]:
        return lambda: parse_files(files, workers=workers, split_tags=split, known_tags=known)

    def reset() -> None:
        tag_module.clear_cache()  # every run splits from nothing
        # parse_files returns without waiting for its workers to exit; until they
        # have, this process's writes copy the pages it still shares with them.
        for child in multiprocessing.active_children():
            child.join()

    runs = {(mode, workers): run(workers, *modes[mode]) for mode in modes for workers in (1, 2)}
    times = best_interleaved({str(key): action for key, action in runs.items()}, rounds=5, before=reset)
    return [times[str(key)] for key in runs]


def command_line_times(rounds: int = 5) -> list[float]:
    """Best wall times of ``feedparse-txt parse`` on the 200-file corpus to JSON Lines,
    with ``--jobs 1`` and ``--jobs 2``, in turns: what a user waits for, the start of
    Python and the word list's load included."""
    names = [str(path) for path in corpus_files()]
    times: dict[str, list[float]] = {"1": [], "2": []}
    for _ in range(rounds):
        for jobs, values in times.items():
            command = [sys.executable, "-m", "feedparse_txt", "parse", *names, "-q", "-o", os.devnull]
            start = time.perf_counter()
            subprocess.run([*command, "--jobs", jobs], check=True)
            values.append(time.perf_counter() - start)
    return [min(times["1"]), min(times["2"])]


def messy_copies(text: str) -> dict[str, str]:
    """``text`` as copies a browser or editor may leave: lenient parsing reads each
    record with a deviation on the repairing path, with a problem for each line."""
    lines = text.split("\n")
    middle = len(lines) // 2
    return {
        "the clean copy": text,
        "CRLF line endings": text.replace("\n", "\r\n"),
        "a space after every stats line": text.replace(" min read\n", " min read \n"),
        "a tab before every third line": "\n".join(
            line if k % 3 else "\t" + line for k, line in enumerate(lines)
        ),
        "a space after every line": text.replace("\n", " \n"),
        "no-break spaces around every ' · '": text.replace(" · ", "\u00a0·\u00a0"),
        "a blank line after every line": text.replace("\n", "\n\n"),
        # Lines alike that are no records: each pair once cost a difflib ratio.
        "a log of 10,000 lines pasted in": "\n".join(
            [*lines[:middle], *(f"{n:07d} INFO started on port {n}" for n in range(10_000)), *lines[middle:]]
        ),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="skip the 100 MB figures")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]} on {sys.platform}; best of several runs each, taken in turns\n")

    path10, text10, size10 = dump_file(10)
    dump = parse_dump(text10)
    records = len(dump)
    mb10 = size10 / MB
    print(f"10 MB dump: {mb10:.1f} MB, {records} records, {len(dump.headers)} page headers")

    fields = list(map(operator.attrgetter(*PARSED_FIELDS), dump.articles))  # as parsed_article takes them

    def floor() -> list[object]:
        text10.split("\n")
        return [parsed_article(*f) for f in fields]

    template = (HERE / "listing.textfsm").read_text(encoding="utf-8")

    def run_textfsm() -> list[list[str]]:
        import io

        return textfsm.TextFSM(io.StringIO(template)).ParseText(text10)  # type: ignore[no-any-return]

    rows = run_textfsm()
    assert len(rows) == records and rows[0][0] == dump.articles[0].author
    assert format_dump(dump) == text10
    # Without the word model first, as a program that does not read tags runs (with
    # its word lists in memory, parse_dump measured ~8% slower here).
    times = best_interleaved(
        {
            "parse": parsing(text10),
            "floor": floor,
            "textfsm": run_textfsm,
            "stream": lambda: sum(1 for _ in iter_articles(path10)),
            "format": lambda: format_dump(dump),
        },
        rounds=7,
    )
    parse_s, floor_s, fsm_s = times["parse"], times["floor"], times["textfsm"]
    stream_s, format_s = times["stream"], times["format"]
    split_tags_loaded = time.perf_counter()
    tag_module.split_tags("Backend ArchitectureDSL")  # load the word model once
    model_s = time.perf_counter() - split_tags_loaded

    def parse_and_split() -> Dump:
        dump = parse_dump(text10)
        for article in dump.articles:
            article.tags  # noqa: B018 - reading tags is the point
        return dump

    # The tags figure against TextFSM taken in turns with it, the word model loaded;
    # every run splits from nothing.
    with_model = best_interleaved(
        {"tags": parse_and_split, "textfsm": run_textfsm}, rounds=5, before=tag_module.clear_cache
    )
    tags_s, fsm_with_model_s = with_model["tags"], with_model["textfsm"]

    def rate(seconds: float) -> str:
        return f"{mb10 / seconds:7.1f} MB/s {records / seconds:10,.0f} records/s {seconds * 1000:8.1f} ms"

    print(f"  parse_dump, typed records        {rate(parse_s)}")
    print(f"    the first in a fresh process   {rate(first_parse_time(path10))}  (cold caches)")
    print(f"  parse_dump, every tags read      {rate(tags_s)}  (word model load: {model_s * 1000:.0f} ms)")
    print(f"  iter_articles from the file      {rate(stream_s)}")
    print(f"  format_dump                      {rate(format_s)}")
    print(f"  TextFSM template (strings only)  {rate(fsm_s)}")
    print(f"  floor (split + build records)    {rate(floor_s)}")
    target("parse_dump >= 5x TextFSM (aim 7x)", fsm_s / parse_s >= 5, f"{fsm_s / parse_s:.2f}x")
    target(
        "parse_dump <= 2.5x the floor's time (aim 2x)", parse_s / floor_s <= 2.5, f"{parse_s / floor_s:.2f}x"
    )
    target(
        "with every tags read >= 1.5x TextFSM (aim 2.5x)",
        fsm_with_model_s / tags_s >= 1.5,
        f"{fsm_with_model_s / tags_s:.2f}x (TextFSM {fsm_with_model_s * 1000:.1f} ms in turns with it)",
    )
    target("format_dump at least as fast as parse_dump", format_s <= parse_s, f"{parse_s / format_s:.2f}x")

    print("\nper-MB time of parse_dump (records kept in memory; the sizes in turns)")
    dumps = {size_mb: dump_file(size_mb) for size_mb in ((1, 10) if args.quick else (1, 10, 100))}
    actions = {str(size_mb): parsing(text) for size_mb, (_, text, _) in dumps.items()}
    seconds = best_interleaved(actions, rounds=4)
    per_mb = {size_mb: seconds[str(size_mb)] / (size / MB) for size_mb, (_, _, size) in dumps.items()}
    for size_mb, figure in per_mb.items():
        print(f"  {size_mb:3d} MB: {figure * 1000:6.2f} ms per MB")
    del dumps
    largest = max(per_mb)
    target(
        f"per-MB time at {largest} MB within 1.25x of 1 MB",
        per_mb[largest] <= 1.25 * per_mb[1],
        f"{per_mb[largest] / per_mb[1]:.2f}x",
    )

    if not args.quick:
        path100, _, _ = dump_file(100)
        rss = streaming_peak_rss(path100)
        target("iter_articles over 100 MB: peak RSS <= 40 MB", rss <= 40, f"{rss:.1f} MB")
        rss = streaming_peak_rss(path100, "for piece in iter_normalized(path): out.write(piece)")
        print(f"  iter_normalized over 100 MB, written to /dev/null: peak RSS {rss:.1f} MB")
        rss = streaming_peak_rss(compressed_file(path100, "gz"))
        print(f"  iter_articles over 100 MB gzipped: peak RSS {rss:.1f} MB")

    print("\nparse_dump(strict=False) of messy copies of the 1 MB dump (the copies in turns)")
    copies = messy_copies(dump_file(1)[1])
    seconds = best_interleaved(
        {name: functools.partial(parse_dump, copy, strict=False) for name, copy in copies.items()}, rounds=3
    )
    for name, copy in copies.items():
        speed, ratio = len(copy.encode()) / MB / seconds[name], seconds[name] / seconds["the clean copy"]
        print(f"  {name:36} {speed:6.1f} MB/s  ({ratio:4.1f}x the clean copy's time)")

    print("\nparse_dump of the 10 MB dump's file, compressed (the files in turns)")
    packed = {suffix: compressed_file(path10, suffix) for suffix in COMPRESSIONS}
    seconds = best_interleaved(
        {name: functools.partial(parse_dump, path) for name, path in [("txt", path10), *packed.items()]},
        rounds=3,
    )
    for name, path in [("txt", path10), *packed.items()]:
        size, ratio = path.stat().st_size / MB, seconds[name] / seconds["txt"]
        print(f"  .{name:4} {size:5.1f} MB  {rate(seconds[name])}  ({ratio:4.2f}x the .txt's time)")

    print("\nimport time (median of 11 fresh interpreters each, alternating)")
    attrs_s, ours = import_times(("attrs", "feedparse_txt"), clean=False)
    print(
        f"  as Python starts here:        import attrs {attrs_s * 1000:4.1f} ms, "
        f"import feedparse_txt {ours * 1000:4.1f} ms ({ours / attrs_s:.2f}x)"
    )
    clean_attrs_s, clean_ours = import_times(("attrs", "feedparse_txt"), clean=True)
    print(
        f"  python -I -S (no .pth hooks): import attrs {clean_attrs_s * 1000:4.1f} ms, "
        f"import feedparse_txt {clean_ours * 1000:4.1f} ms"
    )
    target(
        "import feedparse_txt <= 1.5x import attrs (python -I -S)",
        clean_ours <= 1.5 * clean_attrs_s,
        f"{clean_ours / clean_attrs_s:.2f}x",
    )

    print("\nparse_files on a corpus of 200 dumps (in a fresh process: see parse_files_times)")
    one, two, one_t, two_t, one_l, two_l = parse_files_times()
    print(f"  parse only:       1 worker {one * 1000:.0f} ms, 2 workers {two * 1000:.0f} ms (parsed here)")
    target("parse_files: 2 workers >= 1.6x faster than 1", one / two >= 1.6, f"{one / two:.2f}x")
    print(f"  with split_tags:  1 worker {one_t * 1000:.0f} ms, 2 workers {two_t * 1000:.0f} ms")
    target(
        "parse_files(split_tags=True): 2 workers >= 1.6x faster than 1",
        one_t / two_t >= 1.6,
        f"{one_t / two_t:.2f}x",
    )
    print(
        f"  with split_tags and a site's tag list: 1 worker {one_l * 1000:.0f} ms, "
        f"2 workers {two_l * 1000:.0f} ms ({one_l / two_l:.2f}x)"
    )

    one_c, two_c = command_line_times()
    print(
        f"  feedparse-txt parse to JSON Lines: --jobs 1 {one_c * 1000:.0f} ms, "
        f"--jobs 2 {two_c * 1000:.0f} ms ({one_c / two_c:.2f}x; Python's start included)"
    )

    met = sum(ok for _, ok in RESULTS)
    print(f"\n{met} of {len(RESULTS)} targets met")
    return 0 if met == len(RESULTS) else 1


if __name__ == "__main__":
    sys.exit(main())
