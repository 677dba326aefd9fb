"""Lines a copy wrapped: whether a record's breaks look like a wrapping tool's, and
what one field broken over several lines said.

A mail client, ``fmt``, Python's ``textwrap`` or an editor that hard-wraps breaks
every line longer than a width at a space, and the space is lost; ``fold -s`` and
``format=flowed`` keep it at the end of the line. A word longer than a line is cut
where the line is full; ``textwrap`` also breaks after a hyphen inside a word, and
text in a script written without spaces (Chinese, Japanese) anywhere. No I/O, no
state: the reader decides where a field goes on (see ``Machine._wrapped_end``).
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Sequence

import attrs

__all__ = ["Wrapping", "squashed"]


def squashed(text: str) -> str:
    """``text`` without its whitespace: a wrapped line and the line it was compare so,
    wherever their breaks are."""
    return "".join(text.split())


# Full lines that tell a copy cut lines where they were full, none at a space.
_CUTS_TO_TELL = 4


@attrs.frozen
class Wrapping:
    """How a copy wrapped a record: the width (its longest line, or a wrapped record's
    before it), and whether the tool cuts a line where it is full, inside a word
    (else it breaks lines at spaces, and cuts only a word longer than a line)."""

    width: int = 0
    cuts_words: bool = False

    @classmethod
    def of(
        cls, lines: Sequence[str], breaks: Sequence[int], before: Wrapping | None, *, repeated: bool = False
    ) -> Wrapping | None:
        """How ``lines`` (a record) were wrapped where ``breaks`` says (the indexes of
        the lines that go on on the next; ``repeated``: the title's breaks are made
        again where the record repeats it), ``before`` how the copy wrapped the
        records before it, if it did; None if that does not look like a wrapping
        tool's work.

        It does at two breaks or more, where at each the line and the next one's
        first word fill more than half the width (a tool never leaves a line much
        shorter, unless a long word follows). One break alone is no evidence (a line
        of the site's text after a long summary looks like one) unless it is the
        title's, repeated, or the records before were wrapped and the next word would
        not have fitted on the line.

        A tool that cuts lines where they are full (``fold``, a terminal's copy)
        keeps the space where it cuts at one, and leaves every other line as long as
        the width (in characters, or in bytes as ``fold`` counts). A tool that breaks
        at spaces fills a line to the last character too, one time in six or so: the
        lines tell the tools apart if a break kept its space, dropped one (after a
        comma), or enough lines are full; else the records before do.
        """
        width = max(before.width if before else 0, *map(len, lines))
        pairs = [(lines[b], lines[b + 1]) for b in breaks]
        if not pairs or (len(pairs) == 1 and not (repeated or (before and _full(*pairs[0], width)))):
            return None
        if not all(_full(*pair, width // 2) for pair in pairs):
            return None
        inside = [pair for pair in pairs if not _at_a_space(*pair)]  # breaks perhaps inside a word
        if not inside:
            return cls(width, bool(before and before.cuts_words))  # nothing tells the tools apart
        if any(_dropped_a_space(*pair) for pair in inside) or not _all_full(inside, lines, width):
            return cls(width, cuts_words=False)
        if len(inside) < len(pairs):  # a break kept its space: the others are cuts if every line is full
            return cls(width, cuts_words=_all_full(pairs, lines, width))
        if len(inside) >= _CUTS_TO_TELL:
            return cls(width, cuts_words=True)
        return None if before is None else cls(width, before.cuts_words)

    def join(self, parts: Sequence[str]) -> str:
        """The line the copy broke into ``parts`` (as they stand, whitespace and all)."""
        text = parts[0].strip()
        for before, part in itertools.pairwise(parts):
            piece = part.strip()
            text += self._joint(before, part, text, piece) + piece
        return text

    def _joint(self, before: str, after: str, text: str, piece: str) -> str:
        """What stood where ``before`` was broken from ``after`` (``text`` and ``piece``
        are the two sides without their whitespace)."""
        if _at_a_space(before, after):
            # A no-break space cut at stays; spaces a copy left at the ends of lines do not.
            space = before[len(before.rstrip()) :] + after[: len(after) - len(after.lstrip())]
            return space.strip(" \t") or " "
        if self.cuts_words:
            return ""
        word = len(text.rsplit(maxsplit=1)[-1]) + len(piece.split(maxsplit=1)[0])
        if len(before) == self.width and word > self.width:
            return ""  # a word longer than a line, cut where the line was full (a tag line run together)
        last, first = text[-1], piece[0]
        if last == "-" and text[-2:-1].isalnum() and first.isalnum():
            return ""  # broken after a hyphen inside a word (Real-/time), as textwrap does
        if _written_without_spaces(last) and _written_without_spaces(first):
            return ""  # no space to break at: a run of Chinese or Japanese cut where it reached the width
        return " "


def _full(before: str, after: str, width: int) -> bool:
    """Whether ``after``'s first word would not have fitted on ``before`` within ``width``."""
    words = after.split(maxsplit=1)
    return len(before) + 1 + len(words[0] if words else "") > width


def _at_a_space(before: str, after: str) -> bool:
    """Whether a copy kept the space it broke ``before`` from ``after`` at."""
    return before[-1:].isspace() or after[:1].isspace()


def _dropped_a_space(before: str, after: str) -> bool:
    """Whether the break from ``before`` to ``after`` (no space kept) dropped one: prose
    puts one after a comma and the like, and after a full stop before a capital."""
    last, first = before[-1:], after[:1]
    return first.isalnum() and (last in ",;:!?" or (last == "." and first.isupper()))


def _all_full(pairs: Sequence[tuple[str, str]], lines: Sequence[str], width: int) -> bool:
    """Whether the lines broken at ``pairs`` (of ``lines``) all reach the width: in
    characters, or in bytes (``fold`` counts bytes) where they are not ASCII."""
    broken = [line for line, _after in pairs]
    if {len(line) for line in broken} == {width}:
        return True
    sizes = set(map(_utf8_size, broken))
    return not all(map(str.isascii, broken)) and sizes == {max(map(_utf8_size, lines))}


def _utf8_size(text: str) -> int:
    """The length of ``text`` in UTF-8 bytes (a lone surrogate, which a ``str`` may hold, as three)."""
    return len(text.encode("utf-8", "surrogatepass"))


def _written_without_spaces(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")
