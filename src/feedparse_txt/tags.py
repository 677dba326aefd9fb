"""Splitting a run-together tag line into its tags.

Two facts of the format do most of the work: a tag boundary hides at a case
change (``DSLService``, ``MicroservicesNetflix``), and the tags of a line are in
plain code-point order (``sorted()``). Known tags (the page's own tag) win.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

__all__ = ["split_tags"]

# Above this many candidate boundaries the exact search is skipped (hostile input).
_EXACT_LIMIT = 20


def _case_boundaries(line: str) -> list[int]:
    """Positions where a tag may start: ``aB`` and the last capital of ``ABc``."""
    cuts = []
    for k in range(1, len(line)):
        before, here = line[k - 1], line[k]
        if not here.isupper():
            continue
        acronym_end = before.isupper() and k + 1 < len(line) and line[k + 1].islower()
        if before.islower() or before.isdigit() or acronym_end:
            cuts.append(k)
    return cuts


def _known_boundaries(line: str, known_tags: Iterable[str]) -> tuple[set[int], set[int]]:
    """Cuts forced around occurrences of known tags, and cuts forbidden inside them."""
    forced: set[int] = set()
    forbidden: set[int] = set()
    for tag in known_tags:
        if not tag:
            continue
        start = line.find(tag)
        while start != -1:
            end = start + len(tag)
            forced.update((start, end))
            forbidden.update(range(start + 1, end))
            start = line.find(tag, end)
    forced.discard(0)
    forced.discard(len(line))
    return forced - forbidden, forbidden


def split_tags(line: str, *, known_tags: Iterable[str] = ()) -> tuple[str, ...]:
    """Split a tag line into tags; ``"".join(result) == line`` always holds.

    >>> split_tags("Backend ArchitectureDSLService Orchestration")
    ('Backend Architecture', 'DSL', 'Service Orchestration')
    """
    if not line:
        return ()
    forced, forbidden = _known_boundaries(line, known_tags)
    candidates = sorted((set(_case_boundaries(line)) | forced) - forbidden)
    if len(candidates) > _EXACT_LIMIT:
        return _pieces(line, candidates)  # every case change: linear, still a partition
    return _best_sorted(line, candidates, forced)


def _pieces(line: str, cuts: Iterable[int]) -> tuple[str, ...]:
    bounds = [0, *cuts, len(line)]
    return tuple(line[a:b] for a, b in pairwise(bounds))


def _best_sorted(line: str, candidates: list[int], forced: set[int]) -> tuple[str, ...]:
    """The partition with the most pieces in sorted order that keeps every forced cut."""
    points = [0, *candidates, len(line)]
    # best[(i, j)]: most pieces covering line[:points[j]] whose last piece is points[i]:points[j]
    best: dict[tuple[int, int], tuple[int, tuple[int, ...]]] = {}
    for j in range(1, len(points)):
        for i in range(j):
            if any(points[i] < f < points[j] for f in forced):
                continue
            piece = line[points[i] : points[j]]
            if i == 0:
                best[(0, j)] = (1, ())
                continue
            options = [
                (count + 1, (*cuts, points[i]))
                for (h, i2), (count, cuts) in best.items()
                if i2 == i and line[points[h] : points[i]] <= piece
            ]
            if options:
                best[(i, j)] = max(options)
    final = [value for (i, j), value in best.items() if j == len(points) - 1]
    if not final:
        return (line,)
    return _pieces(line, max(final)[1])
