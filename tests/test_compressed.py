"""Compressed dumps (gzip, bzip2, xz, zstd) read as the text they hold, by their first
bytes; cut off or damaged, the text up to there with a ``bad-compression`` problem."""

from __future__ import annotations

import bz2
import gzip
import io
import itertools
import lzma
import shutil
import struct
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, cast

import pytest
import zstandard
from hypothesis import given
from hypothesis import strategies as st

from feedparse_txt import (
    KnownTags,
    ParseError,
    format_dump,
    iter_articles,
    iter_normalized,
    normalize,
    parse_dump,
    parse_files,
)
from feedparse_txt.cli import main
from feedparse_txt.compressed import MAGIC_SIZE, compression_of, zstd_readable

from .conftest import REAL_TEXTS, gbk_copies, real_dumps, streamed, strict_outcome

COMPRESSIONS: dict[str, Callable[[bytes], bytes]] = {
    "gzip": gzip.compress,
    "bzip2": bz2.compress,
    "xz": lzma.compress,
    "zstd": zstandard.ZstdCompressor(write_checksum=True).compress,  # as the zstd command writes it
}


class _Trickle(io.RawIOBase):
    """A pipe that gives a few bytes at a time, as a slow one may."""

    def __init__(self, data: bytes, step: int = 7) -> None:
        self._data = memoryview(data)
        self._step = step

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        taken = self._data[: min(self._step, size if size >= 0 else self._step)]
        self._data = self._data[len(taken) :]
        return bytes(taken)


@pytest.mark.parametrize("kind", COMPRESSIONS)
@pytest.mark.parametrize("path", real_dumps(), ids=lambda p: p.name)
def test_a_compressed_real_dump_reads_as_its_text_every_way(kind: str, path: Path, tmp_path: Path) -> None:
    data = path.read_bytes()
    plain, outcome = parse_dump(data, strict=False), strict_outcome(data)
    packed = COMPRESSIONS[kind](data)
    written = tmp_path / f"{path.name}.{kind}"
    written.write_bytes(packed)
    for each in (packed, written, io.BytesIO(packed)):
        dump = parse_dump(each, strict=False)
        assert dump == plain and format_dump(dump).encode("utf-8") == data  # the round trip, exact
    assert strict_outcome(packed) == outcome
    assert streamed(packed) == streamed(data)
    assert streamed(_Trickle(packed), chunk=64) == streamed(data)  # the magic number comes in pieces
    assert "".join(iter_normalized(written, strict=False)) == "".join(iter_normalized(data, strict=False))


@pytest.mark.parametrize("kind", COMPRESSIONS)
def test_files_compressed_one_after_another_read_as_one_text(kind: str) -> None:
    # cat a.gz b.gz > both.gz: gzip -d gives both texts, and so does this.
    first, second = (path.read_bytes() for path in real_dumps()[:2])
    packed = COMPRESSIONS[kind](first) + COMPRESSIONS[kind](second)
    dump = parse_dump(packed, strict=False)
    assert dump.problems == parse_dump(first + second, strict=False).problems
    assert format_dump(dump).encode("utf-8") == first + second
    assert streamed(packed, chunk=4096) == streamed(first + second)
    # Zero bytes between them (xz's stream padding; gzip -d skips them), over whole pieces.
    padded = COMPRESSIONS[kind](first) + bytes(20_000) + COMPRESSIONS[kind](second)
    assert format_dump(parse_dump(padded, strict=False)).encode("utf-8") == first + second


def test_a_zstd_file_that_starts_with_a_skippable_frame_reads(tmp_path: Path) -> None:
    # pzstd (zstd's parallel compressor) writes each frame after a skippable frame that
    # holds its size: such a file was not told to be zstd, and read as 0 records.
    data = REAL_TEXTS["backend-architecture-page8.txt"].encode("utf-8")
    frame = COMPRESSIONS["zstd"](data)
    packed = b"\x50\x2a\x4d\x18" + struct.pack("<II", 4, len(frame)) + frame
    assert compression_of(packed[:MAGIC_SIZE]) == "zstd"
    path = tmp_path / "page.txt.zst"
    path.write_bytes(packed + packed)  # frames one after another, as pzstd writes them
    whole = parse_dump(data + data, strict=False)
    assert parse_dump(path, strict=False) == whole and format_dump(whole) == (data + data).decode()
    assert list(iter_articles(io.BytesIO(packed + packed), strict=False)) == list(whole)


