"""Problems found in a dump, and the one error class that carries them.

Lenient parsing records a :class:`Problem` and goes on; strict parsing raises the
same facts as a :class:`ParseError` (the ``email.feedparser`` defect/policy idea).
"""

from __future__ import annotations

import attrs

__all__ = ["ParseError", "Problem"]

_QUOTE_LIMIT = 80


def quote(text: str) -> str:
    """Quote a line for a message, shortened so long summaries stay readable."""
    if len(text) > _QUOTE_LIMIT:
        text = text[: _QUOTE_LIMIT - 1] + "…"
    return repr(text)


@attrs.frozen
class Problem:
    """One deviation from the format, at a 1-based ``line`` and ``column``.

    ``code`` is short and stable (``"bad-date"``, ``"truncated-record"``, …);
    ``message`` says what was expected, what was found, and quotes the line.

    >>> Problem(line=3, column=1, code="bad-date", message="...").code
    'bad-date'
    """

    line: int
    column: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.code} {self.message}"


class ParseError(ValueError):
    """The text is not a well-formed dump (strict mode) or a field is malformed.

    Carries ``line``, ``column`` (1-based), ``code`` and ``message`` like a
    :class:`Problem`; ``source`` names the file when one is known.

    >>> from feedparse_txt import parse_date
    >>> try:
    ...     parse_date("Aug 32, 2019")
    ... except ParseError as error:
    ...     print(error.code, error.column)
    bad-date 5
    """

    def __init__(
        self,
        code: str,
        message: str,
        *,
        line: int = 1,
        column: int = 1,
        source: str | None = None,
    ) -> None:
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.source = source
        super().__init__(code, message)

    def __str__(self) -> str:
        where = f"{self.source}:" if self.source else "line "
        return f"{where}{self.line}:{self.column}: {self.code}: {self.message}"

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only fields: rebuild explicitly so the error crosses between processes.
        return (_rebuild_error, (self.code, self.message, self.line, self.column, self.source))

    @classmethod
    def expected(cls, code: str, expected: str, found: str, text: str, *, column: int = 1) -> ParseError:
        """An error whose message says what was expected and what was found in ``text``."""
        return cls(code, f"expected {expected}, found {found} in {quote(text)}", column=column)

    def at(self, line: int, column_offset: int = 0) -> ParseError:
        """The same error moved to ``line`` of a document, columns shifted right."""
        return ParseError(
            self.code,
            self.message,
            line=line,
            column=self.column + column_offset,
            source=self.source,
        )

    @property
    def problem(self) -> Problem:
        """This error as a :class:`Problem` (what lenient mode records instead)."""
        return Problem(line=self.line, column=self.column, code=self.code, message=self.message)


def _rebuild_error(code: str, message: str, line: int, column: int, source: str | None) -> ParseError:
    return ParseError(code, message, line=line, column=column, source=source)
