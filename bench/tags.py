"""Accuracy and speed of split_tags on labelled tag lines.

    python bench/tags.py                      # every tests/data/*.tsv
    python bench/tags.py labelled.tsv ...     # other files: line<TAB>tag | tag | tag
    python bench/tags.py --generated 15000    # also random sorted sets of the labelled tags
    python bench/tags.py --known-tags         # also with a site's tag list, whole or in part
    python bench/tags.py --sets 2,3,4         # also random sorted sets of 2, 3 and 4 labelled tags

Prints the share of lines split exactly, each line it gets wrong (with whether it
was flagged as a guess), and the mean microseconds per line on a first call (no
cache; best and median of 15 passes) and on a repeated call (cached).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from feedparse_txt import KnownTags
from feedparse_txt import tags as tag_module
from feedparse_txt.tags import split_tags, tag_readings

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def read_labelled(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    rows = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        line, _, labels = raw.partition("\t")
        rows.append((line, tuple(labels.split(" | "))))
    return rows


def _boundaries_off(expected: tuple[str, ...], got: tuple[str, ...]) -> int:
    """How many boundaries one split has that the other lacks (a moved one counts once)."""

    def cuts(tags: tuple[str, ...]) -> set[int]:
        out, at = set(), 0
        for tag in tags[:-1]:
            at += len(tag)
            out.add(at)
        return out

    mine, theirs = cuts(got), cuts(expected)
    return max(len(mine - theirs), len(theirs - mine))


def generated_accuracy(count: int, seed: int) -> None:
    """Print the share of generated tag lines split exactly: every line is a random
    sorted set of the labelled tags (real and synthetic), so its tags are known and
    its junctions (where one tag's end meets the next one's start) are new."""
    import corpus  # bench/corpus.py, next to this script

    records = corpus.articles(count, seed)
    wrong = sum(split_tags("".join(a.tags)) != a.tags for a in records)
    exact = count - wrong
    print(f"generated lines (seed {seed}): exact {exact}/{count} = {100 * exact / count:.1f}%")


def sets_accuracy(rows: list[tuple[str, tuple[str, ...]]], sizes: list[int], count: int, seed: int) -> None:
    """Print the share of lines split exactly when every line is a random sorted set of
    ``size`` distinct labelled tags, for each size; and how many of the misses were
    flagged as guesses. The site shows two or three tags a line: more test the limits."""
    import random

    vocabulary = sorted({tag for _, tags in rows for tag in tags})
    rng = random.Random(seed)
    for size in sizes:
        tag_module.clear_cache()
        lines = [tuple(sorted(rng.sample(vocabulary, size))) for _ in range(count)]
        misses = [tags for tags in lines if split_tags("".join(tags)) != tags]
        flagged = sum(tag_readings("".join(tags), limit=1)[0].close for tags in misses)
        exact = count - len(misses)
        print(
            f"sets of {size} of the {len(vocabulary)} labelled tags (seed {seed}): exact {exact}/{count}"
            f" = {100 * exact / count:.1f}%; misses flagged as guesses: {flagged}/{len(misses)}"
        )


def known_tags_accuracy(rows: list[tuple[str, tuple[str, ...]]], count: int, seed: int) -> None:
    """Print the share of lines split exactly when a site's tag list is known: every
    labelled tag (of these files and of the generated lines), either half of it
    (every other tag, as a list that lacks many tags), or only the page's own tag
    (each of a line's tags in turn, and each tag of other lines that occurs inside the
    line); the labelled lines and ``count`` generated ones."""
    import corpus  # bench/corpus.py, next to this script

    generated = [("".join(a.tags), a.tags) for a in corpus.articles(count, seed)] if count else []
    vocabulary = sorted({tag for _, tags in rows + generated for tag in tags})
    lists = {
        "no list": KnownTags(),
        "every tag": KnownTags(vocabulary),
        "even half": KnownTags(vocabulary[0::2]),
        "odd half": KnownTags(vocabulary[1::2]),
    }
    print(f"with known tags ({len(vocabulary)} labelled tags):")
    for name, known in lists.items():
        for kind, lines in (("labelled", rows), ("generated", generated)):
            if lines:
                tag_module.clear_cache()
                start = time.perf_counter()
                exact = sum(split_tags(line, known_tags=known) == tags for line, tags in lines)
                took = (time.perf_counter() - start) / len(lines) * 1e6
                print(
                    f"  {name:10} {kind:9} exact {exact}/{len(lines)} = {100 * exact / len(lines):.1f}%"
                    f"  ({took:.0f} µs/line, first call)"
                )
    tag_module.clear_cache()
    for kind, lines in (("labelled", rows), ("generated", generated)):
        if lines:
            # the line's own tags in turn as the page tag, and tags of other lines that occur
            # inside it (a record may lack the page's tag and hold it inside another: JavaScript)
            own = [(line, tags, KnownTags(page_tag=tag)) for line, tags in lines for tag in tags]
            inside = [
                (line, tags, KnownTags(page_tag=tag))
                for line, tags in lines
                for tag in vocabulary
                if tag in line and tag not in tags
            ]
            for name, tries in (("page tag", own), ("inside", inside)):
                exact = sum(split_tags(line, known_tags=known) == tags for line, tags, known in tries)
                print(f"  {name:10} {kind:9} exact {exact}/{len(tries)} = {100 * exact / len(tries):.1f}%")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument(
        "--generated",
        type=int,
        default=0,
        metavar="N",
        help="also split N generated lines (bench/corpus.py: sorted sets of labelled tags)",
    )
    parser.add_argument("--seed", type=int, default=11, help="of the generated lines")
    parser.add_argument(
        "--sets",
        metavar="K,K",
        type=lambda text: [int(size) for size in text.split(",")],
        default=[],
        help="also split 3,000 random sorted sets of K of the files' labelled tags, for each K",
    )
    parser.add_argument(
        "--known-tags",
        action="store_true",
        help="also split with a site's tag list (see known_tags_accuracy)",
    )
    args = parser.parse_args()
    if args.generated:
        generated_accuracy(args.generated, args.seed)
    files = args.files or sorted(DATA.glob("*.tsv"))
    rows = [row for path in files for row in read_labelled(path)]
    if args.known_tags:
        known_tags_accuracy(rows, args.generated, args.seed)
    if args.sets:
        sets_accuracy(rows, args.sets, 3000, args.seed)
    wrong = []
    flagged = 0
    for line, expected in rows:
        best = tag_readings(line, limit=1)[0]
        flagged += best.close
        got = split_tags(line)
        if got != expected:
            wrong.append((line, expected, got, best.close, _boundaries_off(expected, got)))
    lines = [line for line, _ in rows]
    first_runs, warm = [], []
    for _ in range(15):
        # Each line split once, every cache empty at the start (best of 15 such
        # passes, median printed too: one pass takes ~1 ms, and the machine's speed
        # drifts by more than that from one moment to the next).
        tag_module.clear_cache()
        start = time.perf_counter()
        for line in lines:
            split_tags(line)
        first_runs.append((time.perf_counter() - start) / len(lines) * 1e6)
    first = min(first_runs)
    first_median = statistics.median(first_runs)
    for _ in range(5):
        # What a line costs once the words are known: clear only what belongs to
        # lines (splits, glued parts), keep word costs, as in a long run.
        tag_module._SPLITS.clear()
        tag_module._GLUE.clear()
        start = time.perf_counter()
        for line in lines:
            split_tags(line)
        warm.append((time.perf_counter() - start) / len(lines) * 1e6)
    start = time.perf_counter()
    for _ in range(10):
        for line in lines:
            split_tags(line)
    cached = (time.perf_counter() - start) / (10 * len(lines)) * 1e6
    for line, expected, got, close, off in wrong:
        mark = "flagged as a guess" if close else "not flagged"
        print(f"WRONG ({mark}, {off} boundary off) {line!r}")
        print(f"   expected {' | '.join(expected)}\n   got      {' | '.join(got)}")
    exact = len(rows) - len(wrong)
    print(f"files: {', '.join(p.name for p in files)}")
    print(f"exact: {exact}/{len(rows)} = {100 * exact / len(rows):.1f}%")
    print(
        f"flagged as guesses: {flagged} lines; wrong and neither flagged nor off by one boundary: "
        f"{sum(1 for *_, close, off in wrong if not close and off > 1)}"
    )
    print(
        f"first call: {first:.2f} µs/line with every cache cleared (median {first_median:.2f}); "
        f"{min(warm):.2f} µs/line with word costs known; repeated line: {cached:.2f} µs/line"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
