"""The entry points: :func:`parse_dump` and :func:`iter_articles`."""

from __future__ import annotations

import contextlib
import datetime as _dt
import functools
import gc
import os
import threading
from collections.abc import Callable, Iterable, Iterator

import attrs

from .checks import check_int
from .errors import ParseError, Problem
from .known_tags import KnownTags
from .machine import Machine
from .model import Article, Dump
from .source import Source, codec_of, iter_chunks, iter_text_blocks, path_names, read_text, source_name

__all__ = ["iter_articles", "parse_dump", "parse_files"]


def split_every_tag_line(dump: Dump) -> None:
    """Split the tag line of every record of ``dump`` now (``Article.tags`` keeps
    the split)."""
    with without_full_gc():
        for article in dump.articles:
            article.tags  # noqa: B018 - reading splits and keeps the tags


@contextlib.contextmanager
def without_full_gc() -> Iterator[None]:
    """Hold off the cyclic garbage collector's full collections while a parse
    creates its records.

    Records form no reference cycles, but as a large dump's records pile up, the
    collector would walk the older generations again and again, and every so
    often the whole heap: that grows faster than the dump. Collections of the
    young generation go on: each walks only what was made since the last one, and
    frees the cycles of the exceptions the lenient reader handles (a traceback
    holds frames that hold the exception). Paused altogether, the collector left
    them to pile up: 3.5 GB for 10.5 MB of text of nothing but damaged record
    starts. A collector that is disabled stays disabled; Python 3.14's incremental
    collector makes no full collections and ignores the third threshold.

    The threshold is the process's: parses in several threads share one hold, and
    the last to end restores it (each restoring what it found left it raised for
    good when two overlapped).
    """
    global _holds, _third
    with _holds_lock:
        if _holds == 0:
            first, second, _third = gc.get_threshold()
            gc.set_threshold(first, second, _LONG_AGO)
        _holds += 1
    try:
        yield
    finally:
        with _holds_lock:
            _holds -= 1
            if _holds == 0:
                _release_hold()


_LONG_AGO = 1 << 30  # collections of the middle generation before a full one: none in a parse
_holds = 0  # the parses under way that hold off full collections
_third = 0  # the third threshold they found
_holds_lock = threading.Lock()


def _release_hold() -> None:
    first, second, third = gc.get_threshold()
    if third == _LONG_AGO:  # as the hold left it: not set since by someone else
        gc.set_threshold(first, second, _third)


def _after_fork_in_child() -> None:
    # A child forked during a parse in another thread gets that parse's hold but not
    # the parse, and maybe the lock held: it starts with neither.
    global _holds, _holds_lock
    if _holds:
        _holds = 0
        _release_hold()
    _holds_lock = threading.Lock()


if hasattr(os, "register_at_fork"):  # not on Windows, which does not fork
    os.register_at_fork(after_in_child=_after_fork_in_child)