def test_the_text_in_a_compressed_file_may_be_in_any_encoding(tmp_path: Path) -> None:
    text = REAL_TEXTS["backend-architecture-page8.txt"]
    utf16 = parse_dump(gzip.compress(text.encode("utf-16")))
    assert utf16.encoding == "utf-16-le" and format_dump(utf16).encode("utf-16-le") == text.encode("utf-16")
    for path in gbk_copies(tmp_path):
        gbk = parse_dump(lzma.compress(path.read_bytes()), encoding="gbk", strict=False)
        assert gbk.encoding == "gbk" and format_dump(gbk).encode("gbk") == path.read_bytes()


@given(
    st.sampled_from(sorted(REAL_TEXTS)),
    st.sampled_from(sorted(COMPRESSIONS)),
    st.floats(0, 1, exclude_max=True),
    st.sampled_from([64, 4096, 1 << 20]),
    st.sampled_from(["utf-8", "utf-16"]),
)
def test_a_cut_off_compressed_dump_keeps_its_text_up_to_the_cut(
    name: str, kind: str, where: float, chunk: int, encoding: str
) -> None:
    # A download or a copy cut short: lenient reading never raises, gives back the
    # text up to there exactly, and says where it ends; strict reading stops.
    text = REAL_TEXTS[name]
    packed = COMPRESSIONS[kind](text.encode(encoding))
    cut = packed[: max(MAGIC_SIZE, int(len(packed) * where))]  # fewer bytes tell no compression
    dump = parse_dump(cut, strict=False)
    kept = format_dump(dump).removeprefix("\ufeff")  # UTF-16 starts with its byte order mark
    # The text up to the cut, to its last whole character: a character cut in two is
    # not an invalid byte (with a hint to another encoding), the cut is what is wrong.
    assert text.startswith(kept)
    assert "bad-encoding" not in {problem.code for problem in dump.problems}
    # Named where the text ends: before the truncated-record it may cause there.
    (cause,) = (problem for problem in dump.problems if problem.code == "bad-compression")
    assert (cause.expected, cause.found) == (f"more {kind} data", "the end of the file")
    assert "cut off" in cause.message and (cause.line, cause.column) == _end_of(kept)
    assert streamed(cut, chunk) == (list(dump.articles), list(dump.problems))
    with pytest.raises(ParseError):
        parse_dump(cut)


def _end_of(text: str) -> tuple[int, int]:
    """The line and column just after the end of ``text``."""
    return text.count("\n") + 1, len(text) - text.rfind("\n")


def test_an_invalid_byte_in_compressed_text_is_counted_in_that_text(tmp_path: Path) -> None:
    # Its offset is not one of the file's own bytes: the message says whose it is.
    for path in gbk_copies(tmp_path, count=1):
        packed = gzip.compress(path.read_bytes())
        whole = next(p for p in parse_dump(packed, strict=False).problems if p.code == "bad-encoding")
        read_in_pieces = next(p for p in streamed(packed, chunk=4096)[1] if p.code == "bad-encoding")
        whose = " of the text the gzip data holds"
        assert whole == read_in_pieces and f"{whose} (a file in another encoding" in whole.message
        plain = next(p for p in parse_dump(path, strict=False).problems if p.code == "bad-encoding")
        assert plain.message == whole.message.replace(whose, "")


