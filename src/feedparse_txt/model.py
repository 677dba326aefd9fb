"""The records a dump parses into: :class:`Article`, :class:`Header`, :class:`Dump`."""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import operator
from collections.abc import Callable, Iterable, Iterator, Sized
from typing import Any, NamedTuple, overload

import attrs

from .checks import check_int
from .errors import Problem
from .fields import COUNT_DIGITS, MAX_COUNT
from .known_tags import NO_KNOWN_TAGS, KnownTags
from .source import line_break, text_codec

__all__ = ["Article", "Dump", "Header", "HeaderStyle", "Layout"]


class Layout(str, enum.Enum):
    """How a record is laid out in the text (see FORMAT.md).

    >>> Layout("compact") is Layout.COMPACT
    True
    """

    FULL = "full"  #: 11 lines: author twice, blank lines between fields, title again at the end
    COMPACT = "compact"  #: 6 lines, one per field


class HeaderStyle(str, enum.Enum):
    """Which of the page header styles a :class:`Header` was written in.

    >>> HeaderStyle.VIEWS.value
    'views'
    """

    LIST = "list"  #: ``Tagged articles`` / ``N articles`` / ``Page X of Y``
    NAMED = "named"  #: ``Tagged articles`` / tag / ``N articles · Page X of Y``
    VIEWS = "views"  #: ``Tag`` / tag / ``N views collected around this technical thread.``


def check_text(name: str, value: object) -> None:
    """Raise unless ``value`` can be written as one line and read back unchanged."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    if not value:
        raise ValueError(f"{name} must not be empty")
    if "\n" in value:
        raise ValueError(f"{name} must be one line, found a line break in {value!r}")
    if value.strip() != value:
        raise ValueError(f"{name} must not start or end with whitespace: {value!r}")
    if value[0] == "\ufeff":
        raise ValueError(
            f"{name} must not start with U+FEFF: at the start of a dump it reads as a byte order mark"
        )


def is_valid_text(value: str) -> bool:
    """Whether ``value`` can be a text field (see :func:`check_text`)."""
    return bool(value) and "\n" not in value and value.strip() == value and value[0] != "\ufeff"


def _check_count(name: str, value: object) -> None:
    if check_int(name, value, 0) > MAX_COUNT:
        raise ValueError(f"{name} must be from 0 to {MAX_COUNT} ({COUNT_DIGITS} digits), found {value}")


_set = object.__setattr__
_new = object.__new__

# An article's own fields, in the order parsed_article takes them.
PARSED_FIELDS = (
    "author",
    "published",
    "category",
    "title",
    "summary",
    "_tag_line",
    "likes",
    "read_minutes",
    "_known_tags",
)
# What equality and hashing compare (the tag line, not its split), and the sort key.
_FIXED = operator.attrgetter(*PARSED_FIELDS[:8])
_ORDER_KEY = operator.attrgetter(
    "author", "published", "category", "title", "summary", "tags", "likes", "read_minutes"
)


class _TagLineSlots:
    """The slots of a parsed article's tag line as written and of the known tags its
    lazy split may use. Kept out of the attrs fields, so that ``attrs.asdict``,
    ``attrs.astuple`` and ``attrs.fields`` show an article's fields only."""

    __slots__ = ("_known_tags", "_tag_line")
    _tag_line: str
    _known_tags: KnownTags