def parse_dump(
    source: Source,
    *,
    strict: bool = True,
    reference_date: _dt.date | None = None,
    date_order: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    known_tags: Iterable[str] = (),
    encoding: str | None = None,
) -> Dump:
    """Parse a whole dump into a :class:`Dump`.

    ``source`` is dump text (a ``str`` is always text, never a path), ``bytes``,
    an ``os.PathLike`` path, or an open text or binary file. Strict mode (the
    default) raises :class:`ParseError` at the first deviation; ``strict=False``
    never raises for a ``str`` and records
    :class:`Problem` objects instead, keeping every line it could not use.
    ``reference_date`` resolves relative dates such as ``3 days ago`` and dates
    without their year or century (``Sep 5``, ``Sep 5 '19``); a ``datetime`` (the time of the copy) also
    resolves ``2 hours ago``. ``date_order`` (``"MDY"`` or ``"DMY"``) says in which order
    the listing writes a date in numbers (``05/08/2019``), where the day and month
    could each be the other: without it, such a date is an ``ambiguous-date`` deviation.
    ``progress(done, total)`` is called as the text is read, in characters.
    ``known_tags`` (a site's tag list; a :class:`KnownTags` to share one between
    parses) help the lazy split of every record's tags, with each page's own tag.
    Bytes are UTF-8 (with or without BOM), or UTF-16 or UTF-32 if they start with
    that byte order mark; gzip, bzip2 or xz bytes are read as the text they hold
    (cut off or damaged: the text up to there, and a ``bad-compression`` problem);
    ``encoding`` names another codec (``"cp1252"``, ``"gbk"``: what Windows Notepad
    saves as "ANSI") for bytes and binary files. ``LookupError`` if Python has none.

    >>> with open("tests/data/backend-architecture-page8.txt", "rb") as file:
    ...     dump = parse_dump(file)
    >>> len(dump), dump.header.page, dump.articles[0].author
    (86, 8, 'Amap Tech')
    """
    name = source_name(source)
    codec = codec_of(encoding)
    try:
        decoded = read_text(source, strict=strict, codec=codec)
    except ParseError as error:
        error.source = name
        raise
    machine = Machine(
        strict=strict,
        reference_date=reference_date,
        date_order=date_order,
        source_name=name,
        bom=decoded.bom,
        encoding=decoded.codec,
        known_tags=KnownTags.of(known_tags),
    )
    machine.problems.extend(decoded.problems)
    text = decoded.text
    with without_full_gc():
        try:
            if progress is None:
                machine.feed(text, final=True)
            else:
                _feed_in_blocks(machine, text, progress)
        except ParseError as error:
            if _before(error.line, machine.first_record_line):
                error.detail += _path_hint(source) or _records_hint(text)
            raise
        dump = machine.dump()
    if dump.problems and (hint := _path_hint(source) or _records_hint(text)):
        problems = list(dump.problems)
        if _hinted(problems, hint, machine.first_record_line):
            dump = attrs.evolve(dump, problems=problems)
    return dump


def _hinted(problems: list[Problem], hint: str, first_record_line: int | None) -> bool:
    """Add ``hint`` to the first of ``problems`` about the text's lines (not its byte
    order mark, which any text may start with), unless a record starts before it;
    whether there was one. (What the text is shows where it starts: a record read
    before the problem says it is dump text.)"""
    at = next((k for k, problem in enumerate(problems) if problem.code != "bom"), None)
    if at is None:
        return False
    if _before(problems[at].line, first_record_line):
        problems[at] = attrs.evolve(problems[at], message=problems[at].message + hint)
    return True


def _before(line: int, first_record_line: int | None) -> bool:
    """Whether ``line`` (of a deviation) comes before the first record read (None: none is)."""
    return first_record_line is None or line < first_record_line


def _path_hint(source: Source) -> str:
    """What to add to the problem of a one-line ``str`` that names a file: a common
    slip, since a ``str`` is always dump text, never a path."""
    if isinstance(source, str) and len(source) < 4096 and "\n" not in source and os.path.isfile(source):
        return f"; a str is dump text, and this one names a file: pass pathlib.Path({source!r}) to read it"
    return ""


# Records as 'feedparse-txt parse' writes them in CSV: a column for each field of an
# article, in its order, and what may stand between them, by the name --delimiter gives it.
CSV_FIELDS = tuple(field.name for field in attrs.fields(Article))
CSV_DELIMITERS = {"comma": ",", "semicolon": ";", "tab": "\t"}


def _records_hint(text: str) -> str:
    """What to add to the problem of ``text`` whose first line opens records as
    ``feedparse-txt parse`` writes them (JSON, JSON Lines, a CSV's header row), not
    dump text: a common slip, the wrong command given the file."""
    first = text[:4096].lstrip("\ufeff \t\r\n").split("\n", 1)[0].rstrip()  # its start is enough
    if first == "{" or first.startswith('{"'):
        kind = "JSON"
    elif any(set(CSV_FIELDS).issubset(first.split(delimiter)) for delimiter in CSV_DELIMITERS.values()):
        kind = "CSV"
    else:
        return ""
    return (
        f"; this is records as {kind}, as 'feedparse-txt parse' writes them, not dump text: "
        "'feedparse-txt format' writes them back as a dump"
    )


