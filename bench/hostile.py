"""Linear time and bounded memory on hostile input: per-MB time at 10 MB against 1 MB.

    python bench/hostile.py            # 1 MB and 10 MB of each shape
    python bench/hostile.py --quick    # 0.1 MB and 1 MB (a smoke run)
    python bench/hostile.py blank      # only the shapes whose names hold 'blank'

Prints, for each adversarial shape, the seconds per MB at both sizes and their
ratio, and the peak memory the work allocates per byte of text at the smaller size
(tracemalloc, in a run of its own); the targets are a ratio of at most 1.5 and at
most 50 bytes per byte (well-formed records take ~5), 150 for the shapes of one
huge tag line, split into tags of a few letters (each a str and a slot of a tuple).
Exits 1 if any shape misses one.
Each run parses leniently, reads every article's tags (caches cleared first) and
writes the dump back; the last shapes are one record whose tag line is the text.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
import tracemalloc
from collections.abc import Callable

from feedparse_txt import format_dump, parse_dump
from feedparse_txt.tags import clear_cache, load_word_model

RECORD = (
    "Amap Tech\nAmap Tech\nAug 27, 2019 · Backend Development\n\nGraphQL Gateway\n\n"
    "How Gaode refactored its services.\n\nBackend ArchitectureDSL\n0 likes · 11 min read\nGraphQL Gateway\n"
)

COMPACT = (
    "Amap Tech\nAug 27, 2019 · Backend Development\nGraphQL Gateway\nHow Gaode refactored its services.\n"
    "Backend ArchitectureDSL\n0 likes · 11 min read\n"
)

# A record whose title, summary and title again a copy wrapped at 40 columns.
WRAPPED = (
    "Amap Tech\nAmap Tech\nAug 27, 2019 · Backend Development\n\n"
    "GraphQL Gateway Orchestration for\nMulti-Endpoint Services\n\n"
    "How Gaode refactored its car-networking\nservices with atomic GraphQL services\n"
    "behind an API gateway.\n\n"
    "Backend ArchitectureDSL\n0 likes · 11 min read\n"
    "GraphQL Gateway Orchestration for\nMulti-Endpoint Services\n"
)

# A compact record wrapped at 60 columns: kept as text (where its fields end does not show).
WRAPPED_COMPACT = (
    "Amap Tech\nAug 27, 2019 · Backend Development\n"
    "GraphQL Gateway Orchestration for Multi-Endpoint Enterprise\nOnline Services\n"
    "How Gaode refactored its car-networking services by\n"
    "replacing duplicated REST APIs with atomic GraphQL services\nbehind an API gateway.\n"
    "Backend ArchitectureDSL\n0 likes · 11 min read\n"
)

# Each shape makes text of about ``size`` characters.
SHAPES: dict[str, Callable[[int], str]] = {
    "one long line": lambda size: "x" * size,
    "one long line with separators": lambda size: ("Aug 1, 2019 · " * (size // 14))[:size],
    "blank lines": lambda size: "\n" * size,
    "middle dots": lambda size: "·" * size,
    "spaced middle dots": lambda size: " · " * (size // 3),
    "record starts": lambda size: "Amap Tech\nAmap Tech\nAug 27, 2019 · Backend Development\n" * (size // 54),
    "author lines": lambda size: "Amap Tech\n" * (size // 10),
    # An author line, a longer line holding it many times (an avatar's text that may name
    # its author?), a date line: the name is looked for in a bounded length only.
    "long lines before a date line": lambda size: (
        ("a" * (size // 8) + "\n" + "a" * (size // 4) + "\nAug 27, 2019 · X\n") * 2
    ),
    "records missing a line": lambda size: RECORD.replace("\n\nHow", "\nHow") * (size // len(RECORD)),
    # An avatar without text on every record: each weighed as a full and a compact record.
    "records without the author again": lambda size: (
        RECORD.replace("Amap Tech\nAmap Tech\n", "Amap Tech\n") * (size // len(RECORD))
    ),
    "well-formed records": lambda size: RECORD * (size // len(RECORD)),
    # A letter avatar in the repeated author line's place: each record on the repairing path.
    "records with a letter avatar": lambda size: (
        RECORD.replace("Amap Tech\nAmap Tech\n", "Amap Tech\nAT\n") * (size // len(RECORD))
    ),
    "record starts with a letter avatar": lambda size: "Amap Tech\nAT\nAug 27, 2019 · B\n" * (size // 32),
    # The author line holds the author twice (its repeat run into it): read as the author.
    "records with the author twice on a line": lambda size: (
        RECORD.replace("Amap Tech\nAmap Tech\n", "Amap TechAmap Tech\n") * (size // len(RECORD))
    ),
    # Each record read twice (as it stands, then wrapped); a title going on for long is
    # followed as far as a field may be wrapped, then kept as text.
    "wrapped records": lambda size: WRAPPED * (size // len(WRAPPED)),
    "wrapped compact records": lambda size: WRAPPED_COMPACT * (size // len(WRAPPED_COMPACT)),
    "record starts, then a title going on": lambda size: (
        ("Amap Tech\nAmap Tech\nAug 27, 2019 · B\n\n" + "a title going on\n" * 60) * (size // 1058)
    ),
    "carriage returns": lambda size: "\r" * size,  # no LF at all: as many blank lines
    "well-formed records, CR endings": lambda size: RECORD.replace("\n", "\r") * (size // len(RECORD)),
    "records missing a line, CR endings": lambda size: (
        RECORD.replace("\n\nHow", "\nHow").replace("\n", "\r") * (size // len(RECORD))
    ),
    "mixed newlines": lambda size: "a\r\nb\n" * (size // 5),
    # CRLF made CRLF again: every line ending one of CR CR LF, read on the slow path.
    "well-formed records, CR CR LF endings": lambda size: (
        RECORD.replace("\n", "\r\r\n") * (size // len(RECORD))
    ),
    "CR CR LF endings": lambda size: "\r\r\n" * (size // 3),
    # Every separator a look-alike: each record read on the repairing path.
    "records with look-alike dots": lambda size: RECORD.replace(" · ", " \u30fb ") * (size // len(RECORD)),
    "records read in cp1252": lambda size: RECORD.replace(" · ", " \u00c2\u00b7 ") * (size // len(RECORD)),
    "look-alike dots": lambda size: "\u30fb" * size,
    "spaced look-alike dots": lambda size: " \u2022 " * (size // 3),
    # Blank lines where none belong: after every line, between author lines, a long run.
    "records set apart by blank lines": lambda size: (
        RECORD.replace("\n", "\n\n") * (size // len(RECORD) // 2)
    ),
    "author lines set apart": lambda size: "Amap Tech\n\n" * (size // 11),
    "compact record starts set apart": lambda size: "Amap Tech\n\nAug 27, 2019 · Backend\n\n" * (size // 35),
    "compact records set apart": lambda size: COMPACT.replace("\n", "\n\n") * (size // len(COMPACT) // 2),
    # ... between records only, as where copies of records are pasted one after another.
    "records a blank line apart": lambda size: (RECORD + "\n") * (size // (len(RECORD) + 1)),
    "compact records a blank line apart": lambda size: (COMPACT + "\n") * (size // (len(COMPACT) + 1)),
    "the author twice, then blank lines": lambda size: "Amap Tech\nAmap Tech\n" + "\n" * size,
    # Each record's last line run into the next record's first (pages joined with cat,
    # a page a record): each read as two lines, after a look at what the second starts.
    "records joined with no line break": lambda size: RECORD.rstrip("\n") * (size // len(RECORD)),
    "compact records joined with no line break": lambda size: COMPACT.rstrip("\n") * (size // len(COMPACT)),
    # ... each after a byte order mark (cat of files saved with one).
    "records joined with a byte order mark": lambda size: (
        (RECORD.rstrip("\n") + "\ufeff") * (size // (len(RECORD) + 1))
    ),
    # Pages of a header and a record, each cut off inside its date line and run into the
    # next page's header (cat of copies cut off): each line split where the page starts.
    "pages cut off and joined": lambda size: (
        ("Tagged articles\n949 articles\nPage 8 of 10\n" + RECORD[: RECORD.index(" · ") + 6])
        * (size // (len(RECORD[: RECORD.index(" · ") + 6]) + 42))
    ),
    # ... and the same double-spaced (a blank line after every line).
    "records double-spaced": lambda size: "\n\n".join(RECORD.split("\n")) * (size // (2 * len(RECORD))),
    # ... and the same with no avatar line, after a line of text kept: each record lacks
    # only its author line again, the other blank lines the spacing's (a start to resync at).
    "double-spaced records without avatars": lambda size: (
        "Share this page\n\n"
        + "\n\n".join(RECORD.replace("Amap Tech\nAmap Tech\n", "Amap Tech\n").split("\n"))
        * (size // (2 * len(RECORD) - 20))
    ),
    # An author, a line that may be an avatar's text, a date line, blank lines among them:
    # the next record's second line is looked for, lines counted without the blank ones.
    "avatar texts set apart": lambda size: "".join(
        f"Amap Tech\n\navatar {k}\n\nAug 27, 2019 · B\n\n" for k in range(size // 42)
    ),
    "avatar texts far apart": lambda size: (
        ("Amap Tech" + "\n" * 300 + "avatar" + "\n" * 300 + "Aug 27, 2019 · B" + "\n" * 300) * (size // 931)
    ),
    # An avatar without text on a blank line of its own: each record's title again is
    # looked for after its stats, and each is weighed as a full one.
    "records whose avatar is a blank line": lambda size: (
        RECORD.replace("Amap Tech\nAmap Tech\n", "Amap Tech\n\n") * (size // (len(RECORD) - 9))
    ),
    "record starts with a blank avatar": lambda size: (
        "Amap Tech\n\nAug 27, 2019 · Backend Development\n" * (size // 46)
    ),
}


def _tag_line_of(unit: str) -> Callable[[int], str]:
    """One record whose tag line is ``unit`` repeated to about ``size`` characters."""
    return lambda size: RECORD.replace("Backend ArchitectureDSL", unit * (size // len(unit)))


for _unit in (
    "memorycachequeue",
    "Dockerk8s",
    "k8s",
    "GPUH100",
    "5G",
    "1NF2NF",
    "120Hz4K",
    "2.4GHz",
    "3xcamera",
    "go.sum",
    "std::vector",
    "TLSX.509",
    "SREon-",
    "R&D",
    "RISC-V",
    "ContextClassLoader",
    "JVMTreeMap",  # capitals glued to a hump: every cut searched again
    "a1",
    "OKRR&D",  # the last of a run of capitals may start a name with &
    "RTOS",  # one run of capitals twice: every cut searched again
    "HooksuseReducer",  # a hump after a short glued word may be inside a name
    "containerdrunc",  # a known word glued to one no list knows
    "syscallvDSO",  # one lowercase letter before capitals starts a name, after glued words
    "KVMvCPU",  # ... or after capitals
    "storageiCloud",  # ... or before a capitalized word
    "Hippo4jdynamic",  # a letter after digits, then a word: each looks for the word
):
    SHAPES[f"tag line of {_unit}"] = _tag_line_of(_unit)


def _one_word_and(end: str) -> Callable[[int], str]:
    """One record whose tag line is one lowercase word of about ``size`` letters, then ``end``."""
    return lambda size: RECORD.replace("Backend ArchitectureDSL", "x" * size + end)


# One long word before a dot: the look for the first word of a file name stays short.
SHAPES["tag line of one word and .go"] = _one_word_and(".go")
# One long lowercase word before a letter and capitals: the look for its last word stays short.
SHAPES["tag line of one word and vDSO"] = _one_word_and("vDSO")


MAX_RATIO = 1.5
MAX_BYTES_PER_BYTE = 50
MAX_BYTES_PER_BYTE_OF_TAGS = 150  # the shapes of one huge tag line


def work(text: str) -> None:
    """What each shape is put through: a lenient parse, every tag line split, the
    dump written back. Clear the caches before it."""
    dump = parse_dump(text, strict=False)
    for article in dump.articles:
        article.tags  # noqa: B018 - splitting every tag line is part of the work
    format_dump(dump)


def per_mb(text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        clear_cache()
        start = time.perf_counter()
        work(text)
        best = min(best, time.perf_counter() - start)
    return best / (len(text.encode()) / 1e6)


def peak_per_byte(text: str) -> float:
    """The peak of what ``work`` allocates, per byte of text (the word model is
    loaded before: it is the same for every text)."""
    load_word_model()
    gc.collect()
    clear_cache()
    tracemalloc.start()
    try:
        work(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak / len(text.encode())


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="0.1 MB and 1 MB instead of 1 MB and 10 MB")
    parser.add_argument("names", nargs="*", help="run only the shapes whose names hold one of these")
    args = parser.parse_args()
    small, large = (100_000, 1_000_000) if args.quick else (1_000_000, 10_000_000)
    shapes = {
        name: make for name, make in SHAPES.items() if not args.names or any(n in name for n in args.names)
    }
    print(f"{'shape':34} {'s/MB small':>11} {'s/MB large':>11} {'ratio':>6} {'B/B small':>10}")
    slow = heavy = 0
    for name, make in shapes.items():
        text = make(small)
        a = per_mb(text, 5)
        b = per_mb(make(large), 5)
        ratio = b / a
        peak = peak_per_byte(text)
        too_much = peak > (MAX_BYTES_PER_BYTE_OF_TAGS if name.startswith("tag line") else MAX_BYTES_PER_BYTE)
        slow += ratio > MAX_RATIO
        heavy += too_much
        missed = "  MISSED" if ratio > MAX_RATIO or too_much else ""
        print(f"{name:34} {a:11.4f} {b:11.4f} {ratio:6.2f} {peak:10.1f}{missed}")
    count = len(shapes)
    print(f"target: ratio <= {MAX_RATIO} on every shape; {count - slow} of {count} met")
    print(
        f"target: <= {MAX_BYTES_PER_BYTE} bytes allocated at the peak per byte of text"
        f" ({MAX_BYTES_PER_BYTE_OF_TAGS} for a tag line); {count - heavy} of {count} met"
    )
    return 1 if slow or heavy else 0


if __name__ == "__main__":
    sys.exit(main())
