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


def worded(expected: str, found: str, detail: str = "") -> str:
    """The message of a deviation: what was expected, what was found, and the detail
    after them (the line quoted, what to do)."""
    return f"expected {expected}, found {found}{detail}"


@attrs.frozen
class Problem:
    """One deviation from the format, at a 1-based ``line`` and ``column``.

    ``code`` is short and stable (``"bad-date"``, ``"truncated-record"``, …);
    ``expected`` and ``found`` say what belonged there and what stood there
    instead, as the ``message`` words them; the message also quotes the line and
    says what a lenient reader did about it.

    >>> problem = Problem(3, 7, "bad-date", "expected a date like 'Aug 27, 2019', found 'Agu 27, 2019'",
    ...                   expected="a date like 'Aug 27, 2019'", found="'Agu 27, 2019'")
    >>> problem.found
    "'Agu 27, 2019'"
    """

    line: int
    column: int
    code: str
    message: str
    expected: str = ""
    found: str = ""

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.code} {self.message}"


class ParseError(ValueError):
    """The text is not a well-formed dump (strict mode) or a field is malformed.

    Carries ``line``, ``column`` (1-based), ``code``, ``expected``, ``found`` and
    ``message`` like a :class:`Problem`; ``source`` names the file when one is
    known. The message is ``expected {expected}, found {found}`` and ``detail``:
    the line quoted, what to do about it.

    >>> from feedparse_txt import parse_date
    >>> try:
    ...     parse_date("Aug 32, 2019")
    ... except ParseError as error:
    ...     print(error.code, error.column, "|", error.expected, "|", error.found)
    bad-date 5 | a day that exists in that month | '32'
    """

    def __init__(
        self,
        code: str,
        expected: str,
        found: str,
        detail: str = "",
        *,
        line: int = 1,
        column: int = 1,
        source: str | None = None,
    ) -> None:
        self.code = code
        self.expected = expected
        self.found = found
        self.detail = detail
        self.line = line
        self.column = column
        self.source = source
        super().__init__(code, self.message)

    @property
    def message(self) -> str:
        """What was expected, what was found, and the :attr:`detail`, in words."""
        return worded(self.expected, self.found, self.detail)

    def __str__(self) -> str:
        where = f"{self.source}:" if self.source else "line "
        return f"{where}{self.line}:{self.column}: {self.code}: {self.message}"

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only fields: rebuild explicitly so the error crosses between processes.
        fields = (self.code, self.expected, self.found, self.detail, self.line, self.column, self.source)
        return (_rebuild_error, fields)

    @classmethod
    def in_text(cls, code: str, expected: str, found: str, text: str, *, column: int = 1) -> ParseError:
        """An error that says what was expected and what was found in ``text``, quoted
        (an empty text is not: ``found an empty line in ''`` says nothing more)."""
        return cls(code, expected, found, f" in {quote(text)}" if text else "", column=column)

    def at(self, line: int, column_offset: int = 0) -> ParseError:
        """The same error moved to ``line`` of a document, columns shifted right."""
        return self.amended(line=line, column=self.column + column_offset)

    def amended(
        self,
        *,
        found: str | None = None,
        detail: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> ParseError:
        """A copy of this error with the ``found``, ``detail``, ``line`` or ``column`` given."""
        return ParseError(
            self.code,
            self.expected,
            self.found if found is None else found,
            self.detail if detail is None else detail,
            line=self.line if line is None else line,
            column=self.column if column is None else column,
            source=self.source,
        )

    @property
    def problem(self) -> Problem:
        """This error as a :class:`Problem` (what lenient mode records instead)."""
        return Problem(self.line, self.column, self.code, self.message, self.expected, self.found)


def _rebuild_error(
    code: str, expected: str, found: str, detail: str, line: int, column: int, source: str | None
) -> ParseError:
    return ParseError(code, expected, found, detail, line=line, column=column, source=source)
