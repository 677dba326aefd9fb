"""The ``feedparse-txt`` command: parse, check, normalize, merge and format dumps,
and review tag splits.

Errors are one line on stderr; exit status 0 when all is well, 1 when ``check``
found problems (or ``--strict`` parsing failed), 2 for usage and I/O errors.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as _dt
import glob
import io
import itertools
import json
import operator
import os
import re
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, Generic, Protocol, TypeVar, cast

from . import __version__
from .checks import DATE_ORDERS
from .compressed import MAGIC_SIZE, compressing, unpacked_compression, zstd_readable
from .errors import ParseError, Problem, quote
from .formatting import format_dump, record_renderer, render_header
from .jsonio import article_from_dict, article_to_dict, dump_from_dict, dump_to_dict, problem_to_dict
from .known_tags import NO_KNOWN_TAGS, KnownTags, split_joined_tags, tags_in_tag_file
from .model import Article, Dump, Header, Layout, known_tags_of, tag_line
from .normalize import iter_normalized
from .parsing import (
    CSV_DELIMITERS,
    CSV_FIELDS,
    iter_articles,
    iter_located_articles,
    parse_dump,
    parse_files,
    read_in_blocks,
)
from .source import decode, iter_chunks, iter_text_blocks, text_codec, text_lines

EXAMPLES = """\
examples:
  feedparse-txt parse listing.txt                      records as JSON Lines on stdout
  feedparse-txt parse *.txt -o all.csv                 every file's records in one CSV (the format by name)
  feedparse-txt parse *.txt --known-tags site-tags.txt tags split with the site's tag list
  feedparse-txt parse *.txt -j 0 -o all.jsonl          tags split on every CPU
  feedparse-txt tags *.txt --guesses                   tag lines whose split is a guess, to review
  feedparse-txt parse page.txt --format json -o page.json && feedparse-txt format page.json
                                                       a lossless round trip
  feedparse-txt format edited.csv -o page.txt          records edited in a spreadsheet, as a dump
  feedparse-txt check *.txt                            problems as FILE:LINE:COLUMN: CODE message
  feedparse-txt check --statistics *.txt               how many problems of each code
  feedparse-txt check --strict --format jsonl *.txt    each file's first deviation, as JSON
  feedparse-txt check --format github *.txt            problems shown on the lines in a pull request
  feedparse-txt normalize --in-place messy.txt         the canonical form, written atomically
  feedparse-txt merge page1.txt page2.txt -o all.txt   several copied pages as one clean dump
  feedparse-txt parse --encoding gbk ansi-copy.txt     a copy Notepad saved as "ANSI" (GBK)
  feedparse-txt normalize pages.txt.gz -o clean.txt.xz gzip, bzip2, xz, zstd read; -o compresses by name
"""


class UsageError(Exception):
    """A problem with what was asked: exit status 2."""


_FILES = "dump files, or directories of them (their *.txt files, at any depth); - or none: stdin"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="feedparse-txt",
        description="Parse plain-text copies of article listings into records, and write them back.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    mode = common.add_mutually_exclusive_group()
    mode.add_argument("--strict", dest="strict", action="store_true", help="stop at the first deviation")
    mode.add_argument(
        "--lenient", dest="strict", action="store_false", help="keep going and report problems (the default)"
    )
    common.add_argument("-q", "--quiet", action="store_true", help="no summary of problems on stderr")
    common.add_argument(
        "--encoding",
        type=_encoding,
        metavar="CODEC",
        help="the files' encoding when not UTF-8 (or UTF-16/32 with a byte order mark, which "
        "are read as such): cp1252, gbk, ... as Windows Notepad saves 'ANSI'",
    )
    dates = argparse.ArgumentParser(add_help=False)
    dates.add_argument(
        "--reference-date",
        type=_reference,
        metavar="WHEN",
        help="when the copy was made, to resolve relative dates and dates without a year or "
        "century: YYYY-MM-DD ('3 days ago', 'Sep 5', \"Sep 5 '19\"), or YYYY-MM-DDTHH:MM "
        "('2 hours ago' too)",
    )
    dates.add_argument(
        "--date-order",
        choices=DATE_ORDERS,
        help="the order of a date in numbers whose day and month could each be the other: MDY "
        "05/08/2019 is May 8, DMY Aug 5 (a day after 12 tells them apart, and a date that starts "
        "with its year reads year, month, day)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    parse = commands.add_parser("parse", parents=[common, dates], help="records as JSON Lines, JSON or CSV")
    parse.add_argument("files", nargs="*", metavar="FILE", help=_FILES)
    parse.add_argument(
        "--format",
        choices=("jsonl", "json", "csv"),
        help="default: as OUT's name ends (.csv; .tsv, CSV separated by tabs; .json), else jsonl",
    )
    parse.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="output file (.gz, .bz2, .xz, .zst: compressed); - or none for stdout",
    )
    parse.add_argument("--with-source", action="store_true", help="add each record's file and line")
    parse.add_argument(
        "--bom",
        action="store_true",
        help="with --format csv: start with a byte order mark, by which Excel reads the file as UTF-8",
    )
    parse.add_argument(
        "--delimiter",
        choices=tuple(CSV_DELIMITERS),
        help="with --format csv: what stands between fields (default comma): semicolon as Excel "
        "writes and reads CSV where a comma is the decimal separator (German, French, ...), tab "
        "as its 'Unicode Text'",
    )
    parse.add_argument(
        "--known-tags",
        metavar="TAGS",
        help="a file of the site's tags, one per line, or what 'tags' writes, reviewed (- for "
        "stdin): tag lines are split with them",
    )
    parse.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="split the tags of many files in N processes (0: one per CPU); the default 1 splits here",
    )

    check = commands.add_parser("check", parents=[common, dates], help="list problems like a compiler does")
    check.add_argument("files", nargs="*", metavar="FILE", help=_FILES)
    check.add_argument(
        "--statistics",
        action="store_true",
        help="instead of each problem, how many of each code, most first, with where the first is",
    )
    check.add_argument(
        "--format",
        choices=("text", "jsonl", "github"),
        default="text",
        help="text: FILE:LINE:COLUMN: CODE message; jsonl: a JSON object a line, each part by name; "
        "github: GitHub Actions annotations, shown on the lines of the files",
    )

    norm = commands.add_parser(
        "normalize", parents=[common, dates], help="the canonical form of messy copies"
    )
    norm.add_argument("files", nargs="*", metavar="FILE", help=_FILES)
    where = norm.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", metavar="OUT")
    where.add_argument("--in-place", action="store_true", help="rewrite each file atomically")

    merge = commands.add_parser(
        "merge", parents=[common, dates], help="several pages of one listing as one dump"
    )
    merge.add_argument("files", nargs="*", metavar="FILE", help=_FILES)
    merge.add_argument("-o", "--output", metavar="OUT")

    tags = commands.add_parser(
        "tags", parents=[common, dates], help="each tag line and its split, to review and reuse"
    )
    tags.add_argument("files", nargs="*", metavar="FILE", help=_FILES)
    tags.add_argument("-o", "--output", metavar="OUT")
    tags.add_argument("--guesses", action="store_true", help="only the lines whose split is a guess")
    tags.add_argument("--known-tags", metavar="TAGS", help="as for parse")
    tags.set_defaults(with_source=False)

    fmt = commands.add_parser("format", help="JSON, JSON Lines or CSV back into dump text")
    fmt.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="what 'parse' writes: JSON Lines, --format json or csv; - or none: stdin",
    )
    fmt.add_argument("-o", "--output", metavar="OUT")
    fmt.add_argument(
        "--encoding",
        type=_encoding,
        metavar="CODEC",
        help="the file's encoding when not UTF-8 (or UTF-16/32): cp1252, ... as Excel saves "
        "'CSV (Comma delimited)'",
    )
    fmt.add_argument(
        "--date-order",
        choices=("MDY", "DMY", "YMD"),
        help="the order of CSV dates a spreadsheet rewrote as its locale writes them: MDY "
        "8/27/2019, DMY 27/08/2019 or 27.08.2019, YMD 2019/08/27 (ISO dates read either way)",
    )
    return parser


# ---------------------------------------------------------------------------- input and output


def _read_bytes(name: str) -> bytes:
    with _open_bytes(name) as file:
        return file.read()


@contextlib.contextmanager
def _open_bytes(name: str) -> Iterator[IO[bytes]]:
    """The file ``name`` (``-``: stdin) opened for reading bytes."""
    if name == "-":
        yield sys.stdin.buffer
        return
    path = Path(name)
    if path.is_dir():
        raise UsageError(f"{name}: is a directory")
    with _usage_errors(name):
        try:
            file = open(path, "rb")  # noqa: SIM115 - closed below, after the OSError translation
        except FileNotFoundError:
            raise UsageError(f"{name}: no such file") from None
    with file:
        yield file


@contextlib.contextmanager
def _named_parse_errors(name: str) -> Iterator[None]:
    """A strict parse's error names the file ``name`` as the command line was given it."""
    try:
        yield
    except ParseError as error:
        error.source = "<stdin>" if name == "-" else name
        raise


