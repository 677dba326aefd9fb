"""The entry points: :func:`parse_dump` and :func:`iter_articles`."""

from __future__ import annotations

import contextlib
import datetime as _dt
import functools
import gc
import os
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

from .errors import ParseError
from .machine import Machine
from .model import Article, Dump
from .source import Source, iter_chunks, iter_line_blocks, read_text, source_name, split_lines

__all__ = ["iter_articles", "parse_dump", "parse_files"]


def _parse_file(path: Path, *, strict: bool, reference_date: _dt.date | None, split_tags: bool) -> Dump:
    dump = parse_dump(path, strict=strict, reference_date=reference_date)
    if split_tags:
        with paused_gc():
            for article in dump.articles:
                article.tags  # noqa: B018 - reading splits and keeps the tags
    return dump


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a parse creates its records.

    Records form no reference cycles, but every few hundred new objects the
    collector walks the young generation, and every so often the whole heap: on a
    large dump that grows faster than the dump. Reference counting still frees
    everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse_dump(
    source: Source,
    *,
    strict: bool = True,
    reference_date: _dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Dump:
    """Parse a whole dump into a :class:`Dump`.

    ``source`` is dump text (a ``str`` is always text, never a path), UTF-8
    ``bytes`` (with or without BOM), an ``os.PathLike`` path, or an open text or
    binary file. Strict mode (the default) raises :class:`ParseError` at the
    first deviation; ``strict=False`` never raises for a ``str`` and records
    :class:`Problem` objects instead, keeping every line it could not use.
    ``reference_date`` resolves relative dates such as ``3 days ago``.
    ``progress(done, total)`` is called as the text is read, in characters.

    >>> dump = parse_dump(open("tests/data/backend-architecture-page8.txt", "rb"))
    >>> len(dump), dump.header.page, dump.articles[0].author
    (86, 8, 'Amap Tech')
    """
    name = source_name(source)
    try:
        decoded = read_text(source, strict=strict)
    except ParseError as error:
        error.source = name
        raise
    machine = Machine(strict=strict, reference_date=reference_date, source_name=name, bom=decoded.bom)
    machine.problems.extend(decoded.problems)
    text = decoded.text
    with paused_gc():
        if progress is None:
            machine.feed(split_lines(text), final=True)
        else:
            _feed_in_blocks(machine, text, progress)
        return machine.dump()


_BLOCK = 1 << 20


def _feed_in_blocks(machine: Machine, text: str, progress: Callable[[int, int], None]) -> None:
    """Feed ``text`` a block of lines at a time, reporting how far it got."""
    blocks = iter_line_blocks(iter(text[start : start + _BLOCK] for start in range(0, len(text), _BLOCK)))
    done = 0
    for block, final in blocks:
        size = sum(map(len, block.lines)) + len(block.lines) * len(block.newline)  # before feed takes them
        machine.feed(block, final=final)
        done = min(len(text), done + size)
        progress(done, len(text))


def iter_articles(
    source: Source, *, strict: bool = True, reference_date: _dt.date | None = None
) -> Iterator[Article]:
    """Yield the articles of a dump while reading it, block by block.

    The same records as ``parse_dump(source).articles``, without holding the file
    or all the records in memory. In strict mode the first deviation raises
    :class:`ParseError` when the reading gets there.

    >>> from pathlib import Path
    >>> sum(1 for _ in iter_articles(Path("tests/data/backend-architecture-page8.txt")))
    86
    """
    name = source_name(source)
    machine = Machine(strict=strict, keep_document=False, reference_date=reference_date, source_name=name)
    for block, final in iter_line_blocks(iter_chunks(source, strict=strict)):
        with paused_gc():
            machine.feed(block, final=final)
        yield from machine.articles
        machine.articles.clear()


def parse_files(
    paths: Iterable[str | os.PathLike[str]],
    *,
    workers: int | None = None,
    strict: bool = True,
    reference_date: _dt.date | None = None,
    split_tags: bool = False,
) -> list[Dump]:
    """Parse many dump files on every core; the dumps come back in input order.

    ``workers`` (default: the number of CPUs) counts the processes that parse,
    this one included: ``workers=2`` starts one worker process and parses in this
    one too; ``workers=1`` parses here alone. In strict mode the first file (in
    input order) that fails raises its ``ParseError``, with the file name.
    ``split_tags=True`` also splits every record's tag line where the file is
    parsed (the costliest step, so the one that gains most from more cores); the
    splits travel with the records.

    A record parsed in a worker process must be pickled there and unpickled here,
    which costs nearly as much as parsing it (~3.5 µs against ~4.4 µs); records
    parsed here cost nothing more. So this process parses files one by one from
    the end of the list, while the workers take batches of about the same number
    of bytes from the front, only two per worker at a time, until the two ends
    meet: however long each file takes, neither side waits long for the other at
    the end. For parsing alone on two cores this is still slower than
    ``workers=1``; with ``split_tags=True`` it is faster (``bench/run.py``).

    >>> from pathlib import Path
    >>> dumps = parse_files(sorted(Path("tests/data").glob("www_tags_c*.txt")), strict=False, workers=2)
    >>> [len(d) for d in dumps]
    [3, 1, 1, 3, 1, 3]
    """
    from pathlib import Path  # here, not at import time: pathlib is slow to import

    files = [Path(p) for p in paths]  # a str given to parse_dump would be dump text
    parse = functools.partial(
        _parse_file, strict=strict, reference_date=reference_date, split_tags=split_tags
    )
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(files) <= 1:
        return [parse(path) for path in files]
    from concurrent.futures import Future, ProcessPoolExecutor  # heavy: only when a pool is used

    sizes = [_size_of(path) for path in files]
    # A small corpus still makes several batches per worker, or one would take it all.
    batch_bytes = min(_BATCH_BYTES_SPLIT if split_tags else _BATCH_BYTES, sum(sizes) // (8 * workers) + 1)
    ahead = 2 * (workers - 1)
    front, back = 0, len(files)  # the workers have files[:front], this process files[back:]
    sent: list[Future[list[Dump]]] = []
    mine: list[Dump | ParseError] = []  # this process's dumps, from the last file back

    def send(limit: int) -> None:
        """Hand the workers batches from the front until ``limit`` are waiting or running."""
        nonlocal front
        while front < back and sum(not future.done() for future in sent[-limit:]) < limit:
            stop, size = front, 0
            while stop < back and size < batch_bytes:
                size += sizes[stop]
                stop += 1
            sent.append(pool.submit(_parse_batch, parse, files[front:stop]))
            front = stop

    pool = ProcessPoolExecutor(max_workers=workers - 1)
    try:
        # The records arriving from the workers are many new objects, and no cycles.
        with paused_gc():
            while front < back:
                send(ahead)
                if front == back:
                    break
                back -= 1
                try:
                    mine.append(parse(files[back]))
                except ParseError as error:
                    mine.append(error)
                    send(len(files))  # the files before it may fail first: the workers read them
                    break
                # Let the pool's thread here have the interpreter lock now, not at the
                # next switch interval (5 ms): it carries batches to and from the workers.
                time.sleep(0)
            dumps = [dump for future in sent for dump in future.result()]
            for found in reversed(mine):
                if isinstance(found, ParseError):
                    raise found
                dumps.append(found)
            return dumps
    finally:
        pool.shutdown(cancel_futures=True)


# Bytes of dump text per batch a worker takes: about 2 ms of work, long enough
# that handing it over costs little, short enough that the last batches do not
# keep this process waiting.
_BATCH_BYTES = 1 << 18
_BATCH_BYTES_SPLIT = 1 << 16  # splitting tags costs about six times the parse


def _size_of(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # parsing it will say what is wrong


def _parse_batch(parse: Callable[[Path], Dump], files: list[Path]) -> list[Dump]:
    return [parse(path) for path in files]
