"""The feedparse-txt command on the real files, as a new user would run it."""

from __future__ import annotations

import bz2
import contextlib
import csv
import datetime as dt
import gzip
import io
import json
import lzma
import os
import re
import select
import stat
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any
from unittest import mock

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedparse_txt import (
    Article,
    Dump,
    ParseError,
    Problem,
    cli,
    format_date,
    format_dump,
    normalize,
    parse_date,
    parse_dump,
    parse_files,
)
from feedparse_txt import source as source_module
from feedparse_txt.cli import main
from feedparse_txt.errors import quote
from feedparse_txt.jsonio import article_to_dict
from feedparse_txt.known_tags import tags_in_tag_file
from feedparse_txt.model import tag_line
from feedparse_txt.parsing import CSV_FIELDS
from feedparse_txt.strategies import articles_lists

from .conftest import DATA, REAL_TEXTS, read, real_dumps, zipped
from .test_known_tags import SECKILL

SCHEMA = json.loads((resources.files("feedparse_txt") / "data" / "article.schema.json").read_text())
PAGE8 = DATA / "backend-architecture-page8.txt"
CUT = DATA / "www_tags_cache-breakdown.txt"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("path", real_dumps(), ids=lambda p: p.name)
def test_parse_jsonl_matches_the_library_and_the_schema(
    capsys: pytest.CaptureFixture[str], path: Path
) -> None:
    code, out, _ = run(capsys, "parse", str(path), "--with-source")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    dump = parse_dump(path, strict=False)
    assert [Article.from_dict({k: v for k, v in r.items() if k != "source"}) for r in records] == list(dump)
    lines = read(path).split("\n")
    for record in records:
        jsonschema.validate(record, SCHEMA)
        assert record["source"]["file"] == str(path)
        assert lines[record["source"]["line"] - 1] == record["author"]


@pytest.mark.parametrize("path", real_dumps(), ids=lambda p: p.name)
@pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r"])
def test_parse_json_then_format_gives_the_bytes_back(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, path: Path, newline: bytes
) -> None:
    source = tmp_path / "in.txt"
    data = path.read_bytes().replace(b"\n", newline)
    source.write_bytes(data)
    assert run(capsys, "parse", str(source), "--format", "json", "-o", str(tmp_path / "d.json"), "-q")[0] == 0
    assert run(capsys, "format", str(tmp_path / "d.json"), "-o", str(tmp_path / "out.txt"))[0] == 0
    assert (tmp_path / "out.txt").read_bytes() == data


@pytest.mark.parametrize(
    "rewrite",
    [
        lambda data: json.dumps(data, sort_keys=True, indent=4),  # json.tool --sort-keys, jq -S
        lambda data: json.dumps(data, sort_keys=True, separators=(",", ":")),  # jq -cS
        lambda data: json.dumps(data),
        lambda data: "\n" + json.dumps(data, indent="\t").replace('": ', '" : '),
    ],
    ids=["sorted", "sorted-compact", "one-line", "tabs"],
)
def test_a_dump_as_json_rewritten_by_a_json_tool_is_still_a_whole_dump(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, rewrite: Callable[[Any], str]
) -> None:
    # A whole dump's JSON was told from JSON Lines by its first key: once sorted, it
    # read as JSON Lines and failed at line 1.
    data = json.loads(run(capsys, "parse", str(CUT), "-q", "--format", "json")[1])
    (tmp_path / "d.json").write_text(rewrite(data), encoding="utf-8")
    code, out, err = run(capsys, "format", str(tmp_path / "d.json"))
    assert (code, err) == (0, "") and out == read(CUT)


