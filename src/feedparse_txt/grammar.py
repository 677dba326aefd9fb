"""The shape of a dump as data: what each line of a record or header is.

The parser reads these tables (and the formatter writes them), so the layouts of
FORMAT.md live in one place. A template is a sequence of line roles; the
position of a line in its template decides what it is, never its content.
"""

from __future__ import annotations

import enum

from .model import HeaderStyle, Layout

__all__ = ["HEADER_STYLES", "LAYOUTS", "Role"]


class Role(enum.Enum):
    """What one line of a template holds; the value is how messages name it."""

    AUTHOR = "an author line"
    AUTHOR_AGAIN = "the author line again"
    DATE_LINE = "a date and category line like 'Aug 27, 2019 · Backend Development'"
    BLANK = "a blank line"
    TITLE = "a title line"
    SUMMARY = "a summary line"
    TAG_LINE = "a tag line"
    STATS = "a stats line like '0 likes · 11 min read'"
    TITLE_AGAIN = "the title line again"
    TAGGED_ARTICLES = "'Tagged articles'"
    TAG_WORD = "'Tag'"
    ARTICLE_COUNT = "an article count like '949 articles'"
    PAGE_OF = "a page line like 'Page 8 of 10'"
    TAG_NAME = "the tag name"
    COUNT_AND_PAGE = "a line like '273 articles · Page 1 of 3'"
    VIEWS_LINE = "a line like '1 views collected around this technical thread.'"

    # Members are singletons: hash by identity, in C, not by name as Enum does.
    __hash__ = object.__hash__


R = Role

LAYOUTS: dict[Layout, tuple[Role, ...]] = {
    Layout.FULL: (
        R.AUTHOR,
        R.AUTHOR_AGAIN,
        R.DATE_LINE,
        R.BLANK,
        R.TITLE,
        R.BLANK,
        R.SUMMARY,
        R.BLANK,
        R.TAG_LINE,
        R.STATS,
        R.TITLE_AGAIN,
    ),
    Layout.COMPACT: (R.AUTHOR, R.DATE_LINE, R.TITLE, R.SUMMARY, R.TAG_LINE, R.STATS),
}

HEADER_STYLES: dict[HeaderStyle, tuple[Role, ...]] = {
    HeaderStyle.LIST: (R.TAGGED_ARTICLES, R.ARTICLE_COUNT, R.PAGE_OF),
    HeaderStyle.NAMED: (R.TAGGED_ARTICLES, R.BLANK, R.TAG_NAME, R.BLANK, R.COUNT_AND_PAGE),
    HeaderStyle.VIEWS: (R.TAG_WORD, R.BLANK, R.TAG_NAME, R.BLANK, R.VIEWS_LINE, R.BLANK),
}

# Lines whose text is fixed by the template.
LITERALS = {R.TAGGED_ARTICLES: "Tagged articles", R.TAG_WORD: "Tag", R.BLANK: ""}

# Roles whose line must repeat an earlier one, and which.
REPEATS = {R.AUTHOR_AGAIN: R.AUTHOR, R.TITLE_AGAIN: R.TITLE}

# Free text: one non-empty line without surrounding whitespace.
TEXT_ROLES = frozenset({R.AUTHOR, R.TITLE, R.SUMMARY, R.TAG_LINE, R.TAG_NAME})

# The longest template, and how far the parser looks ahead at a record start:
# a whole record plus the first lines of the next one (to tell a missing
# repeated title from a changed one).
LONGEST = max(len(roles) for roles in (*LAYOUTS.values(), *HEADER_STYLES.values()))
LOOKAHEAD = LONGEST + 3