@contextlib.contextmanager
def _usage_errors(name: str) -> Iterator[None]:
    """An OSError on the file ``name`` as a usage error: one line, exit status 2."""
    try:
        yield
    except OSError as error:
        raise UsageError(f"{name}: {error.strerror or error}") from None


def _progress_bar(name: str, size: int, unit: str = "char") -> Callable[[int, int], None] | None:
    """A progress bar on stderr for a large input, when stderr is a terminal and tqdm is there."""
    if size < _LARGE or not sys.stderr.isatty():
        return None
    try:
        from tqdm import tqdm  # the optional 'progress' extra
    except ImportError:
        return None
    # No monitor thread: parse --jobs forks workers later, and a fork with a thread running may
    # deadlock (Python 3.12+ warns).
    tqdm.monitor_interval = 0
    bar = tqdm(total=size, unit=unit, unit_scale=True, desc=name, leave=False, file=sys.stderr)

    def update(done: int, total: int) -> None:
        bar.total = total  # what the caller counts: a compressed file holds more than its size
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return update


def _size_of(file: IO[bytes]) -> int:
    """The size of the file behind ``file``; 0 for a pipe or a file in memory."""
    try:
        return os.fstat(file.fileno()).st_size
    except (OSError, io.UnsupportedOperation):
        return 0


class _ReadProgress:
    """A binary file whose reads report how many bytes have been read."""

    def __init__(self, file: IO[bytes], name: str, size: int, progress: Callable[[int, int], None]) -> None:
        self.name = name  # what messages call the source
        self._file = file
        self._progress = progress
        self._total = size
        self._done = 0

    def read(self, size: int = -1) -> bytes:
        data = self._file.read(size)
        self._done += len(data)
        self._progress(min(self._done, self._total), self._total)
        return data


_LARGE = 8 << 20


def _reference(text: str) -> _dt.date:
    """A ``--reference-date``: a date, or a date and time (the time of the copy)."""
    try:
        return _dt.datetime.fromisoformat(text) if len(text) > 10 else _dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD or YYYY-MM-DDTHH:MM, found {text!r}") from None


def _encoding(text: str) -> str:
    """An ``--encoding``: a text codec Python has."""
    try:
        text_codec(text)
    except LookupError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return text


def _jobs(text: str) -> int:
    """A ``--jobs`` count: 0 (one per CPU) or more."""
    if not text.isdecimal():
        raise argparse.ArgumentTypeError(f"expected 0 (one per CPU) or a number of processes, found {text!r}")
    return int(text)


def _parse(name: str, args: argparse.Namespace, known_tags: KnownTags = NO_KNOWN_TAGS) -> Dump:
    """The file ``name`` read whole and parsed as ``args`` say; its problems summed
    up on stderr."""
    data = _read_bytes(name)
    with _named_parse_errors(name):
        dump = parse_dump(
            data,
            strict=args.strict,
            reference_date=args.reference_date,
            date_order=args.date_order,
            progress=_progress_bar(name, len(data)),
            known_tags=known_tags,
            encoding=args.encoding,
        )
    _Tally(dump.problems).report(name, args.quiet)
    return dump


class _TextSink(Protocol):
    def write(self, text: str, /) -> object: ...


class _Utf8Stdout:
    """stdout as a file is written: text in UTF-8, lines ending as written. A redirected
    stdout is in the locale's encoding, on Windows its ANSI code page (cp1252 has no
    U+2011, no CJK: a UnicodeEncodeError), and Windows turns each ``\\n`` of a text
    stream into ``\\r\\n`` (a CSV row's ``\\r\\n`` into ``\\r\\r\\n``)."""

    def __init__(self, binary: IO[bytes], line_buffering: bool) -> None:
        self._binary = binary
        self._line_buffering = line_buffering  # a terminal sees each line as it is written

    def write(self, text: str) -> int:
        self._binary.write(text.encode("utf-8"))
        if self._line_buffering and "\n" in text:
            self._binary.flush()
        return len(text)


@contextlib.contextmanager
def _output(name: str | None) -> Iterator[_TextSink]:
    """Where a command writes its data, the file ``name`` or stdout: UTF-8, with lines
    ending in ``\\n`` on every platform (CSV rows in ``\\r\\n``, as ``csv`` writes them).
    A file is written as :func:`_file_output` writes it."""
    if name not in (None, "-"):
        with _file_output(name) as file:
            yield file
        return
    stdout = sys.stdout
    binary = getattr(stdout, "buffer", None)
    if binary is None:  # a text stream alone, such as a caller's io.StringIO: as it is
        yield stdout
        stdout.flush()
        return
    stdout.flush()  # what was written to it before comes first
    yield _Utf8Stdout(binary, getattr(stdout, "line_buffering", False))
    binary.flush()


@contextlib.contextmanager
def _file_output(name: str, binary: bool = False) -> Iterator[IO[Any]]:
    """The file ``name`` open for writing, text in UTF-8 (lines ending as written) or
    ``binary``, compressed if its name ends in ``.gz``, ``.bz2``, ``.xz`` or ``.zst``. It is written
    aside and takes the place of ``name`` when the block ends without an error: never
    half-written, and an input of the same name stays whole while it is read. What is
    not a file (``/dev/null``, a pipe) is written as it is."""
    packed = _COMPRESSION_SUFFIXES.get(os.path.splitext(name)[1].lower())
    if packed == "zstd" and not zstd_readable():
        raise UsageError(
            f"{name}: writing zstd needs the zstandard package: pip install 'feedparse_txt[zstd]'"
        )
    path = _replaceable(name)
    if path is None:
        with _usage_errors(name), open(name, "wb") as raw, _writing(raw, binary, packed) as file:
            yield file
        return
    with _aside(path, binary, packed) as (file, temporary):
        yield file
    with _usage_errors(name):
        os.replace(temporary, path)


