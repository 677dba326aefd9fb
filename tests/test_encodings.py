"""Bytes in other encodings: UTF-16 and UTF-32 told by their byte order mark, and
legacy code pages named with ``encoding=`` (``--encoding``)."""

from __future__ import annotations

import codecs
import io
import pickle
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from feedparse_txt import (
    Dump,
    ParseError,
    compressed,
    format_dump,
    iter_articles,
    iter_normalized,
    normalize,
    parse_dump,
    parse_files,
    source,
)
from feedparse_txt.cli import main
from feedparse_txt.jsonio import dump_from_dict, dump_to_dict
from feedparse_txt.strategies import articles, dump_texts, field_texts

from .conftest import gbk_copies, read, real_dumps, streamed, strict_outcome, zipped

MARKED = {  # the codec a byte order mark tells, and the mark
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
    "utf-8": codecs.BOM_UTF8,
}
# Code pages Windows Notepad saves as "ANSI" (Western, Simplified and Traditional Chinese, Cyrillic).
CODE_PAGES = ["cp1252", "gbk", "big5", "cp1251"]


def _parses_alike(
    data: bytes,
    text: str,
    codec: str,
    bom: bool,
    encoding: str | None = None,
    chunks: tuple[int, ...] = (1, 3, 1 << 20),  # byte order marks and characters cut across reads
) -> Dump:
    """Check that ``data`` reads as ``text`` does, whole and streamed in reads of each
    of ``chunks`` bytes, in both modes, and writes back to the same bytes; the lenient parse."""
    expected = parse_dump(text, strict=False)
    dump = parse_dump(data, strict=False, encoding=encoding)
    assert dump.articles == expected.articles and dump.problems == expected.problems
    assert (dump.encoding, dump.bom) == (codec, bom)
    assert format_dump(dump).encode(codec) == data
    assert strict_outcome(data, encoding) == strict_outcome(text)
    for chunk in chunks:
        assert streamed(data, chunk, encoding) == (list(expected.articles), list(expected.problems))
    return dump


@pytest.mark.parametrize("codec", sorted(MARKED))
@pytest.mark.parametrize("path", real_dumps(), ids=lambda p: p.name)
def test_a_byte_order_mark_tells_the_encoding_of_every_real_dump(path: Path, codec: str) -> None:
    text = read(path)
    _parses_alike(MARKED[codec] + text.encode(codec), text, codec, bom=True)


@pytest.mark.parametrize("codec", CODE_PAGES)
@pytest.mark.parametrize("path", real_dumps(), ids=lambda p: p.name)
def test_every_real_dump_in_a_code_page_reads_with_its_encoding(path: Path, codec: str) -> None:
    # What the code page cannot hold becomes '?', as Notepad writes it; the middle
    # dots and the rest are the code page's own bytes.
    text = read(path).encode(codec, errors="replace").decode(codec)
    data = text.encode(codec)
    dump = _parses_alike(data, text, codec, bom=False, encoding=codec)
    assert dump.articles  # every one of them still reads
    if codec != "cp1252":  # cp1252's middle dot is one byte, which UTF-8 may take for part of a character
        assert data != text.encode("utf-8")
    # Without the encoding: the first byte UTF-8 cannot read, where it stands, and a hint.
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start].decode("utf-8")
        with pytest.raises(ParseError) as caught:
            parse_dump(data)
        assert caught.value.code == "bad-encoding"
        assert (caught.value.line, caught.value.column) == (
            before.count("\n") + 1,
            len(before) - before.rfind("\n"),
        )
        assert (
            f"byte offset {error.start} (a file in another encoding reads with encoding="
            in caught.value.message
        )
        lenient = parse_dump(data, strict=False)
        assert [p.code for p in lenient.problems].count("bad-encoding") == 1


