"""Compressed dumps: told by their first bytes, and read (and written) through the
standard library, zstd through the ``zstandard`` package (the extra ``zstd``).

A file in gzip, bzip2, xz or zstd (``page8.txt.gz``, what ``gzip -c`` pipes) is read
as the text it holds, whatever its name. Its end is checked: a file cut off in a copy
or a download, or damaged, gives back the text it holds up to there, and says so with
a ``bad-compression`` problem where that text ends (see :class:`Unpacked`). zstd
without that package, and zip, are only named (see :func:`compression_of`): a zip is
an archive of files, not one text.
"""

from __future__ import annotations

import functools
import io
import re
from typing import IO, Protocol

from .errors import ParseError

__all__ = [
    "MAGIC_SIZE",
    "UNPACKED",
    "Unpacked",
    "compressing",
    "compression_of",
    "unpacked_bytes",
    "unpacked_compression",
    "zstd_readable",
]

# How compressed files start, by their magic numbers: gzip's two bytes, bzip2's stream
# header and the magic of its first block (or of its end, in a stream of no text), xz's
# stream header, zstd's frame or a skippable frame (pzstd starts with one), zip's first
# local file header.
_MAGIC = re.compile(
    rb"(\x1f\x8b)|(BZh[1-9](?:1AY&SY|\x17rE8P\x90))|(\xfd7zXZ\x00)|(\x28\xb5\x2f\xfd|[\x50-\x5f]\x2a\x4d\x18)"
    rb"|(PK\x03\x04)"
)
_NAMES = ("gzip", "bzip2", "xz", "zstd", "zip")
#: the compressions read as the text they hold (zstd if :func:`zstd_readable`); the
#: others are only named
UNPACKED = frozenset({"gzip", "bzip2", "xz", "zstd"})
#: enough first bytes to tell every compression above
MAGIC_SIZE = 10


def compression_of(head: bytes) -> str | None:
    """The compression a file whose first bytes are ``head`` is in, by its magic
    number (``"gzip"``, ``"bzip2"``, ``"xz"``, ``"zstd"``, ``"zip"``); None for any other."""
    found = _MAGIC.match(head)
    return _NAMES[found.lastindex - 1] if found and found.lastindex else None


def unpacked_compression(head: bytes) -> str | None:
    """The compression of a file whose first bytes are ``head``, if it is one of
    :data:`UNPACKED`, whose text is read; None for any other, and for none."""
    kind = compression_of(head)
    if kind == "zstd" and not zstd_readable():
        return None
    return kind if kind in UNPACKED else None


@functools.cache
def zstd_readable() -> bool:
    """Whether zstd is read and written here: the ``zstandard`` package is installed
    (``pip install 'feedparse_txt[zstd]'``). Python's own ``compression.zstd`` comes
    only with 3.14."""
    try:
        import zstandard  # noqa: F401
    except ImportError:
        return False
    return True


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class _Decompressor(Protocol):
    # What zlib's, bz2's, lzma's and zstandard's decompressor objects have in common.
    @property
    def eof(self) -> bool: ...
    @property
    def unused_data(self) -> bytes: ...
    def decompress(self, data: bytes, /) -> bytes: ...


def _decompressor(kind: str) -> _Decompressor:
    # Imported when a compressed file comes: most never do, and import time counts.
    if kind == "gzip":
        import zlib

        return zlib.decompressobj(16 + zlib.MAX_WBITS)  # a gzip member, its CRC checked
    if kind == "bzip2":
        import bz2

        return bz2.BZ2Decompressor()
    if kind == "zstd":
        import zstandard

        return zstandard.ZstdDecompressor().decompressobj()  # a frame, its checksum checked if it has one
    import lzma

    return lzma.LZMADecompressor(lzma.FORMAT_XZ)


# Compressed bytes are decompressed in pieces that end at a multiple of this many from the
# file's start: damaged data loses what the decompressor would have given for the piece
# it fails in, and no more; and that is the same text however the file is read.
_PIECE = 8192