# What an output file's name says its bytes are compressed in, as gzip, bzip2, xz and zstd name theirs.
_COMPRESSION_SUFFIXES = {".gz": "gzip", ".bz2": "bzip2", ".xz": "xz", ".zst": "zstd"}


@contextlib.contextmanager
def _writing(raw: IO[bytes], binary: bool, packed: str | None) -> Iterator[IO[Any]]:
    """What writes to ``raw``: text in UTF-8, lines ending as written, or ``binary``;
    compressed in ``packed`` (None: not). At the end of the block all of it is in
    ``raw``, a compressed stream ended, and ``raw`` is still open."""
    stream = compressing(raw, packed) if packed else raw
    text = None if binary else io.TextIOWrapper(stream, encoding="utf-8", newline="")

    def finish() -> None:
        if text is not None:
            text.detach()  # flushed, and the stream left open
        if packed:
            stream.close()

    try:
        yield stream if text is None else text
    except BaseException:
        with contextlib.suppress(Exception):  # what was written is thrown away: only let go of it
            finish()  # here, while raw is open: later, the garbage collector would write to it closed
        raise
    finish()


def _replaceable(name: str) -> Path | None:
    """The file ``name`` stands for (a link followed), to be replaced by a new one: a
    regular file, or none yet. ``None`` for what must be written as it is: a device
    such as ``/dev/null`` (replaced, it would be a file), a pipe."""
    path = Path(os.path.realpath(name))
    try:
        return path if stat.S_ISREG(os.stat(path).st_mode) else None
    except FileNotFoundError:
        return path


def _compression_of_file(path: Path) -> str | None:
    """The compression the file at ``path`` is read through, if it is one that is."""
    try:
        with open(path, "rb") as file:
            return unpacked_compression(file.read(MAGIC_SIZE))
    except OSError:
        return None  # reading it again will say what is wrong


@contextlib.contextmanager
def _aside(path: Path, binary: bool = False, packed: str | None = None) -> Iterator[tuple[IO[Any], str]]:
    """A new file next to ``path``, open for text or ``binary`` (compressed in
    ``packed``, as :func:`_writing` writes), and its name: what is to take the place of
    ``path`` (by ``os.replace``) once written. At the end of the block it is on disk,
    closed, with the permission bits of ``path`` (or of a new file); if the block
    fails, it is removed."""
    with _usage_errors(str(path)):
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with open(handle, "wb") as raw:
            with _writing(raw, binary, packed) as file:
                yield file, temporary
            raw.flush()
            os.fsync(raw.fileno())
        os.chmod(temporary, _mode_for(path))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _mode_for(path: Path) -> int:
    """The permission bits for a file written at ``path``: those of the file there, else
    what ``open()`` gives a new file (a temporary file is made readable by its owner alone)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


_Found = TypeVar("_Found")


class _FirstFound(Generic[_Found]):
    """The first of a kind of finding, and how many there are: what a summary on
    stderr names."""

    def __init__(self) -> None:
        self.first: _Found | None = None
        self.count = 0

    def add(self, found: _Found) -> None:
        if self.first is None:
            self.first = found
        self.count += 1

    def report_first(self, words: Callable[[_Found], str], noun: str) -> None:
        """The first on stderr, in ``words``, and how many more ``noun`` (`` (and 2 more
        records)``)."""
        if self.first is not None:
            more = f" (and {_counted(self.count - 1, noun)})" if self.count > 1 else ""
            print(words(self.first) + more, file=sys.stderr)


class _Tally(_FirstFound[Problem]):
    """The problems of one file as its summary needs them (called with each)."""

    def __init__(self, problems: Iterable[Problem] = ()) -> None:
        super().__init__()
        for problem in problems:
            self.add(problem)

    __call__ = _FirstFound.add

    def report(self, name: str, quiet: bool) -> None:
        """The first problem (and how many more) on stderr, unless ``quiet``."""
        first = self.first
        if first is not None and not quiet:
            more = f" (and {self.count - 1} more; see 'feedparse-txt check')" if self.count > 1 else ""
            print(f"{_located(name, first)}{more}", file=sys.stderr)


def _located(name: str, problem: Problem) -> str:
    """``problem`` in the file ``name`` as a compiler names one: ``FILE:LINE:COLUMN: CODE message``."""
    return f"{name}:{problem.line}:{problem.column}: {problem.code} {problem.message}"


def _counted(count: int, noun: str) -> str:
    """The count and its noun, plural unless 1: ``1 file``, ``2 files``."""
    return f"{count} {noun}{'s' * (count != 1)}"


# ---------------------------------------------------------------------------- commands


def _record(article: Article, name: str, line: int | None) -> dict[str, Any]:
    record = article_to_dict(article)
    if line is not None:
        record["source"] = {"file": name, "line": line}
    return record


def _read_known_tags(name: str | None, quiet: bool) -> KnownTags:
    """The tags of the tag file ``name`` (see :meth:`KnownTags.from_file`; ``-``: stdin);
    unless ``quiet``, the first row whose tags do not make up its tag line (and how
    many more) named on stderr: its tags are listed, but its line is not split so."""
    if name is None:
        return NO_KNOWN_TAGS
    loose: _FirstFound[tuple[int, str]] = _FirstFound()
    known = KnownTags(tags_in_tag_file(_decode(name), lambda number, row: loose.add((number, row))))
    if not quiet:
        loose.report_first(lambda found: _loose_row_words(name, *found), "more such row")
    return known


def _loose_row_words(name: str, number: int, row: str) -> str:
    line, _, tags = row.partition("\t")
    return (
        f"{name}:{number}: the tags {tags!r} do not make up the tag line before the tab, {line!r}: "
        "they are known tags all the same, but that line is not split into them"
    )


# What OUT's name asks for where --format is not given (compressed or not): a spreadsheet
# opens 'all.csv' as CSV whatever it holds, and JSON Lines in it read as garbage.
_FORMAT_SUFFIXES = {".csv": "csv", ".tsv": "csv", ".json": "json"}


def _output_format(args: argparse.Namespace) -> str:
    """How ``parse`` names the format it writes in a message: ``--format json``, or
    what OUT's name chose when no ``--format`` was given; sets ``args.format`` (and
    ``args.delimiter`` for a ``.tsv``) from OUT's name then."""
    stem, suffix = os.path.splitext(os.path.basename(args.output or "").lower())
    if suffix in _COMPRESSION_SUFFIXES:
        suffix = os.path.splitext(stem)[1]
    if suffix == ".tsv" and args.format in (None, "csv") and args.delimiter is None:
        args.delimiter = "tab"
    if args.format is not None:
        return f"--format {args.format}"
    if suffix not in _FORMAT_SUFFIXES:
        args.format = "jsonl"
        return "--format jsonl"
    args.format = _FORMAT_SUFFIXES[suffix]
    return f"--format {args.format} (as -o {args.output} asks)"


