"""Getting text out of what the user passed in, and cutting it into lines.

Lines end at ``\\n``; ``\\r\\n`` is one line ending, and so is ``\\r\\r\\n`` (CR CR
LF: a CRLF text whose line endings were converted to CRLF again), a deviation the
reader reports. A text with no ``\\n`` at all whose lines end with a lone ``\\r``
(classic Mac OS, some clipboards) is read in that style; in any other text a lone
``\\r``, like U+2028 or ``\\x0c``, is ordinary text inside a line, so this never uses
``str.splitlines()``.
"""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Union, cast

from .compressed import MAGIC_SIZE, Unpacked, compression_of, unpacked_bytes, unpacked_compression
from .errors import ParseError, Problem

__all__ = ["Source"]

Source = Union[str, bytes, bytearray, memoryview, "os.PathLike[str]", IO[str], IO[bytes]]

BOM = "\ufeff"
CR_CR_LF = "\r\r\n"
CHUNK_SIZE = 1 << 20


def path_names(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """The file names of ``paths``, a list or other iterable of paths. One path
    alone is a ``TypeError``: a str would be iterated character by character
    (``IsADirectoryError: '/'``)."""
    if isinstance(paths, (str, bytes, os.PathLike)):
        raise TypeError(f"paths must be an iterable of paths, not one path ({paths!r}): pass [path]")
    return [os.fspath(path) for path in paths]


def newline_of(text: str) -> str | None:
    """The ending of the first line of ``text``, or None if it has no line ending.

    ``\\r`` only if the text has no ``\\n`` at all: a lone CR typed or pasted into a
    line of an LF text must not turn its line endings into text. Read in blocks
    (which end at a ``\\n``), such a text is one block, so both ways agree.
    """
    first = text.find("\n")
    if first == -1:
        return "\r" if "\r" in text else None
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def line_break(newline: str) -> str:
    """The character every line ending of the ``newline`` style ends with: ``\\n``
    for LF and CRLF, ``\\r`` for a text with no ``\\n`` at all. Lines are cut,
    counted and looked for at this character."""
    return newline[-1]


def split_lines(text: str, newline: str) -> tuple[list[str], list[str] | None]:
    """Cut ``text`` into lines without their endings; ``newline`` is the text's style.

    Also the endings, line by line ("\\n", "\\r\\n", "\\r\\r\\n", "" for an unterminated
    last line), when the text mixes styles; None when every line ends with ``newline``.
    """
    crlf = text.count("\r\n") if "\r" in text else 0
    if newline == "\r":  # the text has no \n at all: see newline_of
        lines, endings = text.split("\r"), None
    elif crlf == 0 and newline == "\n":
        lines, endings = text.split("\n"), None
    elif newline == "\r\n" and crlf == text.count("\n") and CR_CR_LF not in text:
        lines, endings = text.split("\r\n"), None
    else:
        lines, endings = _split_mixed(text)
    if lines[-1] == "":  # what follows the last line ending
        lines.pop()
        if endings is not None:
            endings.pop()
    return lines, endings


def text_lines(text: str) -> list[str]:
    """The lines of ``text`` as dump text is cut: at ``\\n`` and ``\\r\\n`` (a lone ``\\r``
    only in a text with no ``\\n``), never at U+2028 or ``\\x0c``, which JSON and
    tag names may hold."""
    return split_lines(text, newline_of(text) or "\n")[0]


def _split_mixed(text: str) -> tuple[list[str], list[str]]:
    pieces = text.split("\n")
    lines: list[str] = []
    endings: list[str] = []
    for piece in pieces[:-1]:
        if piece.endswith("\r\r"):
            lines.append(piece[:-2])
            endings.append(CR_CR_LF)
        elif piece.endswith("\r"):
            lines.append(piece[:-1])
            endings.append("\r\n")
        else:
            lines.append(piece)
            endings.append("\n")
    lines.append(pieces[-1])
    endings.append("")
    return lines, endings


# ---------------------------------------------------------------------------- sources


def _name_of(source: object) -> str | None:
    if isinstance(source, (str, bytes, bytearray, memoryview)):
        return None
    if isinstance(source, os.PathLike):
        return os.fsdecode(source)
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else None


def source_name(source: object) -> str | None:
    """The file name to put in messages, when the source is a file."""
    return _name_of(source)


def _check_type(source: object) -> None:
    if isinstance(source, (str, bytes, bytearray, memoryview, os.PathLike)):
        return
    if callable(getattr(source, "read", None)):
        return
    # Lines (readlines(), a generator of them) read once joined; not here, where they
    # may lack their line endings (splitlines()) or be spent by the time it fails.
    lines = isinstance(source, (list, tuple, Iterator))
    hint = (
        ": join its lines, with their line endings, into one str (''.join(file.readlines()))" if lines else ""
    )
    raise TypeError(
        "source must be dump text (str), bytes, a path (os.PathLike) or an open file, "
        f"not {type(source).__name__}{hint}"
    )


class Decoded:
    """Text with what decoding it found: a byte order mark, invalid bytes, and the
    codec that decoded it (None: it was text already)."""

    __slots__ = ("bom", "codec", "problems", "text")

    def __init__(self, text: str, bom: bool, problems: list[Problem], codec: str | None = None) -> None:
        self.text = text
        self.bom = bom
        self.problems = problems
        self.codec = codec


# Byte order marks, UTF-32's first: UTF-32-LE's starts with UTF-16-LE's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# The first bytes, as many as this, decide the encoding: a byte order mark, and the
# bytes after it or in its place (see sniff). Streamed, they are held until read.
_SNIFFED = 1024


def codec_of(encoding: str | None) -> str | None:
    """The codec's own name for ``encoding`` (None: sniffed); ``LookupError`` if
    Python has no such codec, before anything is read. ``utf-8-sig`` is UTF-8 (its
    byte order mark is taken off either way, and kept in ``Dump.bom``)."""
    if encoding is None:
        return None
    name = text_codec(encoding)
    return "utf-8" if name == "utf-8-sig" else name


def text_codec(encoding: str) -> str:
    """The codec's own name for ``encoding``; ``LookupError`` if Python has no such
    codec or it is none between text and bytes (``rot13`` maps text to text)."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise LookupError(f"unknown encoding {encoding!r}") from None
    try:
        "".encode(name)  # only a text encoding's refuses nothing here
    except LookupError:
        raise LookupError(
            f"{encoding!r} is not a text encoding: it does not decode bytes into text"
        ) from None
    return name


# Without a byte order mark, Python reads ``utf-16`` and ``utf-32`` in this machine's
# byte order: named as such, the codec writes the same bytes back.
_UNMARKED = {"utf-16": f"utf-16-{sys.byteorder[0]}e", "utf-32": f"utf-32-{sys.byteorder[0]}e"}


def sniff(head: bytes, codec: str | None) -> tuple[str, int]:
    """The codec to decode bytes that start with ``head`` (their first ``_SNIFFED``)
    with, and how many bytes of a byte order mark to take off first.

    ``codec`` None: UTF-8, unless the bytes start with a UTF-16 or UTF-32 byte order
    mark (Windows PowerShell 5 writes UTF-16 with ``>``, Notepad as "Unicode"); no
    UTF-8 text starts with one, as bytes FE and FF never occur in UTF-8. Without a
    mark, UTF-16 and UTF-32 show in their zero bytes (see :func:`_unmarked`). A
    codec given takes off only its own mark (``utf-16`` and ``utf-32`` either byte
    order's), and is never second-guessed.
    """
    for bom, name in _BOMS:
        if head.startswith(bom) and (codec is None or name == codec or name.startswith(codec + "-")):
            if name == "utf-32-le" and codec is None and _read_as(head[len(bom) :], name) is None:
                continue  # UTF-16-LE whose text starts with U+0000
            return name, len(bom)
    if codec:
        return _UNMARKED.get(codec, codec), 0
    return _unmarked(head) or "utf-8", 0


def _unmarked(head: bytes) -> str | None:
    """The UTF-32 or UTF-16 that ``head`` is written in without a byte order mark
    (Python's ``encoding="utf-16-le"`` writes none, nor does ``iconv -t UTF-16LE``).

    A dump's text is mostly ASCII, and never holds U+0000: so is its first kilobyte
    read in the right one of these, and in no other. Text in UTF-8 reads so only if
    a quarter of its characters are U+0000 (a character of these encodings is ASCII
    only if its other bytes are zero), and each of them read in the wrong one of
    them is out of range, U+0000, or not ASCII.
    """
    if 0 not in head:  # an ASCII character has one in each of these: UTF-8 it is, at once
        return None
    for name in _UNMARKED_CODECS:
        text = _read_as(head, name)
        if text and "\x00" not in text and 2 * len(text.encode("ascii", "ignore")) >= len(text):
            return name
    return None


_UNMARKED_CODECS = ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be")


def _read_as(head: bytes, codec: str) -> str | None:
    """``head``, the first bytes of a text, decoded in ``codec`` (a character cut at
    its end left out); None if they are not that encoding."""
    try:
        return codecs.getincrementaldecoder(codec)().decode(head)
    except UnicodeDecodeError:
        return None


def _display(codec: str) -> str:
    return codec.upper() if codec.startswith("utf") else codec


def decode(data: bytes, *, strict: bool, codec: str | None = None) -> Decoded:
    """Bytes to text: UTF-8 or as a UTF-16/32 byte order mark says, or ``codec``
    (see :func:`sniff`); bad bytes raise or become U+FFFD. Compressed bytes are
    the text they hold (see :mod:`.compressed`); cut off or damaged, the text up to
    there, and a ``bad-compression`` error or problem where it ends."""
    unpacked_from = unpacked_compression(data[:MAGIC_SIZE])
    damage = None
    if unpacked_from is not None:
        data, damage = unpacked_bytes(data, unpacked_from)
        if damage is not None and _cut_mark(data):
            data = b""
    name, skip = sniff(data[:_SNIFFED], codec)
    body = data[skip:]  # once: after a byte order mark, the slice copies the whole file
    if damage is not None:
        body = _whole_characters(body, name)
    try:
        decoded = Decoded(body.decode(name), skip > 0, [], name)
    except UnicodeDecodeError as error:
        problem = _invalid_byte(body, skip, name, start=error.start, unpacked_from=unpacked_from)
        if strict:
            raise problem from None
        decoded = Decoded(body.decode(name, errors="replace"), skip > 0, [problem.problem], name)
    if damage is not None:
        text = decoded.text
        problem = _damaged(damage, text.count("\n"), text[text.rfind("\n") + 1 :])
        if strict:
            raise problem
        decoded.problems.append(problem.problem)
    return decoded


def _cut_mark(data: bytes) -> bool:
    """Whether ``data``, all the text that compressed data cut off holds, is the start
    of a byte order mark, and so no character yet (see :func:`_whole_characters`)."""
    return any(len(data) < len(bom) and bom.startswith(data) for bom, _ in _BOMS)


def _whole_characters(data: bytes, codec: str) -> bytes:
    """``data`` without the bytes of a character it ends inside: the text cut off with
    compressed data ends where its last whole character does, as the cut, not an
    invalid byte, is what is wrong there."""
    decoder = codecs.getincrementaldecoder(codec)(errors="replace")
    decoder.decode(data, final=False)
    held = decoder.getstate()[0]
    return data[: len(data) - len(held)]


def _damaged(damage: ParseError, lines: int, last_line: str) -> ParseError:
    """The error for compressed data that is cut off or damaged (``damage`` says how)
    where its text ends: after ``lines`` line endings and ``last_line``."""
    if not lines and "\r" in last_line:  # lines end at a lone CR in a text without LF
        lines = last_line.count("\r")
        last_line = last_line[last_line.rfind("\r") + 1 :]
    return damage.amended(line=lines + 1, column=len(last_line) + 1)


# More bytes than any encoding's character, or its escape sequence, takes: only that many
# at the end of the text can be a character cut off (looked at without copying a large text).
_LONGEST_CHARACTER = 16


def _invalid_byte(
    data: bytes,
    offset: int,
    codec: str,
    last_line: str = "",
    lines_before: int = 0,
    start: int | None = None,
    unpacked_from: str | None = None,
) -> ParseError:
    """The error for the first byte of ``data`` that ``codec`` cannot decode (at
    ``start``, if the caller's decode of all of ``data`` said so); ``data`` starts at
    byte ``offset`` of the file (after any byte order mark), on line
    ``lines_before + 1`` after ``last_line``'s text. ``unpacked_from``: the file's
    compression, whose text the bytes and their offsets are.

    Otherwise found again here: a decoder's own error counts from where it was fed
    last. Lines end at a lone CR if no LF came before (``lines_before``) or comes in
    ``data``: a file read in pieces can tell no better at this point.
    """
    if start is None:
        try:
            data.decode(codec)
        except UnicodeDecodeError as error:
            start = error.start
        else:
            start = len(data) - 1  # not reached: the caller's decoder failed on ``data``
    if codec == "utf-8":
        # Counted in the bytes, whose line endings are the text's: decoding a large file
        # again (twice) cost six times the decode that failed.
        end = "\r" if not lines_before and b"\n" not in data else "\n"
        byte = end.encode()
        cut = data.rfind(byte, 0, start)
        tail = data[cut + 1 : start].decode(codec)
        line = lines_before + last_line.count(end) + data.count(byte, 0, start) + 1
        if cut == -1:
            tail = last_line[last_line.rfind(end) + 1 :] + tail
        column = len(tail) + 1
    else:
        before = last_line + data[:start].decode(codec, errors="replace")
        end = "\r" if not lines_before and "\n" not in data.decode(codec, errors="replace") else "\n"
        line = lines_before + before.count(end) + 1
        column = len(before) - (before.rfind(end) + 1) + 1
    packed = compression_of(data[:MAGIC_SIZE]) if offset == 0 else None
    advice = (
        f"the file is {packed}-compressed: decompress it first"
        if packed
        else "a file in another encoding reads with encoding=..., --encoding"
    )
    if packed == "zstd":  # not read here (see zstd_readable): the package reads it
        advice += ", or install zstandard, which reads it: pip install 'feedparse_txt[zstd]'"
    where = f"byte offset {offset + start}"
    if unpacked_from:
        where += f" of the text the {unpacked_from} data holds"
    held = data[start:] if len(data) - start <= _LONGEST_CHARACTER else b""
    if not held or _whole_characters(held, codec):
        found = f"invalid byte 0x{data[start]:02x} at {where}"
    else:
        # The text ends inside a character: most likely a copy cut off at a number of
        # bytes, as some tools cut a text, not a file in another encoding.
        found = f"a character cut off at the end of the text, from {where}: " + " ".join(
            f"0x{byte:02x}" for byte in held
        )
        advice = "a copy cut off at a number of bytes? " + advice
    return ParseError("bad-encoding", _display(codec), found, f" ({advice})", line=line, column=column)


def read_text(source: Source, *, strict: bool, codec: str | None = None) -> Decoded:
    """The whole text of any source, decoded (bytes as :func:`decode` says)."""
    _check_type(source)
    if isinstance(source, str):
        return Decoded(source, False, [])
    if isinstance(source, (bytes, bytearray, memoryview)):
        return decode(bytes(source), strict=strict, codec=codec)
    if isinstance(source, os.PathLike):
        with open(source, "rb") as file:
            return decode(file.read(), strict=strict, codec=codec)
    data = _read(source)
    if isinstance(data, str):
        return Decoded(data, False, [])
    if isinstance(data, (bytes, bytearray)):
        return decode(bytes(data), strict=strict, codec=codec)
    raise TypeError(f"the file's read() returned {type(data).__name__}, not str or bytes")


def _read(file: IO[str] | IO[bytes] | Unpacked, size: int | None = None, lines: int = 0) -> str | bytes:
    """``file.read(size)`` (``read()`` if None), ``lines`` lines into the file. An open
    text file that cannot decode its bytes (a UTF-8 dump opened in the locale's
    encoding, on Windows its code page) stops the reading with a ``bad-encoding`` that
    says what to do."""
    try:
        return file.read() if size is None else file.read(size)
    except UnicodeDecodeError as error:
        raise ParseError(
            "bad-encoding",
            "text",
            f"bytes the open file could not decode in or after this line ({error})",
            ": a dump in UTF-8? give its Path or bytes, or open() it with encoding='utf-8'",
            line=lines + 1,
        ) from error


def iter_chunks(
    source: Source,
    *,
    strict: bool,
    on_problem: Callable[[Problem], None] | None = None,
    codec: str | None = None,
) -> Iterator[str]:
    """Decoded text of ``source`` in pieces, without reading a file whole; in lenient
    mode the first invalid byte goes to ``on_problem``, as :func:`decode` reports it."""
    _check_type(source)
    if isinstance(source, (str, bytes, bytearray, memoryview)):
        decoded = read_text(source, strict=strict, codec=codec)
        if on_problem is not None:
            for problem in decoded.problems:
                on_problem(problem)
        yield decoded.text
        return
    if isinstance(source, os.PathLike):
        with open(source, "rb") as file:
            yield from _chunks_of(file, strict=strict, on_problem=on_problem, codec=codec)
        return
    yield from _chunks_of(source, strict=strict, on_problem=on_problem, codec=codec)


def _chunks_of(
    file: IO[str] | IO[bytes],
    *,
    strict: bool,
    on_problem: Callable[[Problem], None] | None,
    codec: str | None,
) -> Iterator[str]:
    name: str | None = None  # the codec, once the first bytes have told it
    decoder = None
    offset = 0  # bytes read before this chunk (its byte order mark included)
    lines = 0  # line endings decoded so far
    last_line = ""  # the decoded text after the last of them
    head = b""  # the first bytes, until they tell the compression and the encoding
    reader: IO[str] | IO[bytes] | Unpacked = file
    unpacked: Unpacked | None = None  # reading the text of compressed bytes
    while True:
        chunk = _read(reader, CHUNK_SIZE, lines)
        if isinstance(chunk, str):
            if chunk:
                lines += chunk.count("\n")
                yield chunk
                continue
            return
        if not isinstance(chunk, (bytes, bytearray)):
            raise TypeError(f"the file's read() returned {type(chunk).__name__}, not str or bytes")
        end = not chunk
        # Compressed data cut off or damaged: the text ends here, and what is wrong.
        damage = unpacked.damage if end and unpacked is not None else None
        if name is None:
            head += chunk
            if not end and len(head) < _SNIFFED:
                continue  # a pipe may give fewer bytes at a time
            kind = unpacked_compression(head[:MAGIC_SIZE]) if unpacked is None else None
            if kind is not None:
                reader = unpacked = Unpacked(head, cast("IO[bytes]", file), kind)
                head = b""
                continue
            if damage is not None and _cut_mark(head):
                head = b""
            name, skip = sniff(head[:_SNIFFED], codec)
            decoder = codecs.getincrementaldecoder(name)()
            chunk, offset, head = head[skip:], skip, b""  # the first chunk is not held after this
        assert decoder is not None
        # A character cut off with compressed data is left out, as _whole_characters says.
        final = end and damage is None
        # Taken before decoding: a failed decode may drop the bytes the decoder held.
        state = decoder.getstate()
        try:
            text = decoder.decode(chunk, final=final)
        except UnicodeDecodeError:
            held = state[0]  # the bytes it held before this chunk
            packed = unpacked.kind if unpacked is not None else None
            at = offset - len(held)
            problem = _invalid_byte(held + chunk, at, name, last_line, lines, unpacked_from=packed)
            if strict:
                raise problem from None
            if on_problem is not None:
                on_problem(problem.problem)
            decoder = codecs.getincrementaldecoder(name)(errors="replace")
            decoder.setstate(state)
            text = decoder.decode(chunk, final=final)
        offset += len(chunk)
        if text:
            cut = text.rfind("\n")
            if cut == -1:
                last_line += text
            else:
                lines += text.count("\n")
                last_line = text[cut + 1 :]
            yield text
        if end:
            if damage is not None:
                problem = _damaged(damage, lines, last_line)
                if strict:
                    raise problem
                if on_problem is not None:
                    on_problem(problem.problem)
            return


def iter_text_blocks(chunks: Iterator[str]) -> Iterator[tuple[str, bool]]:
    """The chunks' text regrouped into blocks of whole lines; the flag marks the
    last block, which holds whatever follows the last line ending."""
    pending: list[str] = []
    for chunk in chunks:
        cut = chunk.rfind("\n")
        if cut == -1:
            pending.append(chunk)
            continue
        pending.append(chunk[: cut + 1])
        yield "".join(pending), False
        pending = [chunk[cut + 1 :]]
    yield "".join(pending), True