@pytest.mark.parametrize("kind", COMPRESSIONS)
def test_damaged_compressed_data_is_named_and_the_text_before_it_kept(kind: str) -> None:
    data = REAL_TEXTS["backend-architecture-page8.txt"].encode("utf-8")
    packed = bytearray(COMPRESSIONS[kind](data))
    packed[len(packed) // 2] ^= 0x55
    dump = parse_dump(bytes(packed), strict=False)
    (cause,) = (problem for problem in dump.problems if problem.code == "bad-compression")
    assert cause.expected == f"{kind} data" and cause.found.startswith("data that does not decompress (")
    assert streamed(bytes(packed)) == (list(dump.articles), list(dump.problems))
    with pytest.raises(ParseError) as caught:
        list(iter_articles(io.BytesIO(bytes(packed))))
    assert caught.value.code == "bad-compression"


MAGIC_NUMBERS = [b"\x1f\x8b", b"BZh91AY&SY", b"BZh9\x17rE8P\x90", b"\xfd7zXZ\x00"]


@given(
    st.one_of(
        st.builds(bytes.__add__, st.sampled_from(MAGIC_NUMBERS), st.binary()),  # not compressed after all
        st.builds(  # a real dump compressed, then bytes changed, cut out or added
            lambda data, at, cut, added: data[:at] + added + data[at + cut :],
            st.builds(
                lambda name, kind: COMPRESSIONS[kind](REAL_TEXTS[name].encode("utf-8")),
                st.sampled_from(sorted(REAL_TEXTS)),
                st.sampled_from(sorted(COMPRESSIONS)),
            ),
            st.integers(MAGIC_SIZE, 3000),
            st.integers(0, 8),
            st.binary(max_size=8),
        ),
    ),
    st.sampled_from([64, 1 << 20]),
)
def test_compressed_bytes_of_any_damage_never_raise_when_lenient(data: bytes, chunk: int) -> None:
    dump = parse_dump(data, strict=False)
    assert streamed(data, chunk) == (list(dump.articles), list(dump.problems))
    assert format_dump(parse_dump(format_dump(dump), strict=False)) == format_dump(dump)
    try:
        parse_dump(data)
    except ParseError:
        assert dump.problems  # strict stops only at what lenient names
    else:
        assert not dump.problems


def test_a_compressed_file_that_cannot_be_read_raises_its_own_error() -> None:
    # Not taken for damaged data: the disk, the network, a closed file failed.
    class Failing(io.RawIOBase):
        def __init__(self) -> None:
            self._left = gzip.compress(b"Amap Tech\n" * 100_000)[:2000]

        def readable(self) -> bool:
            return True

        def read(self, size: int = -1) -> bytes:
            if not self._left:
                raise OSError(5, "Input/output error")
            taken, self._left = self._left, b""
            return taken

    with pytest.raises(OSError, match="Input/output error"):
        list(iter_articles(cast("IO[bytes]", Failing()), strict=False))


def _compressed_copies(folder: Path) -> list[Path]:
    """Every real dump, compressed in turn in each of the compressions, in ``folder``."""
    paths = []
    for path, (kind, compress) in zip(real_dumps(), itertools.cycle(COMPRESSIONS.items()), strict=False):
        paths.append(folder / f"{path.name}.{kind}")
        paths[-1].write_bytes(compress(path.read_bytes()))
    return paths


def test_compressed_dumps_parse_in_worker_processes(tmp_path: Path) -> None:
    paths = _compressed_copies(tmp_path)
    expected = [parse_dump(path, strict=False) for path in real_dumps()]
    assert parse_files(paths, workers=2, strict=False) == expected


def test_a_dask_bag_of_compressed_dumps_holds_the_records_of_a_serial_parse(tmp_path: Path) -> None:
    pytest.importorskip("dask.bag")
    from feedparse_txt.distributed import articles_bag

    paths = _compressed_copies(tmp_path)
    bag = articles_bag(paths, strict=False, files_per_partition=3)
    expected = [article for path in real_dumps() for article in parse_dump(path, strict=False)]
    assert bag.compute(scheduler="synchronous") == expected


def test_a_compressed_known_tags_file_reads(tmp_path: Path) -> None:
    listed = tmp_path / "tags.txt.gz"
    listed.write_bytes(gzip.compress(b"Backend Architecture\nDSL\n"))
    assert KnownTags.from_file(listed).tags == KnownTags(["Backend Architecture", "DSL"]).tags


# ---------------------------------------------------------------------------- the command line


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_line_reads_compressed_files_and_stdin(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = real_dumps()[0]
    packed = tmp_path / "page.txt.gz"
    packed.write_bytes(gzip.compress(page.read_bytes()))
    for command in (["parse"], ["parse", "-j", "2"], ["normalize"], ["check"], ["tags"]):
        assert run(capsys, *command, str(packed)) == run(capsys, *command, str(page))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(packed.read_bytes())))
    code, out, _err = run(capsys, "parse", "--format", "csv", "-")
    assert code == 0 and out == run(capsys, "parse", "--format", "csv", str(page))[1]
    # What parse writes reads back compressed too.
    records, packed_records = tmp_path / "records.jsonl", tmp_path / "records.jsonl.xz"
    records.write_text(run(capsys, "parse", str(page))[1], encoding="utf-8")
    packed_records.write_bytes(lzma.compress(records.read_bytes()))
    assert run(capsys, "format", str(packed_records)) == run(capsys, "format", str(records))