def cmd_parse(args: argparse.Namespace) -> int:
    written_as = _output_format(args)
    if args.format == "json" and len(args.files) != 1:
        raise UsageError(f"{written_as} writes one whole dump: give exactly one FILE, or write JSON Lines")
    if args.bom and args.format != "csv":
        raise UsageError("--bom is for --format csv: JSON must not start with a byte order mark")
    if args.delimiter and args.format != "csv":
        raise UsageError("--delimiter is for --format csv: JSON has none to choose")
    if args.with_source and args.format == "json":
        raise UsageError(
            f"--with-source is for --format jsonl or csv: {written_as} keeps the whole dump, each "
            "record in its place among its lines"
        )
    known_tags = _read_known_tags(args.known_tags, args.quiet)
    with _output(args.output) as out:
        writer = (
            csv.DictWriter(
                out,
                CSV_FIELDS + (("file", "line") if args.with_source else ()),
                delimiter=CSV_DELIMITERS[args.delimiter or "comma"],
            )
            if (args.format == "csv")
            else None
        )
        if writer is not None:
            if args.bom:  # without it, Excel reads a CSV in the ANSI code page: 'Â·' for '·'
                out.write("\ufeff")
            writer.writeheader()
        if args.format == "json":
            dump = _parse(args.files[0], args, known_tags)
            json.dump(dump_to_dict(dump), out, ensure_ascii=False, indent=1)
            out.write("\n")
            return 0
        formulas = _FormulaCells()
        for name, located in _located_by_file(args, known_tags):
            for number, (line, article) in enumerate(located, 1):
                record = _record(article, name, line if args.with_source else None)
                if writer is not None:
                    where = f"{name}:{line}" if line else f"{name}: record {number}"
                    source = record.pop("source", None)
                    record["tags"] = _csv_tags(record["tags"], where)
                    formulas.check(record, where)
                    if source is not None:
                        record.update(source)
                    writer.writerow(record)
                else:
                    out.write(_json_line(record))
    if not args.quiet:
        formulas.report()
    return 0


# Excel reads a CSV cell that starts with one of these as a formula, not as text: it
# shows '@Async | Spring' or '-Xmx explained' as #NAME?, and saves that in its place.
_FORMULA_STARTS = ("=", "+", "-", "@")
_TEXT_FIELDS = ("author", "category", "title", "summary", "tags")


class _FormulaCells(_FirstFound[tuple[str, str, str]]):
    """The cells of text in a CSV that a spreadsheet reads as a formula: (where, field,
    cell)."""

    def check(self, record: dict[str, Any], where: str) -> None:
        """Check the text fields of ``record`` (its tags one cell), at ``where``."""
        for field in _TEXT_FIELDS:
            if record[field].startswith(_FORMULA_STARTS):
                self.add((where, field, record[field]))

    def report(self) -> None:
        """The first on stderr."""
        self.report_first(lambda found: _formula_words(*found), "more cell")


def _formula_words(where: str, field: str, cell: str) -> str:
    return (
        f"{where}: the {field} {quote(cell)} {'start' if field == 'tags' else 'starts'} with "
        f"{cell[0]!r}: a spreadsheet such as Excel reads a cell that starts with =, +, - or @ as "
        "a formula, and shows and saves #NAME? for it: import that column as text"
    )


def _csv_tags(tags: list[str], where: str) -> str:
    """``tags`` as the CSV's one cell, joined by `` | ``. A tag that holds a ``|`` or
    starts or ends with whitespace would be read back as others (``format``, a
    spreadsheet): refused, not written wrong."""
    cell = " | ".join(tags)
    if split_joined_tags(cell) != tags:
        held = next(tag for tag in tags if "|" in tag or tag != tag.strip())
        raise UsageError(
            f"{where}: the tag {held!r} would not read back from the CSV, which splits its cell "
            "of tags at each '|', the spaces around it left out; --format jsonl or json keeps them"
        )
    return cell


# Characters JSON leaves as they are that str.splitlines() (and readers built on it)
# takes for line breaks: escaped, a record stays one line for every reader.
_SPLITLINES_BREAKS = ("\x85", "\u2028", "\u2029")


def _json_line(record: dict[str, Any]) -> str:
    """``record`` as one line of JSON Lines, with its line ending."""
    line = json.dumps(record, ensure_ascii=False)
    for char in _SPLITLINES_BREAKS:
        if char in line:
            line = line.replace(char, f"\\u{ord(char):04x}")
    return line + "\n"


def _located_by_file(
    args: argparse.Namespace, known_tags: KnownTags
) -> Iterator[tuple[str, Iterator[tuple[int | None, Article]]]]:
    """Each file of ``args.files`` and its articles as :func:`_located_articles` gives
    them; with ``--jobs``, runs of small files are parsed a batch at a time by
    :func:`parse_files`, their tags split in that many processes.

    A batch that fails (a strict parse error, a file gone) is read again one file
    at a time, so that what is written before the error, and the error, are the
    same as without ``--jobs``.
    """
    names = args.files
    at = 0
    while at < len(names):
        batch = _batch(names, at) if args.jobs != 1 else []
        dumps = _parse_batch(batch, args, known_tags) if len(batch) > 1 else None
        if dumps is None:
            for name in batch or names[at : at + 1]:
                yield name, _located_articles(name, args, known_tags)
        else:
            for name, dump in zip(batch, dumps, strict=True):
                yield name, _dump_located(name, dump, args)
        at += len(batch) or 1


# Input parsed per batch with --jobs: the records of all its files are held at once.
_BATCH = 4 * _LARGE
# What a compressed file is counted as, times its size: dumps compress 4-6 times in gzip,
# xz and bzip2 (the benchmark's 10 MB: 2.7, 1.9 and 1.7 MB).
_UNPACKED_RATIO = 6


def _batch(names: Sequence[str], at: int) -> list[str]:
    """The run of files from ``names[at]`` to parse together: regular files smaller
    than a large one (which is streamed, with its progress bar) that add up to at
    most ``_BATCH`` bytes of text; none if ``names[at]`` is not such a file."""
    batch: list[str] = []
    total = 0
    for name in names[at:]:
        try:
            found = os.stat(name) if name != "-" else None
        except OSError:  # reported in its turn, as without --jobs
            break
        if found is None or not stat.S_ISREG(found.st_mode):
            break
        size = found.st_size * (_UNPACKED_RATIO if _compression_of_file(Path(name)) else 1)
        total += size
        if size >= _LARGE or total > _BATCH:
            break
        batch.append(name)
    return batch


def _parse_batch(names: list[str], args: argparse.Namespace, known_tags: KnownTags) -> list[Dump] | None:
    """The dumps of the files ``names``, their tags split; None if one fails."""
    try:
        return parse_files(
            names,
            workers=args.jobs or None,
            strict=args.strict,
            reference_date=args.reference_date,
            date_order=args.date_order,
            split_tags=True,
            known_tags=known_tags,
            encoding=args.encoding,
        )
    except (ParseError, OSError):
        return None


def _dump_located(name: str, dump: Dump, args: argparse.Namespace) -> Iterator[tuple[int | None, Article]]:
    """The articles of the parsed file ``name`` with their first lines (only with
    ``--with-source``), then its summary on stderr (a strict parse has none)."""
    if args.with_source:
        yield from zip((first for first, _ in dump.record_lines()), dump.articles, strict=True)
    else:
        yield from ((None, article) for article in dump.articles)
    _Tally(dump.problems).report(name, args.quiet)


