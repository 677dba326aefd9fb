"""Shared fixtures and the Hypothesis profiles.

Profiles: ``dev`` (default), ``ci`` (chosen when CI is set: bounded, no deadline),
``fuzz`` (long runs: ``HYPOTHESIS_PROFILE=fuzz pytest tests/test_fuzz.py``).
"""

from __future__ import annotations

import io
import itertools
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, cast
from unittest import mock

from hypothesis import HealthCheck, settings

from feedparse_txt import (
    Article,
    Dump,
    ParseError,
    Problem,
    format_dump,
    iter_articles,
    normalize,
    parse_dump,
    source,
)
from feedparse_txt.source import line_break

DATA = Path(__file__).parent / "data"

settings.register_profile("dev", max_examples=200, deadline=None)
settings.register_profile("ci", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "fuzz",
    max_examples=100_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))


def real_dumps() -> list[Path]:
    """Every real listing copy in tests/data."""
    return sorted(DATA.glob("*.txt"))


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def gbk_copies(folder: Path, count: int = 4) -> list[Path]:
    """The first ``count`` real dumps saved in GBK in ``folder`` (what GBK cannot hold
    becomes ``?``), as a copy saved as "ANSI" on a Chinese Windows is."""
    paths = []
    for number, path in enumerate(real_dumps()[:count]):
        text = read(path).encode("gbk", errors="replace").decode("gbk")
        paths.append(folder / f"{number}.txt")
        paths[-1].write_bytes(text.encode("gbk"))
    return paths


REAL_TEXTS = {path.name: read(path) for path in real_dumps()}  # each real dump's text, by file name


def letter_avatar(author: str, style: int) -> str:
    """One of the letter avatars a site may draw for ``author``, by ``style``: its first
    letter (0), in lowercase (1), its words' initials (2: up to three), its first two
    letters (3), the initials of its first and last word (4)."""
    words = [word for word in author.split() if word[0].isalnum()]
    initials = "".join(word[0] for word in words)
    first_and_last = initials[0] + initials[-1] if len(initials) > 2 else initials  # TD, not 22 for 21CTO
    return [author[0], author[0].lower(), initials[:3], author[:2], first_and_last][style]


def strict_outcome(source: str | bytes, encoding: str | None = None) -> object:
    """The articles of a strict parse, or where and why it stops."""
    try:
        return parse_dump(source, encoding=encoding).articles
    except ParseError as error:
        return (error.code, error.line, error.column, error.message)


def assert_in_parts(problem: Problem) -> None:
    """``problem`` names what was expected and what was found, each as its message words it."""
    assert problem.expected and problem.found, problem
    assert f"expected {problem.expected}, found {problem.found}" in problem.message, problem
    assert not problem.expected.startswith(("expected ", "found ")), problem
    assert not problem.found.startswith(("expected ", "found ")), problem


def assert_kept_text_where_it_stands(dump: Dump, text: str) -> None:
    """Each stretch of :meth:`Dump.kept_text` stands in ``text`` at its line, apart
    from every record's lines, in order; or, where the line was read as two (pages
    joined with no line break: ``joined-lines``), from that problem's column on (past
    a byte order mark there), after the record the line ends."""
    end = line_break(dump.newline)  # what lines are cut at (a stray CR is text)
    lines = text.removeprefix("\ufeff" if dump.bom else "").split(end)  # (the BOM: dump.bom)
    taken = [range(first, last + 1) for first, last in dump.record_lines()]
    joined = {p.line: p.column for p in dump.problems if p.code == "joined-lines"}
    previous = 0
    for line, kept in dump.kept_text():
        stands = end.join(lines[line - 1 :])
        split = line in joined and not stands.startswith(kept)
        if split:
            stands = stands[joined[line] - 1 :].removeprefix("\ufeff")
        assert kept and line >= previous + (not split) and stands.startswith(kept), (line, kept)
        size = kept.count(end) + (not kept.endswith(end))
        assert not any(k in span for span in taken for k in range(line + split, line + size)), (line, kept)
        previous = line + size - 1


def check_both_modes(text: str) -> Dump:
    """Lenient never raises and loses nothing; strict raises only ParseError."""
    dump = parse_dump(text, strict=False)
    assert format_dump(dump) == text
    assert_kept_text_where_it_stands(dump, text)
    for problem in dump.problems:
        assert_in_parts(problem)
    try:
        strict = parse_dump(text)
    except ParseError as error:
        assert_in_parts(error.problem)
    else:
        assert strict.articles == dump.articles and dump.problems == ()
    return dump


def zipped(data: bytes) -> bytes:
    """``data`` as the one file ``page.txt`` of a zip archive."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("page.txt", data)
    return out.getvalue()


def record_key(article: Article) -> tuple[object, ...]:
    """An article's fields with its tags as the joined tag line, as FORMAT.md compares them."""
    return (
        article.author,
        article.published,
        article.category,
        article.title,
        article.summary,
        "".join(article.tags),
        article.likes,
        article.read_minutes,
    )


class Pieces(io.StringIO):
    """A text file whose reads return the text in pieces of the given sizes, as a
    pipe or a socket may: streaming must not depend on where the pieces end."""

    def __init__(self, text: str, sizes: list[int]) -> None:
        super().__init__()
        self._pieces = self._cut(text, sizes)

    @staticmethod
    def _cut(text: str, sizes: list[int]) -> Iterator[str]:
        at = 0
        for size in itertools.cycle(sizes):
            if at >= len(text):
                return
            yield text[at : at + size]
            at += size

    def read(self, size: int | None = -1) -> str:
        return next(self._pieces, "")


def assert_read_as_each_page(text: str, pages: tuple[str, ...], sizes: list[int]) -> tuple[Dump, list[Dump]]:
    """``text``, ``pages`` joined as ``cat`` joins files (a byte order mark between them
    or not), reads as each page alone, whole or taken in pieces of ``sizes``, and writes
    back exactly; normalized, it reads the same and stays so. The dump and the pages'."""
    dump, alone = parse_dump(text, strict=False), [parse_dump(page, strict=False) for page in pages]
    assert list(dump) == [article for page in alone for article in page]
    assert dump.headers == tuple(header for page in alone for header in page.headers)
    assert format_dump(dump) == text
    once = normalize(text)  # the pages on lines of their own: the same records
    assert normalize(once) == once and list(parse_dump(once, strict=False)) == list(dump)
    found: list[Problem] = []
    assert list(iter_articles(Pieces(text, sizes), strict=False, on_problem=found.append)) == list(dump)
    assert found == list(dump.problems)
    return dump, alone


def streamed(
    data: bytes | io.RawIOBase, chunk: int = 1 << 20, encoding: str | None = None
) -> tuple[list[Article], list[Problem]]:
    """The articles and problems of a lenient ``iter_articles`` of ``data`` (bytes, or a
    file of them), read ``chunk`` bytes at a time."""
    found: list[Problem] = []
    file = io.BytesIO(data) if isinstance(data, bytes) else data
    with mock.patch.object(source, "CHUNK_SIZE", chunk):
        articles = list(
            iter_articles(cast("IO[bytes]", file), strict=False, on_problem=found.append, encoding=encoding)
        )
    return articles, found