def test_check_names_a_cut_off_compressed_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    packed = tmp_path / "page.txt.bz2"
    data = bz2.compress(real_dumps()[0].read_bytes())
    packed.write_bytes(data[:-1])
    code, out, _err = run(capsys, "check", str(packed))
    assert code == 1 and "bad-compression expected more bzip2 data" in out


@pytest.mark.parametrize("kind", COMPRESSIONS)
def test_normalize_in_place_writes_a_compressed_file_back_compressed_alike(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
) -> None:
    # Plain text under a .gz name, which gzip -d refuses, it was not to be: it is told by
    # its bytes, whatever its name.
    messy = real_dumps()[0].read_bytes().replace(b"\n", b"\r\n")
    plain, packed = tmp_path / "plain.txt", tmp_path / "page.txt"
    plain.write_bytes(messy)
    packed.write_bytes(COMPRESSIONS[kind](messy))
    assert run(capsys, "normalize", "--in-place", str(plain), str(packed))[0] == 0
    assert compression_of(plain.read_bytes()) is None and compression_of(packed.read_bytes()) == kind
    assert _decompressed(packed.read_bytes()) == plain.read_bytes() == normalize(messy.decode()).encode()


def _decompressed(data: bytes) -> bytes:
    """``data`` as the command line tools decompress it."""
    kind = compression_of(data)
    assert kind is not None
    if kind == "zstd":
        return zstandard.ZstdDecompressor().decompressobj().decompress(data)
    return {"gzip": gzip.decompress, "bzip2": bz2.decompress, "xz": lzma.decompress}[kind](data)


@pytest.mark.parametrize("suffix", [".gz", ".bz2", ".xz", ".zst", ".GZ"])
def test_an_output_file_is_compressed_as_its_name_says(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, suffix: str
) -> None:
    page = str(real_dumps()[0])
    out = tmp_path / f"out{suffix}"
    commands = (
        ["parse", page],
        ["parse", "--format", "csv", page],
        ["normalize", page],
        ["tags", page],
    )
    for command in commands:
        assert run(capsys, *command, "-o", str(out))[0] == 0
        assert _decompressed(out.read_bytes()).decode() == run(capsys, *command)[1]
    # format writes bytes, in the encoding of the dump its JSON holds.
    as_json = tmp_path / "dump.json"
    run(capsys, "parse", "--format", "json", "-o", str(as_json), page)
    assert run(capsys, "format", str(as_json), "-o", str(out))[0] == 0
    assert _decompressed(out.read_bytes()) == real_dumps()[0].read_bytes()
    # The same text gives the same bytes: no time in the header.
    first = out.read_bytes()
    run(capsys, "format", str(as_json), "-o", str(out))
    assert out.read_bytes() == first