def _located_articles(
    name: str, args: argparse.Namespace, known_tags: KnownTags
) -> Iterator[tuple[int | None, Article]]:
    """The articles of the file ``name`` with their first lines (strict: only with
    ``--with-source``), and its summary on stderr. Lenient: streamed, in the memory
    of one block, however large the file. Strict: read whole first, so that a file
    that fails writes none of its records."""
    if args.strict:
        yield from _dump_located(name, _parse(name, args, known_tags), args)
        return
    with _streamed_and_summed_up(name, args.quiet) as (source, tally):
        yield from iter_located_articles(
            source,
            strict=False,
            reference_date=args.reference_date,
            date_order=args.date_order,
            on_problem=tally,
            known_tags=known_tags,
            encoding=args.encoding,
        )


@contextlib.contextmanager
def _streamed_and_summed_up(name: str, quiet: bool) -> Iterator[tuple[IO[bytes], _Tally]]:
    """The file ``name`` opened as :func:`_streamed` opens it, and a tally for the
    problems of its reading, summed up on stderr once it has been read."""
    tally = _Tally()
    with _streamed(name) as source:
        yield source, tally
    tally.report(name, quiet)


@contextlib.contextmanager
def _streamed(name: str) -> Iterator[IO[bytes]]:
    """The file ``name`` opened for reading as a stream; a large file's reads draw
    a progress bar (in bytes)."""
    with _open_bytes(name) as file:
        size = _size_of(file)
        progress = _progress_bar(name, size, unit="B")
        # Parsing only calls read(): the wrapper is a binary file as far as it goes.
        yield file if progress is None else cast(IO[bytes], _ReadProgress(file, name, size, progress))


def cmd_tags(args: argparse.Namespace) -> int:
    """Each distinct tag line (with the tags known where it stood) and its split, in
    the labelled format: a tag line, a tab, its tags joined by `` | ``; a guess has a
    comment line before it with the next reading. The output, corrected where need
    be, is a ``--known-tags`` file."""
    from .tags import tag_readings  # the word model: only when tags are read

    known_tags = _read_known_tags(args.known_tags, args.quiet)
    seen: set[tuple[str, KnownTags]] = set()
    with _output(args.output) as out:
        for name in args.files:
            for _, article in _located_articles(name, args, known_tags):
                key = (tag_line(article), known_tags_of(article))
                if key in seen:
                    continue
                seen.add(key)
                best, *others = tag_readings(key[0], known_tags=key[1], limit=2)
                if args.guesses and not best.close:
                    continue
                if best.close:
                    after = f"; next: {' | '.join(others[0].tags)}" if others else ""
                    out.write(f"# a guess{after}\n")
                out.write(f"{key[0]}\t{' | '.join(best.tags)}\n")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    found = 0
    codes: dict[str, tuple[int, str, Problem]] = {}  # code -> how many, the first's file and problem
    jsonl = args.format == "jsonl"
    with _output(None) as out:
        for name in args.files:

            def report(problem: Problem, name: str = name) -> None:
                nonlocal found
                found += 1
                if args.statistics:
                    count, file, first = codes.get(problem.code, (0, name, problem))
                    codes[problem.code] = (count + 1, file, first)
                elif jsonl:
                    out.write(_json_line({"file": name, **problem_to_dict(problem)}))
                elif args.format == "github":
                    out.write(_annotation(name, problem))
                else:
                    out.write(f"{_located(name, problem)}\n")

            # Streamed: a file of any size is checked in the memory of one block.
            with _streamed(name) as source:
                try:
                    for _ in iter_articles(
                        source,
                        strict=args.strict,
                        reference_date=args.reference_date,
                        date_order=args.date_order,
                        on_problem=report,
                        encoding=args.encoding,
                    ):
                        pass
                except ParseError as error:  # --strict: the file's first deviation, then the next file
                    report(error.problem)
        width = max(map(len, codes), default=0)
        for code, (count, file, first) in sorted(codes.items(), key=lambda item: (-item[1][0], item[0])):
            if jsonl:
                where = {"file": file, "line": first.line, "column": first.column}
                out.write(_json_line({"code": code, "count": count, "first": where}))
            else:
                out.write(f"{count:>7}  {code:<{width}}  first at {file}:{first.line}:{first.column}\n")
    if not args.quiet:
        files = len(args.files)
        print(f"{_counted(found, 'problem')} in {_counted(files, 'file')}", file=sys.stderr)
    return 1 if found else 0


def _annotation(name: str, problem: Problem) -> str:
    """``problem`` in the file ``name`` as a GitHub Actions workflow command, which shows
    it on that line of the file (its values escaped as the runner reads them back)."""
    where = f"file={_escaped(name, ':,')},line={problem.line},col={problem.column},title={problem.code}"
    return f"::error {where}::{_escaped(problem.message)}\n"


def _escaped(value: str, also: str = "") -> str:
    """``value`` for a workflow command: ``%``, CR, LF and the characters ``also`` as ``%XX``."""
    for char in "%\r\n" + also:
        value = value.replace(char, f"%{ord(char):02X}")
    return value


def _decode(name: str) -> str:
    """The text of a file this tool or a person wrote (JSON, a tag list): UTF-8, or
    UTF-16 or UTF-32 as a dump may be (Windows PowerShell 5 re-encodes what ``>``
    redirects into UTF-16), a byte order mark taken off."""
    with _bad_bytes_named(name):
        return decode(_read_bytes(name), strict=True).text


@contextlib.contextmanager
def _bad_bytes_named(name: str, encoding: str | None = None, hint: str = "") -> Iterator[None]:
    """An invalid byte in the file ``name``, read in ``encoding`` or as :func:`_decode`
    reads it, as a usage error, ``hint`` after it; so too compressed data cut off or
    damaged, as such."""
    try:
        yield
    except ParseError as error:
        where = f"{name}:{error.line}:{error.column}"
        if error.code == "bad-compression":
            raise UsageError(f"{where}: {error.message}") from None
        text = f"{encoding} text" if encoding else "UTF-8, UTF-16 or UTF-32 text"
        raise UsageError(f"{where}: an invalid byte: not {text}{hint}") from None


def cmd_normalize(args: argparse.Namespace) -> int:
    if args.in_place and "-" in args.files:
        raise UsageError("--in-place needs files, not stdin")
    if args.in_place:
        written: list[tuple[str, Path]] = []
        try:
            for name in args.files:  # every file written aside before any is replaced: a failure changes none
                path = _replaceable(name)
                if path is None:
                    raise UsageError(f"{name}: --in-place needs a regular file")
                # Compressed as it was read: by its bytes, whatever its name.
                with _aside(path, packed=_compression_of_file(path)) as (file, temporary):
                    written.append((temporary, path))
                    _write_normalized(name, args, file, in_place=True)
            for temporary, path in written:
                with _usage_errors(str(path)):
                    os.replace(temporary, path)
        except BaseException:
            for temporary, _ in written:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
            raise
        return 0
    with _output(args.output) as out:
        for name in args.files:
            # One file keeps its final newline or its lack; several are joined by lines. An
            # output that is this file replaces it, as --in-place does.
            in_place = _same_file(name, args.output)
            if (
                _write_normalized(name, args, out, in_place=in_place) not in ("", "\n")
                and len(args.files) > 1
            ):
                out.write("\n")
    return 0