class Unpacked:
    """The bytes a compressed binary file holds: ``head``, its first bytes, read
    already, then the rest of ``file``; ``kind`` (one of :data:`UNPACKED`) their
    compression.

    ``read(size)`` gives them a piece at a time (``size`` bytes or a few more), and
    ``b""`` at the end; also where the data is cut off or damaged, after which
    ``damage`` says what was wrong (None if nothing was). Streams written one after
    another (``cat a.gz b.gz``) read as one, as ``gzip -d`` reads them.
    """

    def __init__(self, head: bytes, file: _Readable, kind: str) -> None:
        self.kind = kind
        self.damage: ParseError | None = None
        self._file = file
        self._head = head
        self._start = 0  # of the head's bytes not yet taken: an offset, as a head may be a whole file
        self._back = b""  # bytes taken, then handed back: the start of the next stream
        self._offset = 0  # bytes taken from the file's start
        self._decompressor = _decompressor(kind)
        self._done = False

    def read(self, size: int = -1, /) -> bytes:
        pieces = []
        have = 0
        while not self._done and (size < 0 or have < size):
            piece = self._decompressed()
            pieces.append(piece)
            have += len(piece)
        return b"".join(pieces)

    def _decompressed(self) -> bytes:
        """What the next piece of compressed bytes holds (maybe nothing)."""
        data = self._taken(_PIECE - self._offset % _PIECE)
        if not data:
            self._done = True
            if not self._decompressor.eof:
                self.damage = ParseError(
                    "bad-compression", f"more {self.kind} data", "the end of the file", ": it is cut off"
                )
            return b""
        if self._decompressor.eof:  # what follows a stream: another one, or zero bytes of padding
            data = data.lstrip(b"\0")
            if not data:
                return b""
            self._decompressor = _decompressor(self.kind)
        try:
            text = self._decompressor.decompress(data)
        except Exception as error:  # zlib.error, OSError (bz2), LZMAError, ZstdError: the data is bad
            self._done = True
            self.damage = ParseError(
                "bad-compression", f"{self.kind} data", f"data that does not decompress ({error})"
            )
            return b""
        if self._decompressor.eof:  # the next stream starts in what it was given
            self._back = self._decompressor.unused_data
            self._offset -= len(self._back)
        return text

    def _taken(self, wanted: int) -> bytes:
        """The next ``wanted`` compressed bytes (fewer at the end): those handed back,
        then the head's, then the file's."""
        parts = []
        while wanted > 0:
            if self._back:
                part, self._back = self._back[:wanted], self._back[wanted:]
            elif self._start < len(self._head):
                part = self._head[self._start : self._start + wanted]
                self._start += len(part)
            else:
                part = self._file.read(wanted)  # a pipe may give fewer
                if not part:
                    break
            parts.append(part)
            wanted -= len(part)
        data = b"".join(parts)
        self._offset += len(data)
        return data


def unpacked_bytes(data: bytes, kind: str) -> tuple[bytes, ParseError | None]:
    """The bytes ``data``, compressed in ``kind``, holds, and what was wrong with them
    (see :attr:`Unpacked.damage`)."""
    file = Unpacked(data, io.BytesIO(), kind)  # all of it in the head, nothing more to read
    return file.read(), file.damage


def compressing(file: IO[bytes], kind: str) -> IO[bytes]:
    """A binary file whose bytes go to ``file`` compressed in ``kind`` (one of
    :data:`UNPACKED`), as ``gzip``, ``bzip2``, ``xz`` and ``zstd`` write them by default;
    closing it ends the compressed stream and leaves ``file`` open."""
    if kind == "gzip":
        import gzip

        # No name or time in the header: the same text gives the same bytes.
        return gzip.GzipFile(filename="", mode="wb", fileobj=file, mtime=0)  # type: ignore[return-value]
    if kind == "bzip2":
        import bz2

        return bz2.BZ2File(file, "wb")
    if kind == "zstd":
        import zstandard

        # With the checksum of its content, as the zstd command writes a frame by default.
        return zstandard.ZstdCompressor(write_checksum=True).stream_writer(file, closefd=False)
    import lzma

    return lzma.LZMAFile(file, "wb")