def test_a_wildcard_the_shell_passed_on_is_expanded(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Windows' cmd and PowerShell pass *.txt on as it is: it named no file.
    for name in ("b.txt", "a.txt", "[x].txt"):
        (tmp_path / name).write_bytes(CUT.read_bytes())
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_bytes(PAGE8.read_bytes())
    code, out, _ = run(capsys, "parse", str(tmp_path / "*.txt"), "--with-source", "-q")
    files = [json.loads(line)["source"]["file"] for line in out.splitlines()]
    assert code == 0 and list(dict.fromkeys(files)) == [
        str(tmp_path / n) for n in ("[x].txt", "a.txt", "b.txt")
    ]
    code, out, _ = run(capsys, "parse", str(tmp_path / "**" / "c.txt"), "-q")
    assert code == 0 and len(out.splitlines()) == 86
    # A file whose name holds a wildcard character is that file; a wildcard that
    # matches nothing is named as missing.
    code, out, _ = run(capsys, "parse", str(tmp_path / "[x].txt"), "--with-source", "-q")
    assert {json.loads(line)["source"]["file"] for line in out.splitlines()} == {str(tmp_path / "[x].txt")}
    code, _, err = run(capsys, "check", str(tmp_path / "*.nope"))
    assert (code, err) == (2, f"feedparse-txt: {tmp_path / '*.nope'}: no such file\n")


def test_a_directory_stands_for_the_dumps_in_it(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # A corpus too large for a command line (the shell's limit on its length), or pages
    # saved to one place: named by its directory, as linters and test runners take them.
    corpus = tmp_path / "corpus"
    (corpus / "2019" / "deep").mkdir(parents=True)
    (corpus / ".cache").mkdir()
    (corpus / "b.txt").write_bytes(CUT.read_bytes())
    (corpus / "2019" / "A.TXT").write_bytes(PAGE8.read_bytes())  # a Windows copy's name
    (corpus / "2019" / "deep" / "c.txt.gz").write_bytes(gzip.compress(CUT.read_bytes()))
    for other in ("page8-tags.tsv", "notes.md", ".hidden.txt", ".cache/old.txt"):  # no dumps
        (corpus / other).write_text("not a dump\n", encoding="utf-8")
    dumps = [corpus / "2019" / "A.TXT", corpus / "2019" / "deep" / "c.txt.gz", corpus / "b.txt"]
    code, out, _ = run(capsys, "parse", str(corpus), "--with-source", "-q")
    files = [json.loads(line)["source"]["file"] for line in out.splitlines()]
    assert code == 0 and len(files) == 86 + 3 + 3
    assert list(dict.fromkeys(files)) == [str(path) for path in dumps]  # sorted, as a wildcard's
    # What directories and wildcards bring comes once; a file named comes as named.
    argv = [str(corpus), str(corpus / "2019"), str(corpus / "**" / "*.txt*"), str(corpus / "b.txt")]
    code, out, _ = run(capsys, "parse", *argv, "--with-source", "-q")
    files = [json.loads(line)["source"]["file"] for line in out.splitlines()]
    assert code == 0 and list(dict.fromkeys(files)) == [str(path) for path in dumps]
    assert Counter(files) == {str(dumps[0]): 86, str(dumps[1]): 3, str(dumps[2]): 3 + 3}  # b.txt named again
    named = run(capsys, "check", *map(str, dumps))
    assert run(capsys, "check", str(corpus)) == named and named[0] == 1  # the cut-off records
    # normalize --in-place rewrites the dumps alone.
    (corpus / "b.txt").write_bytes(CUT.read_bytes().replace(b"\n", b" \r\n"))
    assert run(capsys, "normalize", "--in-place", str(corpus), "-q")[0] == 0
    assert (corpus / "b.txt").read_bytes() == normalize(read(CUT)).encode("utf-8")
    assert (corpus / "notes.md").read_text(encoding="utf-8") == "not a dump\n"
    # One with no dump in it is named, as a missing file is; a hidden one named is read.
    (corpus / "empty").mkdir()
    code, _, err = run(capsys, "check", str(corpus / "empty"), str(corpus))
    assert code == 2 and err == f"feedparse-txt: {corpus / 'empty'}: a directory with no dump in it " + (
        "(no file named *.txt, *.txt.gz, ...)\n"
    )
    assert run(capsys, "check", str(corpus / ".cache"))[0] == 1


def test_a_record_or_header_edited_in_a_dump_as_json_is_written_as_edited(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # A copy with a space after every line: each record and the header keep their
    # exact text in the JSON. An edit there must reach the file; the rest stays as it was.
    messy = read(PAGE8).replace("\n", " \n")
    (tmp_path / "in.txt").write_text(messy, encoding="utf-8")
    parse_argv = ["parse", str(tmp_path / "in.txt"), "--format", "json", "-o", str(tmp_path / "d.json"), "-q"]
    assert run(capsys, *parse_argv)[0] == 0
    as_json = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    header_entry, *_, record_entry, _ = (e for e in as_json["entries"] if e["kind"] in ("header", "record"))
    header_entry["header"]["page"] = 9
    record_entry["article"]["title"] = "A better title"
    (tmp_path / "edited.json").write_text(json.dumps(as_json), encoding="utf-8")
    assert run(capsys, "format", str(tmp_path / "edited.json"), "-o", str(tmp_path / "out.txt"))[0] == 0

    dump = parse_dump(messy, strict=False)
    assert dump.header is not None
    header = attrs.evolve(dump.header, page=9)
    changed = attrs.evolve(dump.articles[-2], title="A better title")
    expected = messy.replace(header_entry["raw"], format_dump([], header=header))
    expected = expected.replace(record_entry["raw"], format_dump([changed]))
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == expected
    edited = parse_dump(expected, strict=False)
    assert edited.header == header and edited.articles == (*dump.articles[:-2], changed, dump.articles[-1])

    # JSON written before the digests were kept: its text is trusted, as it was then.
    for entry in as_json["entries"]:
        entry.pop("digest", None)
    (tmp_path / "old.json").write_text(json.dumps(as_json), encoding="utf-8")
    assert run(capsys, "format", str(tmp_path / "old.json"), "-o", str(tmp_path / "old.txt"))[0] == 0
    assert (tmp_path / "old.txt").read_text(encoding="utf-8") == messy


def test_format_from_json_lines_writes_the_full_layout(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    jsonl = tmp_path / "r.jsonl"
    jsonl.write_text(run(capsys, "parse", str(DATA / "www_tags_cglib-proxy.txt"))[1], encoding="utf-8")
    code, out, _ = run(capsys, "format", str(jsonl))
    assert code == 0 and out.count("\n") == 11
    assert parse_dump(out).articles == parse_dump(DATA / "www_tags_cglib-proxy.txt").articles


LINE_BREAKS_OF_SPLITLINES = "\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e"


def test_characters_that_str_splitlines_breaks_at_stay_in_their_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A dump's lines end at \\n only: U+2028 and its kin are text. JSON Lines escape
    them all, so that a reader built on str.splitlines() gets a record a line; a tags
    file keeps them raw, so reading it back must not cut at them either."""
    text = read(PAGE8)
    for word in ("Amap Tech", "GraphQL + Gateway", "The article describes", "Backend ArchitectureDSL"):
        text = text.replace(word, word.replace(" ", LINE_BREAKS_OF_SPLITLINES, 1))
    dump_file = tmp_path / "odd.txt"
    dump_file.write_text(text, encoding="utf-8")
    articles = parse_dump(dump_file).articles
    assert LINE_BREAKS_OF_SPLITLINES in articles[0].author + articles[0].title + articles[0].summary
    code, jsonl, _ = run(capsys, "parse", str(dump_file))
    assert code == 0 and [json.loads(line) for line in jsonl.splitlines()] == [a.to_dict() for a in articles]
    (tmp_path / "r.jsonl").write_text(jsonl, encoding="utf-8")
    code, out, _ = run(capsys, "format", str(tmp_path / "r.jsonl"))
    assert code == 0 and parse_dump(out).articles == articles
    review = tmp_path / "review.tsv"
    assert run(capsys, "tags", str(dump_file), "-o", str(review))[0] == 0
    code, out, _ = run(capsys, "parse", str(dump_file), "--known-tags", str(review))
    assert code == 0 and out == jsonl


def test_a_tag_file_of_classic_mac_lines(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    dump_file, tag_file = tmp_path / "seckill.txt", tmp_path / "tags.txt"
    dump_file.write_text(format_dump(Dump(articles=[SECKILL])), encoding="utf-8")
    tag_file.write_bytes(b"inventory\rseckill\rstockout\r")
    assert main(["parse", str(dump_file), "--format", "csv", "--known-tags", str(tag_file)]) == 0
    assert "inventory | seckill | stockout" in capsys.readouterr().out


def test_csv_opens_in_the_csv_module(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "parse", str(PAGE8), str(CUT), "--format", "csv", "-q")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    articles = [*parse_dump(PAGE8), *parse_dump(CUT, strict=False)]
    assert len(rows) == len(articles)
    assert rows[0]["title"] == articles[0].title and "\u202f" in rows[0]["title"]
    assert rows[0]["tags"] == "Backend Architecture | DSL | Service Orchestration"
    assert rows[-1]["published"] == articles[-1].published.isoformat()


def test_check_lists_problems_like_a_compiler(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "check", str(PAGE8))[0] == 0
    code, out, err = run(capsys, "check", str(PAGE8), str(CUT))
    assert code == 1
    assert out.startswith(f"{CUT}:39:30: truncated-record record cut off")
    assert "1 problem in 2 files" in err


def test_strict_mode_fails_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "parse", "--strict", str(CUT))
    assert code == 1 and out == ""
    expected = "expected a blank line, found the end of the text after 'Oct 17, 2025 · Backend Develo'"
    assert err == f"feedparse-txt: {CUT}:39:30: truncated-record: {expected}\n"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["parse", "/no/such/file.txt"], "no such file"),
        (["format", "."], "is a directory"),
        (["parse", "a", "b", "--format", "json"], "exactly one FILE"),
        (["normalize", "--in-place", "-"], "needs files"),
    ],
)
def test_usage_and_io_errors_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, _out, err = run(capsys, *argv)
    assert code == 2 and message in err and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize("command", ["parse", "normalize", "merge", "tags", "format"])
def test_an_output_that_cannot_be_written_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    source = str(PAGE8)
    if command == "format":  # JSON in; format writes bytes, the others text
        source = str(tmp_path / "page8.json")
        assert run(capsys, "parse", str(PAGE8), "-q", "--format", "json", "-o", source)[0] == 0
    out = tmp_path / "no-such-dir" / "out"
    code, _out, err = run(capsys, command, source, "-o", str(out))
    assert code == 2 and err.startswith(f"feedparse-txt: {out}: ") and err.count("\n") == 1


def test_undecodable_bytes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(PAGE8.read_bytes().replace(b"Amap", b"Am\xffp", 1))
    code, _out, err = run(capsys, "parse", "--strict", str(bad))
    offset = bad.read_bytes().index(b"\xff")
    assert (
        code == 1
        and "bad.txt:4:3: bad-encoding" in err
        and f"byte offset {offset} (a file in another encoding reads with" in err
    )
    code, out, err = run(capsys, "parse", str(bad))
    assert code == 0 and "Am\ufffdp" in out and "bad-encoding" in err


def test_normalize_reads_what_lenient_parsing_reads(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # A copy cut inside a character, or with one bad byte, is normalized as parse
    # reads it: the byte becomes U+FFFD, and the summary on stderr says so.
    bad = tmp_path / "bad.txt"
    bad.write_bytes(PAGE8.read_bytes().replace(b"Amap", b"Am\xffp", 1) + "\n\u00b7".encode()[:2])
    code, out, err = run(capsys, "normalize", str(bad))
    text = bad.read_bytes().decode("utf-8", errors="replace")
    assert code == 0 and out == normalize(text) and "Am\ufffdp" in out and out.endswith("\ufffd")
    assert err.startswith(f"{bad}:4:3: bad-encoding ") and "more; see 'feedparse-txt check'" in err
    assert run(capsys, "normalize", "-q", str(bad))[1:] == (out, "")
    # --strict normalizes only what parses without a deviation; a file it refuses is left alone.
    before = bad.read_bytes()
    code, out, err = run(capsys, "normalize", "--strict", "--in-place", str(bad))
    assert code == 1 and out == "" and f"{bad}:4:3: bad-encoding" in err and bad.read_bytes() == before
    assert run(capsys, "normalize", "--strict", str(PAGE8))[:2] == (0, read(PAGE8))


def test_normalize_resolves_relative_dates_against_a_reference(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first = parse_dump(CUT, strict=False).articles[0]
    date_line = f"{format_date(first.published)} · {first.category}\n"
    source = tmp_path / "fresh.txt"
    source.write_text(read(CUT).replace(date_line, f"3 days ago · {first.category}\n", 1), encoding="utf-8")
    # Without a reference the record cannot be read: it stays as it was, as text.
    code, out, err = run(capsys, "normalize", str(source))
    assert code == 0 and "3 days ago" in out and "relative-date" in err
    code, out, _ = run(capsys, "normalize", str(source), "--reference-date", "2024-09-10", "-q")
    resolved = read(CUT).replace(date_line, f"Sep 7, 2024 · {first.category}\n", 1)
    assert code == 0 and out == normalize(resolved)


def test_normalize_in_place(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    messy = tmp_path / "messy.txt"
    messy.write_bytes(read(DATA / "www_tags_cglib-proxy.txt").replace("\n", "  \r\n").encode())
    assert run(capsys, "normalize", "--in-place", str(messy))[0] == 0
    clean = messy.read_text(encoding="utf-8")
    assert "\r" not in clean and parse_dump(clean).problems == ()
    assert [p.name for p in tmp_path.iterdir()] == ["messy.txt"]  # no temporary left behind
    assert run(capsys, "normalize", str(messy))[1] == clean


@pytest.mark.parametrize(
    ("damage", "code"),
    [
        (lambda data: data.replace(b"Java", b"Ja\xffva", 1), "bad-encoding"),
        (lambda data: data.decode().encode("cp1252", errors="replace"), "bad-encoding"),  # no --encoding
        (lambda data: gzip.compress(data)[:-9], "bad-compression"),  # cut off in a download
        (zipped, "bad-encoding"),  # an archive, not one text
    ],
    ids=["invalid UTF-8", "cp1252", "gzip cut off", "zip"],
)
def test_normalize_in_place_refuses_a_file_whose_bytes_it_cannot_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, damage: Callable[[bytes], bytes], code: str
) -> None:
    # Written back, the bytes it could not read would be lost: U+FFFD in their place, or
    # nothing. No file is changed, the others given with it neither; -o still writes.
    first, bad = tmp_path / "first.txt", tmp_path / "bad.txt"
    first.write_bytes(read(PAGE8).replace("\n", "\r\n").encode())
    bad.write_bytes(damage(read(DATA / "www_tags_cglib-proxy.txt").encode()))
    before = {path: path.read_bytes() for path in (first, bad)}
    code_, out, err = run(capsys, "normalize", "--in-place", str(first), str(bad))
    assert (code_, out) == (2, "") and f"feedparse-txt: {bad}:" in err and f": {code} expected " in err
    assert "not rewritten in place" in err
    assert {path: path.read_bytes() for path in before} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt", "first.txt"]
    # -o naming the file itself replaces it as --in-place does: refused alike.
    code_, _, err = run(capsys, "normalize", str(bad), "-o", str(bad))
    assert code_ == 2 and "not rewritten in place" in err and bad.read_bytes() == before[bad]
    assert run(capsys, "normalize", str(bad), "-q", "-o", str(tmp_path / "read.txt"))[0] == 0


@pytest.mark.parametrize(("codec", "options"), [("utf-16", []), ("cp1252", ["--encoding", "cp1252"])])
def test_normalize_in_place_rewrites_a_file_it_reads_in_another_encoding(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, codec: str, options: list[str]
) -> None:
    page = tmp_path / "page.txt"
    data = read(DATA / "www_tags_cglib-proxy.txt").replace("\n", " \n").encode(codec, errors="replace")
    page.write_bytes(data)
    assert run(capsys, "normalize", "--in-place", "-q", *options, str(page))[0] == 0
    assert page.read_bytes() == normalize(data.decode(codec)).encode("utf-8")


@pytest.mark.skipif(os.name != "posix", reason="permission bits are POSIX")
def test_normalize_keeps_the_permission_bits_of_what_it_replaces(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    messy = tmp_path / "messy.txt"
    messy.write_bytes(read(CUT).replace("\n", " \n").encode())
    messy.chmod(0o640)
    assert run(capsys, "normalize", "--in-place", str(messy))[0] == 0
    assert stat.S_IMODE(messy.stat().st_mode) == 0o640 and messy.read_text(encoding="utf-8") == read(CUT)
    new = tmp_path / "new.txt"  # a new file, as open() makes one (not a temporary file's 0o600)
    assert run(capsys, "normalize", str(messy), "-o", str(new))[0] == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~umask


@pytest.mark.skipif(not Path(os.devnull).is_char_device(), reason="needs a device at os.devnull")
def test_output_to_a_device_or_through_a_link(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # What is not a regular file is written as it is (replaced, /dev/null would be a file);
    # a link is followed, and the file it names is replaced.
    page = tmp_path / "page.json"
    assert run(capsys, "parse", str(CUT), "--format", "json", "-o", str(page), "-q")[0] == 0
    quiet = [[command, str(CUT), "-q"] for command in ("normalize", "parse", "tags")]
    for argv in (*quiet, ["format", str(page)]):
        assert run(capsys, *argv, "-o", os.devnull)[0] == 0
        assert Path(os.devnull).is_char_device()
    page.unlink()
    assert run(capsys, "normalize", "--in-place", os.devnull)[:3] == (
        2,
        "",
        f"feedparse-txt: {os.devnull}: --in-place needs a regular file\n",
    )
    target, link = tmp_path / "target.txt", tmp_path / "link.txt"
    target.write_bytes(read(PAGE8).replace("\n", "\r\n").encode())
    link.symlink_to(target)
    assert run(capsys, "normalize", "--in-place", str(link))[0] == 0
    assert link.is_symlink() and target.read_bytes() == PAGE8.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "target.txt"]
    # format writes a dump's own bytes back (its encoding, its line endings) the same way.
    page.write_text(dump_json := run(capsys, "parse", str(CUT), "--format", "json")[1], encoding="utf-8")
    assert dump_json and run(capsys, "format", str(page), "-o", str(link))[0] == 0
    assert link.is_symlink() and target.read_bytes() == CUT.read_bytes()


def test_normalize_may_write_over_its_own_input(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # Written as it is read: the output goes aside and takes the input's place at the end.
    messy = tmp_path / "messy.txt"
    messy.write_bytes(read(PAGE8).replace("\n", "\r\n").encode())
    assert run(capsys, "normalize", str(messy), "-o", str(messy))[0] == 0
    assert messy.read_bytes() == PAGE8.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["messy.txt"]


def test_a_strict_failure_leaves_every_file_as_it_was(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first, bad, out = tmp_path / "first.txt", tmp_path / "bad.txt", tmp_path / "out.txt"
    first.write_bytes(read(PAGE8).replace("\n", "\r\n").encode())
    bad.write_bytes(read(PAGE8).replace(" min read\n", " min read \n", 1).encode())
    out.write_text("before\n", encoding="utf-8")
    files = {path: path.read_bytes() for path in (first, bad, out)}
    for argv in (
        ["normalize", "--in-place"],
        ["normalize", "-o", str(out)],
        ["parse", "-o", str(out)],
        ["merge", "-o", str(out)],
    ):
        code, stdout, err = run(capsys, *argv, "--strict", str(first), str(bad))
        assert code == 1 and stdout == "" and f"{bad}:13:22: trailing-whitespace" in err
        assert {path: path.read_bytes() for path in files} == files
        assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt", "first.txt", "out.txt"]


def test_merge_drops_duplicates_and_keeps_one_header(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page = DATA / "www_tags_conditional-annotations.txt"
    code, out, err = run(capsys, "merge", str(page), str(page), str(DATA / "www_tags_cglib-proxy.txt"))
    assert code == 0
    merged = parse_dump(out)
    assert len(merged) == 4 and len(merged.headers) == 1
    assert "merged 3 files: 7 records, 3 duplicates dropped, 4 written" in err
    code, _, err = run(capsys, "merge", str(DATA / "www_tags_cglib-proxy.txt"), "-o", os.devnull)
    assert code == 0 and "merged 1 file: 1 record, 0 duplicates dropped, 1 written" in err


@pytest.mark.parametrize("mode", [[], ["--strict"]])
def test_merge_names_pages_of_another_tag_it_writes_under_the_first_header(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, mode: list[str]
) -> None:
    # Their records read back as pages of the first header's tag, without a word.
    bootmem = read(DATA / "tags_bootmem.txt")
    other, same, pasted = tmp_path / "other.txt", tmp_path / "same.txt", tmp_path / "pasted.txt"
    other.write_text(bootmem.replace("\nBootmem\n", "\nMemblock\n", 1), encoding="utf-8")
    same.write_text(bootmem.replace("\nBootmem\n", "\nbootmem\n", 1), encoding="utf-8")  # a tag's case
    pasted.write_text(bootmem + "\n" + read(other) + "\n" + read(PAGE8), encoding="utf-8")
    first = str(DATA / "tags_bootmem.txt")
    code, out, err = run(capsys, "merge", *mode, first, str(same), str(other))
    assert code == 0 and out == _merged([DATA / "tags_bootmem.txt", same, other])
    assert err.endswith(
        f"{other}: a page of the tag 'Memblock', {first} one of 'Bootmem': merge joins the pages of "
        "one listing, every record under the first header\n"
    )
    code, out, err = run(capsys, "merge", *mode, str(PAGE8), str(same), first, str(pasted))
    assert code == 0 and err.endswith(
        f"{pasted}: a page of the tag 'Memblock', {same} one of 'bootmem': merge joins the pages of one "
        "listing, every record under the first header\n"
    )
    assert run(capsys, "merge", *mode, "-q", first, str(other)) == (
        0,
        _merged([DATA / "tags_bootmem.txt", other]),
        "",
    )
    code, _, err = run(capsys, "merge", *mode, first, str(same), str(PAGE8))  # a list header names no tag
    assert code == 0 and err.count("\n") == 1 and err.startswith("merged 3 files")


def _merged(paths: list[Path]) -> str:
    """What merge writes: the records of every file, the first with each author,
    date and title kept, under the first page header of any file."""
    dumps = [parse_dump(path, strict=False) for path in paths]
    header = next((dump.header for dump in dumps if dump.header is not None), None)
    kept: dict[tuple[str, object, str], Article] = {}
    for article in (article for dump in dumps for article in dump):
        kept.setdefault((article.author, article.published, article.title), article)
    return format_dump(kept.values(), header=header)


@pytest.mark.parametrize(
    "names",
    [
        # a file without a header first: its records wait for the next file's header
        ["www_tags_cglib-proxy.txt", "www_tags_cache-patterns.txt", "tags_bootmem.txt", "tags_bootmem.txt"],
        ["www_tags_cglib-proxy.txt", "www_tags_database-auto-increment.txt"],  # no header at all
        [path.name for path in real_dumps()],
        [path.name for path in reversed(real_dumps())],
    ],
    ids=["header-second", "no-header", "all", "all-reversed"],
)
def test_merge_writes_the_first_of_each_record_under_the_first_header(
    capsys: pytest.CaptureFixture[str], names: list[str]
) -> None:
    paths = [DATA / name for name in names]
    code, out, err = run(capsys, "merge", *map(str, paths))
    assert code == 0 and out == _merged(paths)
    records = sum(len(parse_dump(path, strict=False)) for path in paths)
    written = len(parse_dump(out))
    dropped = records - written
    assert f"{records} records, {dropped} duplicate{'s' * (dropped != 1)} dropped, {written} written" in err


@pytest.mark.parametrize("held_in_memory", [8 << 20, 1000], ids=["held in memory", "held on disk"])
def test_merge_streams_files_larger_than_a_block(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, held_in_memory: int
) -> None:
    # 1.4 MB without a header (read in two blocks), every record of page 8 there 25
    # times under other titles and 25 times as it is; then page 8 with its header,
    # as a second file or pasted after the first. The records before the header wait
    # in a temporary file, in memory or, past its size, on disk.
    monkeypatch.setattr(cli, "_HELD_IN_MEMORY", held_in_memory)
    page = parse_dump(PAGE8)
    copies = [
        attrs.evolve(article, title=f"{article.title} ({n})" if n % 2 else article.title)
        for n in range(50)
        for article in page
    ]
    headless = tmp_path / "headless.txt"
    headless.write_text(format_dump(copies), encoding="utf-8")
    pasted = tmp_path / "pasted.txt"
    pasted.write_text(read(headless) + read(PAGE8), encoding="utf-8")
    assert headless.stat().st_size > 1 << 20
    expected = _merged([headless, PAGE8])
    assert expected.startswith("Tagged articles\n949 articles\nPage 8 of 10\nAmap Tech\n")
    assert len(parse_dump(expected)) == 26 * len(page)
    assert run(capsys, "merge", str(headless), str(PAGE8))[1] == expected
    assert run(capsys, "merge", "-q", str(pasted), "-o", str(tmp_path / "out.txt"))[:2] == (0, "")
    assert read(tmp_path / "out.txt") == expected


def _stdout_of(argv: list[str], chunk: int) -> tuple[int, str]:
    """The exit status of the command ``argv`` and what it writes to stdout, reading its
    files ``chunk`` bytes at a time."""
    out = io.StringIO()
    with (
        mock.patch.object(source_module, "CHUNK_SIZE", chunk),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(io.StringIO()),
    ):
        code = main(argv)
    return code, out.getvalue()


def is_valid_utf_8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# A copy: a real page, maybe cut off anywhere, maybe with another pasted after it.
COPIES = st.lists(
    st.tuples(st.sampled_from(sorted(REAL_TEXTS)), st.one_of(st.just(1.0), st.floats(0.1, 1.0))),
    min_size=1,
    max_size=2,
).map(lambda parts: "\n".join(REAL_TEXTS[name][: int(len(REAL_TEXTS[name]) * kept)] for name, kept in parts))


@given(st.lists(COPIES, min_size=1, max_size=3), st.sampled_from([300, 4000, 1 << 20]))
def test_merge_reads_any_copies_in_any_blocks_as_a_whole_parse_does(copies: list[str], chunk: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / f"{k}.txt" for k in range(len(copies))]
        for path, text in zip(paths, copies, strict=True):
            path.write_text(text, encoding="utf-8")
        assert _stdout_of(["merge", "-q", *map(str, paths)], chunk) == (0, _merged(paths))


@given(
    articles_lists(max_size=12),
    st.sets(st.integers(0, 12)),
    st.sampled_from(["\n", "\r\n"]),
    st.sampled_from([64, 1 << 20]),
)
def test_format_writes_json_lines_read_in_any_blocks_as_format_dump_does(
    articles: list[Article], blank_before: set[int], newline: str, chunk: int
) -> None:
    lines = [json.dumps(article_to_dict(article)) for article in articles]  # a surrogate escaped
    for at in sorted(blank_before, reverse=True):
        lines.insert(min(at, len(lines)), " ")
    expected = format_dump(articles)
    with tempfile.TemporaryDirectory() as folder:
        jsonl = Path(folder) / "r.jsonl"
        jsonl.write_text("".join(line + newline for line in lines), encoding="ascii", newline="")
        code, out = _stdout_of(["format", str(jsonl)], chunk)
    if is_valid_utf_8(expected):
        assert (code, out) == (0, expected)
    else:  # a lone surrogate: it stops there, after the blocks before it
        first = next(k for k, article in enumerate(articles) if not is_valid_utf_8(format_dump([article])))
        assert code == 2 and format_dump(articles[:first]).startswith(out)


def test_as_a_new_user_would_from_the_shell() -> None:
    command = f"{sys.executable} -m feedparse_txt parse {PAGE8} | head -1"
    done = subprocess.run(command, shell=True, capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stderr == ""
    assert json.loads(done.stdout)["author"] == "Amap Tech"
    version = subprocess.run(
        [sys.executable, "-m", "feedparse_txt", "--version"], capture_output=True, text=True
    )
    assert version.stdout.startswith("feedparse-txt ")
    helped = subprocess.run([sys.executable, "-m", "feedparse_txt", "--help"], capture_output=True, text=True)
    assert "examples:" in helped.stdout and helped.returncode == 0


STDOUT_COMMANDS = [
    ["parse", str(PAGE8)],
    ["parse", str(PAGE8), "--format", "csv", "--with-source"],
    ["parse", str(PAGE8), "--format", "json"],
    ["normalize", str(CUT)],
    ["merge", str(PAGE8), str(CUT)],
    ["tags", str(PAGE8)],
]


def windows_stdout(monkeypatch: pytest.MonkeyPatch) -> io.TextIOWrapper[io.BytesIO]:
    """A stdout as Windows gives a redirected one: the ANSI code page, \\n written as \\r\\n."""
    windows = io.TextIOWrapper(io.BytesIO(), encoding="cp1252", newline="\r\n")
    monkeypatch.setattr(sys, "stdout", windows)
    return windows


@pytest.mark.parametrize("argv", STDOUT_COMMANDS, ids=lambda argv: " ".join(argv[:1] + argv[2:]))
def test_stdout_is_written_as_a_file_is_whatever_its_encoding_and_newlines(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, argv: list[str]
) -> None:
    windows = windows_stdout(monkeypatch)
    assert main([*argv, "-q"]) == 0
    assert main([*argv, "-q", "-o", str(tmp_path / "out")]) == 0
    assert windows.buffer.getvalue() == (tmp_path / "out").read_bytes()
    assert "\u2011" in (tmp_path / "out").read_text(encoding="utf-8")  # not in cp1252


@pytest.mark.parametrize(
    "argv", [*STDOUT_COMMANDS, ["format"]], ids=lambda argv: " ".join(argv[:1] + argv[2:])
)
def test_a_text_stdout_without_a_buffer_gets_the_text(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, argv: list[str]
) -> None:
    # A caller running the command line in-process may make stdout an io.StringIO.
    if argv == ["format"]:  # which has no -q: it reports nothing
        assert main(["parse", str(CUT), "--format", "json", "-q", "-o", str(tmp_path / "cut.json")]) == 0
        argv = ["format", str(tmp_path / "cut.json")]
    else:
        argv = [*argv, "-q"]
    text = io.StringIO()
    monkeypatch.setattr(sys, "stdout", text)
    assert main(argv) == 0
    assert main([*argv, "-o", str(tmp_path / "out")]) == 0
    assert text.getvalue().encode("utf-8") == (tmp_path / "out").read_bytes()


def test_check_writes_its_problems_in_utf_8(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.txt"
    damaged.write_text(read(PAGE8).replace("Amap Tech\n", "Amap Tech\u2011\n", 1), encoding="utf-8")
    windows = windows_stdout(monkeypatch)
    assert main(["check", str(damaged), "-q"]) == 1
    written = windows.buffer.getvalue().decode("utf-8")
    assert written.startswith(f"{damaged}:5:10: author-mismatch ") and "'Amap Tech\u2011'" in written
    assert written.endswith("\n") and "\r" not in written


def test_a_redirected_stdout_in_another_encoding_gets_utf_8() -> None:
    # The quickstart's first command, redirected where the locale is not UTF-8.
    command = [sys.executable, "-m", "feedparse_txt", "parse", str(PAGE8), "--format", "csv"]
    done = subprocess.run(command, capture_output=True, env={**os.environ, "PYTHONIOENCODING": "cp1252"})
    assert (done.returncode, done.stderr) == (0, b"")
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode("utf-8"), newline="")))
    assert [row["title"] for row in rows] == [a.title for a in parse_dump(PAGE8)]


@pytest.mark.skipif(sys.platform == "win32", reason="select() takes no pipes on Windows")
@pytest.mark.parametrize("command", ["parse", "merge", "format"])
def test_records_come_out_before_the_input_ends(command: str) -> None:
    """Lenient parse, merge and format of JSON Lines stream: the first records come
    out while stdin is still open (so input of any size is read in the memory of one
    block)."""
    page = PAGE8.read_bytes() + b"\n"  # the file ends without one
    if command == "format":
        page = subprocess.run(
            [sys.executable, "-m", "feedparse_txt", "parse", str(PAGE8)], capture_output=True, check=True
        ).stdout
    argv = [sys.executable, "-m", "feedparse_txt", command, "-", *(["-q"] * (command != "format"))]
    process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert process.stdin is not None and process.stdout is not None
    stdin = process.stdin
    finish = threading.Event()

    def feed() -> None:  # a thread: the pipes would fill up and stop both processes
        stdin.write(page * 40)  # 2.2 MB: two blocks and more
        stdin.flush()
        finish.wait(120)
        stdin.write(page)
        stdin.close()

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        ready, _, _ = select.select([process.stdout], [], [], 120)
        assert ready, "no record came out before the input ended"
        first = process.stdout.readline()
    finally:
        finish.set()
    rest = process.stdout.read()
    process.stdout.close()
    writer.join()
    assert process.wait() == 0
    if command == "parse":
        assert json.loads(first)["author"] == "Amap Tech"
        assert (first + rest).count(b"\n") == 86 * 41
    elif command == "merge":  # the page pasted 41 times over: the page, its duplicates dropped
        assert first + rest == page
    else:  # the records of the page 41 times over, without its header
        assert (first + rest).decode("utf-8") == format_dump(parse_dump(PAGE8).articles * 41)


def test_format_names_the_line_of_json_lines_it_cannot_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    records = run(capsys, "parse", str(PAGE8))[1].splitlines(keepends=True)
    jsonl = tmp_path / "r.jsonl"
    for line, message in (
        ('{"author": "Amap Tech"}\n', "an article needs the field 'published'"),
        ("[1, 2]\n", "list indices must be integers"),
        (records[2][:-5] + "\n", "Expecting ':' delimiter"),  # cut off
        # Tags as CSV writes them: one str, which was cut into one-letter tags.
        (json.dumps({**json.loads(records[2]), "tags": "Backend Architecture | DSL"}) + "\n", "not one str"),
        (json.dumps({**json.loads(records[2]), "published": "2019-02-30"}) + "\n", "found '2019-02-30'"),
    ):
        jsonl.write_text("".join([*records[:2], "\n", line, *records[3:]]), encoding="utf-8")
        code, out, err = run(capsys, "format", str(jsonl), "-o", str(tmp_path / "out.txt"))
        assert (code, out) == (2, "") and not (tmp_path / "out.txt").exists()
        assert err.startswith(f"feedparse-txt: {jsonl}:4: not a dump as JSON or JSON Lines (")
        assert message in err
    # JSON may spell a lone surrogate, which no UTF-8 file can hold.
    jsonl.write_text(records[0] + records[1].replace('"author": "', '"author": "\\ud800'), encoding="utf-8")
    code, out, err = run(capsys, "format", str(jsonl))
    assert (code, out) == (2, "") and "the dump cannot be written in utf-8" in err


@pytest.mark.parametrize("path", real_dumps(), ids=lambda p: p.name)
@pytest.mark.parametrize(
    "options", [[], ["--with-source"], ["--delimiter", "semicolon"], ["--delimiter", "tab", "--with-source"]]
)
def test_format_writes_csv_back_as_it_writes_json_lines(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, path: Path, options: list[str]
) -> None:
    assert (
        run(capsys, "parse", str(path), "-q", "--format", "csv", "-o", str(tmp_path / "r.csv"), *options)[0]
        == 0
    )
    assert run(capsys, "parse", str(path), "-q", "-o", str(tmp_path / "r.jsonl"))[0] == 0
    code, from_csv, err = run(capsys, "format", str(tmp_path / "r.csv"))
    assert (code, err) == (0, "") and from_csv == run(capsys, "format", str(tmp_path / "r.jsonl"))[1]
    assert parse_dump(from_csv).articles == parse_dump(path, strict=False).articles


def _csv_text(rows: list[list[str]], lineterminator: str = "\r\n", delimiter: str = ",") -> str:
    text = io.StringIO()
    csv.writer(text, lineterminator=lineterminator, delimiter=delimiter).writerows(rows)
    return text.getvalue()


def test_format_reads_back_a_csv_field_longer_than_csvs_own_limit(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # csv refuses a field over 128 KiB unless told: parse wrote what format could not read.
    article = attrs.evolve(parse_dump(PAGE8).articles[0], summary=" ".join(["A long summary."] * 12_500))
    (tmp_path / "long.txt").write_text(format_dump([article]), encoding="utf-8")
    assert (
        run(capsys, "parse", str(tmp_path / "long.txt"), "--format", "csv", "-o", str(tmp_path / "r.csv"))[0]
        == 0
    )
    code, out, err = run(capsys, "format", str(tmp_path / "r.csv"))
    assert (code, err) == (0, "") and out == format_dump([article])


@pytest.mark.parametrize("tags", [("Spring Boot | Java",), ("Cache", "Redis | Spring"), ("C|C++",)])
@pytest.mark.parametrize("mode", [[], ["--strict"], ["--strict", "--with-source"]])
def test_parse_refuses_csv_of_a_tag_holding_the_joint(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, tags: tuple[str, ...], mode: list[str]
) -> None:
    # The CSV joins tags with ' | ' and splits at '|', spaces left out: such a tag would
    # come back from the CSV as other tags.
    first, second = parse_dump(PAGE8).articles[:2]
    path = tmp_path / "odd.txt"
    path.write_text(format_dump([first, attrs.evolve(second, tags=tags)]), encoding="utf-8")
    assert parse_dump(path).articles[1].tags == tags
    code, out, err = run(capsys, "parse", str(path), "--format", "csv", "-o", str(tmp_path / "r.csv"), *mode)
    where = f"{path}: record 2" if mode == ["--strict"] else f"{path}:12"
    held = next(tag for tag in tags if "|" in tag)
    assert (code, out) == (2, "") and err.startswith(
        f"feedparse-txt: {where}: the tag {held!r} would not read back from the CSV"
    )
    assert not (tmp_path / "r.csv").exists()
    code, out, _ = run(capsys, "parse", str(path))  # JSON Lines keeps them
    assert code == 0 and json.loads(out.splitlines()[1])["tags"] == list(tags)


@pytest.mark.parametrize(
    "cell",
    [
        "CGLIB Proxy|JDK Dynamic Proxy|Java",
        " CGLIB Proxy |JDK Dynamic Proxy|  Java ",
        "CGLIB Proxy\t| JDK Dynamic Proxy | Java",
    ],
)
def test_format_reads_tags_separated_in_a_csv_as_a_person_types_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, cell: str
) -> None:
    # 'A|B' was one tag 'A|B', and a space after the last tag stopped the file.
    page = DATA / "www_tags_cglib-proxy.txt"
    written = run(capsys, "parse", str(page), "--format", "csv")[1]
    header, *rows = list(csv.reader(io.StringIO(written, newline="")))
    rows[0][header.index("tags")] = cell
    (tmp_path / "edited.csv").write_text(_csv_text([header, *rows]), encoding="utf-8")
    code, out, err = run(capsys, "format", str(tmp_path / "edited.csv"))
    assert (code, err) == (0, "") and parse_dump(out).articles == parse_dump(page).articles
    assert parse_dump(out).articles[0].tags == ("CGLIB Proxy", "JDK Dynamic Proxy", "Java")


def test_format_names_records_whose_tags_read_back_otherwise(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # A tag added at the end of a cell ran together out of the site's (sorted) order,
    # and the dump read back as other tags without a word.
    written = run(capsys, "parse", str(PAGE8), "--format", "csv")[1]
    header, *rows = list(csv.reader(io.StringIO(written, newline="")))
    at, title = header.index("tags"), header.index("title")
    rows[0][title] = "Two\rlines"  # a CR in a field: the rows after it start a line later
    for k in (2, 5, 6):
        rows[k][at] += " | AOP"
    rows[9][at] = " | ".join(sorted([*rows[9][at].split(" | "), "AOP"]))  # in order: reads back
    table, out = tmp_path / "edited.csv", tmp_path / "out.txt"
    table.write_text(_csv_text([header, *rows]), encoding="utf-8")
    code, text, err = run(capsys, "format", str(table), "-o", str(out))
    tags = rows[2][at]
    read = parse_dump(out).articles
    assert (code, text) == (0, "") and read[2].tags != tuple(tags.split(" | "))
    assert err == (
        f"{table}:5: the tags {tags!r} read back from the dump as {' | '.join(read[2].tags)!r}: the site "
        f"writes a record's tags sorted, {' | '.join(sorted(tags.split(' | ')))!r} (and 2 more records)\n"
    )
    assert read[9].tags == tuple(rows[9][at].split(" | "))
    assert run(capsys, "parse", str(out), "--format", "csv", "-o", str(table))[0] == 0
    assert run(capsys, "format", str(table), "-o", str(out))[1:] == ("", "")  # as read back: no word
    lines = run(capsys, "parse", str(PAGE8))[1].splitlines()
    record = json.loads(lines[40])
    record["tags"].reverse()
    lines[40] = json.dumps(record)
    (tmp_path / "edited.jsonl").write_text("\n".join(lines), encoding="utf-8")
    code, text, err = run(capsys, "format", str(tmp_path / "edited.jsonl"))
    assert code == 0 and parse_dump(text).articles[:40] == parse_dump(PAGE8).articles[:40]
    assert err.startswith(
        f"{tmp_path / 'edited.jsonl'}:41: the tags {' | '.join(record['tags'])!r} read back"
    )
    # The whole dump's JSON, its record 41 edited so: named by its number.
    dump = parse_dump(PAGE8)
    edited = list(dump.articles)
    edited[40] = attrs.evolve(edited[40], tags=tuple(record["tags"]))
    edited[50] = attrs.evolve(edited[50], tags=(*edited[50].tags, "AOP"))
    whole = tmp_path / "whole.json"
    whole.write_text(json.dumps(attrs.evolve(dump, articles=edited).to_dict()), encoding="utf-8")
    code, text, err = run(capsys, "format", str(whole))
    assert code == 0 and parse_dump(text).articles[:40] == dump.articles[:40]
    assert err.startswith(
        f"{whole}: record 41: the tags {' | '.join(record['tags'])!r} read back from the dump"
    )


def test_parse_writes_csv_with_a_byte_order_mark_for_excel(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    plain, marked = tmp_path / "plain.csv", tmp_path / "excel.csv"
    assert run(capsys, "parse", str(PAGE8), "--format", "csv", "-o", str(plain))[0] == 0
    assert run(capsys, "parse", str(PAGE8), "--format", "csv", "-o", str(marked), "--bom")[0] == 0
    assert marked.read_bytes() == b"\xef\xbb\xbf" + plain.read_bytes()
    assert run(capsys, "format", str(marked)) == run(capsys, "format", str(plain))
    for other in ("jsonl", "json"):
        code, out, err = run(capsys, "parse", str(PAGE8), "--format", other, "--bom")
        assert (code, out) == (2, "") and "--bom is for --format csv" in err


@pytest.mark.parametrize(("name", "delimiter"), [("semicolon", ";"), ("tab", "\t"), ("comma", ",")])
def test_parse_writes_csv_with_the_delimiter_given(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, delimiter: str
) -> None:
    # Excel opens a CSV in columns only with its locale's list separator: a semicolon
    # where a comma is the decimal separator. A field that holds it is quoted.
    articles = list(parse_dump(PAGE8).articles)
    articles[1] = attrs.evolve(articles[1], title="Caches; queues, and\tlogs", category='A "b"')
    dump = tmp_path / "page.txt"
    dump.write_text(format_dump(articles), encoding="utf-8")
    out = tmp_path / "r.csv"
    assert run(capsys, "parse", str(dump), "--format", "csv", "--delimiter", name, "-o", str(out))[0] == 0
    written = out.read_bytes().decode("utf-8")
    assert written.split("\r\n", 1)[0] == delimiter.join(CSV_FIELDS)
    comma = run(capsys, "parse", str(dump), "--format", "csv")[1]
    rows = list(csv.reader(io.StringIO(written, newline=""), delimiter=delimiter))
    assert rows == list(csv.reader(io.StringIO(comma, newline=""))) and len(rows) == 87
    code, text, err = run(capsys, "format", str(out))
    assert (code, err) == (0, "") and parse_dump(text).articles == tuple(articles)
    for other in ("jsonl", "json"):
        code, out_text, err = run(capsys, "parse", str(PAGE8), "--format", other, "--delimiter", name)
        assert (code, out_text) == (2, "") and "--delimiter is for --format csv" in err


@pytest.mark.parametrize(
    ("name", "options", "as_if"),
    [
        ("all.csv", [], ["--format", "csv"]),
        ("ALL.CSV", [], ["--format", "csv"]),
        ("all.csv.gz", [], ["--format", "csv"]),
        ("all.tsv", [], ["--format", "csv", "--delimiter", "tab"]),
        ("all.tsv.xz", [], ["--format", "csv", "--delimiter", "tab"]),
        ("all.tsv", ["--format", "csv"], ["--format", "csv", "--delimiter", "tab"]),
        ("all.tsv", ["--delimiter", "semicolon"], ["--format", "csv", "--delimiter", "semicolon"]),
        ("all.tsv", ["--bom"], ["--format", "csv", "--delimiter", "tab", "--bom"]),
        ("page.json", [], ["--format", "json"]),
        ("page.json.bz2", [], ["--format", "json"]),
        ("all.jsonl", [], ["--format", "jsonl"]),
        ("all.txt", [], ["--format", "jsonl"]),
        ("csv", [], ["--format", "jsonl"]),
        ("out.csv.d/all", [], ["--format", "jsonl"]),
        ("all.csv", ["--format", "jsonl"], ["--format", "jsonl"]),
        ("all.json", ["--format", "csv"], ["--format", "csv"]),
    ],
)
def test_the_output_name_chooses_the_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, options: list[str], as_if: list[str]
) -> None:
    # A spreadsheet opens all.csv as CSV whatever it holds: JSON Lines in it read as garbage.
    out = tmp_path / name
    out.parent.mkdir(exist_ok=True)
    assert run(capsys, "parse", str(PAGE8), *options, "-o", str(out)) == (0, "", "")
    code, expected, _ = run(capsys, "parse", str(PAGE8), *as_if)
    unpack: dict[str, Callable[[bytes], bytes]] = {
        ".gz": gzip.decompress,
        ".xz": lzma.decompress,
        ".bz2": bz2.decompress,
    }
    assert (code, unpack.get(out.suffix, bytes)(out.read_bytes()).decode("utf-8")) == (0, expected)


def test_a_json_output_name_asks_for_one_whole_dump(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "all.json"
    code, _, err = run(capsys, "parse", str(PAGE8), str(CUT), "-o", str(out))
    assert (code, out.exists()) == (2, False)
    assert err == (
        f"feedparse-txt: --format json (as -o {out} asks) writes one whole dump: give exactly one FILE, or "
        "write JSON Lines\n"
    )
    code, _, err = run(capsys, "parse", str(PAGE8), "--with-source", "-o", str(out))
    assert (code, out.exists()) == (
        2,
        False,
    ) and f"--format json (as -o {out} asks) keeps the whole dump" in err
    assert run(capsys, "parse", str(PAGE8), str(CUT), "--format", "jsonl", "-o", str(out))[0] == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(parse_dump(PAGE8)) + len(
        parse_dump(CUT, strict=False)
    )


def test_options_a_format_has_no_use_for_are_refused_not_ignored(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "parse", str(PAGE8), "--format", "json", "--with-source")
    assert (code, out) == (2, "") and "--with-source is for --format jsonl or csv" in err


def test_format_reads_csv_as_a_spreadsheet_saves_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Edited, columns moved, a column of its own added, saved with a BOM, in UTF-16, with
    # the lone CRs of "CSV (Macintosh)", with the semicolons of a locale whose decimal
    # separator is a comma, or as "Unicode Text": the records as edited, in the full layout.
    code, written, _ = run(capsys, "parse", str(PAGE8), "--format", "csv")
    header, *rows = list(csv.reader(io.StringIO(written, newline="")))
    rows[1][header.index("likes")] = "7"
    rows[1][header.index("tags")] = "DSL | Service Orchestration"
    rows[1][header.index("title")] = "A title\rwith a CR"
    edited = list(parse_dump(PAGE8).articles)
    edited[1] = attrs.evolve(
        edited[1], likes=7, tags=("DSL", "Service Orchestration"), title="A title\rwith a CR"
    )
    order = [7, 0, 6, 1, 5, 2, 4, 3]
    moved = [
        [*(row[i] for i in order), note]
        for row, note in zip([header, *rows], ["notes", *"ab" * 43], strict=True)
    ]
    text = _csv_text(moved)
    for name, data in (
        ("utf8.csv", text.encode("utf-8")),
        ("bom.csv", text.encode("utf-8-sig")),
        ("utf16.csv", text.encode("utf-16")),
        ("mac.csv", _csv_text(moved, "\r").encode("utf-8")),
        ("german.csv", _csv_text(moved, delimiter=";").encode("utf-8-sig")),
        ("unicode.txt", _csv_text(moved, delimiter="\t").encode("utf-16")),
    ):
        (tmp_path / name).write_bytes(data)
        code, out, err = run(capsys, "format", str(tmp_path / name))
        assert (code, err) == (0, "") and out == format_dump(edited), name


def test_format_reads_a_csv_saved_in_a_code_page_with_its_encoding(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Excel saves 'CSV (Comma delimited)' in the ANSI code page ('?' for what it lacks).
    written = run(capsys, "parse", str(PAGE8), "--format", "csv")[1]
    ansi = written.encode("cp1252", errors="replace")
    (tmp_path / "ansi.csv").write_bytes(ansi)
    (tmp_path / "utf8.csv").write_text(ansi.decode("cp1252"), encoding="utf-8", newline="")
    code, out, err = run(capsys, "format", str(tmp_path / "ansi.csv"), "-o", str(tmp_path / "out.txt"))
    assert (code, out) == (2, "") and not (tmp_path / "out.txt").exists()
    assert err.endswith(
        "text (another reads with --encoding: cp1252, as Excel saves 'CSV (Comma delimited)')\n"
    )
    code, out, err = run(capsys, "format", str(tmp_path / "ansi.csv"), "--encoding", "cp1252")
    assert (code, err) == (0, "") and out == run(capsys, "format", str(tmp_path / "utf8.csv"))[1]
    assert "Architecture" in out and "·" in out
    code, out, err = run(capsys, "format", str(tmp_path / "ansi.csv"), "--encoding", "ascii")
    assert (
        code == 2 and err.startswith(f"feedparse-txt: {tmp_path / 'ansi.csv'}:") and "not ascii text\n" in err
    )


@pytest.mark.parametrize(
    ("order", "written", "misread"),
    [
        ("MDY", "{d.month}/{d.day}/{d.year}", "13/27/2019"),
        ("DMY", "{d.day:02}/{d.month:02}/{d.year}", "27/13/2019"),
        ("DMY", "{d.day}.{d.month}.{d.year}", "31.2.2019"),
        ("YMD", "{d.year}/{d.month}/{d.day}", "2019/27/8"),
    ],
)
def test_format_reads_csv_dates_a_spreadsheet_rewrote_in_the_order_given(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, order: str, written: str, misread: str
) -> None:
    # Excel saves the ISO dates of a CSV as its locale writes dates: 8/27/2019, 27.08.2019.
    code, text, _ = run(capsys, "parse", str(PAGE8), "--format", "csv")
    header, *rows = list(csv.reader(io.StringIO(text, newline="")))
    at = header.index("published")
    for row in rows[::2]:  # some rewritten, some left ISO
        row[at] = written.format(d=dt.date.fromisoformat(row[at]))
    (tmp_path / "excel.csv").write_text(_csv_text([header, *rows]), encoding="utf-8")
    code, out, err = run(capsys, "format", str(tmp_path / "excel.csv"), "--date-order", order)
    assert (code, err) == (0, "") and parse_dump(out).articles == parse_dump(PAGE8).articles
    rows[3][at] = misread
    (tmp_path / "excel.csv").write_text(_csv_text([header, *rows]), encoding="utf-8")
    code, out, err = run(capsys, "format", str(tmp_path / "excel.csv"), "--date-order", order)
    assert (
        code == 2 and f":5: not a record as CSV (published '{misread}' is no date in {order} order: " in err
    )


@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    ",".join(CSV_FIELDS),
                    ",".join(reversed(CSV_FIELDS)),
                    ";".join(CSV_FIELDS),
                    "\t".join(CSV_FIELDS),
                    '"author"',
                    "{",
                    '{"a": 1}',
                ]
            ),
            st.text(st.sampled_from('ab,;\t"|\r\n{}:0123456789-/. \u2028'), max_size=30),
        ),
        max_size=6,
    ),
    st.sampled_from(["", "MDY"]),
)
def test_format_of_any_text_writes_records_or_names_what_it_cannot_read(lines: list[str], order: str) -> None:
    # A table a person edited may be anything: exit 0 or 2, never a traceback.
    with tempfile.TemporaryDirectory() as folder:
        table = Path(folder) / "t.csv"
        table.write_text("\n".join(lines), encoding="utf-8", newline="")
        err = io.StringIO()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            code = main(["format", str(table), *(["--date-order", order] if order else [])])
        assert code in (0, 2) and (code == 0) == (err.getvalue() == "")


@pytest.mark.parametrize("path", real_dumps(), ids=lambda p: p.name)
def test_format_given_dump_text_says_which_command_reads_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, path: Path
) -> None:
    (tmp_path / "dump.txt").write_bytes(b"\n" + path.read_bytes())
    code, out, err = run(capsys, "format", str(tmp_path / "dump.txt"), "-o", str(tmp_path / "out.txt"))
    assert (code, out) == (2, "") and not (tmp_path / "out.txt").exists()
    assert err == (
        f"feedparse-txt: {tmp_path / 'dump.txt'}:2: not JSON, JSON Lines or CSV as 'parse' writes them: "
        "dump text is read by 'parse', and written anew by 'normalize'\n"
    )


@pytest.mark.parametrize("kind", ["jsonl", "json", "csv"])
def test_a_dump_command_given_records_says_which_command_reads_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
) -> None:
    records = tmp_path / f"r.{kind}"
    assert run(capsys, "parse", str(PAGE8), "--format", kind, "-o", str(records))[0] == 0
    said = "not dump text: 'feedparse-txt format' writes them back as a dump"
    code, out, _ = run(capsys, "check", str(records))
    assert code == 1 and out.splitlines()[0].endswith(said)
    code, out, err = run(capsys, "parse", "--strict", str(records))
    assert (code, out) == (1, "") and err.endswith(said + "\n")


@pytest.mark.parametrize("kind", ["json", "jsonl"])
def test_format_refuses_a_date_order_for_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
) -> None:
    # Given JSON, the option was ignored without a word.
    records = tmp_path / f"r.{kind}"
    assert run(capsys, "parse", str(PAGE8), "--format", kind, "-o", str(records))[0] == 0
    out_path = tmp_path / "out.txt"
    code, out, err = run(capsys, "format", str(records), "--date-order", "DMY", "-o", str(out_path))
    assert (code, out) == (2, "") and not out_path.exists()
    assert err == (
        f"feedparse-txt: {records}: --date-order is for CSV, whose dates a spreadsheet may "
        "rewrite: the dates of JSON are ISO, YYYY-MM-DD\n"
    )
    assert run(capsys, "format", str(records), "-o", str(out_path))[0] == 0 and out_path.exists()


def test_format_names_the_line_of_csv_it_cannot_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, written, _ = run(capsys, "parse", str(PAGE8), "--format", "csv")
    header, *rows = list(csv.reader(io.StringIO(written, newline="")))
    table = tmp_path / "r.csv"
    for field, value, message in (
        ("likes", "1.2K", "likes must be a count of digits 0-9, found '1.2K'"),
        ("likes", "", "likes must be a count of digits 0-9, found ''"),
        (
            "published",
            "8/27/2019",
            "found '8/27/2019': a spreadsheet rewrote it? give --date-order MDY, DMY or YMD",
        ),
        ("published", "2019-02-30", "published must be an ISO date (2019-08-27), found '2019-02-30'"),
        ("published", "Aug 27, 2019", "published must be a date like 2019-08-27, found 'Aug 27, 2019'"),
        ("tags", "", "each tag must be a non-empty one-line str"),
        # '@Async | Spring' (or '-XX flags', '+1 ...') read as a formula and saved as its error
        ("tags", "#NAME?", "tags is '#NAME?', an error a spreadsheet saved: it read the cell as a formula"),
        ("title", "Err:509", "title is 'Err:509', an error a spreadsheet saved"),
        ("author", " Amap Tech", "must not start or end with whitespace"),
        (None, "", "expected 8 fields, as in the header row, found 5"),
    ):
        bad = list(rows[2])
        if field is None:
            bad = bad[:5]
        else:
            bad[header.index(field)] = value
        table.write_text(_csv_text([header, *rows[:2], [], bad, *rows[3:]]), encoding="utf-8")
        code, out, err = run(capsys, "format", str(table), "-o", str(tmp_path / "out.txt"))
        assert (code, out) == (2, "") and not (tmp_path / "out.txt").exists()
        assert err.startswith(f"feedparse-txt: {table}:5: not a record as CSV (") and message in err, err
    for delimiter in ",;\t":
        table.write_text(
            _csv_text([[name for name in header if name != "summary"]], delimiter=delimiter), encoding="utf-8"
        )
        assert run(capsys, "format", str(table)) == (
            2,
            "",
            f"feedparse-txt: {table}:1: not records as CSV (no column 'summary')\n",
        )


@pytest.mark.parametrize("path", real_dumps(), ids=lambda p: p.name)
def test_parse_names_a_csv_cell_a_spreadsheet_reads_as_a_formula(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, path: Path
) -> None:
    """A cell of text that starts with =, +, - or @ is a formula to Excel, which shows and
    saves #NAME? for it (and 'format' then refuses the file): 'parse --format csv' names
    the first such cell as it writes it, and counts the rest; the CSV is as before."""
    dump = parse_dump(path, strict=False)
    lines = read(path).split("\n")
    for (first, last), article in zip(dump.record_lines(), dump, strict=True):
        for k in range(first - 1, last):
            if lines[k] == article.title:  # and the title again
                lines[k] = "-" + article.title
            elif lines[k] == tag_line(article):
                lines[k] = "@Transactional"
    damaged = tmp_path / path.name
    damaged.write_text("\n".join(lines), encoding="utf-8")
    named = (
        f"the title {quote('-' + dump[0].title)} starts with '-': a spreadsheet such as Excel reads "
        "a cell that starts with =, +, - or @ as a formula, and shows and saves #NAME? for it: "
        f"import that column as text (and {2 * len(dump) - 1} more cell{'s' * (len(dump) > 1)})\n"
    )
    code, written, err = run(capsys, "parse", str(damaged), "--format", "csv")
    assert code == 0 and err.endswith(f"{damaged}:{dump.record_lines()[0][0]}: {named}")
    rows = list(csv.DictReader(io.StringIO(written, newline="")))
    assert [(row["title"], row["tags"]) for row in rows] == [("-" + a.title, "@Transactional") for a in dump]
    if not dump.problems:  # read whole first, its records' lines not counted: named by number
        strict = run(capsys, "parse", str(damaged), "--format", "csv", "--strict", "--delimiter", "tab")
        assert strict[::2] == (0, f"{damaged}: record 1: {named}")
    assert run(capsys, "parse", str(damaged), "--format", "csv", "-q")[2] == ""
    assert "formula" not in run(capsys, "parse", str(damaged))[2]  # JSON Lines: no spreadsheet
    assert "formula" not in run(capsys, "parse", str(path), "--format", "csv")[2]


@pytest.mark.parametrize(
    ("path", "name"),
    [((), "newline"), (("entries", 0), "raw"), (("entries", 1, "articles", 0), "likes")],
)
def test_format_names_the_field_a_dump_as_json_lacks(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, path: tuple[str | int, ...], name: str
) -> None:
    # A KeyError escaped as a traceback (exit 1) where a field was missing.
    dump = json.loads(run(capsys, "parse", str(PAGE8), "--format", "json")[1])
    where: Any = dump
    for key in path:
        where = where[key]
    del where[name]
    page = tmp_path / "page.json"
    page.write_text(json.dumps(dump), encoding="utf-8")
    code, out, err = run(capsys, "format", str(page))
    assert (code, out) == (2, "")
    assert err.startswith(f"feedparse-txt: {page}: not a dump as JSON or JSON Lines (")
    assert err.endswith(f" needs the field '{name}')\n")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("encoding", 8, "encoding must be a str or None, not int"),
        ("bom", "false", "bom must be a bool, not str"),
    ],
)
def test_format_names_a_field_of_a_dump_as_json_of_another_kind(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, field: str, value: object, message: str
) -> None:
    # An int encoding escaped as a traceback; "false" for bom wrote a byte order mark.
    dump = json.loads(run(capsys, "parse", str(PAGE8), "--format", "json")[1])
    dump[field] = value
    page = tmp_path / "page.json"
    page.write_text(json.dumps(dump), encoding="utf-8")
    code, out, err = run(capsys, "format", str(page))
    assert (code, out) == (2, "")
    assert err == f"feedparse-txt: {page}: not a dump as JSON or JSON Lines ({message})\n"


def test_lenient_and_strict_parse_agree_and_damage_is_summarized(
    capsys: pytest.CaptureFixture[str],
) -> None:
    streamed = run(capsys, "parse", str(PAGE8), "--with-source")
    assert streamed == run(capsys, "parse", str(PAGE8), "--with-source", "--strict")
    code, out, err = run(capsys, "parse", str(CUT), "--with-source")  # cut off at the end
    dump = parse_dump(CUT, strict=False)
    assert [json.loads(line)["source"]["line"] for line in out.splitlines()] == [
        first for first, _ in dump.record_lines()
    ]
    (problem,) = dump.problems  # the summary names it, as parsing the whole file did
    assert code == 0 and err == f"{CUT}:39:30: truncated-record {problem.message}\n"


def test_stdin_and_stdout(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "feedparse_txt", "parse", "-", "--format", "csv"],
        input=PAGE8.read_bytes(),
        capture_output=True,
        check=True,
    )
    assert done.stdout.decode().count("\n") > 86


def test_no_file_reads_what_is_piped_to_stdin() -> None:
    # As a filter: cat page.txt | feedparse-txt parse.
    def piped(data: bytes, *argv: str) -> tuple[int, bytes, bytes]:
        done = subprocess.run([sys.executable, "-m", "feedparse_txt", *argv], input=data, capture_output=True)
        return done.returncode, done.stdout, done.stderr

    cut = CUT.read_bytes()  # a record cut off: a problem to report
    for argv in (["parse", "--format", "csv"], ["check"], ["normalize"], ["tags"], ["merge"]):
        assert piped(cut, *argv) == piped(cut, argv[0], "-", *argv[1:])
    problem = parse_dump(CUT, strict=False).problems[0]
    assert piped(cut, "check")[:2] == (
        1,
        f"-:{problem.line}:{problem.column}: {problem.code} {problem.message}\n".encode(),
    )
    as_json = piped(PAGE8.read_bytes(), "parse", "--format", "json")[1]
    assert piped(as_json, "format") == (0, PAGE8.read_bytes(), b"")


@pytest.mark.parametrize("command", ["parse", "check", "normalize", "merge", "tags", "format"])
def test_no_file_from_a_terminal_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    # Not a wait for a dump typed in: the file was forgotten.
    terminal = io.TextIOWrapper(io.BytesIO(PAGE8.read_bytes()), encoding="utf-8")
    monkeypatch.setattr(terminal, "isatty", lambda: True)
    message = (
        f"feedparse-txt: {command}: no FILE given, and stdin is a terminal: name files, or pipe text in\n"
    )
    for stdin in (terminal, None):
        monkeypatch.setattr(sys, "stdin", stdin)
        assert run(capsys, command) == (2, "", message)


def test_progress_bar_only_on_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from feedparse_txt import cli

    monkeypatch.setattr(cli, "_LARGE", 1000)  # page 8 counts as large here
    assert run(capsys, "parse", str(PAGE8), "-q")[2] == ""  # stderr is not a terminal: silent
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    code, out, err = run(capsys, "parse", str(PAGE8), "-q")
    assert code == 0 and out.count("\n") == 86
    assert "backend-architecture-page8.txt" in err and "B/s" in err  # parse streams: its bar counts bytes
    code, out, err = run(capsys, "parse", "--strict", str(PAGE8), "-q")
    assert code == 0 and out.count("\n") == 86
    assert "backend-architecture-page8.txt" in err and "char" in err  # read whole first: characters
    code, out, err = run(capsys, "check", str(CUT))
    assert code == 1 and out.startswith(f"{CUT}:39:30: truncated-record")
    assert "www_tags_cache-breakdown.txt" in err and "B/s" in err  # check streams: its bar counts bytes


def test_a_progress_bar_starts_no_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    # tqdm's monitor thread would be running when parse --jobs forks its workers.
    import threading

    from tqdm._monitor import TMonitor

    from feedparse_txt import cli

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    update = cli._progress_bar("big.txt", cli._LARGE)
    assert update is not None
    update(cli._LARGE // 2, cli._LARGE)
    assert not any(isinstance(thread, TMonitor) for thread in threading.enumerate())
    update(cli._LARGE, cli._LARGE)


def test_check_streams_the_same_problems_as_a_whole_parse(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from feedparse_txt import source

    # Damage in several places, a CRLF stretch and an invalid byte, read in small blocks.
    text = PAGE8.read_text(encoding="utf-8").split("\n")
    text[40], text[300] = "  " + text[40], "junk"
    data = ("\n".join(text[:500]) + "\r\n".join(text[500:])).encode().replace(b"Youzan", b"You\xffan", 1)
    path = tmp_path / "damaged.txt"
    path.write_bytes(data)
    expected = [
        f"{path}:{p.line}:{p.column}: {p.code} {p.message}" for p in parse_dump(data, strict=False).problems
    ]
    assert len(expected) > 3
    monkeypatch.setattr(source, "CHUNK_SIZE", 1000)
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1 and out.splitlines() == expected
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = run(capsys, "check", "-")
    assert out.splitlines() == [line.replace(str(path), "-", 1) for line in expected]


def test_check_statistics_count_each_code_over_all_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Messy copies of real pages: how many problems of each code over all the files, most
    # first (ties by code), and where the first of each is; not each problem.
    paths = []
    for k, name in enumerate(sorted(REAL_TEXTS)):
        lines = REAL_TEXTS[name].split("\n")
        lines[k % len(lines)] = "junk"
        messy = "\n".join(line + " " * (j % (k + 2) == 0) for j, line in enumerate(lines))
        paths.append(tmp_path / name)
        paths[-1].write_text(messy, encoding="utf-8")
    counts: Counter[str] = Counter()
    firsts: dict[str, str] = {}
    for path in paths:
        for problem in parse_dump(path, strict=False).problems:
            counts[problem.code] += 1
            firsts.setdefault(problem.code, f"{path}:{problem.line}:{problem.column}")
    assert len(counts) >= 3 and len(set(counts.values())) > 1
    code, out, err = run(capsys, "check", "--statistics", *map(str, paths))
    assert code == 1
    rows = [line.split() for line in out.splitlines()]
    assert [(int(n), c, where) for n, c, _first, _at, where in rows] == sorted(
        ((n, c, firsts[c]) for c, n in counts.items()), key=lambda row: (-row[0], row[1])
    )
    assert f"{sum(counts.values())} problems in {len(paths)} files" in err
    assert run(capsys, "check", "--statistics", str(PAGE8))[:2] == (0, "")


def test_check_strict_names_each_files_first_deviation_as_strict_parsing_does(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Not the lenient problems (a cut-off record at its first line, 37:1): where strict
    # parsing stops (39:30), one line a file, every file checked.
    damaged = tmp_path / "damaged.txt"
    damaged.write_text(read(PAGE8).replace("Amap Tech\n", "Amap Tech \n", 3), encoding="utf-8")
    assert len(parse_dump(damaged, strict=False).problems) == 2
    expected = []
    for path in (CUT, damaged):
        with pytest.raises(ParseError) as caught:
            parse_dump(path)
        error = caught.value
        expected.append(f"{path}:{error.line}:{error.column}: {error.code} {error.message}")
    code, out, err = run(capsys, "check", "--strict", str(CUT), str(PAGE8), str(damaged))
    assert code == 1 and out.splitlines() == expected and expected[0].startswith(f"{CUT}:39:30: ")
    assert "2 problems in 3 files" in err
    assert run(capsys, "check", "--strict", str(PAGE8))[:2] == (0, "")


def test_check_jsonl_gives_each_problems_parts_by_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    damaged = tmp_path / "damaged.txt"
    damaged.write_text(
        read(PAGE8).replace("min read\n", "min read \n", 2).replace("Amap Tech\n", "junk\n", 1),
        encoding="utf-8",
    )
    code, out, err = run(capsys, "check", "--format", "jsonl", str(damaged), str(PAGE8), str(CUT))
    records = [json.loads(line) for line in out.splitlines()]
    expected = [(str(path), p) for path in (damaged, CUT) for p in parse_dump(path, strict=False).problems]
    assert code == 1 and f"{len(expected)} problems in 3 files" in err
    assert [(r.pop("file"), Problem(**r)) for r in records] == expected
    assert {r["code"] for r in records} >= {"trailing-whitespace", "truncated-record"}
    # How many of each code, and where the first is, by name too.
    code, out, _ = run(capsys, "check", "--format", "jsonl", "--statistics", str(damaged), str(CUT))
    counts = Counter(p.code for _, p in expected)
    firsts: dict[str, dict[str, object]] = {}
    for path, p in expected:
        firsts.setdefault(p.code, {"file": path, "line": p.line, "column": p.column})
    assert [json.loads(line) for line in out.splitlines()] == [
        {"code": c, "count": n, "first": firsts[c]}
        for c, n in sorted(counts.items(), key=lambda i: (-i[1], i[0]))
    ]


def test_check_github_writes_annotations_the_runner_reads_back(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # A workflow command: ::error file=F,line=L,col=C,title=T::MESSAGE, with %, CR and LF
    # escaped (and : and , in a value before ::) as %XX.
    damaged = tmp_path / "page 8, 100%: copy.txt"
    damaged.write_text(read(PAGE8).replace("Amap Tech\n", "100% junk\n", 1), encoding="utf-8")
    code, out, _ = run(capsys, "check", "--format", "github", str(damaged), str(CUT))
    annotation = re.compile(r"::error file=([^,:]*),line=(\d+),col=(\d+),title=([a-z-]+)::(.*)")

    def unescaped(value: str) -> str:
        return re.sub("%([0-9A-F]{2})", lambda hex: chr(int(hex[1], 16)), value)

    read_back = []
    for line in out.splitlines():
        match = annotation.fullmatch(line)
        assert match is not None, line
        file, line_number, column, title, message = match.groups()
        read_back.append((unescaped(file), int(line_number), int(column), title, unescaped(message)))
    expected = [
        (str(path), p.line, p.column, p.code, p.message)
        for path in (damaged, CUT)
        for p in parse_dump(path, strict=False).problems
    ]
    assert code == 1 and read_back == expected and "100%25" in out and "page 8%2C 100%25%3A copy" in out
    problem = Problem(1, 2, "bad-stats", "expected x,\r\nfound: y")
    assert (
        cli._annotation("a\nb", problem)
        == "::error file=a%0Ab,line=1,col=2,title=bad-stats::expected x,%0D%0Afound: y\n"
    )


def test_date_order_reads_dates_in_numbers(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # Page 8 as a site that writes its dates day first shows it: 27/08/2019.
    def day_first(match: re.Match[str]) -> str:
        day = parse_date(match[0])
        return f"{day.day:02}/{day.month:02}/{day.year}"

    text = re.sub(r"^[A-Z][a-z]{2} \d{1,2}, \d{4}(?= · )", day_first, read(PAGE8), flags=re.MULTILINE)
    copies = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for copy in copies:
        copy.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "check", str(copies[0]))
    found = out.splitlines()
    assert code == 1 and len(found) == 23 and all(" ambiguous-date " in line for line in found)
    assert run(capsys, "check", str(copies[0]), "--date-order", "DMY")[:2] == (0, "")

    expected = run(capsys, "parse", str(PAGE8))[1]
    for jobs in ("1", "2"):  # -j 2: parse_files
        code, out, err = run(capsys, "parse", *map(str, copies), "--date-order", "DMY", "-j", jobs)
        assert (code, out, err) == (0, expected * 2, "")
    assert run(capsys, "normalize", str(copies[0]), "--date-order", "DMY")[:2] == (0, read(PAGE8))
    merged = run(capsys, "merge", str(PAGE8), "-q")[1]
    assert run(capsys, "merge", str(copies[0]), "--date-order", "DMY", "-q")[:2] == (0, merged)
    assert run(capsys, "merge", str(copies[0]), "--date-order", "MDY", "-q")[0] == 0  # lenient: text kept
    with pytest.raises(SystemExit):  # a date that starts with its year needs no order
        main(["parse", str(copies[0]), "--date-order", "YMD"])
    assert "invalid choice: 'YMD'" in capsys.readouterr().err


def test_reference_date_resolves_relative_dates(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    first = parse_dump(PAGE8).articles[0]
    date_line = f"{format_date(first.published)} · {first.category}\n"
    source = tmp_path / "fresh.txt"
    source.write_text(
        read(PAGE8).replace(date_line, f"5 hours ago · {first.category}\n", 1), encoding="utf-8"
    )
    code, out, _ = run(capsys, "parse", str(source), "--reference-date", "2024-09-10T03:00", "-q")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(records) == 86
    assert records[0]["published"] == "2024-09-09" and records[1] == parse_dump(PAGE8).articles[1].to_dict()
    # A date alone cannot place "5 hours ago": check names it, and the record is not guessed.
    code, out, _ = run(capsys, "check", str(source), "--reference-date", "2024-09-10")
    assert code == 1 and out.startswith(f"{source}:6:1: relative-date ")
    with pytest.raises(SystemExit):
        main(["parse", str(source), "--reference-date", "10/09/2024"])
    assert "expected YYYY-MM-DD" in capsys.readouterr().err


def test_files_may_stand_on_either_side_of_options(capsys: pytest.CaptureFixture[str]) -> None:
    first, second = DATA / "www_tags_cglib-proxy.txt", DATA / "www_tags_cache-patterns.txt"
    code, out, _ = run(capsys, "parse", str(first), "--format", "csv", "-q", str(second))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert [r["title"] for r in rows] == [a.title for path in (first, second) for a in parse_dump(path)]
    with pytest.raises(SystemExit):  # an unknown option is still an error
        main(["parse", str(first), "--bogus", str(second)])
    assert "unrecognized arguments: --bogus" in capsys.readouterr().err


def test_the_command_line_reads_a_tag_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    dump_file, tag_file = tmp_path / "seckill.txt", tmp_path / "tags.txt"
    dump_file.write_text(format_dump(Dump(articles=[SECKILL])), encoding="utf-8")
    tag_file.write_text("\ufeffinventory\r\n\r\n  seckill \r\nstockout\r\n", encoding="utf-8")
    assert main(["parse", str(dump_file), "--format", "csv", "--known-tags", str(tag_file)]) == 0
    assert "inventory | seckill | stockout" in capsys.readouterr().out
    assert main(["parse", str(dump_file), "--known-tags", str(tmp_path / "none.txt")]) == 2
    assert "none.txt: no such file" in capsys.readouterr().err


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32", "utf-8-sig"])
def test_json_and_tag_files_re_encoded_as_windows_does_read_alike(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, encoding: str
) -> None:
    # Windows PowerShell 5 re-encodes what > redirects into UTF-16 with a byte order mark.
    for argv in (["parse", str(CUT), "-q"], ["parse", str(CUT), "-q", "--format", "json"]):
        written = run(capsys, *argv)[1]
        (tmp_path / "utf8").write_text(written, encoding="utf-8")
        (tmp_path / "other").write_text(written, encoding=encoding)
        assert run(capsys, "format", str(tmp_path / "other")) == run(capsys, "format", str(tmp_path / "utf8"))
    dump_file, tag_file = tmp_path / "seckill.txt", tmp_path / "tags.txt"
    dump_file.write_text(format_dump(Dump(articles=[SECKILL])), encoding="utf-8")
    tag_file.write_text("inventory\nseckill\nstockout\n", encoding=encoding)
    assert main(["parse", str(dump_file), "--format", "csv", "--known-tags", str(tag_file)]) == 0
    assert "inventory | seckill | stockout" in capsys.readouterr().out


def test_a_tag_line_holding_a_tab_in_a_reviewed_tags_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # The tab between a tag line and its tags is the one after which the tags make up
    # the line, not the tag line's own.
    dump_file, review = tmp_path / "tabs.txt", tmp_path / "review.tsv"
    dump_file.write_text(
        format_dump([attrs.evolve(SECKILL, tags=("CMSTV\tapp", "Zookeeper"))]), encoding="utf-8"
    )
    assert "CMS | TV\tapp | Zookeeper" in run(capsys, "parse", str(dump_file), "--format", "csv")[1]
    review.write_text("CMSTV\tappZookeeper\tCMSTV\tapp | Zookeeper\n", encoding="utf-8")  # corrected by hand
    code, out, _ = run(capsys, "parse", str(dump_file), "--format", "csv", "--known-tags", str(review))
    assert code == 0 and "CMSTV\tapp | Zookeeper" in out


def test_a_tag_file_with_an_invalid_byte_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    tag_file = tmp_path / "tags.txt"
    tag_file.write_bytes(b"inventory\ncaf\xe9\n")
    assert run(capsys, "parse", str(CUT), "--known-tags", str(tag_file)) == (
        2,
        "",
        f"feedparse-txt: {tag_file}:2:4: an invalid byte: not UTF-8, UTF-16 or UTF-32 text\n",
    )


def test_tags_lists_each_tag_line_with_its_split_and_flags_guesses(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "tags", str(PAGE8))
    assert code == 0
    rows = [line.split("\t") for line in out.splitlines() if not line.startswith("# ")]
    dump = parse_dump(PAGE8)
    assert [line for line, _ in rows] == list(dict.fromkeys("".join(a.tags) for a in dump))
    assert {line: tags.split(" | ") for line, tags in rows} == {"".join(a.tags): list(a.tags) for a in dump}
    lines = out.splitlines()
    guess = lines.index("Backend ArchitectureCMSTV app\tBackend Architecture | CMS | TV app")
    assert lines[guess - 1] == "# a guess; next: Backend Architecture | CMSTV app"
    code, out, _ = run(capsys, "tags", str(PAGE8), "--guesses")
    assert "Backend ArchitectureCMSTV app\tBackend Architecture | CMS | TV app" in out.splitlines()
    assert len([line for line in out.splitlines() if not line.startswith("# ")]) < len(rows)


def test_a_reviewed_tags_file_is_a_known_tags_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    dump_file, review = tmp_path / "seckill.txt", tmp_path / "review.tsv"
    dump_file.write_text(format_dump(Dump(articles=[SECKILL])), encoding="utf-8")
    assert run(capsys, "tags", str(dump_file), "-o", str(review))[0] == 0
    assert review.read_text(encoding="utf-8").endswith("\tinventory | seckillstockout\n")
    # corrected by hand, then used to parse
    for row in ("inventory | seckill | stockout", "inventory|seckill |stockout "):
        review.write_text(f"# reviewed\ninventoryseckillstockout\t{row}\n")
        code, out, _ = run(capsys, "parse", str(dump_file), "--format", "csv", "--known-tags", str(review))
        assert code == 0 and "inventory | seckill | stockout" in out, row


def test_a_reviewed_row_whose_tags_do_not_make_up_its_line_is_named(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # A letter changed by hand ('TV App' for 'TV app'): its tags were listed, and the
    # line they were meant to split was not split so, without a word.
    review = tmp_path / "review.tsv"
    review.write_text(
        "# reviewed\n"
        "Backend ArchitectureCMSTV app\tBackend Architecture | CMS | TV App\n"
        "inventoryseckillstockout\tinventory | seckill | stockout\n"
        "CMSTV\tappZookeeper\tCMSTV\tapp | Zookeeper\n"  # a tag line holding a tab: whole
        "Seckill\n"
        "ab\tb | a\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "parse", str(PAGE8), "--known-tags", str(review), "-o", os.devnull)
    assert code == 0 and err == (
        f"{review}:2: the tags 'Backend Architecture | CMS | TV App' do not make up the tag line before "
        "the tab, 'Backend ArchitectureCMSTV app': they are known tags all the same, but that line is "
        "not split into them (and 1 more such row)\n"
    )
    assert run(capsys, "tags", str(PAGE8), "--known-tags", str(review), "-o", os.devnull)[2] == err
    assert run(capsys, "parse", str(PAGE8), "--known-tags", str(review), "-q")[2] == ""
    review.write_text(
        "Backend ArchitectureCMSTV app\tBackend Architecture | CMS | TV app\n", encoding="utf-8"
    )
    code, out, err = run(capsys, "parse", str(PAGE8), "--known-tags", str(review), "--format", "csv")
    assert (code, err) == (0, "") and "Backend Architecture | CMS | TV app" in out
    # What 'tags' writes for every real dump: each row makes up its line.
    dumps = [str(path) for path in real_dumps()]
    assert run(capsys, "tags", *dumps, "-q", "-o", str(review))[0] == 0
    assert "\t" in review.read_text(encoding="utf-8")
    loose: list[tuple[int, str]] = []
    tags_in_tag_file(review.read_text(encoding="utf-8"), lambda number, row: loose.append((number, row)))
    assert loose == []


def _jobs_corpus(tmp_path: Path) -> list[str]:
    """Every real file, a damaged copy (problems in lenient mode, an error in strict
    mode) and stdin, in the middle of the list."""
    damaged = tmp_path / "damaged.txt"
    damaged.write_text(read(PAGE8).replace("Amap Tech\n", "Amap Tech\njunk\n", 1), encoding="utf-8")
    names = [str(p) for p in real_dumps()]
    return [*names[:3], str(damaged), "-", *names[3:]]


@pytest.mark.parametrize("strict", [False, True], ids=["lenient", "strict"])
@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--with-source"],
        ["--format", "csv", "--with-source"],
        ["-q"],
        ["--known-tags", "KNOWN", "--reference-date", "2024-09-10"],
    ],
)
def test_parse_jobs_writes_what_one_process_writes(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    strict: bool,
    argv: list[str],
) -> None:
    from feedparse_txt import cli

    names = _jobs_corpus(tmp_path)
    batches: list[tuple[list[str], int | None]] = []

    def spy(paths: list[str], **options: Any) -> list[Dump]:
        batches.append((list(paths), options["workers"]))
        return parse_files(paths, **options)

    monkeypatch.setattr(cli, "parse_files", spy)
    mode = ["--strict"] if strict else []
    known = tmp_path / "known.txt"
    # Tags that make up a real line: its split, where given (a sign that they were used).
    known.write_text("Backend ArchitectureDSL\nService Orchestration\n", encoding="utf-8")
    argv = [str(known) if arg == "KNOWN" else arg for arg in argv]
    results = []
    for jobs in ("1", "2"):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(CUT.read_bytes())))
        results.append(run(capsys, "parse", *names, *argv, *mode, "--jobs", jobs))
    (code, out, err), parallel = results
    assert parallel == (code, out, err)
    # Strict mode stops at the first cut-off copy, the third file; lenient mode goes on.
    assert code == (1 if strict else 0)
    assert ("www_tags_cache-breakdown.txt:" in err) == (strict or "-q" not in argv)
    assert ("damaged.txt:" in err) == (not strict and "-q" not in argv)
    assert len(out.splitlines()) >= (86 if strict else 86 * 2 + 20)
    assert ("Backend ArchitectureDSL" + '"' in out) == ("--known-tags" in argv)
    # Without --jobs nothing went through parse_files; with it, the files around stdin
    # did, in two batches (strict: the first failed, was read again one file at a time,
    # and its error ended the run).
    assert batches == [(names[:4], 2), (names[5:], 2)][: 1 if strict else 2]


def test_parse_jobs_leaves_large_files_to_the_stream(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from feedparse_txt import cli

    monkeypatch.setattr(cli, "_LARGE", PAGE8.stat().st_size)  # page 8 counts as large here
    monkeypatch.setattr(cli, "_BATCH", 3_000)  # and the small files make batches of about two
    small = [str(p) for p in real_dumps() if p != PAGE8 and p.stat().st_size < 2_000]
    assert len(small) >= 4
    names = [small[0], str(PAGE8), *small[1:]]
    # A batch stops before the large file, which is streamed alone, and at 3,000 bytes.
    assert cli._batch(names, 0) == [small[0]] and cli._batch(names, 1) == []
    batches = [cli._batch(names, at) for at in range(2, len(names))]
    assert max(map(len, batches)) >= 2
    assert all(sum(Path(name).stat().st_size for name in batch) <= 3_000 for batch in batches)
    expected = run(capsys, "parse", *names, "--with-source")
    assert run(capsys, "parse", *names, "--with-source", "-j", "0") == expected
    assert run(capsys, "parse", "/no/such/file.txt", *names, "-j", "2")[0] == 2


@pytest.mark.parametrize("jobs", ["-1", "two", ""])
def test_parse_jobs_must_be_a_count(capsys: pytest.CaptureFixture[str], jobs: str) -> None:
    with pytest.raises(SystemExit):
        main(["parse", str(PAGE8), "--jobs", jobs])
    assert "expected 0 (one per CPU) or a number of processes" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "readers"),
    [
        (["parse", "-", "--known-tags", "-"], "FILE - and --known-tags -"),
        (["parse", "-", str(PAGE8), "-"], "FILE - and FILE -"),
        (["check", "-", "-"], "FILE - and FILE -"),
        (["tags", "-", "--known-tags", "-"], "FILE - and --known-tags -"),
    ],
)
def test_stdin_named_twice_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, argv: list[str], readers: str
) -> None:
    # The second reader found stdin read to the end: the tag list took the whole
    # dump, which then read as empty, and the command ended 0 having written nothing.
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PAGE8.read_bytes()), encoding="utf-8"))
    assert run(capsys, *argv) == (
        2,
        "",
        f"feedparse-txt: stdin can be read only once: {readers} would each read it\n",
    )