def _same_file(name: str, output: str | None) -> bool:
    """Whether the output ``output`` is the input file ``name``."""
    if output is None or "-" in (name, output):
        return False
    try:
        return os.path.samefile(name, output)
    except OSError:  # no such output yet
        return False


def _write_normalized(name: str, args: argparse.Namespace, out: _TextSink, *, in_place: bool = False) -> str:
    """Write the canonical form of the file ``name`` to ``out`` as it is read, a block
    at a time (read as parse reads it: invalid UTF-8 becomes U+FFFD, with a problem);
    the last character written, if any. Its problems summed up on stderr. ``in_place``
    (the output replaces the file): bytes it cannot read (invalid in its encoding,
    compressed data damaged) stop it, as a usage error, since they would be lost."""
    last = ""
    with _named_parse_errors(name), _streamed_and_summed_up(name, args.quiet) as (source, tally):

        def on_problem(problem: Problem) -> None:
            if in_place and problem.code in _UNREAD_BYTES:
                raise UsageError(
                    f"{_located(name, problem)}; not rewritten in place, which would lose the bytes it "
                    "cannot read (-o writes the text read elsewhere)"
                )
            tally(problem)

        for piece in iter_normalized(
            source,
            strict=args.strict,
            reference_date=args.reference_date,
            date_order=args.date_order,
            on_problem=on_problem,
            encoding=args.encoding,
        ):
            out.write(piece)
            last = piece[-1]
    return last


# Problems with bytes a reader could not turn into text: U+FFFD stands for them, or nothing.
_UNREAD_BYTES = frozenset({"bad-encoding", "bad-compression"})


def cmd_merge(args: argparse.Namespace) -> int:
    with (
        _output(args.output) as out,
        tempfile.SpooledTemporaryFile(_HELD_IN_MEMORY, "w+", encoding="utf-8", newline="") as held,
    ):
        merged = _MergedDump(out, held)
        for name in args.files:
            for headers, articles in _pages_of(name, args):
                merged.add(name, headers, articles)
        merged.finish()
    if not args.quiet:
        print(
            f"merged {_counted(len(args.files), 'file')}: {_counted(merged.read, 'record')}, "
            f"{_counted(merged.read - merged.written, 'duplicate')} dropped, {merged.written} written",
            file=sys.stderr,
        )
        if merged.other_listings:
            (name, tag), more = merged.other_listings[0], len(merged.other_listings) - 1
            first_name, first_tag = merged.listing or ("", "")
            print(
                f"{name}: a page of the tag {tag!r}, {first_name} one of {first_tag!r}: merge joins "
                "the pages of one listing, every record under the first header"
                + (f" (and {_counted(more, 'more page')} of another tag)" if more else ""),
                file=sys.stderr,
            )
    return 0


def _pages_of(name: str, args: argparse.Namespace) -> Iterator[tuple[Sequence[Header], Sequence[Article]]]:
    """The articles of the file ``name``, a block at a time, each block with the page
    headers read in it; then its summary on stderr. Lenient: streamed, in the memory
    of one block. Strict: read whole first, so that a file that fails writes none of
    its records (as ``parse`` does)."""
    if args.strict:
        dump = _parse(name, args)
        yield dump.headers, dump.articles
        return
    with _streamed_and_summed_up(name, args.quiet) as (source, tally):
        blocks = read_in_blocks(
            source, False, args.reference_date, tally, (), args.encoding, date_order=args.date_order
        )
        seen = 0  # headers: the machine keeps every one it has read
        for machine in blocks:
            yield machine.headers[seen:], machine.articles
            seen = len(machine.headers)


class _MergedDump:
    """Writes the records of several files as one canonical dump while they are read,
    under the first page header any of them has: ``format_dump(kept, header=header)``
    of the records kept. A record is dropped when one with its author, date and
    title came before. Records read before any header wait for one in ``held``, a
    temporary file (kept in memory up to ``_HELD_IN_MEMORY`` bytes).

    ``listing`` is the file and tag of the first header naming a tag, and
    ``other_listings`` each later header naming another (the file, the tag): their
    records are written under the first header too, and read back as that tag's."""

    def __init__(self, out: _TextSink, held: IO[str]) -> None:
        from hashlib import blake2b  # here: 3 ms of import that only merge needs

        self._out = out
        self._render = record_renderer(Layout.FULL)
        self._digest = blake2b
        # A digest of each key kept: 16 bytes a record, however long its title.
        self._seen: set[bytes] = set()
        self._held: IO[str] | None = held  # None once the header (or its absence) is written
        self.read = 0
        self.written = 0
        self.listing: tuple[str, str] | None = None
        self.other_listings: list[tuple[str, str]] = []

    def add(self, name: str, headers: Sequence[Header], articles: Iterable[Article]) -> None:
        """Add the records of the file ``name`` read after ``headers``."""
        if headers and self._held is not None:
            self._out.write(render_header(headers[0]))
            self.finish()
        for header in headers:
            if header.tag is None:  # the list style names none
                continue
            if self.listing is None:
                self.listing = (name, header.tag)
            elif header.tag.casefold() != self.listing[1].casefold():
                self.other_listings.append((name, header.tag))
        texts = []
        for article in articles:
            self.read += 1
            key = f"{article.author}\n{article.published.toordinal()}\n{article.title}"
            digest = self._digest(key.encode("utf-8", "surrogatepass"), digest_size=16).digest()
            if digest not in self._seen:
                self._seen.add(digest)
                texts.append(self._render(article))
        self.written += len(texts)
        (self._out if self._held is None else self._held).write("".join(texts))

    def finish(self) -> None:
        """Write the records held: after the header, or at the end if no file had one."""
        if self._held is not None:
            self._held.seek(0)
            # A MB at a time: read whole, 8 MB of text took ~90 MB at its peak.
            shutil.copyfileobj(self._held, self._out, 1 << 20)
            self._held = None


_HELD_IN_MEMORY = 8 << 20


def cmd_format(args: argparse.Namespace) -> int:
    hint = (
        ""
        if args.encoding
        else " (another reads with --encoding: cp1252, as Excel saves 'CSV (Comma delimited)')"
    )
    with _open_bytes(args.file) as file, _bad_bytes_named(args.file, args.encoding, hint):
        chunks = iter_chunks(file, strict=True, codec=args.encoding)
        blocks = (block for block, _ in iter_text_blocks(chunks))
        head = ""
        for block in blocks:  # up to the first line with text: it tells what the rest is
            head += block
            if not head.isspace():
                break
        first = head.lstrip().split("\n", 1)[0].rstrip()
        # A whole dump's JSON: indented, whatever the order of its keys (json.tool
        # --sort-keys, jq -S), its first line opens it alone; or all on one line.
        whole_dump = first == "{" or _WHOLE_DUMP_KEY.search(first) is not None
        table = None if whole_dump else _csv_columns(args.file, head)
        if table is None and args.date_order:
            raise UsageError(
                f"{args.file}: --date-order is for CSV, whose dates a spreadsheet may rewrite: "
                "the dates of JSON are ISO, YYYY-MM-DD"
            )
        if whole_dump:
            return _format_whole_dump(args, head + "".join(blocks))
        if table is None:
            read = _json_lines_reader(args.file)
        else:
            read = _csv_reader(args.file, *table, args.date_order)
        _format_records(args.file, args.output, map(read, itertools.chain([head], blocks)))
    return 0


