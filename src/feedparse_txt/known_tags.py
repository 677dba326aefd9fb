"""Tags known to exist, indexed to be found in tag lines (:class:`KnownTags`), and
the tag files they are read from.

Kept apart from :mod:`feedparse_txt.tags`, which loads its word model on first
use: parsing holds known tags for every article without splitting any.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterable, Iterator

from .errors import ParseError
from .source import decode, text_lines

__all__ = ["KnownTags"]

# Up to this many tags, finding each with str.find beats looking up each position of the
# line in the index (a 44-character line: 8 tags 1.7 µs against 6.5, 32 tags 5.4 against 6.5).
_FEW = 32
# Page tags remembered per list (KnownTags.with_page_tag), and lists unpickled per process;
# past that many, all are forgotten at once.
_REMEMBERED = 1024
_SERIALS = itertools.count()


class KnownTags:
    """Tags known to exist: a site's tag list, and the page's own tag.

    ``tags`` are the list as given (in their order, stripped of whitespace, without
    duplicates or empty ones). It finds which of them occur in a tag line in a few dict lookups, even
    among thousands, and hashes once: build it once and pass it to every parse.

    ``page_tag`` is the tag of the page a record was listed on: most records of
    that page have it, so where it can stand in a tag line it is the likeliest of
    tags, though a record may lack it and hold it inside another tag (``Java`` in
    ``JavaScript``). A tag of the list only may be part of a longer tag the list lacks. The list
    with a page tag shares the list's index: a corpus of many pages holds the
    list once.

    >>> known = KnownTags(["Java", "SPI", "Java"])
    >>> known
    KnownTags(('Java', 'SPI'))
    >>> known.spans_in("ContextClassLoaderJavaSPI")
    [(18, 22), (22, 25)]
    >>> list(known.with_page_tag("Bootmem"))
    ['Java', 'SPI', 'Bootmem']
    """

    __slots__ = ("_hash", "_index", "_letters", "_serial", "_with_page_tag", "page_tag", "tags")

    tags: tuple[str, ...]
    page_tag: str | None
    _index: dict[str, tuple[str, ...]]  # tags of two or more characters by their first two
    _letters: frozenset[str]  # tags of one character
    _hash: int
    _serial: int  # its own number, never reused: a cache key cheaper than the hash
    _with_page_tag: dict[str, KnownTags]

    def __init__(self, tags: Iterable[str] = (), page_tag: str | None = None) -> None:
        if isinstance(tags, str):
            raise TypeError("known tags must be an iterable of tags, not one str")
        given = list(tags)
        for tag in (*given, page_tag or ""):
            if not isinstance(tag, str):
                raise TypeError(f"a known tag must be a str, not {type(tag).__name__}")
        # A tag never starts or ends with whitespace: "Java\r" read from a file is Java.
        self.tags = tuple(tag for tag in dict.fromkeys(tag.strip() for tag in given) if tag)
        index: dict[str, list[str]] = {}
        for tag in self.tags:
            if len(tag) > 1:
                index.setdefault(tag[:2], []).append(tag)
        self._index = {key: tuple(tags) for key, tags in index.items()}
        self._letters = frozenset(tag for tag in self.tags if len(tag) == 1)
        self._with_page_tag = {}
        self._set_page_tag(page_tag)

    def _set_page_tag(self, page_tag: str | None) -> None:
        self.page_tag = page_tag.strip() or None if page_tag else None
        self._hash = hash((self.tags, self.page_tag))
        self._serial = next(_SERIALS)

    @classmethod
    def from_file(cls, path: str | os.PathLike[str], page_tag: str | None = None) -> KnownTags:
        """The tags of a tag file, as ``feedparse-txt parse --known-tags`` reads it: one
        tag a line, or the lines ``feedparse-txt tags`` writes (a tag line, a tab, its
        tags joined by `` | ``; a line starting with ``# `` is a comment). UTF-8, or
        UTF-16 or UTF-32 as a dump may be; an invalid byte raises a ``bad-encoding``
        :class:`ParseError` naming ``path``."""
        with open(path, "rb") as file:
            data = file.read()
        try:
            text = decode(data, strict=True).text
        except ParseError as error:
            error.source = os.fspath(path)
            raise
        return cls(tags_in_tag_file(text), page_tag)

    @classmethod
    def of(cls, tags: Iterable[str]) -> KnownTags:
        """``tags`` as known tags: the same object when it is one already."""
        if isinstance(tags, KnownTags):
            return tags
        return NO_KNOWN_TAGS if isinstance(tags, tuple) and not tags else cls(tags)

    def spans_in(self, line: str) -> list[tuple[int, int]]:
        """Where each known tag occurs in ``line``, as ``(start, end)``, by start."""
        page_tag = self.page_tag
        if not self.tags:  # a page's tag alone: the common case, on every record of a tag page
            return _find_all(line, page_tag) if page_tag is not None else []
        if len(self.tags) <= _FEW:
            spans = [span for tag in self.tags for span in _find_all(line, tag)]
        else:
            index, letters = self._index, self._letters
            spans = []
            for start in range(len(line)):
                if line[start] in letters:
                    spans.append((start, start + 1))
                for tag in index.get(line[start : start + 2], ()):
                    if line.startswith(tag, start):
                        spans.append((start, start + len(tag)))
        if (unlisted := self._unlisted_page_tag()) is not None:
            spans += _find_all(line, unlisted)
        return sorted(spans)

    def _unlisted_page_tag(self) -> str | None:
        """The page tag, when the list lacks it."""
        tag = self.page_tag
        if tag is None or tag in self._letters or tag in self._index.get(tag[:2], ()):
            return None
        return tag

    def with_page_tag(self, tag: str | None) -> KnownTags:
        """These tags (a list without a page tag), with ``tag`` as the page's own tag;
        remembered, since a dump of many pages asks for the same few again and again."""
        if self.page_tag is not None:
            raise ValueError(f"these known tags have a page tag already: {self.page_tag!r}")
        if not tag:
            return self
        known = self._with_page_tag.get(tag)
        if known is None:
            if len(self._with_page_tag) >= _REMEMBERED:
                self._with_page_tag.clear()
            known = object.__new__(KnownTags)
            known.tags, known._index, known._letters = self.tags, self._index, self._letters
            known._with_page_tag = {}
            known._set_page_tag(tag)
            self._with_page_tag[tag] = known
        return known

    def __iter__(self) -> Iterator[str]:
        """The listed tags, then the page tag unless listed."""
        yield from self.tags
        if (unlisted := self._unlisted_page_tag()) is not None:
            yield unlisted

    def __len__(self) -> int:
        return len(self.tags) + (self._unlisted_page_tag() is not None)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, KnownTags):
            return NotImplemented
        return self is other or (self.page_tag == other.page_tag and self.tags == other.tags)

    def __reduce__(self) -> tuple[object, ...]:
        # The tags only: the index and the hash are rebuilt (hashes differ between
        # processes), once per list in a process, whatever the page tags.
        return (_unpickled, (self.tags, self.page_tag))

    def __repr__(self) -> str:
        page = "" if self.page_tag is None else f", page_tag={self.page_tag!r}"
        return f"KnownTags({self.tags!r}{page})"


def tags_in_tag_file(text: str, on_loose_row: Callable[[int, str], None] | None = None) -> list[str]:
    """The tags of a tag file's text (see :meth:`KnownTags.from_file`); each row whose
    tags after a tab do not make up the tag line before it (a hand edit that changed
    a letter) goes to ``on_loose_row`` with its line number."""
    found: list[str] = []
    for number, line in enumerate(text_lines(text), 1):
        if not line.startswith("# "):
            tags, whole = _tags_of_row(line)
            found.extend(tags)
            if not whole and on_loose_row is not None:
                on_loose_row(number, line)
    return found


def split_joined_tags(joined: str) -> list[str]:
    """The tags of ``joined``, a tag file's row or a CSV cell, where they stand joined
    by `` | ``: split at each ``|``, the whitespace around it left out, as a person
    editing one types them (``DSL|Java``, ``DSL | Java ``)."""
    return [tag.strip() for tag in joined.split("|")]


def _tags_of_row(row: str) -> tuple[list[str], bool]:
    """The tags of one line of a tag file: the line itself, or the tags after its tab;
    and whether they make up the line before the tab. A tag line may hold a tab of its
    own: the tab is the one after which the tags make up the text before it, as
    ``tags`` writes them; else (a hand-edited row) the first."""
    at = row.find("\t")
    if at == -1:
        return [row], True
    first = at
    while at != -1:
        tags = split_joined_tags(row[at + 1 :])
        if "".join(tags) == row[:at]:
            return tags, True
        at = row.find("\t", at + 1)
    return split_joined_tags(row[first + 1 :]), False


def _find_all(line: str, tag: str) -> list[tuple[int, int]]:
    spans = []
    start = line.find(tag)
    while start != -1:
        spans.append((start, start + len(tag)))
        start = line.find(tag, start + 1)
    return spans


NO_KNOWN_TAGS = KnownTags()

_UNPICKLED: dict[tuple[str, ...], KnownTags] = {}


def _unpickled(tags: tuple[str, ...], page_tag: str | None) -> KnownTags:
    known = _UNPICKLED.get(tags)
    if known is None:
        if len(_UNPICKLED) >= _REMEMBERED:
            _UNPICKLED.clear()
        known = _UNPICKLED[tags] = KnownTags(tags)
    return known.with_page_tag(page_tag)
