"""Hypothesis strategies for property tests of code that reads or writes dumps.

Needs the ``hypothesis`` extra (``pip install 'feedparse_txt[hypothesis]'``).

>>> from hypothesis import given
>>> from feedparse_txt import format_dump, parse_dump
>>> @given(articles_lists())
... def test_round_trip(articles):
...     assert len(parse_dump(format_dump(articles))) == len(articles)
>>> test_round_trip()
"""

from __future__ import annotations

import datetime as _dt

from hypothesis import strategies as st

from .model import Article, Header, HeaderStyle

__all__ = ["articles", "articles_lists", "field_texts", "headers"]


def field_texts(alphabet: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[str]:
    """One non-empty line without surrounding whitespace: any valid text field."""
    characters = st.characters(exclude_characters="\n") if alphabet is None else alphabet
    return st.text(characters, min_size=1).map(str.strip).filter(bool)


def articles(
    *,
    texts: st.SearchStrategy[str] | None = None,
    dates: st.SearchStrategy[_dt.date] | None = None,
    counts: st.SearchStrategy[int] | None = None,
) -> st.SearchStrategy[Article]:
    """Valid articles: arbitrary Unicode fields, dates 1970–2100, counts 0–10^9."""
    texts = field_texts() if texts is None else texts
    dates = st.dates(_dt.date(1970, 1, 1), _dt.date(2100, 12, 31)) if dates is None else dates
    counts = st.integers(0, 10**9) if counts is None else counts
    return st.builds(
        Article,
        author=texts,
        published=dates,
        category=texts,
        title=texts,
        summary=texts,
        tags=st.lists(texts, min_size=1, max_size=4).map(tuple),
        likes=counts,
        read_minutes=counts,
    )


def articles_lists(max_size: int = 8) -> st.SearchStrategy[list[Article]]:
    """Lists of :func:`articles`."""
    return st.lists(articles(), max_size=max_size)


def headers(texts: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Header]:
    """Complete page headers of every style."""
    texts = field_texts() if texts is None else texts
    numbers = st.integers(0, 10**6)
    return st.one_of(
        st.builds(
            Header, style=st.just(HeaderStyle.LIST), article_count=numbers, page=numbers, page_count=numbers
        ),
        st.builds(
            Header,
            style=st.just(HeaderStyle.NAMED),
            tag=texts,
            article_count=numbers,
            page=numbers,
            page_count=numbers,
        ),
        st.builds(Header, style=st.just(HeaderStyle.VIEWS), tag=texts, views=numbers),
    )