def test_a_compressed_output_that_fails_leaves_no_file_and_no_noise(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "out.txt.gz"
    code, _out, _err = run(capsys, "parse", "--strict", str(tmp_path / "missing.txt"), "-o", str(out))
    assert code == 2 and not out.exists() and list(tmp_path.iterdir()) == []
    damaged = tmp_path / "damaged.txt"
    damaged.write_text(REAL_TEXTS["www_tags_idempotency.txt"], encoding="utf-8")  # cut off
    # Python's development mode shows what a file object's finalizer fails at: a gzip
    # stream left to the garbage collector wrote its end to the file closed.
    argv = [sys.executable, "-X", "dev", "-m", "feedparse_txt", "normalize", "--strict", str(damaged)]
    done = subprocess.run([*argv, "-o", str(out)], capture_output=True, text=True, check=False)
    assert done.returncode == 1 and not out.exists()
    assert done.stderr.startswith("feedparse-txt: ") and "Exception ignored" not in done.stderr


def test_format_names_a_cut_off_compressed_file_as_cut_off(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Not as "an invalid byte", which the other errors reading its file are.
    records = run(capsys, "parse", str(real_dumps()[0]))[1].encode()
    for name, data in (("records.jsonl.gz", records), ("tags.txt.gz", b"Backend Architecture\n")):
        (tmp_path / name).write_bytes(gzip.compress(data)[:-4])
    code, _out, err = run(capsys, "format", str(tmp_path / "records.jsonl.gz"))
    assert code == 2 and "expected more gzip data, found the end of the file: it is cut off" in err
    listed = str(tmp_path / "tags.txt.gz")
    code, _out, err = run(capsys, "parse", "--known-tags", listed, str(real_dumps()[0]))
    assert code == 2 and "tags.txt.gz:2:1: expected more gzip data" in err


def test_parse_jobs_counts_a_compressed_file_as_the_text_it_holds(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Batches hold the records of all their files at once: a file counts by its text.
    from feedparse_txt import cli

    page = next(path for path in real_dumps() if path.name == "backend-architecture-page8.txt")
    monkeypatch.setattr(cli, "_LARGE", page.stat().st_size)  # page 8 counts as large here
    packed = tmp_path / "page.txt.gz"
    packed.write_bytes(gzip.compress(page.read_bytes()))
    assert packed.stat().st_size < cli._LARGE  # by its size on disk it would go in a batch
    assert cli._batch([str(packed)], 0) == []  # streamed, as the large file it holds
    expected = run(capsys, "parse", str(page), "--with-source")[1].replace(str(page), str(packed))
    assert run(capsys, "parse", str(packed), "--with-source", "-j", "2") == (0, expected, "")


@pytest.fixture
def without_zstandard(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No zstandard package, as where the extra ``zstd`` is not installed."""
    monkeypatch.setitem(sys.modules, "zstandard", None)  # import zstandard raises ImportError
    zstd_readable.cache_clear()
    yield
    zstd_readable.cache_clear()


@pytest.mark.usefixtures("without_zstandard")
def test_zstd_without_the_zstandard_package_is_named_and_not_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert not zstd_readable()
    packed = tmp_path / "page.txt.zst"
    packed.write_bytes(COMPRESSIONS["zstd"](real_dumps()[0].read_bytes()))
    with pytest.raises(ParseError) as caught:
        parse_dump(packed)
    assert caught.value.code == "bad-encoding"
    assert caught.value.detail.endswith("pip install 'feedparse_txt[zstd]')")
    out = tmp_path / "out.txt.zst"
    code, _, err = run(capsys, "normalize", str(real_dumps()[0]), "-o", str(out))
    assert code == 2 and "writing zstd needs the zstandard package" in err and not out.exists()


@pytest.mark.parametrize("command", ["gzip", "bzip2", "xz", "zstd", "pzstd"])
def test_files_the_command_line_tools_write_read_and_what_we_write_they_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    tool = shutil.which(command)
    if tool is None:
        pytest.skip(f"no {command} here")
    page = real_dumps()[0]
    packed = subprocess.run([tool, "-q", "-c", str(page)], capture_output=True, check=True).stdout
    assert format_dump(parse_dump(packed)).encode() == page.read_bytes()
    out = tmp_path / f"page.txt.{_SUFFIXES[command]}"
    assert run(capsys, "normalize", str(page), "-o", str(out))[0] == 0
    unpacked = subprocess.run([tool, "-q", "-d", "-c", str(out)], capture_output=True, check=True).stdout
    assert unpacked.decode() == normalize(page.read_text(encoding="utf-8"))


_SUFFIXES = {"gzip": "gz", "bzip2": "bz2", "xz": "xz", "zstd": "zst", "pzstd": "zst"}