@pytest.mark.parametrize("path", real_dumps(), ids=lambda p: p.name)
def test_a_real_dump_cut_off_inside_a_character_says_so(path: Path) -> None:
    # A copy cut at a number of bytes (as the real www_tags_ files were, at 2,000) may
    # end inside a character: the records are those of the text cut before it, and the
    # problem says it was cut, not only that another encoding may read it.
    data = path.read_bytes()
    cuts = [cut for cut in range(1, len(data)) if data[cut] & 0xC0 == 0x80]  # inside a character
    assert cuts
    for cut in cuts[:: max(1, len(cuts) // 40)]:
        whole = data[:cut].decode("utf-8", errors="ignore").encode()  # the cut character left out
        dump = parse_dump(data[:cut], strict=False)
        assert dump.articles == parse_dump(whole, strict=False).articles
        (problem,) = (p for p in dump.problems if p.code == "bad-encoding")
        before = whole.decode()
        assert (problem.line, problem.column) == (before.count("\n") + 1, len(before) - before.rfind("\n"))
        message = problem.message
        assert f"a character cut off at the end of the text, from byte offset {len(whole)}: " in message
        assert "(a copy cut off at a number of bytes? " in message
        assert streamed(data[:cut], 7) == (list(dump.articles), list(dump.problems))
        with pytest.raises(ParseError, match="a character cut off at the end of the text"):
            parse_dump(data[:cut])


# What Python's encoding="utf-16-le" and iconv -t UTF-16LE write: no byte order mark.
UNMARKED = ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]


@pytest.mark.parametrize("codec", UNMARKED)
@pytest.mark.parametrize("path", real_dumps(), ids=lambda p: p.name)
def test_every_real_dump_in_utf16_or_utf32_without_a_byte_order_mark_reads_in_it(
    path: Path, codec: str
) -> None:
    text = read(path)
    _parses_alike(text.encode(codec), text, codec, bom=False)


@pytest.mark.parametrize("codec", UNMARKED)
def test_the_first_kilobyte_tells_utf16_and_utf32_whatever_the_first_characters(codec: str) -> None:
    # Streamed a byte at a time, the reader waits for the whole kilobyte: "秒杀" has no zero byte.
    text = "秒杀 flash sale\n" + read(real_dumps()[0])
    _parses_alike(text.encode(codec), text, codec, bom=False)


def test_unmarked_utf16_that_is_not_mostly_ascii_is_read_with_its_encoding_named() -> None:
    text = "秒杀" * 300 + "\n" + read(real_dumps()[0])
    data = text.encode("utf-16-le")
    dump = parse_dump(data, strict=False)
    assert dump.encoding == "utf-8" and [p.code for p in dump.problems][:1] == ["bad-encoding"]
    assert "encoding=" in dump.problems[0].message
    _parses_alike(data, text, "utf-16-le", bom=False, encoding="utf-16-le")


def test_a_named_encoding_is_never_second_guessed() -> None:
    data = read(real_dumps()[0]).encode("utf-16-le")
    dump = parse_dump(data, strict=False, encoding="utf-8")  # ASCII and U+0000, but for the dots
    assert (dump.encoding, len(dump)) == ("utf-8", 0)
    assert format_dump(dump).startswith("T\x00a\x00g\x00")


_MOSTLY_ASCII = field_texts(
    st.characters(max_codepoint=0x7F, exclude_characters="\x00\n", include_characters="·‑’秒")
)


@given(
    text=dump_texts(articles_strategy=articles(texts=_MOSTLY_ASCII)),
    codec=st.sampled_from(UNMARKED),
    chunk=st.integers(1, 16),
)
def test_utf16_and_utf32_without_a_byte_order_mark_read_in_it_when_mostly_ascii(
    text: str, codec: str, chunk: int
) -> None:
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        return  # a lone surrogate in a generated header: no valid bytes hold it
    head = codecs.getincrementaldecoder(codec)().decode(data[:1024])
    assume("\x00" not in head and 2 * sum(c.isascii() for c in head) >= len(head))  # the rule
    _parses_alike(data, text, codec, bom=False, chunks=(chunk,))


def test_a_given_encoding_takes_off_only_its_own_byte_order_mark() -> None:
    assert source.sniff(codecs.BOM_UTF16_BE + b"\x00A", "utf-16") == ("utf-16-be", 2)
    assert source.sniff(codecs.BOM_UTF32_LE + b"A\x00\x00\x00", "utf-32") == ("utf-32-le", 4)
    assert source.sniff(codecs.BOM_UTF32_LE + b"A\x00\x00\x00", None) == ("utf-32-le", 4)  # not UTF-16
    assert source.sniff(codecs.BOM_UTF16_LE + b"A\x00", "utf-8") == ("utf-8", 0)
    assert source.sniff(codecs.BOM_UTF8 + b"A", "cp1252") == ("cp1252", 0)  # three characters there
    assert source.sniff(b"A", None) == ("utf-8", 0)
    # UTF-16-LE text that starts with U+0000 starts with the bytes of UTF-32-LE's mark.
    assert source.sniff(codecs.BOM_UTF16_LE + "\x00\nTag".encode("utf-16-le"), None) == ("utf-16-le", 2)
    assert source.sniff(codecs.BOM_UTF16_LE + "\x00\nTag".encode("utf-16-le"), "utf-32") == ("utf-32-le", 4)
    text = "Amap Tech\nAug 27, 2019 · Backend\nT\nS\nDSL\n0 likes · 1 min read\n"
    dump = parse_dump(codecs.BOM_UTF8 + text.encode("cp1252"), encoding="cp1252")
    assert dump.articles[0].author == "\u00ef\u00bb\u00bfAmap Tech" and not dump.bom  # cp1252 text


NATIVE = f"utf-16-{sys.byteorder[0]}e"  # how Python reads UTF-16 without a byte order mark


@pytest.mark.parametrize(
    ("encoding", "data", "codec", "bom"),
    [
        ("utf-8-sig", b"Tag\n", "utf-8", False),
        ("UTF8", codecs.BOM_UTF8 + b"Tag\n", "utf-8", True),
        ("utf_16", "Tag\n".encode(NATIVE), NATIVE, False),
        ("utf-16", codecs.BOM_UTF16_BE + "Tag\n".encode("utf-16-be"), "utf-16-be", True),
    ],
)
def test_a_named_encoding_is_kept_as_the_codec_that_writes_the_same_bytes(
    encoding: str, data: bytes, codec: str, bom: bool
) -> None:
    dump = parse_dump(data, encoding=encoding, strict=False)
    assert (dump.encoding, dump.bom) == (codec, bom)
    assert format_dump(dump).encode(codec) == data


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-32-le"])
def test_a_text_that_starts_with_u0000_reads_in_either_little_endian_encoding(codec: str) -> None:
    # Found by the property below: FF FE 00 00 starts both.
    text = "\x00\n\x00\nJan 1, 2000 · 0\n\n0\n\n0\n\n0\n0 likes · 0 min read\n0\n" * 30
    data = MARKED[codec] + text.encode(codec)
    _parses_alike(data, text, codec, bom=True)


@pytest.mark.parametrize(
    ("codec", "message"),
    [
        ("no-such-codec", "unknown encoding 'no-such-codec'"),
        # A codec between text and text (or bytes and bytes): streaming failed inside it
        # ("descriptor 'translate' for 'str' objects doesn't apply to a 'bytes' object").
        ("rot13", "'rot13' is not a text encoding: it does not decode bytes into text"),
        ("hex", "'hex' is not a text encoding: it does not decode bytes into text"),
    ],
)
def test_an_unknown_encoding_fails_at_once(
    codec: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    page = real_dumps()[0]
    calls: list[Callable[[], object]] = [
        lambda: parse_dump(b"", encoding=codec),
        lambda: list(iter_articles(io.BytesIO(b""), encoding=codec)),
        lambda: "".join(iter_normalized(page, encoding=codec)),
        lambda: parse_files([page], encoding=codec),
    ]
    for call in calls:
        with pytest.raises(LookupError) as caught:
            call()
        assert str(caught.value) == message
    with pytest.raises(SystemExit) as exit_:
        main(["parse", "--encoding", codec, str(page)])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.endswith(f"error: argument --encoding: {message}\n")


def test_text_is_text_whatever_the_encoding_says() -> None:
    text = read(real_dumps()[0])
    assert parse_dump(text, encoding="utf-16").articles == parse_dump(text).articles
    assert parse_dump(text).encoding is None
    assert parse_dump(io.StringIO(text), encoding="gbk").encoding is None


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_invalid_utf16_is_found_where_it_stands(codec: str) -> None:
    text = read(real_dumps()[0])
    at = text.index("Gaode") + 2  # in a summary: the record still reads, with U+FFFD there
    lone_surrogate = b"\x00\xd8" if codec.endswith("le") else b"\xd8\x00"
    data = MARKED[codec] + text[:at].encode(codec) + lone_surrogate + text[at:].encode(codec)
    with pytest.raises(ParseError) as caught:
        parse_dump(data)
    before = text[:at]
    assert (caught.value.code, caught.value.line, caught.value.column) == (
        "bad-encoding",
        before.count("\n") + 1,
        len(before) - before.rfind("\n"),
    )
    assert f"expected {codec.upper()}" in caught.value.message
    lenient = parse_dump(data, strict=False)
    assert lenient.encoding == codec and [p.code for p in lenient.problems] == ["bad-encoding"]
    for chunk in (1, 5, 1 << 20):
        articles, found = streamed(data, chunk)
        assert articles == list(lenient.articles) and found == list(lenient.problems)
    # Cut inside a character (an odd number of bytes): found at the end.
    cut = parse_dump(MARKED[codec] + text.encode(codec)[:-1], strict=False)
    before = text[:-1]
    assert [(p.code, p.line, p.column) for p in cut.problems if p.code == "bad-encoding"] == [
        ("bad-encoding", before.count("\n") + 1, len(before) - before.rfind("\n"))
    ]


PIECES = st.lists(st.sampled_from(["a", " ", "\n", "\r", "\r\n", "·", "中", "😀"]), max_size=30).map("".join)


@given(PIECES, PIECES, st.sampled_from([b"\xff", b"\xe4\xb8", b"\xc3", b"\x80"]))
def test_an_invalid_utf_8_byte_is_found_where_it_stands(before: str, after: str, bad: bytes) -> None:
    # Lines are counted in the bytes before it (no second decode of a large file): the
    # same line and column as in the text before it, which ends lines at a lone CR only
    # when the text has no LF.
    problem = source.decode(before.encode() + bad + after.encode(), strict=False).problems[0]
    end = "\n" if "\n" in before + after else "\r"
    assert (problem.code, problem.line, problem.column) == (
        "bad-encoding",
        before.count(end) + 1,
        len(before) - before.rfind(end),
    )
    offset = len(before.encode())
    if after or bad in (b"\xff", b"\x80"):
        assert f"invalid byte 0x{bad[0]:02x} at byte offset {offset} " in problem.message
    else:  # the start of a character, where the text ends: cut off, more likely than another encoding
        cut = " ".join(f"0x{byte:02x}" for byte in bad)
        message = problem.message
        assert f"a character cut off at the end of the text, from byte offset {offset}: {cut} (" in message
        assert "(a copy cut off at a number of bytes? a file in another encoding reads" in message


@given(
    text=dump_texts(),
    codec=st.sampled_from([*sorted(MARKED), "utf-8-plain"]),
    chunk=st.integers(1, 16),
)
def test_every_well_formed_dump_reads_alike_in_every_unicode_encoding(
    text: str, codec: str, chunk: int
) -> None:
    name, bom = ("utf-8", False) if codec == "utf-8-plain" else (codec, True)
    data = (MARKED[name] if bom else b"") + text.encode(name, errors="surrogatepass")
    try:
        text.encode(name)
    except UnicodeEncodeError:
        return  # a lone surrogate in a generated field: no valid bytes hold it
    # Without a mark, UTF-8 is read as UTF-16 or UTF-32 only if a quarter of it is U+0000.
    head = data[:1024].decode(name, errors="ignore")
    assume(bom or 4 * head.count("\x00") < len(head))
    dump = _parses_alike(data, text, name, bom, chunks=(chunk,))
    assert not dump.problems and parse_dump(data).articles == dump.articles  # strict mode too


def test_the_encoding_travels_with_the_dump() -> None:
    text = read(real_dumps()[0])
    dump = parse_dump(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert pickle.loads(pickle.dumps(dump)).encoding == "utf-16-le"
    as_dict = dump_to_dict(dump)
    assert as_dict["encoding"] == "utf-16-le" and dump_from_dict(as_dict) == dump
    del as_dict["encoding"]  # JSON written before the encoding was kept
    assert dump_from_dict(as_dict).encoding is None


def test_parse_files_reads_each_file_in_the_encoding(tmp_path: Path) -> None:
    paths = gbk_copies(tmp_path)
    for workers in (1, 2):
        dumps = parse_files(paths, workers=workers, strict=False, split_tags=True, encoding="gbk")
        expected = [parse_dump(p.read_bytes().decode("gbk"), strict=False) for p in paths]
        assert [d.articles for d in dumps] == [d.articles for d in expected]
        assert [d.problems for d in dumps] == [d.problems for d in expected]
        assert {d.encoding for d in dumps} == {"gbk"}


def test_the_command_line_reads_and_writes_back_other_encodings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = read(real_dumps()[0])
    utf8, utf16, gbk = tmp_path / "utf8.txt", tmp_path / "utf16.txt", tmp_path / "gbk.txt"
    utf8.write_text(text, encoding="utf-8", newline="")
    utf16.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    gbk_text = text.encode("gbk", errors="replace").decode("gbk")
    gbk.write_bytes(gbk_text.encode("gbk"))

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    expected = run("parse", "--format", "csv", str(utf8))
    assert run("parse", "--format", "csv", str(utf16)) == expected
    for command in (
        ["parse", "--format", "csv"],
        ["parse", "--strict", "--format", "csv"],
        ["parse", "-j", "2"],
    ):
        code, _out, err = run(*command, "--encoding", "gbk", str(gbk))
        assert code == 0 and err == ""
    assert run("check", "--encoding", "gbk", str(gbk)) == (0, "", "0 problems in 1 file\n")
    code, _out, err = run("check", str(gbk))
    assert code == 1 and "bad-encoding" in _out
    with pytest.raises(SystemExit) as exit_:
        run("parse", "--encoding", "no-such-codec", str(gbk))
    assert exit_.value.code == 2 and "unknown encoding 'no-such-codec'" in capsys.readouterr().err
    # The round trip through JSON writes the file back in its own encoding, byte for byte.
    for path in (utf16, gbk):
        options = ["--encoding", "gbk"] if path is gbk else []
        as_json, back = tmp_path / "dump.json", tmp_path / "back.txt"
        assert run("parse", *options, "--format", "json", "-o", str(as_json), str(path))[0] == 0
        assert run("format", str(as_json), "-o", str(back))[0] == 0
        assert back.read_bytes() == path.read_bytes()
    # A record changed in the JSON with a character its file's encoding lacks: refused.
    cp1252, as_json = tmp_path / "cp1252.txt", tmp_path / "dump.json"
    cp1252.write_bytes(text.encode("cp1252", errors="replace"))
    written = tmp_path / "written.txt"
    assert run("parse", "--encoding", "cp1252", "--format", "json", "-o", str(as_json), str(cp1252))[0] == 0
    assert run("format", str(as_json), "-o", str(written))[0] == 0
    assert written.read_bytes() == cp1252.read_bytes()
    changed = as_json.read_text(encoding="utf-8").replace("Amap Tech", "\u9ad8\u5fb7")
    as_json.write_text(changed, encoding="utf-8")
    code, _out, err = run("format", str(as_json))
    assert code == 2 and "the dump cannot be written in cp1252" in err
    # normalize writes the canonical form: UTF-8.
    code, out, _err = run("normalize", str(utf16))
    assert code == 0 and out == run("normalize", str(utf8))[1]
    assert run("normalize", "--in-place", "--encoding", "gbk", str(gbk))[0] == 0
    assert gbk.read_bytes() == normalize(gbk_text).encode("utf-8")


@pytest.mark.parametrize(
    ("compress", "kind"),
    [
        (lambda data: b"\x28\xb5\x2f\xfd" + bytes(range(128, 256)), "zstd"),  # its magic number
        (zipped, "zip"),
    ],
)
def test_a_compressed_file_is_named_so_not_sent_to_another_encoding(
    compress: Callable[[bytes], bytes], kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # It was told to read "with encoding=..., --encoding", which no codec helps. (gzip,
    # bzip2, xz and, with the zstandard package, zstd are read: see test_compressed.py.)
    monkeypatch.setattr(compressed, "zstd_readable", lambda: False)
    packed = tmp_path / "page.txt.packed"
    packed.write_bytes(compress(read(real_dumps()[0]).encode("utf-8")))
    advice = f"(the file is {kind}-compressed: decompress it first)"
    if kind == "zstd":
        advice = advice[:-1] + ", or install zstandard, which reads it: pip install 'feedparse_txt[zstd]')"
    with pytest.raises(ParseError) as caught:
        parse_dump(packed)
    assert caught.value.code == "bad-encoding" and caught.value.message.endswith(advice)
    with pytest.raises(ParseError) as streamed:
        list(iter_articles(packed))
    assert str(streamed.value) == str(caught.value)
    problems = parse_dump(packed, strict=False).problems
    assert next(p.message for p in problems if p.code == "bad-encoding").endswith(advice)


def test_text_that_starts_like_a_compressed_file_later_on_is_sent_to_another_encoding() -> None:
    # Only a file's first bytes tell how it is packed.
    with pytest.raises(ParseError) as caught:
        parse_dump(b"Amap Tech\n\x1f\x8b caf\xe9\n")
    assert caught.value.message.endswith("(a file in another encoding reads with encoding=..., --encoding)")