_WHOLE_DUMP_KEY = re.compile(r'"feedparse_txt"\s*:')  # never a key of a record


def _format_whole_dump(args: argparse.Namespace, text: str) -> int:
    """Write the dump of the JSON ``text`` back as its file was, in its encoding."""
    try:
        dump = dump_from_dict(json.loads(text))
        out_text = format_dump(dump)
    except (json.JSONDecodeError, ValueError, TypeError) as error:
        raise UsageError(f"{args.file}: not a dump as JSON or JSON Lines ({error})") from None
    misread = _Misread()
    for number, article in enumerate(dump.articles, 1):
        misread.check(number, article)
    misread.report(lambda number: f"{args.file}: record {number}")
    encoding = dump.encoding or "utf-8"  # as the dump's file was: the round trip is exact
    try:
        data = out_text.encode(encoding)
    except (UnicodeEncodeError, LookupError) as error:  # a changed record, a character the encoding lacks
        raise UsageError(f"{args.file}: the dump cannot be written in {encoding} ({error})") from None
    if args.output in (None, "-"):
        binary = getattr(sys.stdout, "buffer", None)
        if binary is None:  # a text stream alone, such as a caller's io.StringIO: the text
            sys.stdout.write(out_text)
            return 0
        sys.stdout.flush()
        binary.write(data)
        binary.flush()
        return 0
    with _file_output(args.output, binary=True) as file:
        file.write(data)
    return 0


def _format_records(name: str, output: str | None, blocks: Iterable[list[tuple[int, Article]]]) -> None:
    """Write the records of each block (each with its line in ``name``) in the
    canonical full layout while they are read: in the memory of one block, however
    many. Then name on stderr the records whose tags read back otherwise."""
    render = record_renderer(Layout.FULL)
    misread = _Misread()
    with _output(output) as out:
        for located in blocks:
            text = "".join(render(article) for _, article in located)
            try:
                text.encode("utf-8")  # a lone surrogate, which JSON may spell (\ud800)
            except UnicodeEncodeError as error:
                raise UsageError(f"{name}: the dump cannot be written in utf-8 ({error})") from None
            out.write(text)
            for line, article in located:
                misread.check(line, article)
    misread.report(lambda line: f"{name}:{line}")


class _Misread(_FirstFound[tuple[int, tuple[str, ...], tuple[str, ...]]]):
    """The records whose tags read back from the dump otherwise: (place, tags, read).

    A dump runs a record's tags together, and the site writes them sorted: a record
    edited in a table, a tag added at the end, reads back as other tags. Tags in the
    site's order read back as :func:`split_tags` reads their line (checked only out of
    order: a split costs as much as the rest of the record)."""

    def check(self, place: int, article: Article) -> None:
        """Check ``article``, at ``place`` (its line, or its number in the dump)."""
        tags = article.tags
        if all(map(operator.le, tags, tags[1:])):
            return
        from .tags import split_tags  # the word model loads only for a record out of order

        read = split_tags("".join(tags))
        if read != tags:
            self.add((place, tags, read))

    def report(self, where: Callable[[int], str]) -> None:
        """The first on stderr, where ``where`` names its place."""

        def words(found: tuple[int, tuple[str, ...], tuple[str, ...]]) -> str:
            place, tags, read = found
            return (
                f"{where(place)}: the tags {' | '.join(tags)!r} read back from the dump as "
                f"{' | '.join(read)!r}: the site writes a record's tags sorted, "
                f"{' | '.join(sorted(tags))!r}"
            )

        self.report_first(words, "more record")


def _json_lines_reader(name: str) -> Callable[[str], list[tuple[int, Article]]]:
    """A reader of the records in blocks of whole lines of JSON Lines, in turn, each
    with its line."""
    number = 0  # of the line
    first = True  # no line read yet

    def read(block: str) -> list[tuple[int, Article]]:
        nonlocal number, first
        articles = []
        for line in text_lines(block):
            number += 1
            if line.strip():
                try:
                    articles.append((number, article_from_dict(json.loads(line))))
                except (json.JSONDecodeError, ValueError, TypeError) as error:
                    if first and not line.lstrip().startswith("{"):  # a dump given for its JSON?
                        what = "JSON, JSON Lines or CSV as 'parse' writes them: dump text is read by 'parse'"
                        raise UsageError(
                            f"{name}:{number}: not {what}, and written anew by 'normalize'"
                        ) from None
                    raise UsageError(f"{name}:{number}: not a dump as JSON or JSON Lines ({error})") from None
                first = False
        return articles

    return read


def _csv_columns(name: str, head: str) -> tuple[list[str], str] | None:
    """The columns of CSV whose header row names every field ``parse --format csv``
    writes (in any order, among others: a spreadsheet's own), and the delimiter that
    separates them; None for other text."""
    if head.startswith("{"):
        return None  # JSON Lines
    # A field as long as parse writes it: csv refuses one over 128 KiB unless told, and
    # a summary may be longer. (The limit is the csv module's; 2**31 - 1 fits a C long.)
    csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))
    # No field's name holds a delimiter, so the one that parts the header row into
    # them is the file's. Excel saves "CSV" with the list separator of its locale: a
    # semicolon where the decimal separator is a comma (German, French, ...), and
    # "Unicode Text" with tabs.
    found: list[tuple[int, list[str], str]] = []
    for delimiter in CSV_DELIMITERS.values():
        try:
            columns = next(csv.reader(io.StringIO(head, newline=""), delimiter=delimiter), [])
        except csv.Error:
            continue
        found.append((sum(field in columns for field in CSV_FIELDS), columns, delimiter))
    named, columns, delimiter = max(found, key=operator.itemgetter(0), default=(0, [], ","))
    if not named:
        return None
    if named < len(CSV_FIELDS):  # a header row, with a column deleted
        missing = [field for field in CSV_FIELDS if field not in columns]
        raise UsageError(f"{name}:1: not records as CSV (no column {', '.join(map(repr, missing))})")
    return columns, delimiter


def _csv_reader(
    name: str, columns: list[str], delimiter: str, date_order: str | None
) -> Callable[[str], list[tuple[int, Article]]]:
    """A reader of the records in blocks of whole lines of CSV as ``parse`` writes it
    (tags joined by `` | ``), the header row ``columns`` first, fields parted by
    ``delimiter``, in turn, each with the line its row starts on; dates not ISO in
    ``date_order`` (see :func:`_iso_date_in_order`)."""
    number = 0  # of the line before the block

    def read(block: str) -> list[tuple[int, Article]]:
        nonlocal number
        articles = []
        # newline="": rows end in \r\n, \n or a lone \r; a CR within quotes is text.
        rows = csv.reader(io.StringIO(block, newline=""), delimiter=delimiter)
        start = number + 1  # of the next row (a quoted field may hold line breaks)
        try:
            for values in rows:
                row_start, start = start, number + rows.line_num + 1
                if row_start == 1 or not values:
                    continue  # the header row; a blank line
                if len(values) != len(columns):
                    raise ValueError(
                        f"expected {len(columns)} fields, as in the header row, found {len(values)}"
                    )
                row = dict(zip(columns, values, strict=True))
                articles.append((row_start, _article_of_row(row, date_order)))
        except (csv.Error, ValueError, TypeError) as error:
            raise UsageError(f"{name}:{number + rows.line_num}: not a record as CSV ({error})") from None
        number += rows.line_num
        return articles

    return read


