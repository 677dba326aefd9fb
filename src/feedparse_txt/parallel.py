"""Parsing many files on several cores (:func:`feedparse_txt.parse_files`).

This process and the worker processes share one list of files: the workers take
files from the front, this process from the back, one at a time, until the two
ends meet. Taking a file is a lock and two shared counters, so no process waits
for another to hand it work, and each file is a small unit: neither side waits
long for the other at the end, whatever the files' sizes.

What crosses between processes is kept small. Without tag splitting a worker
sends back its dumps (their records pickle as flat columns). With it, this
process parses every file itself (parsing is a sixth of the work) while the
workers parse and split the tag lines of files from the front and send back
only the split tags; this process splits the rest, from the back.
"""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Callable, Sequence
from multiprocessing.connection import wait
from typing import TYPE_CHECKING, Any, cast

from .errors import ParseError
from .model import Dump, keep_split
from .parsing import split_every_tag_line

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext
    from multiprocessing.process import BaseProcess
    from pathlib import Path

Parse = Callable[["Path"], Dump]
Tags = list[tuple[str, ...]]  # the split tags of a dump's records, in order
Found = Dump | Tags | Exception  # what a worker made of one file


class _Claims:
    """Which files are taken: the workers count from the front, this process from the back."""

    def __init__(self, context: BaseContext, count: int) -> None:
        self._lock = context.Lock()
        self._front: Any = context.RawValue("i", 0)  # shared C ints
        self._back: Any = context.RawValue("i", count)

    def from_front(self) -> int | None:
        with self._lock:
            index: int = self._front.value
            if index >= self._back.value:
                return None
            self._front.value = index + 1
            return index

    def from_back(self) -> int | None:
        with self._lock:
            if self._back.value <= self._front.value:
                return None
            self._back.value -= 1
            index: int = self._back.value
            return index

    def stop(self) -> None:
        """No more files for anyone: the workers finish the one in hand and stop."""
        with self._lock:
            self._back.value = self._front.value


class _Replies:
    """The workers' messages to this process: one pipe, pickled outside the lock."""

    def __init__(self, context: BaseContext) -> None:
        self.reader, self._writer = context.Pipe(duplex=False)
        self._lock = context.Lock()

    def send(self, index: int, found: Found | None) -> None:
        data = pickle.dumps((index, found), protocol=pickle.HIGHEST_PROTOCOL)
        with self._lock:
            self._writer.send_bytes(data)

    def receive(self) -> tuple[int, Found | None]:
        message: tuple[int, Found | None] = pickle.loads(self.reader.recv_bytes())
        return message

    def started(self) -> None:
        """The workers have their own ends of the pipe: close this process's, so
        that the pipe reads as ended once every worker is gone."""
        self._writer.close()


def _work(
    number: int, claims: _Claims, replies: _Replies, files: list[Path], parse: Parse, split: bool
) -> None:
    """Worker ``number``: take files from the front until none is left, then say so."""
    while (index := claims.from_front()) is not None:
        try:
            dump = parse(files[index])
            found: Found = split_every_tag_line(dump) if split else dump
        except Exception as error:  # sent back: this process raises it in input order
            found = error
        replies.send(index, found)
    replies.send(-1 - number, None)


def parse_in_parallel(files: list[Path], parse: Parse, workers: int, split: bool) -> list[Dump]:
    """The dumps of ``files`` in input order, parsed here and in ``workers`` processes."""
    context = multiprocessing.get_context()
    claims, replies = _Claims(context, len(files)), _Replies(context)
    processes = [
        context.Process(target=_work, args=(number, claims, replies, files, parse, split), daemon=True)
        for number in range(workers)
    ]
    for process in processes:
        process.start()
    replies.started()
    dumps: list[Dump] = []
    found: list[Found | None] = [None] * len(files)
    running = {process.sentinel for process in processes}

    def receive(until_done: bool) -> None:
        """Take in the workers' messages: those waiting, or all until every worker is done."""
        while running and (until_done or replies.reader.poll()):
            ready = wait([replies.reader, *running])
            if replies.reader in ready:
                try:
                    index, value = replies.receive()
                except EOFError:  # every worker is gone, and one did not say it was done
                    raise _ended(processes) from None
                if index < 0:
                    running.discard(processes[-1 - index].sentinel)
                else:
                    found[index] = value
            elif not replies.reader.poll():  # a worker ended without saying it was done
                raise _ended(processes)

    try:
        if split:
            for path in files:
                dumps.append(parse(path))  # strict: the first failure raises here
                receive(until_done=False)  # a worker waits while its messages fill the pipe
        while (index := claims.from_back()) is not None:
            if split:
                split_every_tag_line(dumps[index])
                found[index] = dumps[index]
            else:
                try:
                    found[index] = parse(files[index])
                except ParseError as error:
                    found[index] = error  # the files before it may fail first
            receive(until_done=False)
        receive(until_done=True)
    except BaseException:
        claims.stop()
        for process in processes:
            process.terminate()
            process.join()
        raise
    # The workers have said they are done and are exiting; multiprocessing reaps
    # them later (waiting here for their exit would cost ~5 ms).
    for value in found:
        if isinstance(value, Exception):
            raise value
    if not split:
        return found  # type: ignore[return-value]  # every file has its dump now
    for dump, value in zip(dumps, found, strict=True):
        if value is not dump:  # split by a worker
            for article, tags in zip(dump.articles, cast(Tags, value), strict=True):
                keep_split(article, tags)
    return dumps


def _ended(processes: Sequence[BaseProcess]) -> RuntimeError:
    codes = [process.exitcode for process in processes]
    return RuntimeError(f"a parse_files worker process ended unexpectedly (exit codes {codes})")