_BLOCK = 1 << 20


def _feed_in_blocks(machine: Machine, text: str, progress: Callable[[int, int], None]) -> None:
    """Feed ``text`` a block of lines at a time, reporting how far it got."""
    blocks = iter_text_blocks(iter(text[start : start + _BLOCK] for start in range(0, len(text), _BLOCK)))
    done = 0
    for block, final in blocks:
        machine.feed(block, final=final)
        done += len(block)
        progress(done, len(text))


def iter_articles(
    source: Source,
    *,
    strict: bool = True,
    reference_date: _dt.date | None = None,
    date_order: str | None = None,
    on_problem: Callable[[Problem], None] | None = None,
    known_tags: Iterable[str] = (),
    encoding: str | None = None,
) -> Iterator[Article]:
    """Yield the articles of a dump while reading it, block by block.

    The same records as ``parse_dump(source).articles``, without holding the file
    or all the records in memory. In strict mode the first deviation raises
    :class:`ParseError` when the reading gets there. In lenient mode
    ``on_problem(problem)`` is called with each of the problems
    ``parse_dump(source, strict=False).problems`` holds, in the same order, as
    the reading gets past them (a block of about 1 MB at a time).
    ``date_order``, ``known_tags`` and ``encoding`` as for :func:`parse_dump`.

    >>> from pathlib import Path
    >>> sum(1 for _ in iter_articles(Path("tests/data/backend-architecture-page8.txt")))
    86
    >>> found = []
    >>> len(list(iter_articles(Path("tests/data/www_tags_idempotency.txt"), strict=False,
    ...                        on_problem=found.append))), found[0].code
    (3, 'truncated-record')
    """
    blocks = read_in_blocks(
        source, strict, reference_date, on_problem, known_tags, encoding, date_order=date_order
    )
    for machine in blocks:
        yield from machine.articles


def iter_located_articles(
    source: Source,
    *,
    strict: bool = True,
    reference_date: _dt.date | None = None,
    date_order: str | None = None,
    on_problem: Callable[[Problem], None] | None = None,
    known_tags: Iterable[str] = (),
    encoding: str | None = None,
) -> Iterator[tuple[int, Article]]:
    """:func:`iter_articles`, each article with its first line in the source (1-based,
    as ``parse_dump(source).record_lines()`` has it), as ``parse --with-source`` names it.

    >>> from pathlib import Path
    >>> [line for line, _ in iter_located_articles(Path("tests/data/www_tags_cache-breakdown.txt"),
    ...                                             strict=False)]
    [4, 15, 26]
    """
    blocks = read_in_blocks(
        source,
        strict,
        reference_date,
        on_problem,
        known_tags,
        encoding,
        date_order=date_order,
        track_lines=True,
    )
    for machine in blocks:
        yield from zip(machine.first_lines or (), machine.articles, strict=True)