def _article_of_row(row: dict[str, str], date_order: str | None) -> Article:
    for field in CSV_FIELDS:
        if row[field].startswith(("#", "Err:")) and _SPREADSHEET_ERROR.fullmatch(row[field]):
            raise ValueError(
                f"{field} is {row[field]!r}, an error a spreadsheet saved: it read the cell as a "
                "formula (text that starts with =, +, - or @); import that column as text"
            )
    fields: dict[str, Any] = {**row, "tags": split_joined_tags(row["tags"])}
    if not _ISO_DATE.fullmatch(row["published"]):
        fields["published"] = _iso_date_in_order(row["published"], date_order)
    for count in ("likes", "read_minutes"):
        text = row[count]
        if not (text.isascii() and text.isdigit()):
            raise ValueError(f"{count} must be a count of digits 0-9, found {text!r}")
        fields[count] = int(text)
    return article_from_dict(fields)


# What Excel, LibreOffice and Google Sheets show, and save in a CSV, for a formula
# they cannot compute: a cell of text that starts with = + - or @ is read as one.
_SPREADSHEET_ERROR = re.compile(
    r"#(?:NAME\?|VALUE!|REF!|DIV/0!|N/A|NUM!|NULL!|SPILL!|CALC!|ERROR!)|Err:5[0-9]{2}"
)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# A date as a spreadsheet writes it in its locale's order: 8/27/2019, 27.08.2019.
_NUMERIC_DATE = re.compile(r"([0-9]{1,4})[/.-]([0-9]{1,2})[/.-]([0-9]{1,4})\.?")


def _iso_date_in_order(text: str, order: str | None) -> str:
    """The ISO form of the date ``text`` whose day, month and year stand in ``order``
    (``"DMY"``, ...): Excel saves the dates of a CSV as its locale writes them."""
    found = _NUMERIC_DATE.fullmatch(text)
    if order is None or found is None:
        hint = ": a spreadsheet rewrote it? give --date-order MDY, DMY or YMD" if found else ""
        example = {"MDY": "8/27/2019", "DMY": "27/08/2019", "YMD": "2019/08/27"}.get(order or "", "")
        like = f" or {example}" if example else ""
        raise ValueError(f"published must be a date like 2019-08-27{like}, found {text!r}{hint}")
    parts = dict(zip(order, found.groups(), strict=True))
    if len(parts["Y"]) != 4:
        raise ValueError(f"published must have a four-digit year, found {text!r}")
    try:
        return _dt.date(int(parts["Y"]), int(parts["M"]), int(parts["D"])).isoformat()
    except ValueError as error:
        raise ValueError(f"published {text!r} is no date in {order} order: {error}") from None


COMMANDS = {
    "parse": cmd_parse,
    "check": cmd_check,
    "normalize": cmd_normalize,
    "merge": cmd_merge,
    "tags": cmd_tags,
    "format": cmd_format,
}


def _expanded(names: list[str]) -> list[str]:
    """``names`` with each wildcard that names no file (``*.txt``) replaced by the files
    it matches, sorted: Windows' cmd and PowerShell pass a wildcard on as it is, where
    a POSIX shell expands it. One that matches nothing stays, to be named as missing.
    A directory, named or matched, stands for the dumps in it (:func:`_dumps_in`). What
    directories and wildcards bring comes once (``corpus/**`` matches every file and
    directory in it); a file named comes as often as named (``merge a.txt a.txt``)."""
    expanded: list[str] = []
    brought: set[str] = set()
    for name in names:
        wildcard = not os.path.lexists(name) and any(char in name for char in "*?[")
        matches = glob.glob(name, recursive=True) if wildcard else []
        if not matches and (name == "-" or not os.path.isdir(name)):
            expanded.append(name)  # named: a file, stdin, or a wildcard that matches nothing
            continue
        for match in sorted(matches) or [name]:
            for path in sorted(_dumps_in(match)) if os.path.isdir(match) else [match]:
                if (key := os.path.normpath(path)) not in brought:
                    brought.add(key)
                    expanded.append(path)
    return expanded


# The names of the files a directory named on the command line stands for (any case:
# a Windows copy may be PAGE8.TXT); a dump of another name is named on its own.
_DUMP_SUFFIXES = (".txt", *(f".txt{packed}" for packed in (".gz", ".bz2", ".xz", ".zst")))


def _dumps_in(directory: str) -> list[str]:
    """The dump files in ``directory`` and the directories in it, at any depth: those
    named ``*.txt`` (or compressed, ``*.txt.gz``), hidden ones left out as ``**`` leaves
    them. A corpus too large for a command line (the shell's limit on its length) is
    named so, as are pages saved to one place."""
    dumps: list[str] = []
    for root, folders, files in os.walk(directory):
        folders[:] = [folder for folder in folders if not folder.startswith(".")]
        dumps.extend(
            os.path.join(root, file)
            for file in files
            if not file.startswith(".") and file.lower().endswith(_DUMP_SUFFIXES)
        )
    if not dumps:
        raise UsageError(f"{directory}: a directory with no dump in it (no file named *.txt, *.txt.gz, ...)")
    return dumps


def _check_stdin_read_once(args: argparse.Namespace) -> None:
    # A second reader of stdin finds it read to the end: an empty dump or tag list, silently.
    readers = ["FILE -" for name in getattr(args, "files", None) or () if name == "-"]
    if getattr(args, "known_tags", None) == "-":
        readers.append("--known-tags -")
    if len(readers) > 1:
        raise UsageError(f"stdin can be read only once: {' and '.join(readers)} would each read it")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    # Files may stand on either side of options (parse a.txt --format csv b.txt), as
    # most commands allow; argparse alone takes only one run of them.
    args, extra = parser.parse_known_args(argv)
    if extra and (not isinstance(getattr(args, "files", None), list) or any(_is_option(a) for a in extra)):
        parser.parse_args(argv)  # reports what is wrong, as argparse does, and exits
    if extra:
        args.files.extend(extra)
    try:
        _stdin_without_files(args)
        if isinstance(getattr(args, "files", None), list):
            args.files = _expanded(args.files)
        _check_stdin_read_once(args)
        return COMMANDS[args.command](args)
    except UsageError as error:
        print(f"feedparse-txt: {error}", file=sys.stderr)
        return 2
    except ParseError as error:
        print(f"feedparse-txt: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (| head): stop quietly, as Unix tools do.
        with contextlib.suppress(OSError):
            sys.stdout = io.TextIOWrapper(io.BytesIO())
            os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
        return 0
    except KeyboardInterrupt:
        return 130


def _stdin_without_files(args: argparse.Namespace) -> None:
    """No FILE given: the text piped to stdin, as a filter reads it (``cat page.txt |
    feedparse-txt parse``); from a terminal, a usage error rather than a wait for typing."""
    if getattr(args, "files", None) != [] and not (hasattr(args, "file") and args.file is None):
        return
    if sys.stdin is None or sys.stdin.closed or sys.stdin.isatty():
        raise UsageError(
            f"{args.command}: no FILE given, and stdin is a terminal: name files, or pipe text in"
        )
    if hasattr(args, "file"):
        args.file = "-"
    else:
        args.files = ["-"]


def _is_option(arg: str) -> bool:
    return arg.startswith("-") and arg != "-"


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
