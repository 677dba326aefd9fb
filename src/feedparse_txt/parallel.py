"""Splitting the tags of many files on several cores (:func:`feedparse_txt.parse_files`).

This process parses every file (parsing is a tenth of the work) and hands the
worker processes the tag lines of files from the front of the list, a few at a
time, to send back split; it splits files from the back itself, one at a time,
until the two ends meet: neither side waits long for the other at the end,
whatever the files' sizes. What crosses between processes is kept small: a
worker neither reads nor parses a file, and no record is pickled; a file's tag
lines go out as one newline-joined string with the page tags they were parsed
with, and its tags come back as one (:class:`~feedparse_txt.columns.TagLines`,
:class:`~feedparse_txt.columns.Splits`); the list of known tags every file was
parsed with goes to each worker once, when it starts.

Parsing alone is not shared out: a record parsed in a worker costs ~0.6 of its
parse again to rebuild here (unpickled), and with the start of a process and the
pages copied after a fork, a worker parsing from the front while this process
parsed from the back took as long as this process parsing every file.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import pickle
from collections.abc import Callable, Sequence
from multiprocessing.connection import wait
from typing import TYPE_CHECKING, Any, cast

from .columns import Splits, TagLines, iter_splits, iter_tag_lines, pack_splits, tag_lines_of
from .known_tags import KnownTags
from .model import Dump, keep_splits
from .parsing import split_every_tag_line, without_full_gc

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext, DefaultContext
    from multiprocessing.process import BaseProcess
    from pathlib import Path

Parse = Callable[["Path"], Dump]
SplitLine = Callable[[str, KnownTags], tuple[str, ...]]  # tags.split_line(line, known_tags)

# Files handed to each worker ahead of the one it works on: enough that it never
# waits for this process (which hands them over between its own files), few
# enough that the last ones do not keep this process waiting.
_AHEAD = 2
# Bytes of jobs a worker may have waiting unread: less than any system's pipe holds.
_PIPE_ROOM = 16 * 1024


class _Channel:
    """Messages one way between processes, over one pipe, to one reader; several
    processes may write (a lock keeps each message whole)."""

    def __init__(self, context: BaseContext) -> None:
        self.reader, self._writer = context.Pipe(duplex=False)
        self._write_lock = context.Lock()

    def send(self, message: object) -> None:
        self.send_packed(_pack(message))

    def send_packed(self, data: bytes) -> None:
        with self._write_lock:
            self._writer.send_bytes(data)

    def receive(self) -> Any:
        """The next message; ``EOFError`` once no process can write any more."""
        return pickle.loads(self.reader.recv_bytes())

    def only_reading(self) -> None:
        """This process only reads: close its writing end, so that the pipe reads
        as ended once every writer is gone."""
        self._writer.close()

    def only_writing(self) -> None:
        self.reader.close()


def _pack(message: object) -> bytes:
    return pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)


def _work(jobs: _Channel, replies: _Channel, split_line: SplitLine, known_tags: KnownTags) -> None:
    """A worker: split the tag lines it is given, with ``known_tags`` and each line's
    page tag, until told to stop, or until this process is gone (its pipes end)."""
    jobs.only_reading()
    replies.only_writing()
    # No full collection, as in parse_dump: splits make many objects and no cycles,
    # and a full collection would write to every page shared since the fork.
    with contextlib.suppress(EOFError, OSError), without_full_gc():  # OSError: this process is gone
        while (job := jobs.receive()) is not None:
            index, given = cast(tuple[int, TagLines], job)
            try:
                found: Splits | Exception = pack_splits(
                    split_line(line, known) for line, known in iter_tag_lines(given, known_tags)
                )
            except Exception as error:  # sent back: this process raises it
                found = error
            replies.send((index, found))


class _Worker:
    """A worker process, the pipe its files go to, and the files it has."""

    def __init__(
        self, context: DefaultContext, replies: _Channel, split_line: SplitLine, known_tags: KnownTags
    ) -> None:
        self.jobs = _Channel(context)
        self.process = context.Process(
            target=_work, args=(self.jobs, replies, split_line, known_tags), daemon=True
        )
        self.owed: dict[int, int] = {}  # file index -> bytes of its job, until its reply comes

    def can_take(self, size: int) -> bool:
        """Whether a job of ``size`` bytes may go to this worker now.

        What it has not read yet must fit in its pipe, or this process could wait
        to write while the worker waits for this process to read its reply. The
        job it works on has been read; an idle worker reads whatever comes.
        """
        owed = self.owed
        return not owed or (len(owed) <= _AHEAD and sum(owed.values()) + size <= _PIPE_ROOM)


def parse_in_parallel(
    files: list[Path], parse: Parse, split_line: SplitLine, workers: int, known_tags: KnownTags
) -> list[Dump]:
    """The dumps of ``files`` in input order, parsed here (with ``known_tags``), their
    tag lines split here and in ``workers`` processes (with ``split_line``)."""
    from .tags import load_word_model

    context = multiprocessing.get_context()
    load_word_model()  # before the workers start: forked, they share it
    replies = _Channel(context)
    team = []
    for _ in range(workers):
        # One at a time: a worker forked later then holds no reading end of an
        # earlier one's pipe, and when this process is gone the workers' pipes end
        # one after the other, so each worker stops.
        worker = _Worker(context, replies, split_line, known_tags)
        worker.process.start()
        worker.jobs.only_writing()
        team.append(worker)
    replies.only_reading()
    processes = [worker.process for worker in team]
    dumps: list[Dump] = []
    found: list[Splits | Exception | None] = [None] * len(files)
    front, back = 0, len(files)  # the workers have files[:front], this process files[back:]
    owner: dict[int, _Worker] = {}
    next_job: bytes | None = None  # packed for the file at ``front``, not sent yet

    def hand_out() -> None:
        """Give the workers the tag lines of files parsed here already, from the
        front, while they can take them."""
        nonlocal front, next_job
        while front < min(back, len(dumps)):
            if next_job is None:
                next_job = _pack((front, tag_lines_of(dumps[front].articles)))
            worker = min(team, key=lambda candidate: len(candidate.owed))
            if not worker.can_take(len(next_job)):
                return
            try:
                worker.jobs.send_packed(next_job)
            except OSError:  # its pipe is broken: the worker is gone
                raise _ended(processes) from None
            worker.owed[front] = len(next_job)
            owner[front] = worker
            front, next_job = front + 1, None

    def receive(until_done: bool) -> None:
        """Take in the workers' replies: those waiting, or all that are due."""
        while owner and (until_done or replies.reader.poll()):
            if replies.reader not in wait([replies.reader, *(process.sentinel for process in processes)]):
                raise _ended(processes)  # a worker is gone, and no reply is waiting
            try:
                index, value = replies.receive()
            except EOFError:  # every worker is gone
                raise _ended(processes) from None
            found[index] = value
            del owner.pop(index).owed[index]

    try:
        for path in files:
            dumps.append(parse(path))  # strict: the first failure raises here
            hand_out()
            receive(until_done=False)
        while True:
            hand_out()
            if front == back:
                break
            back -= 1
            split_every_tag_line(dumps[back])
            receive(until_done=False)
        receive(until_done=True)
        for worker in team:
            with contextlib.suppress(OSError):  # a worker already gone owes nothing
                worker.jobs.send(None)
    except BaseException:
        for process in processes:
            process.terminate()
            process.join()
        raise
    # The workers are told to stop and exit; multiprocessing reaps them later
    # (waiting here for their exit would cost ~5 ms).
    for value in found:
        if isinstance(value, Exception):
            raise value
    for dump, value in zip(dumps[:front], found[:front], strict=True):  # split by a worker
        keep_splits(dump.articles, iter_splits(cast(Splits, value)))
    return dumps


def _ended(processes: Sequence[BaseProcess]) -> RuntimeError:
    codes = [process.exitcode for process in processes]
    return RuntimeError(f"a parse_files worker process ended unexpectedly (exit codes {codes})")
