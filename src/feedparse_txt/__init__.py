"""Parse plain-text copies of article listings into typed records, and write them back.

>>> from pathlib import Path
>>> from feedparse_txt import parse_dump, format_dump
>>> text = Path("tests/data/www_tags_cglib-proxy.txt").read_text(encoding="utf-8")
>>> dump = parse_dump(text)
>>> dump.articles[0].tags
('CGLIB Proxy', 'JDK Dynamic Proxy', 'Java')
>>> format_dump(dump) == text
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import ParseError, Problem
from .fields import Stats, format_date, format_stats, parse_date, parse_stats
from .formatting import format_dump
from .known_tags import KnownTags
from .model import Article, Dump, Header, HeaderStyle, Layout
from .normalize import iter_normalized, normalize
from .parsing import iter_articles, iter_located_articles, parse_dump, parse_files

__all__ = [
    "Article",
    "Dump",
    "Header",
    "HeaderStyle",
    "KnownTags",
    "Layout",
    "ParseError",
    "Problem",
    "Stats",
    "TagReading",
    "format_date",
    "format_dump",
    "format_stats",
    "iter_articles",
    "iter_located_articles",
    "iter_normalized",
    "normalize",
    "parse_date",
    "parse_dump",
    "parse_files",
    "parse_stats",
    "split_tags",
    "tag_readings",
]

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .tags import TagReading, split_tags, tag_readings
else:

    def __getattr__(name: str) -> object:
        # The tag splitter loads on first use: many uses never split a tag line,
        # and importing the package stays fast.
        if name in ("TagReading", "split_tags", "tag_readings"):
            from . import tags

            return getattr(tags, name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
