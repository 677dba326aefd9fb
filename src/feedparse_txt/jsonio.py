"""Records and dumps as JSON-ready data, and back.

An article is a flat object with an ISO date and its tags as a list (the schema is
``feedparse_txt/data/article.schema.json``). A whole dump becomes an object that
keeps everything needed to write its text back byte for byte: headers, records
with their layout, text the parser could not use, line endings, final newline.
A record or header kept with its exact text (``raw``) carries a ``digest`` of the
fields it was read as: one edited in the JSON since no longer matches it and is
written anew, in the canonical form, as ``attrs.evolve`` gives an edited record.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from typing import Any

from .errors import Problem
from .formatting import written_document
from .model import (
    Article,
    Document,
    Dump,
    Entry,
    Header,
    HeaderEntry,
    HeaderStyle,
    Layout,
    RawRecord,
    RecordRun,
    TextEntry,
    fields_as_written,
)

__all__ = ["article_from_dict", "article_to_dict", "dump_from_dict", "dump_to_dict"]

FORMAT_VERSION = 1


def article_to_dict(article: Article) -> dict[str, Any]:
    """``{"author": ..., "published": "2019-08-27", ..., "tags": [...], ...}``."""
    return {
        "author": article.author,
        "published": article.published.isoformat(),
        "category": article.category,
        "title": article.title,
        "summary": article.summary,
        "tags": list(article.tags),
        "likes": article.likes,
        "read_minutes": article.read_minutes,
    }


def article_from_dict(data: dict[str, Any]) -> Article:
    """The inverse of :func:`article_to_dict`; checks every field."""
    try:
        return Article(
            author=data["author"],
            published=_iso_date(data["published"]),
            category=data["category"],
            title=data["title"],
            summary=data["summary"],
            tags=data["tags"],  # as given: Article refuses one str, which tuple() would cut into letters
            likes=data["likes"],
            read_minutes=data["read_minutes"],
        )
    except KeyError as missing:
        raise ValueError(f"an article needs the field {missing}") from None


def _iso_date(value: object) -> _dt.date:
    if not isinstance(value, str):
        raise TypeError(f"published must be an ISO date str (2019-08-27), not {type(value).__name__}")
    try:
        return _dt.date.fromisoformat(value)
    except ValueError as error:
        raise ValueError(f"published must be an ISO date (2019-08-27), found {value!r}: {error}") from None


def _header_to_dict(header: Header) -> dict[str, Any]:
    return {
        "style": header.style.value,
        "tag": header.tag,
        "article_count": header.article_count,
        "page": header.page,
        "page_count": header.page_count,
        "views": header.views,
    }


def _header_from_dict(data: dict[str, Any]) -> Header:
    return Header(
        style=HeaderStyle(data["style"]),
        tag=data.get("tag"),
        article_count=data.get("article_count"),
        page=data.get("page"),
        page_count=data.get("page_count"),
        views=data.get("views"),
    )


def dump_to_dict(dump: Dump) -> dict[str, Any]:
    """Everything in ``dump``, so that :func:`dump_from_dict` and ``format_dump``
    give its text back exactly."""
    document = written_document(dump)  # a dump edited with attrs.evolve as format_dump writes it
    articles = document.articles
    entries: list[dict[str, Any]] = []
    for entry in document.entries:
        if isinstance(entry, HeaderEntry):
            header = {"kind": "header", "header": _header_to_dict(entry.header), "raw": entry.raw}
            if entry.raw is not None:
                header["digest"] = _header_digest(entry.header)
            entries.append(header)
        elif isinstance(entry, RecordRun):
            records = [article_to_dict(a) for a in articles[entry.start : entry.stop]]
            entries.append({"kind": "records", "layout": entry.layout.value, "articles": records})
        elif isinstance(entry, RawRecord):
            article = articles[entry.article]
            record = {"kind": "record", "article": article_to_dict(article), "raw": entry.raw}
            record["digest"] = _digest(article)
            entries.append(record)
        else:
            entries.append({"kind": "text", "raw": entry.raw})
    return {
        "feedparse_txt": FORMAT_VERSION,
        "newline": dump.newline,
        "final_newline": dump.final_newline,
        "bom": dump.bom,
        "encoding": dump.encoding,
        "entries": entries,
        "problems": [problem_to_dict(p) for p in dump.problems],
    }


def problem_to_dict(problem: Problem) -> dict[str, Any]:
    """``problem`` as JSON data, its fields by name."""
    return {
        "line": problem.line,
        "column": problem.column,
        "code": problem.code,
        "message": problem.message,
        "expected": problem.expected,
        "found": problem.found,
    }


def dump_from_dict(data: dict[str, Any]) -> Dump:
    """The :class:`Dump` that :func:`dump_to_dict` made; ``ValueError`` names a
    field it lacks."""
    if data.get("feedparse_txt") != FORMAT_VERSION:
        raise ValueError("not a dump written by feedparse_txt (missing or unknown 'feedparse_txt' version)")
    try:
        return _dump_from_dict(data)
    except KeyError as missing:
        raise ValueError(f"a dump needs the field {missing}") from None


def _dump_from_dict(data: dict[str, Any]) -> Dump:
    articles: list[Article] = []
    entries: list[Entry] = []
    headers: list[Header] = []
    for item in data["entries"]:
        kind = item["kind"]
        if kind == "header":
            header = _header_from_dict(item["header"])
            headers.append(header)
            raw = item["raw"] if _unedited(item, _header_digest(header)) else None
            entries.append(HeaderEntry(header, raw))
        elif kind == "records":
            start = len(articles)
            articles.extend(article_from_dict(a) for a in item["articles"])
            entries.append(RecordRun(start, len(articles), Layout(item["layout"])))
        elif kind == "record":
            article, index = article_from_dict(item["article"]), len(articles)
            if _unedited(item, _digest(article)):
                entries.append(RawRecord(index, item["raw"]))
            else:  # written anew, as a record changed with attrs.evolve is
                entries.append(RecordRun(index, index + 1, Layout.FULL))
            articles.append(article)
        elif kind == "text":
            entries.append(TextEntry(item["raw"]))
        else:
            raise ValueError(f"unknown entry kind {kind!r}")
    parsed = tuple(articles)
    return Dump(
        header=headers[0] if headers else None,
        articles=parsed,
        problems=tuple(Problem(**p) for p in data.get("problems", ())),
        newline=data["newline"],
        final_newline=data["final_newline"],
        bom=data["bom"],
        encoding=data.get("encoding"),  # absent from files written before it was kept
        document=Document(tuple(entries), parsed),
    )


def _digest(article: Article) -> str:
    """A fingerprint of the fields ``article`` writes (its tags as their line)."""
    return _fingerprint(fields_as_written(article))


def _header_digest(header: Header) -> str:
    return _fingerprint(tuple(_header_to_dict(header).values()))


def _fingerprint(fields: tuple[object, ...]) -> str:
    # ASCII escapes: a lone surrogate, which a text field may hold, has no UTF-8.
    text = json.dumps(fields, default=str)  # a date as its ISO text
    return hashlib.blake2b(text.encode("ascii"), digest_size=8).hexdigest()


def _unedited(item: dict[str, Any], digest: str) -> bool:
    """Whether the entry ``item`` holds the fields its ``raw`` text was read as.
    JSON written before digests were kept has none: its text is trusted."""
    return item["raw"] is not None and item.get("digest", digest) == digest