@functools.total_ordering
@attrs.define(frozen=True, slots=True, init=False, eq=False, getstate_setstate=False)
class Article(_TagLineSlots):
    """One record of a listing.

    ``"".join(article.tags)`` is the record's tag line, character for character.
    A parsed article keeps its tag line and splits it on first access of
    ``tags``; equality, hashing and pickling do not depend on whether that
    happened.

    >>> import datetime
    >>> a = Article(author="Amap Tech", published=datetime.date(2019, 8, 27),
    ...             category="Backend Development", title="GraphQL", summary="How.",
    ...             tags=("Backend Architecture", "DSL"), likes=0, read_minutes=11)
    >>> a.tags
    ('Backend Architecture', 'DSL')
    """

    author: str
    published: _dt.date
    category: str
    title: str
    summary: str
    tags: tuple[str, ...]
    likes: int
    read_minutes: int

    def __init__(
        self,
        *,
        author: str,
        published: _dt.date,
        category: str,
        title: str,
        summary: str,
        tags: Iterable[str],
        likes: int,
        read_minutes: int,
    ) -> None:
        for name, text in (
            ("author", author),
            ("category", category),
            ("title", title),
            ("summary", summary),
        ):
            check_text(name, text)
        if not isinstance(published, _dt.date) or isinstance(published, _dt.datetime):
            raise TypeError(f"published must be a datetime.date, not {type(published).__name__}")
        if isinstance(tags, str):
            raise TypeError("tags must be a sequence of tags, not one str")
        try:
            tags = tuple(tags)
        except TypeError:
            raise TypeError(f"tags must be a sequence of tags, not {type(tags).__name__}") from None
        if not tags:
            raise ValueError("an article needs at least one tag")
        for tag in tags:
            if not isinstance(tag, str) or not tag or "\n" in tag:
                raise ValueError(f"each tag must be a non-empty one-line str, found {tag!r}")
        tag_line = "".join(tags)
        check_text("the tag line", tag_line)
        _check_count("likes", likes)
        _check_count("read_minutes", read_minutes)
        fields: tuple[tuple[str, object], ...] = (
            ("author", author),
            ("published", published),
            ("category", category),
            ("title", title),
            ("summary", summary),
            ("tags", tags),
            ("likes", likes),
            ("read_minutes", read_minutes),
            ("_tag_line", tag_line),
            ("_known_tags", NO_KNOWN_TAGS),
        )
        for name, value in fields:
            _set(self, name, value)

    def __getattr__(self, name: str) -> Any:
        # Only reached while the ``tags`` slot is still empty: split now, keep the result.
        if name != "tags":
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        tags = (_split_line or _load_split_line())(self._tag_line, self._known_tags)
        _set(self, "tags", tags)
        return tags

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields: an ISO date, the tags as a list.

        >>> import datetime
        >>> Article(author="A", published=datetime.date(2019, 8, 27), category="C", title="T",
        ...         summary="S", tags=("DSL",), likes=0, read_minutes=3).to_dict()["published"]
        '2019-08-27'
        """
        from .jsonio import article_to_dict

        return article_to_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """The inverse of :meth:`to_dict`; every field is checked."""
        from .jsonio import article_from_dict

        return article_from_dict(data)

    def _fixed(self) -> tuple[object, ...]:
        return _FIXED(self)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Article:
            return NotImplemented
        assert isinstance(other, Article)
        if self._fixed() != other._fixed():
            return False
        if self._known_tags == other._known_tags and not (is_split(self) or is_split(other)):
            return True  # same line, same split rule: the same tags, no need to split
        return self.tags == other.tags

    def __hash__(self) -> int:
        return hash(self._fixed())

    def _order_key(self) -> tuple[object, ...]:
        return _ORDER_KEY(self)

    def __lt__(self, other: Article) -> bool:
        if other.__class__ is not Article:
            return NotImplemented
        return self._order_key() < other._order_key()

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt through the slots' setters, as the parser builds it. A split not
        # yet made is not made here either.
        split = self.tags if is_split(self) else None
        return (_restore, (*self._fixed(), self._known_tags, split))


_split_line: Callable[[str, KnownTags], tuple[str, ...]] | None = None


def _load_split_line() -> Callable[[str, KnownTags], tuple[str, ...]]:
    """The tag splitter, imported on the first split, not at import (the module and
    its word model are large); kept here, because an import statement run on every
    first access of ``tags`` cost ~0.9 µs, as much as a cached split."""
    global _split_line
    from .tags import split_line

    _split_line = split_line
    return split_line


_TAGS_SLOT = Article.__dict__["tags"]
_SET_TAGS = _TAGS_SLOT.__set__


def is_split(article: Article) -> bool:
    """Whether ``article`` holds its tags (split or given), not only its tag line."""
    try:
        _TAGS_SLOT.__get__(article)
    except AttributeError:
        return False
    return True


(
    _SET_AUTHOR,
    _SET_PUBLISHED,
    _SET_CATEGORY,
    _SET_TITLE,
    _SET_SUMMARY,
    _SET_TAG_LINE,
    _SET_LIKES,
    _SET_READ_MINUTES,
    _SET_KNOWN_TAGS,
) = (getattr(Article, name).__set__ for name in PARSED_FIELDS)  # the slots' descriptors


def parsed_article(
    author: str,
    published: _dt.date,
    category: str,
    title: str,
    summary: str,
    tag_line: str,
    likes: int,
    read_minutes: int,
    known_tags: KnownTags,
) -> Article:
    """An article from fields the parser has already checked; ``tags`` split lazily."""
    # The slots' own setters: a third faster than object.__setattr__ by name.
    article: Article = _new(Article)
    _SET_AUTHOR(article, author)
    _SET_PUBLISHED(article, published)
    _SET_CATEGORY(article, category)
    _SET_TITLE(article, title)
    _SET_SUMMARY(article, summary)
    _SET_TAG_LINE(article, tag_line)
    _SET_LIKES(article, likes)
    _SET_READ_MINUTES(article, read_minutes)
    _SET_KNOWN_TAGS(article, known_tags)
    return article


def _restore(*state: Any) -> Article:
    """Unpickle an article: its fields as parsed_article takes them, then its tags or None."""
    *fields, tags = state
    article = parsed_article(*fields)
    if tags is not None:
        _SET_TAGS(article, tags)
    return article


def keep_splits(articles: Iterable[Article], splits: Iterable[tuple[str, ...]]) -> None:
    """Give parsed articles their tags, split elsewhere (unpickled, or by a worker
    process), as if they had split them themselves."""
    for article, tags in zip(articles, splits, strict=True):
        _SET_TAGS(article, tags)


def tag_line(article: Article) -> str:
    """The tag line of ``article`` as it is written in a dump (no split needed)."""
    return article._tag_line


def fields_as_written(article: Article) -> tuple[object, ...]:
    """Every field of ``article`` as a dump writes it, its tags as their line:
    articles that differ here write different text."""
    return _FIXED(article)


def known_tags_of(article: Article) -> KnownTags:
    """The known tags ``article`` splits its tag line with (its page's tag among them)."""
    return article._known_tags


# The fields each header style writes, and needs to be written.
HEADER_FIELDS = {
    HeaderStyle.LIST: ("article_count", "page", "page_count"),
    HeaderStyle.NAMED: ("tag", "article_count", "page", "page_count"),
    HeaderStyle.VIEWS: ("tag", "views"),
}


def _check_optional_text(header: Header, field: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None:
        check_text(field.name, value)


def _check_optional_count(header: Header, field: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None:
        _check_count(field.name, value)


@attrs.frozen
class Header:
    """A page header. ``tag`` is ``None`` for the ``list`` style, which names no tag.

    Every field given is checked as an article's are, so that the header is
    written as one that reads back the same; one its style does not write
    (a ``list`` header's ``tag``) is refused. A ``page`` past its ``page_count``
    is not: a copy may show one, and parsing keeps it, with a problem.

    >>> Header(style=HeaderStyle.LIST, article_count=949, page=8, page_count=10).tag is None
    True
    """

    style: HeaderStyle = attrs.field(converter=HeaderStyle)
    tag: str | None = attrs.field(default=None, validator=_check_optional_text)
    article_count: int | None = attrs.field(default=None, validator=_check_optional_count)
    page: int | None = attrs.field(default=None, validator=_check_optional_count)
    page_count: int | None = attrs.field(default=None, validator=_check_optional_count)
    views: int | None = attrs.field(default=None, validator=_check_optional_count)

    def __attrs_post_init__(self) -> None:
        written = HEADER_FIELDS[self.style]
        unwritten = [
            field.name
            for field in attrs.fields(Header)[1:]
            if field.name not in written and getattr(self, field.name) is not None
        ]
        if unwritten:
            raise ValueError(f"a {self.style.value} header has no {', '.join(unwritten)}: it would be lost")


# ---------------------------------------------------------------------------- document
#
# A dump remembers the order of everything it was parsed from, so that it can be
# written back exactly. Records written the canonical way are kept as runs of
# indices into the parsed articles; only text that deviates is kept verbatim.


class HeaderEntry(NamedTuple):
    header: Header
    raw: str | None  # the exact text when it differs from the canonical rendering


class RecordRun(NamedTuple):
    start: int  # articles[start:stop] of the parsed articles, canonical in this layout
    stop: int
    layout: Layout


class RawRecord(NamedTuple):
    article: int  # index of the parsed article written from this exact text
    raw: str


class TextEntry(NamedTuple):
    raw: str  # text the parser could not use, kept verbatim


Entry = HeaderEntry | RecordRun | RawRecord | TextEntry


class Document(NamedTuple):
    entries: tuple[Entry, ...] = ()
    articles: tuple[Article, ...] = ()  # as parsed, to tell which records changed since


def _articles_tuple(articles: Iterable[Article]) -> tuple[Article, ...]:
    return tuple(articles)


def _problems_tuple(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(problems)


def _counted(noun: str) -> Callable[[Sized], str]:
    """The repr of a field as how many it holds (``<86 articles>``): a dump's records
    run to megabytes, which a REPL or a notebook would print whole."""

    def counted(items: Sized) -> str:
        return f"<{len(items)} {noun}{'s' * (len(items) != 1)}>"

    return counted


def _check_newline(dump: Dump, field: attrs.Attribute[str], value: str) -> None:
    # Any other string would be written between the lines (or fail deep in format_dump).
    if value not in ("\n", "\r\n", "\r"):
        raise ValueError(f"newline must be '\\n', '\\r\\n' or '\\r', not {value!r}")


def _check_header(dump: Dump, field: attrs.Attribute[Header | None], value: Header | None) -> None:
    if value is not None and not isinstance(value, Header):
        raise TypeError(f"header must be a Header or None, not {type(value).__name__}")


def _check_problems(
    dump: Dump, field: attrs.Attribute[tuple[Problem, ...]], value: tuple[Problem, ...]
) -> None:
    for problem in value:
        if not isinstance(problem, Problem):
            raise TypeError(f"problems must be Problem records, not {type(problem).__name__}")


def _check_bool(dump: Dump, field: attrs.Attribute[bool], value: bool) -> None:
    # Not any truthy value: a "false" read from somewhere would write a byte order mark.
    if not isinstance(value, bool):
        raise TypeError(f"{field.name} must be a bool, not {type(value).__name__}")


def _check_encoding(dump: Dump, field: attrs.Attribute[str | None], value: str | None) -> None:
    # What format_dump's text is encoded in to give the bytes back: it must be a text codec.
    if value is None:
        return
    if not isinstance(value, str):
        raise TypeError(f"encoding must be a str or None, not {type(value).__name__}")
    try:
        text_codec(value)
    except LookupError as error:
        raise ValueError(f"encoding must name a text encoding: {error}") from None


@attrs.frozen
class Dump:
    """A parsed dump: its first page ``header``, its ``articles`` and ``problems``.

    Iterating a dump yields its articles, ``len()`` counts them and ``dump[i]`` (or a
    slice) indexes them, as ``dump.articles`` does. It also keeps
    what :func:`~feedparse_txt.format_dump` needs to write the text back exactly;
    ``attrs.evolve(dump, articles=...)`` writes the new records in canonical form
    and the ones left as parsed as they were. Its repr counts the articles and
    problems (a large dump's would run to megabytes); they are in ``articles`` and
    ``problems``.

    >>> from pathlib import Path
    >>> from feedparse_txt import parse_dump
    >>> dump = parse_dump(Path("tests/data/tags_bootmem.txt"))
    >>> len(dump), dump.header.tag, [a.author for a in dump], dump[-1].author
    (1, 'Bootmem', ['Deepin Linux'], 'Deepin Linux')
    >>> dump  # doctest: +ELLIPSIS
    Dump(header=Header(...), articles=<1 article>, problems=<0 problems>, newline='\\n', ...)
    """

    header: Header | None = attrs.field(default=None, validator=_check_header)
    articles: tuple[Article, ...] = attrs.field(
        default=(), converter=_articles_tuple, repr=_counted("article")
    )
    problems: tuple[Problem, ...] = attrs.field(
        default=(), converter=_problems_tuple, validator=_check_problems, repr=_counted("problem")
    )
    #: the line ending of the first line: ``"\n"``, ``"\r\n"`` or ``"\r"`` (no LF at all)
    newline: str = attrs.field(default="\n", validator=_check_newline)
    #: whether the text ended with a line ending
    final_newline: bool = attrs.field(default=True, validator=_check_bool)
    #: whether the text started with a byte order mark
    bom: bool = attrs.field(default=False, validator=_check_bool)
    #: the codec that decoded the bytes read (``"utf-8"``, ``"utf-16-le"``, the one given
    #: as ``encoding``); None for text. ``format_dump(dump).encode(dump.encoding)`` gives
    #: back the bytes of a file that decoded without a problem (decompressed, if it was).
    encoding: str | None = attrs.field(default=None, validator=_check_encoding)
    document: Document = attrs.field(default=Document(), repr=False)

    def __reduce__(self) -> tuple[object, ...]:
        # Records travel as columns (lists of str, dates, ints) that pickle in C: a
        # dump parsed in a worker process reaches the parent at a fraction of the
        # cost of pickling each Article.
        from .columns import dump_from_columns, to_columns  # loaded only to pickle

        document = self.document
        same = document.articles is self.articles
        fields = (
            self.header,
            self.problems,
            self.newline,
            self.final_newline,
            self.bom,
            self.encoding,
            document.entries,
        )
        source = None if same else to_columns(document.articles)
        return (dump_from_columns, (fields, to_columns(self.articles), source))

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)

    def to_dict(self) -> dict[str, Any]:
        """The whole dump as JSON-ready data, as ``feedparse-txt parse --format json``
        writes it: :meth:`from_dict` and ``format_dump`` give its text back exactly,
        records edited with ``attrs.evolve`` as ``format_dump`` writes them."""
        from .jsonio import dump_to_dict

        return dump_to_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Dump:
        """The inverse of :meth:`to_dict`; a record or header edited in the data since is
        written anew (the others from their exact text). ``ValueError`` names a field
        it lacks."""
        from .jsonio import dump_from_dict

        return dump_from_dict(data)

    @overload
    def __getitem__(self, index: int) -> Article: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Article, ...]: ...

    def __getitem__(self, index: int | slice) -> Article | tuple[Article, ...]:
        return self.articles[index]

    def record_lines(self) -> tuple[tuple[int, int], ...]:
        """The first and last line (1-based) of each parsed article in the source text.

        >>> from pathlib import Path
        >>> from feedparse_txt import parse_dump
        >>> parse_dump(Path("tests/data/www_tags_contextclassloader.txt")).record_lines()
        ((4, 14),)
        """
        return tuple((line, line + size - 1) for kept, line, size in self._entry_lines() if kept is None)

    def kept_text(self) -> tuple[tuple[int, str], ...]:
        """The text read as no page header and no record, each stretch of it with its
        first line (1-based) in the source text: what lenient parsing kept, as it
        stands there (line endings included), so that the dump is written back exactly.

        >>> from pathlib import Path
        >>> from feedparse_txt import parse_dump
        >>> cut = parse_dump(Path("tests/data/www_tags_cache-breakdown.txt"), strict=False)
        >>> cut.kept_text()
        ((37, "Ray's Galactic Tech\\nRay's Galactic Tech\\nOct 17, 2025 · Backend Develo"),)
        """
        return tuple((line, kept) for kept, line, _ in self._entry_lines() if kept is not None)

    def _entry_lines(self) -> Iterator[tuple[str | None, int, int]]:
        """Each parsed article (None) and each text kept as no header or record, with
        its first line in the source text and how many lines it takes."""
        # Imported here: both modules import this one.
        from .formatting import render_header
        from .grammar import LAYOUTS

        end = line_break(self.newline)

        def lines_in(text: str) -> int:
            return text.count(end) + (0 if text.endswith(end) else 1)

        line = 1
        for entry in self.document.entries:
            if isinstance(entry, RecordRun):
                size = len(LAYOUTS[entry.layout])
                for _ in range(entry.start, entry.stop):
                    yield None, line, size
                    line += size
                continue
            if isinstance(entry, HeaderEntry):
                raw = entry.raw if entry.raw is not None else render_header(entry.header, self.newline)
                line += raw.count(end)
                continue
            yield (None if isinstance(entry, RawRecord) else entry.raw), line, lines_in(entry.raw)
            # The next starts on its last line if that has no line ending: a page run
            # into the line before it (see the ``joined-lines`` problem).
            line += entry.raw.count(end)

    def pages(self) -> tuple[tuple[Header | None, tuple[Article, ...]], ...]:
        """Each page of the dump (several pages pasted into one file) as its header
        and its articles, in order: a header starts a page, and articles before the
        first header, if any, are a page of their own, with ``None``. A dump whose
        articles were replaced gives the pages of its text as :func:`format_dump`
        writes it (parsed again: equal articles, not the same objects).

        >>> from pathlib import Path
        >>> from feedparse_txt import parse_dump
        >>> page = Path("tests/data/www_tags_cglib-proxy.txt").read_text(encoding="utf-8")
        >>> other = Path("tests/data/tags_bootmem.txt").read_text(encoding="utf-8")
        >>> pasted = parse_dump(page + other)
        >>> [(header and header.tag, len(articles)) for header, articles in pasted.pages()]
        [(None, 1), ('Bootmem', 1)]
        """
        if not articles_as_parsed(self):
            from .formatting import format_dump  # both modules import this one
            from .parsing import parse_dump

            return parse_dump(format_dump(self), strict=False).pages()
        entries = self.document.entries
        has_headers = any(isinstance(entry, HeaderEntry) for entry in entries)
        # The first header is the dump's own (``attrs.evolve`` may have replaced it).
        pages: list[tuple[Header | None, list[Article]]] = [(None if has_headers else self.header, [])]
        for entry in entries:
            if isinstance(entry, HeaderEntry):
                pages.append((self.header if len(pages) == 1 else entry.header, []))
            elif isinstance(entry, RecordRun):
                pages[-1][1].extend(self.articles[entry.start : entry.stop])
            elif isinstance(entry, RawRecord):
                pages[-1][1].append(self.articles[entry.article])
        if not pages[0][1] and (len(pages) > 1 or pages[0][0] is None):
            del pages[0]  # no articles before the first header, or none at all
        return tuple((header, tuple(articles)) for header, articles in pages)

    @property
    def headers(self) -> tuple[Header, ...]:
        """Every page header, in order (several pages pasted into one file)."""
        found = [entry.header for entry in self.document.entries if isinstance(entry, HeaderEntry)]
        if found and self.header is not None:
            found[0] = self.header
        elif found:
            del found[0]
        elif self.header is not None:
            found.append(self.header)
        return tuple(found)


def articles_as_parsed(dump: Dump) -> bool:
    """Whether the articles of ``dump`` are the records parsed, in their order (not
    replaced with ``attrs.evolve``)."""
    parsed = dump.document.articles
    return dump.articles is parsed or (
        len(dump.articles) == len(parsed) and all(a is b for a, b in zip(dump.articles, parsed, strict=True))
    )