def read_in_blocks(
    source: Source,
    strict: bool,
    reference_date: _dt.date | None,
    on_problem: Callable[[Problem], None] | None,
    known_tags: Iterable[str],
    encoding: str | None,
    *,
    date_order: str | None = None,
    track_lines: bool = False,
    keep_document: bool = False,
) -> Iterator[Machine]:
    """Feed ``source`` to a machine block by block; after each block, the machine
    holds the new articles (and their first lines, and with ``keep_document`` the
    new document entries: :meth:`Machine.take_entries`) for the caller to take. A
    stretch of text with no record in it comes in parts, a text entry a block."""
    name = source_name(source)
    codec = codec_of(encoding)
    machine = Machine(
        strict=strict,
        keep_document=keep_document,
        reference_date=reference_date,
        date_order=date_order,
        source_name=name,
        track_lines=track_lines,
        known_tags=KnownTags.of(known_tags),
        text_in_parts=True,
    )
    chunks = iter_chunks(source, strict=strict, on_problem=machine.problems.append, codec=codec)
    hint = _path_hint(source)  # a str of one line is one block: read whole, as parse_dump reads it
    first_block = True
    try:
        for block, final in iter_text_blocks(chunks):
            if first_block:
                hint, first_block = hint or _records_hint(block), False
            with without_full_gc():
                machine.feed(block, final=final)
            yield machine
            machine.articles.clear()
            if machine.first_lines is not None:
                machine.first_lines.clear()
            settled = machine.take_problems(final=final)  # taken either way: nothing piles up
            if hint and _hinted(settled, hint, machine.first_record_line):
                hint = ""  # said at the first problem about the text's lines, unless a record came before it
            if on_problem is not None:
                for problem in settled:
                    on_problem(problem)
    except ParseError as error:  # the bytes' errors too, named as the machine names its own
        error.source = name
        if _before(error.line, machine.first_record_line):
            error.detail += hint
        raise


def parse_files(
    paths: Iterable[str | os.PathLike[str]],
    *,
    workers: int | None = None,
    strict: bool = True,
    reference_date: _dt.date | None = None,
    date_order: str | None = None,
    split_tags: bool = False,
    known_tags: Iterable[str] = (),
    encoding: str | None = None,
) -> list[Dump]:
    """Parse many dump files, splitting their tags on every core; the dumps come
    back in input order.

    ``workers`` (default, or 0: the number of CPUs) counts the processes that split tags
    when ``split_tags=True`` (every record's tag line split now, the costliest
    step), this one included: ``workers=2`` starts one worker process. In strict
    mode the first file (in input order) that fails raises its ``ParseError``,
    with the file name. ``reference_date``, ``date_order``, ``known_tags`` and
    ``encoding`` as for :func:`parse_dump`.

    This process parses every file and hands the workers the tag lines of files
    from the front of the list, while it splits files from the back itself, until
    the two ends meet; only tag lines go out and split tags come back
    (:mod:`feedparse_txt.parallel`). Parsing alone is done here, whatever
    ``workers`` says: a record parsed in a worker costs ~0.6 of its parse again to
    rebuild here (unpickled), and two processes parsed no faster than one. Workers
    start the way :mod:`multiprocessing`'s start method says (``fork`` on Linux
    before Python 3.14): a program that runs threads of its own should choose
    ``forkserver`` or ``spawn``.

    >>> from pathlib import Path
    >>> paths = sorted(Path("tests/data").glob("www_tags_c*.txt"))
    >>> dumps = parse_files(paths, strict=False, workers=2, split_tags=True)
    >>> [len(d) for d in dumps], dumps[1].articles[0].tags
    ([3, 1, 1, 3, 1, 3], ('Cache', 'Cache Patterns', 'MySQL'))
    """
    from pathlib import Path  # here, not at import time: pathlib is slow to import

    files = [Path(name) for name in path_names(paths)]  # a str given to parse_dump would be dump text
    known = KnownTags.of(known_tags)
    parse = functools.partial(
        parse_dump,
        strict=strict,
        reference_date=reference_date,
        date_order=date_order,
        known_tags=known,
        encoding=encoding,
    )
    if workers is not None:
        check_int("workers", workers, 0)
    workers = min(workers or os.cpu_count() or 1, len(files))
    if split_tags and workers > 1:
        from .parallel import parse_in_parallel  # multiprocessing: only when it is used
        from .tags import split_line

        return parse_in_parallel(files, parse, split_line, workers - 1, known)
    dumps = [parse(path) for path in files]
    if split_tags:
        for dump in dumps:
            split_every_tag_line(dump)
    return dumps
