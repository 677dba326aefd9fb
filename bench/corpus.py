"""Realistic listing dumps for benchmarks, generated from the real files' vocabulary.

Authors, categories, titles, summaries and tags come from tests/data (titles and
summaries are reshuffled per record so no two are alike); tag lines join the
page's tag with one or two others from the labelled files and bench/data, in
sorted order, so almost every record has a tag line of its own, as in a real
corpus. Pages of 90 records
in the full layout under a "list" header, as a browser copy gives them.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from feedparse_txt import Header, HeaderStyle, format_dump, parse_dump
from feedparse_txt.known_tags import NO_KNOWN_TAGS
from feedparse_txt.model import Article, keep_splits, parsed_article

ROOT = Path(__file__).resolve().parent.parent
RECORDS_PER_PAGE = 90  # as on the real page 8: 949 articles over 10 pages


def _vocabulary() -> dict[str, list[str]]:
    articles = [
        a
        for path in sorted((ROOT / "tests" / "data").glob("*.txt"))
        for a in parse_dump(path, strict=False).articles
    ]
    tags: set[str] = set()
    # The labelled real files and the synthetic sets (not unseen-tags.tsv: an accuracy check only).
    real = sorted((ROOT / "tests" / "data").glob("*.tsv"))
    for path in [*real, *(ROOT / "bench" / "data").glob("synthetic-tags*.tsv")]:
        for raw in path.read_text(encoding="utf-8").splitlines():
            if raw and not raw.startswith("#"):
                tags.update(raw.split("\t")[1].split(" | "))
    return {
        "authors": sorted({a.author for a in articles}),
        "categories": [*sorted({a.category for a in articles}), "Big Data", "Cloud Native", "Operations"],
        "title_words": [w for a in articles for w in a.title.split()],
        "summary_words": [w for a in articles for w in a.summary.split()],
        "tags": sorted(tags),
    }


def site_tags() -> list[str]:
    """Every other tag the generated records draw from: a site's tag list that lacks
    half of the tags its pages use."""
    return _vocabulary()["tags"][::2]


def articles(count: int, seed: int = 1) -> list[Article]:
    """``count`` realistic articles, the same for the same seed, holding the tags
    they were made of (so ``split_tags`` of their tag line can be checked).

    As on a real tag page, the records of a page share the page's tag (in nine
    lines of ten) and add one or two tags of their own.
    """
    rng = random.Random(seed)
    words = _vocabulary()
    start = dt.date(2017, 1, 1).toordinal()
    span = dt.date(2026, 11, 1).toordinal() - start
    out = []
    for number in range(count):
        if number % RECORDS_PER_PAGE == 0:
            page_tag = rng.choice(words["tags"])
        title = " ".join(rng.choices(words["title_words"], k=rng.randint(6, 14)))
        chosen = set(rng.sample(words["tags"], rng.choice((1, 2, 2, 2, 2))))
        if rng.random() < 0.9:
            chosen.add(page_tag)
        while len(chosen) < 2:
            chosen.add(rng.choice(words["tags"]))
        tags = sorted(chosen)
        article = parsed_article(
            rng.choice(words["authors"]),
            dt.date.fromordinal(start + rng.randrange(span)),
            rng.choice(words["categories"]),
            title,
            " ".join(rng.choices(words["summary_words"], k=rng.randint(30, 60))) + ".",
            "".join(tags),
            rng.choice((0, 0, 0, 0, 1, 2, 5, 12, 140)),
            rng.randint(3, 72),
            NO_KNOWN_TAGS,
        )
        keep_splits((article,), (tuple(tags),))  # the tags it was made of, not a split of its line
        out.append(article)
    return out


def dump_text(size: int, seed: int = 1) -> tuple[str, list[Article]]:
    """Dump text of about ``size`` bytes, and the articles in it."""
    sample = articles(200, seed)
    per_record = len(format_dump(sample).encode()) / len(sample)
    records = articles(max(1, int(size / per_record)), seed)
    pages = []
    total = (len(records) + RECORDS_PER_PAGE - 1) // RECORDS_PER_PAGE
    for number, first in enumerate(range(0, len(records), RECORDS_PER_PAGE), start=1):
        header = Header(style=HeaderStyle.LIST, article_count=len(records), page=number, page_count=total)
        pages.append(format_dump(records[first : first + RECORDS_PER_PAGE], header=header))
    return "".join(pages), records
