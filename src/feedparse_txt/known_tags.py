"""Tags known to exist, indexed to be found in tag lines (:class:`KnownTags`).

Kept apart from :mod:`feedparse_txt.tags`, which loads its word model on first
use: parsing holds known tags for every article without splitting any.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["KnownTags"]

# Up to this many tags, finding each with str.find beats indexing the line's positions.
_FEW = 8
# Page tags remembered per tag list (see KnownTags.with_tag); then forgotten, all at once.
_WITH_TAG_LIMIT = 1024


class KnownTags(tuple[str, ...]):
    """Tags known to exist: a site's tag list, and the page's own tag.

    A tuple of the tags as given (in their order, without duplicates or empty
    ones) that finds which of them occur in a tag line in a few dict lookups, even
    among thousands, and hashes once: build it once and pass it to every parse.

    ``page_tag`` is the tag of the page a record was listed on: every record of
    that page has it, so where it can stand in a tag line it is one of the tags.
    A tag of the list only may be part of a longer tag the list lacks.

    >>> known = KnownTags(["Java", "SPI", "Java"])
    >>> known
    KnownTags(('Java', 'SPI'))
    >>> known.spans_in("ContextClassLoaderJavaSPI")
    [(18, 22), (22, 25)]
    >>> known.with_page_tag("Bootmem")
    KnownTags(('Java', 'SPI', 'Bootmem'), page_tag='Bootmem')
    """

    page_tag: str | None
    _hash: int
    _index: dict[str, tuple[str, ...]]  # tags by their first two characters
    _letters: frozenset[str]  # tags of one character
    _with_page_tag: dict[str, KnownTags]

    def __new__(cls, tags: Iterable[str] = (), page_tag: str | None = None) -> KnownTags:
        if isinstance(tags, str):
            raise TypeError("known tags must be an iterable of tags, not one str")
        unique = dict.fromkeys(tags)
        if page_tag is not None:
            unique[page_tag] = None
        for tag in unique:
            if not isinstance(tag, str):
                raise TypeError(f"a known tag must be a str, not {type(tag).__name__}")
        self = super().__new__(cls, (tag for tag in unique if tag))
        self.page_tag = page_tag or None
        self._hash = hash((tuple(self), self.page_tag))
        index: dict[str, list[str]] = {}
        for tag in self:
            if len(tag) > 1:
                index.setdefault(tag[:2], []).append(tag)
        self._index = {key: tuple(tags) for key, tags in index.items()}
        self._letters = frozenset(tag for tag in self if len(tag) == 1)
        self._with_page_tag = {}
        return self

    @classmethod
    def of(cls, tags: Iterable[str]) -> KnownTags:
        """``tags`` as known tags: the same object when it is one already."""
        if isinstance(tags, KnownTags):
            return tags
        return NO_KNOWN_TAGS if isinstance(tags, tuple) and not tags else cls(tags)

    def spans_in(self, line: str) -> list[tuple[int, int]]:
        """Where each known tag occurs in ``line``, as ``(start, end)``, by start."""
        if len(self) <= _FEW:
            spans = []
            for tag in self:
                start = line.find(tag)
                while start != -1:
                    spans.append((start, start + len(tag)))
                    start = line.find(tag, start + 1)
            return sorted(spans)
        index, letters = self._index, self._letters
        found = []
        for start in range(len(line)):
            if line[start] in letters:
                found.append((start, start + 1))
            for tag in index.get(line[start : start + 2], ()):
                if line.startswith(tag, start):
                    found.append((start, start + len(tag)))
        return found

    def with_page_tag(self, tag: str | None) -> KnownTags:
        """These tags (a list without a page tag), with ``tag`` as the page's own tag;
        remembered, since a dump of many pages asks for the same few again and again."""
        if self.page_tag is not None:
            raise ValueError(f"these known tags have a page tag already: {self.page_tag!r}")
        if not tag:
            return self
        known = self._with_page_tag.get(tag)
        if known is None:
            if len(self._with_page_tag) >= _WITH_TAG_LIMIT:
                self._with_page_tag.clear()
            known = self._with_page_tag[tag] = KnownTags(self, page_tag=tag)
        return known

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        # Equal to known tags only: a plain tuple says nothing of a page tag.
        return self is other or (
            isinstance(other, KnownTags) and self.page_tag == other.page_tag and tuple.__eq__(self, other)
        )

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __reduce__(self) -> tuple[object, ...]:
        # The tags only: the index and the hash are rebuilt (hashes differ between
        # processes), once per process (parse_files sends a site's list with every job).
        return (_unpickled, (tuple(self), self.page_tag))

    def __repr__(self) -> str:
        page = "" if self.page_tag is None else f", page_tag={self.page_tag!r}"
        return f"KnownTags({tuple(self)!r}{page})"


NO_KNOWN_TAGS = KnownTags()

_UNPICKLED: dict[tuple[tuple[str, ...], str | None], KnownTags] = {}


def _unpickled(tags: tuple[str, ...], page_tag: str | None) -> KnownTags:
    key = (tags, page_tag)
    known = _UNPICKLED.get(key)
    if known is None:
        if len(_UNPICKLED) >= _WITH_TAG_LIMIT:
            _UNPICKLED.clear()
        known = _UNPICKLED[key] = KnownTags(tags, page_tag)
    return known
