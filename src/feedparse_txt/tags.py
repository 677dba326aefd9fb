"""Splitting a run-together tag line into its tags, the way a person reads it.

The site joins a record's tags with no separator (``Backend ArchitectureDSLService
Orchestration``). Three facts of the format do most of the work:

* a tag has no surrounding spaces, so a boundary never touches a space, hyphen or
  slash: it hides inside a run of letters;
* a boundary shows as a case change (``eD`` in ``ArchitectureDSL``, the last
  capital of ``DSLService``, ``SDK|configuration``), or, between lowercase
  letters, as two words glued together (``caching|content``);
* the tags of a line are in plain code-point order (``sorted()``).

A cheap structural pass cuts at every case change and at the glue points a word
list finds, keeps known names whole (``GitHub``, ``InnoDB``), and accepts the
result when it is in sorted order. Only when it is not (a CamelCase name such as
``ContextClassLoader`` cut at its humps) does a search over the sorted readings
score them with word costs, and that score also says how close the runner-up was.

Known tags come first: tags of a site's list that make up the whole line are its
split, and elsewhere they are weighed, only where the reading without them lacks
one; the page's own tag is a tag where it stands between words at one place only,
and elsewhere weighed as the likeliest of tags.

The word list is derived from the unigram counts of the ``wordsegment`` package
(Apache License 2.0, Google Web Trillion Word Corpus, see ``data/WORDS-LICENSE.txt``);
``data/tech_terms.txt`` adds technology names that English lists miss.
"""

from __future__ import annotations

import functools
import math
import operator
import re
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from itertools import pairwise, repeat

import attrs

from .checks import check_int
from .known_tags import NO_KNOWN_TAGS, KnownTags

__all__ = ["TagReading", "clear_cache", "split_tags", "tag_readings"]

# ---------------------------------------------------------------------------- word model

# Costs are negative log probabilities (nats); lower is likelier.
_TERM_COST = 6.0  # a technology name from the term list
_ACRONYM_COST = 9.0  # an unknown run of 2 or 3 capitals: TV, GIS; longer ones cost more
# ... that is a term and one capital more (AIS, CPUS, EKSK): that capital more often starts
# the next tag, a word (AI|Sentry, CPU|Shard, EKS|Karpenter), than it makes another acronym
_TERM_AND_CAPITAL = 2.0
_PLURAL_NAME = 4.0  # a known name and an s: DataFrames, WebSockets
_CAMEL_GLUE = 3.0  # per extra part in an unknown CamelCase word (SpringApplication)
# Costs that say how humps group into tags, where the parts alone tie (Jdbc|TemplateTransaction
# against JdbcTemplate|Transaction): an unknown CamelCase word...
_REPEATED_HUMP = 4.0  # ... with a part twice (TemplateTransactionTemplate), per repeat
_NAME_LAST = 4.0  # ... ending in a name of the term list (InterceptorSpring): names lead (RedisTemplate)
_ACRONYM_BEFORE_WORD = 4.0  # ... with capitals before a capitalized part (NIOSelector), per such run
# ... with capitals before a lowercase part (UDPlatency): no labelled tag holds one unless a
# term (SQLite, IPsec), so it is most often two tags glued (UDP|latency)
_ACRONYM_BEFORE_LOWER = 6.0
# A word with a hump (below) no list knows, inside a tag of several words: a phrase's words are
# plain (one of the 798 labelled tags of several words holds one, W-TinyLFU), so a hump
# next to a phrase starts or ends a tag (Layered Design|Protobuf, UUID|data synchronization)
_CAMEL_IN_PHRASE = 6.0
# A tag of several words with a word of four letters or more, not all capitals, that no list
# knows: a phrase's words are known words (7 of the 798 labelled tags of several words hold
# such a word: resumable, splatting, tsconfig), and two tags glued where they meet make one
# (Bootlive quiz). Runs of capitals have costs of their own (CMSTV app or CMS|TV app).
_UNKNOWN_IN_PHRASE = 4.0
_CAPITAL_UNKNOWN = (4.0, 2.2)  # base and per-letter cost of an unknown Capitalized word
_LOWER_UNKNOWN = (14.0, 1.5)  # ... of an unknown lowercase word: lowercase tags are plain words
_OTHER_UNKNOWN = (16.0, 1.5)
_LONG_WORD = 0.25  # times the square of the letters past 7
_SINGLE_LETTER = 20.0
_LETTER_NAMES = frozenset("CR")  # languages of one letter: a capital that may be a tag of its own
_NUMBER = 8.0  # a word of digits alone (a version: 21, 8.0), as common in tags as a common word
_VERSION = re.compile(r"\d+(?:\.\d+)*")
_VERSIONED = 2.0  # a known word and its version number, unspaced: Vue3, JDK17, arm64, log4j2
_V_VERSION = re.compile(r"(?<=[A-Z]{2})v\d+(?:\.\d+)*$")  # after capitals: ARMv8, TLSv1.3
_LETTER_AFTER_DIGIT = 8.0
# A digit and 1, 2 or 3 capitals (5G, 2PC, 3DES) cost by their capitals; with more (4KHDR,
# most likely 4K|HDR) a base and 3 a capital.
_DIGIT_LED = (7.0, 10.0, 14.0)
_LONG_DIGIT_LED = 8.0
# The units a number may carry in a tag (16KB, 100G, 120Hz, 60fps, 1080p, 10x, 7nm),
# lowercased: a closed set, unlike acronyms (2024|AI, 100|PR, 2020|COVID).
_UNITS = frozenset(
    [
        *("b", "kb", "mb", "gb", "tb", "pb", "kib", "mib", "gib", "tib", "bit", "bits"),
        *("bps", "kbps", "mbps", "gbps", "gbe", "hz", "khz", "mhz", "ghz"),
        *("ns", "us", "µs", "ms", "s", "min", "h", "k", "m", "g", "t", "p", "i", "x"),
        *("w", "kw", "v", "mah", "fps", "nm", "mm", "cm", "km", "kg", "dpi", "ppi", "px"),
    ]
)
_LONGEST_UNIT = max(map(len, _UNITS))
# What ends a name after its dot, glued to the word of the next tag (Chart.js|dashboards,
# values.yaml|rollback, Ele.me|billing): file endings and domains, lowercased, a closed set.
_NAME_ENDINGS = frozenset(
    [
        *("js", "jsx", "ts", "tsx", "mjs", "py", "rb", "go", "rs", "java", "kt", "cpp", "sh", "vue"),
        *("json", "yml", "yaml", "xml", "toml", "ini", "cfg", "conf", "cnf", "properties", "env"),
        *("md", "txt", "csv", "html", "css", "sql", "log", "lock", "sum", "mod", "gradle"),
        *("io", "me", "com", "net", "org", "cn", "dev", "ai", "app"),
    ]
)
_LONGEST_ENDING = max(map(len, _NAME_ENDINGS))
# A number and a unit of one letter or more; one alone is no word, but a unit (1080p, 4k).
_NUMBER_UNIT = (10.0, 9.0)
_DIGIT_LETTER = re.compile(r"\d[^\W\d_]")
_KNOWN_DISCOUNT = 4.0  # a tag of a site's list is this much likelier than its words say
_COMPOUND = 4.0  # joining two known words into one (metaprogramming)
_LONG_FIRST = 7  # letters of a word that may lead glued words however rare it is
# An unknown name that starts with a fairly common word, before two known words, costs this
# much more than its letters: the word alone leads more often (Glacier|gevent, not Glacierg|event)
_NAME_OVER_WORD = 8.0
_LONGEST_GLUED = 48  # longer runs of lowercase letters are not searched for glued words
_TAG_COST = 2.0  # per tag
_COUNT_PRIOR = {1: 7.0, 2: 3.0, 3: 0.0, 4: 5.0, 5: 9.0}  # most lines hold 3 tags, some 2
_MANY_TAGS = 14.0
# Readings whose costs differ by less than this are "close": the split is a guess.
CLOSE = 2.0
# So is a best reading of one or two tags this dear: a line of unlikely tags, or of tags
# in another order than sorted (another site's). No labelled or generated line of either
# size that reads right costs over 61.4 (two rare real tags); a sixth of those that read
# wrong cost this much, and 46% of labelled lines shuffled out of order.
_UNLIKELY = 65.0
# A glue decision this much likelier than the next reading needs no scoring.
_SURE = 6.0
# Longest run of candidate cuts searched exhaustively (hostile input stays linear).
_SEARCH_LIMIT = 16
_CACHE_LIMIT = 1 << 15


class _Model:
    """The word list and the term list, loaded on first use."""

    def __init__(self) -> None:
        import gzip  # here, not at import time: only splitting tags needs the files
        from importlib import resources

        data = resources.files("feedparse_txt") / "data"
        # Lowercase word -> cost, from either list: one table, because lookups are
        # what splitting spends its time on and most of them miss the processor's
        # cache (a second table of the word list alone cost 13 MB and more misses).
        self.known: dict[str, float] = {}
        # A line per cost, "cost<TAB>word word ...": the words go into the table in C,
        # and one float object per cost is shared by every word that has it: the model
        # takes less memory and loads faster (a line a word: 1.5 times as long, and
        # 23 MB more at its peak), and a lookup writes only to those few objects'
        # reference counts (after a fork, as in parse_files, the words' pages stay shared).
        text = gzip.decompress((data / "words_by_cost.tsv.gz").read_bytes()).decode("ascii")
        for line in text.splitlines():
            cost, words = line.split("\t")
            self.known.update(zip(words.split(" "), repeat(int(cost) / 10)))
        terms = [
            line.strip()
            for line in (data / "tech_terms.txt").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        ]
        self.terms = {term.lower() for term in terms}
        # Names of one hump (Redis, JVM), spelled with a capital, unlike words of the field (queue).
        self.names_of_one_hump = {
            term.lower() for term in terms if term[0].isupper() and (term[1:].islower() or term.isupper())
        }
        term_costs = [(term, min(self.known.get(term, _TERM_COST), _TERM_COST)) for term in self.terms]
        self.known.update(term_costs)
        # The plural of a lowercase term, where the word list holds it, is as likely as a
        # name's (namespaces); the list's plurals of acronyms and names (gos, pythons) are not.
        plural_cost = _TERM_COST + _PLURAL_NAME
        for term in terms:
            listed = self.known.get(plural := term + "s", 0.0)
            if listed > plural_cost and len(term) > 3 and term.isalpha() and term.islower():
                self.known[plural] = plural_cost
        # Known names whose case changes are not boundaries (GitHub, InnoDB, iOS),
        # found in a line by one regex, factored as a trie so it runs in C quickly.
        names = [t for t in terms if _is_name(t)]
        self.camel = {name.lower() for name in names}
        self.name_starts = {name[: next(iter(_case_cuts(name)), len(name))].lower() for name in names}
        self.names = re.compile(_trie_pattern(names))
        # Tools of two lowercase letters (jq, uv): the only words of two that may end a
        # glued run (pip|uv) or start one after capitals (JSON|jq); any other two letters
        # there belong to a longer word.
        self.short_tools = {term for term in terms if len(term) == 2 and term.isalpha() and term.islower()}


def _is_name(term: str) -> bool:
    """A name whose letters would mislead the case rules: GitHub, iOS, Log4j, io_uring.

    Plain words and all-capital acronyms are left out: an acronym found inside a
    run of capitals (DI in IDID) says nothing.
    """
    if term.isalpha() and (term.isupper() or term.islower() or term.istitle()):
        return False
    return bool(_case_cuts(term)) or not term.isalpha()


def _trie_pattern(words: list[str]) -> str:
    """A regex matching any of ``words``, longest first, with shared prefixes factored."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:  # type: ignore[type-arg]
        ends = "" in node
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return pattern(trie)


_model: _Model | None = None


def load_word_model() -> None:
    """Load the word list now, not on the first split that needs it (so that
    processes forked afterwards share it)."""
    _load()


def _load() -> _Model:
    global _model
    if _model is None:
        _model = _Model()
    return _model


# ---------------------------------------------------------------------------- case changes

# The separators inside a tag's words, not spaces: a word before one goes on after it.
_JOINERS = frozenset("-\u2011/_")
# What a tag never starts or ends with, and what separates the words of a line
# (any whitespace, hyphens, slashes, underscores).
_SEPARATORS = _JOINERS | {chr(c) for c in range(0x3001) if chr(c).isspace()}


def _case_cuts(text: str) -> list[int]:
    """Offsets where a tag may start because the case changes.

    ``aB`` and ``1B`` (a capital after a lowercase letter, digit or symbol), and
    in a run of capitals followed by lowercase (``DSLService``), the last capital.
    A run of capitals before a lowercase word may also end the tag there
    (``SDK|configuration``); that cut is chosen in :func:`_acronym_cut`.
    """
    shape = _shape(text)
    cuts = []
    at = 0
    for piece in _PART.findall(shape):  # the words start exactly there
        k = at
        at += len(piece)
        if k and piece[0].isupper() and shape[k - 1] not in _SEPARATORS:
            cuts.append(_acronym_cut(text, k) if shape[k - 1].isupper() else k)
    return cuts


def _shape(text: str) -> str:
    """``text`` with its letters in any script as ASCII ones of the same case, so
    that one regex finds the words of any text; ASCII text as it is.

    Capitals read ``A``, small letters ``a``, digits ``0``, separators a space,
    and anything else ``.``; the words the regex finds keep their offsets.
    """
    if text.isascii() or not _NON_ASCII_LETTER.search(text):
        return text
    return "".join(map(_kind, text))


def _kind(char: str) -> str:
    """The ASCII character that stands for ``char`` in :func:`_shape`."""
    if char.isupper():
        return "A"
    if char.islower():
        return "a"
    if char.isdecimal():  # what \d matches in a regex
        return "0"
    return " " if char in _SEPARATORS else "."


def _acronym_cut(text: str, k: int) -> int:
    """Where a run of capitals before a lowercase word ends: before its last capital
    (``DSL|Service``, ``HA|Proxy``) or after it (``SDK|configuration``, ``SSO|auth``).

    After it when the lowercase letters start with a known word longer than any
    known word the last capital would start (``configuration`` against nothing;
    ``Sparse`` beats ``parse``).
    """
    return k + (_acronym_ending(text, k) == _AFTER)


# How a run of capitals ends before the lowercase word at k (see _acronym_cut).
_BEFORE, _AFTER, _EITHER = "before", "after", "either"  # either: SO|Alive or SOA|live


def _acronym_ending(text: str, k: int) -> str:
    """Whether a run of capitals ends before the capital at ``k``, after it, or
    either: the capital starts a word about as long as the lowercase letters after
    it do (``SO|Alive quiz`` or ``SOA|live quiz``, ``CDC|Pod`` or ``CDCP|od``), or
    they are a word that starts hyphenated terms (``SR|Eon-call`` or ``SRE|on-call``).
    One lowercase letter before capitals starts a name of them (``KVM|vCPU``)."""
    end = _lowercase_end(text, k + 1)
    if end - k == 3 and end < len(text) and text[end] in _JOINERS and text[k + 1 : end] in _HYPHENATED_STARTS:
        return _EITHER  # SR|Eon-call or SRE|on-call
    if end - k == 3 and text[end : end + 1] == " " and text[end + 1 : end + 2].islower():
        return _EITHER  # a short word starts a lowercase phrase: RTB|ad bidding or RT|Bad bidding
    if end - k == 2 and text[k + 1] == "v" and text[end : end + 1].isdigit():
        return _EITHER  # a version: ARMv8, MQTTv5; or a tag of its own: GFW|v2ray
    model = _model
    if model is None:
        return _BEFORE
    word = text[k:end]
    after = text[end : end + 2]
    if (
        end - k == 2
        and after.isalpha()
        and after.isupper()
        and text[k + 1] != "s"
        and word.lower() not in model.terms
    ):
        return _AFTER  # SDK|iOS; but APIs|DDD, Go|RPC
    ending = _ACRONYM_ENDS.get(word)
    if ending is None:
        ending = _ACRONYM_ENDS[word] = _ending_of(word, model)
    if ending == _AFTER:
        run = k
        while run and text[run - 1].isupper():
            run -= 1
        if text[run:k].lower() in model.terms and text[run : k + 1].lower() not in model.terms:
            return _EITHER  # a term before the capital: AI|Saga or AIS|aga, the scores decide
    return ending


_ACRONYM_ENDS: dict[str, str] = {}  # word after the capitals -> how the run ends


def _ending_of(word: str, model: _Model) -> str:
    """How a run of capitals ends before ``word`` (its last capital and the lowercase
    letters after it)."""
    if len(_ACRONYM_ENDS) > _CACHE_LIMIT:
        _ACRONYM_ENDS.clear()
    own = _longest_known_prefix(word[1:], model.known)
    if own < 3:
        return _EITHER if word[1:3] in model.short_tools else _BEFORE  # JSON|jq|yaml
    if own < 4 and word[:2].lower() in model.terms:  # a known short name outweighs a fragment: GMP|Go
        return _BEFORE
    # Unless the capital starts a known word as long or longer: much longer (Context
    # against ont), it belongs to that word; about as long, the search decides.
    other = _longest_known_prefix(word.lower(), model.known, longer_than=own - 1)
    return _AFTER if not other else _EITHER if other <= own + 1 else _BEFORE


# Only fairly common words count as evidence for a boundary; the rare end of the
# list holds fragments (``uer`` 15.3, ``sweb`` 16.8) that would mislead. Words of the
# field sit just under it (``hashing`` 14.1, ``pagination`` 14.2, ``decoupling`` 14.3).
_COMMON = 14.5


def _lowercase_lead(line: str, k: int, known: dict[str, float]) -> int:
    """A case change at ``k`` may belong one letter earlier: ``acceleration|vLLM``.

    When the lowercase word before ``k`` is not a word (nor, with the capital
    before it, a capitalized one: ``Nginx|SDN``) but is one without its last
    letter, and that letter stands before capitals, the capitals' name starts there;
    so too where words are glued before it: ``syscall|vDSO``, ``sidecar|xDS``.
    """
    word, capitalized = _word_before(line, k)
    if word in known or capitalized in known:
        return k
    shorter = min(
        known.get(word[:-1], math.inf), known.get(capitalized[:-1], math.inf) if capitalized else math.inf
    )
    if shorter <= _COMMON or (_ends_with_a_word(word[:-1], known) and not _ends_with_a_word(word, known)):
        return k - 1
    return k


def _ends_with_a_word(word: str, known: dict[str, float]) -> bool:
    """Whether ``word`` ends with a fairly common word of 3 to 20 letters, or a term."""
    return any(known.get(word[i:], math.inf) <= _COMMON for i in range(max(0, len(word) - 20), len(word) - 2))


def _plural_before_word(line: str, k: int, known: dict[str, float]) -> bool:
    """Whether the ``s`` at ``k``, after a run of capitals, may be the run's plural
    before a lowercase word: the letters after it start a longer known word than the
    ``s`` does (URLs|parsing, not URL|sparsing; but SSO|secrets)."""
    if line[k : k + 1] != "s" or not line[k + 1 : k + 2].islower():
        return False
    end = _lowercase_end(line, k + 1)
    return _longest_known_prefix(line[k + 1 : end], known) > _longest_known_prefix(line[k:end], known)


def _lowercase_end(text: str, k: int) -> int:
    """Where the lowercase letters from ``k`` end."""
    while k < len(text) and text[k].islower():
        k += 1
    return k


def _lowercase_before(line: str, k: int) -> bool:
    """Whether a lowercase word ends at ``k`` (``str.islower`` alone passes ``a3``:
    digits have no case)."""
    return line[k - 2 : k].islower() and line[k - 1].isalpha()


def _word_before(line: str, k: int) -> tuple[str, str]:
    """The lowercase word that ends at ``k``, lowercased, alone and with the capital
    before it ("" when there is none)."""
    start = k - 1
    while start > 0 and line[start - 1].islower():
        start -= 1
    word = line[start:k].lower()
    return word, (line[start - 1].lower() + word if start > 0 and line[start - 1].isupper() else "")


def _takes_a_letter(line: str, span: tuple[int, int], known: dict[str, float]) -> bool:
    """Whether a known name found at ``span`` that starts with a lowercase letter took
    it from the word before: ``Load Balancing|RPC`` holds ``gRPC``, ``Medium|TLS``
    holds ``mTLS``. So when the word before is a fairly common word with that letter, and
    a rarer one, or none, without it (``Order System|TLS``: the list holds ``syste``)."""
    a = span[0]
    if a == 0 or not line[a].islower() or not line[a - 1].islower():
        return False
    word, capitalized = _word_before(line, a)
    letter = line[a].lower()
    taking = known.get(capitalized + letter if capitalized else word + letter, math.inf)
    return taking <= _COMMON and taking < min(known.get(word, math.inf), known.get(capitalized, math.inf))


def _ends_with_short_word(part: str, joiner: str, known: dict[str, float]) -> bool:
    """Whether ``part``, which ``joiner`` continues, may end with the two-letter
    first word of a tag glued to a word of its own, after a fairly common word:
    before a hyphen, slash or underscore, one of the words that start hyphenated
    terms (``responseon|on-call``, ``Redis|in-memory``, ``Rust|embedded|no_std``);
    before a dot, any two lowercase letters, as the names of files and packages may
    start (``checksums|go.sum``, ``Actions|ci.yml``). Words of two letters are too
    short for the glue search, which looks for words of three or more; and a word of
    the list is not looked into for them before a hyphen (they are too cheap a cut:
    Spain-based, speedup-driven)."""
    lower = part.lower()
    end = len(part) - 2
    if joiner == "." and not part[end:].islower():
        return False
    if joiner != "." and (end < 3 or part[end:] not in _HYPHENATED_STARTS or lower in known):
        return False
    # The letters before end with a word of 2 to 20 letters: Go|checksums|go.sum.
    return any(known.get(lower[i:end], math.inf) <= _COMMON for i in range(end - 2, max(-1, end - 21), -1))


def _digit_word_starts(line: str, k: int, known: dict[str, float]) -> list[int]:
    """Where a word with digits inside may start in the word before the digits at
    ``k``: where a fairly common word ends, up to three letters before the digits or
    before a fairly common word (``Docker|k8s``, ``Prometheus exporter|k8s``,
    ``Java|i18n``, ``Linux|x86``, ``Java|python3``; not ``as|ideutf8mb4``). The glue
    search cannot see these: it reads letters only, and the letters before the digits
    are too few to be a word."""
    word, capitalized = _word_before(line, k)
    lower = capitalized or word
    size = len(lower)
    return [
        k - size + i
        for i in range(max(2, size - 6), size)
        if (i >= size - 3 or known.get(lower[i:], math.inf) <= _COMMON)
        and any(known.get(lower[j:i], math.inf) <= _COMMON for j in range(max(1, i - 2)))
    ]


_LETTERS_AFTER = re.compile(r"[^\W\d_]{4,20}")  # where a word may start: 4 to 20 letters


def _digit_word_ends(line: str, k: int, known: dict[str, float]) -> list[int]:
    """Where a word with digits inside ends one or two letters after the digits
    before ``k``: a known word (``k8s|operator``, ``i18n|localization``,
    ``log4j|logging``), or a name one letter after them where a fairly common word
    follows (``Hippo4j|dynamic``: 4j, for Java). Not ``HTML5p|attern``,
    ``ext4s|cheduled``: no word ends or starts there."""
    first = k - 1  # of the digits
    while first and line[first - 1].isdigit():
        first -= 1
    starts = range(max(0, first - 6), first)  # up to six letters before them
    ends = [
        end for end in (k + 1, k + 2) if end < len(line) and any(line[j:end].lower() in known for j in starts)
    ]
    word = k + 1 not in ends and _LETTERS_AFTER.match(line, k + 1)
    if word and _longest_known_prefix(word[0].lower(), known, longer_than=3):
        ends.append(k + 1)
    return ends


# The two-letter words that start hyphenated terms: at-least-once, by-product,
# co-location, de-duplication, in-memory, no-code, on-call, re-ranking, up-to-date.
# (Other short words of the list, such as ``ed``, would cut Compose|red-black tree.)
_HYPHENATED_STARTS = frozenset(["at", "by", "co", "de", "in", "no", "on", "re", "up"])


def _longest_known_prefix(word: str, known: dict[str, float], longer_than: int = 2) -> int:
    """Length of the longest fairly common word ``word`` starts with (3 to 20
    letters, longer than ``longer_than``); 0 if there is none."""
    for size in range(min(len(word), 20), longer_than, -1):
        if known.get(word[:size], math.inf) <= _COMMON:
            return size
    return 0


# ---------------------------------------------------------------------------- word costs

# A tag is never just one of these words (it would be part of a compound: Push|down).
_NOT_A_TAG = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "down",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "of",
        "off",
        "on",
        "or",
        "out",
        "over",
        "the",
        "to",
        "up",
        "with",
    ]
)


def _word_cost(word: str) -> float:
    """Cost of one word of a tag (no spaces); CamelCase words by their parts."""
    cost = _WORD_COSTS.get(word)
    if cost is not None:
        return cost
    model = _load()
    lower = word.lower()
    listed = model.known.get(lower)  # as the word list has it unless a term, caught first
    if lower in model.terms:
        cost = _TERM_COST
    elif word[-1] == "s" and lower[:-1] in model.camel:
        cost = _TERM_COST + _PLURAL_NAME
    elif listed is not None and (word.islower() or (word[:1].isupper() and word[1:].islower())):
        cost = listed
    elif word.isupper() and len(word) >= 2:
        cost = _acronym_cost(word)
    elif (
        len(word) <= 6
        and sum(map(str.isupper, word)) >= len(word) - 2 >= 1
        and not word[0].isdigit()
        and not _ends_with_a_name(word, model)
    ):
        cost = _acronym_cost(word) + 2.0  # mostly capitals: DDoS, ArkTS
    elif listed is not None:
        cost = listed + 2.0
    else:
        cuts = [] if word[1:].islower() or not word[1:] else _case_cuts(word)
        if cuts:
            cost = _camel_cost([word[a:b] for a, b in pairwise([0, *cuts, len(word)])], model)
        else:
            cost = _unknown_cost(word)
            if word.islower():
                tails = _known_tails(word, min(6, len(word) - 2), model.known)
                cost = min(cost, _compound_cost(word, 0, tails, model))
    if word[-1].isdigit() and len(name := word.rstrip("0123456789")) > 1 and _is_versioned(name, model):
        cost = min(cost, _word_cost(name) + _VERSIONED)
    elif word[-1].isdigit() and (capitals := _V_VERSION.sub("", word)) != word and capitals.isupper():
        cost = min(cost, _word_cost(capitals) + _VERSIONED)  # capitals, v and a version: ARMv8, TLSv1.3
    elif word[0].isdigit() and (unit := _after_number(word)).lower() in _UNITS and not unit.isupper():
        cost = min(cost, _number_with_unit(unit))  # 60fps, 2.4GHz, 1080p
    if len(_WORD_COSTS) > _CACHE_LIMIT:
        _WORD_COSTS.clear()
    _WORD_COSTS[word] = cost
    return cost


# Capitals, then a capitalized hump: DBGo, JSVue.
_CAPITALS_THEN_HUMP = re.compile(r"[A-Z]+([A-Z][a-z]+)")


def _ends_with_a_name(word: str, model: _Model) -> bool:
    """Whether ``word`` is capitals and a name of one hump (DBGo, JSVue): two tags,
    AlloyDB|Go, not a word of mostly capitals (ARKit, ZSet, DSPy are such words)."""
    match = _CAPITALS_THEN_HUMP.fullmatch(word)
    return match is not None and match.group(1).lower() in model.names_of_one_hump


def _number_with_unit(unit: str) -> float:
    """Cost of a number and ``unit``, one of _UNITS, as one word (16KB, 60fps)."""
    return _NUMBER_UNIT[min(len(unit), len(_NUMBER_UNIT)) - 1]


def _after_number(word: str) -> str:
    """What follows the number ``word`` starts with (``GHz`` of ``2.4GHz``)."""
    number = _VERSION.match(word)
    return word[number.end() :] if number else word


def _is_versioned(name: str, model: _Model) -> bool:
    """Whether ``name``, which digits follow, is a known word or term (Vue3, arm64,
    JDK17). Capitals that are no term are an acronym with the digits (FP16, INT8)."""
    lower = name.lower()
    return lower in model.terms or (lower in model.known and not name.isupper())


def _compound_cost(lower: str, start: int, tails: dict[int, float], model: _Model) -> float:
    """``lower[start:]`` as a compound of a short common word and another:
    metaprogramming, overselling, lakehouse. (A long first word, as in
    ``decoratorsmeta``, is two words glued, not a compound; so is a name of the
    term list and a word: ``pinia|recursion``, ``npm|sharding``.)

    ``tails`` maps offsets in ``lower`` to the cost of the known word ending it there.
    """
    best = math.inf
    for i in range(start + 2, min(start + 6, len(lower) - 2)):
        tail = tails.get(i)
        if tail is not None:
            first = model.known.get(lower[start:i], math.inf)
            if first <= _COMMON and lower[start:i] not in model.terms:
                best = min(best, first + tail + _COMPOUND)
    return best


def _known_tails(lower: str, stop: int, known: dict[str, float]) -> dict[int, float]:
    """Offset -> cost of each known word that ends ``lower`` and starts in ``[2, stop)``."""
    return {i: c for i in range(2, stop) if (c := known.get(lower[i:])) is not None}


def _acronym_cost(word: str) -> float:
    """Short unknown acronyms are common (TV, GIS); long ones rarer; a doubled one
    (IDID) is two tags that share a word. One digit and a few capitals are common
    too (5G, 2PC, 3DES), but not more capitals (4KHDR is 4K|HDR), nor capitals after
    a digit inside (3GPP5G is 3GPP|5G); a longer number takes a unit (16KB, 100G), not
    an acronym (996|ICU, 2024|AI). A term and one capital more is rarer still (see
    _TERM_AND_CAPITAL)."""
    letters = _after_number(word) if word[0].isdigit() else word
    if letters.isalpha() and letters != word:
        capitals = len(letters)
        if len(word) - capitals > 1:
            if letters.lower() in _UNITS:
                return _number_with_unit(letters)
        elif capitals <= len(_DIGIT_LED):
            return _DIGIT_LED[capitals - 1]
        else:
            return _LONG_DIGIT_LED + 3.0 * capitals
    if _doubled(word):
        return _ACRONYM_COST + 15.0
    inner_digits = _LETTER_AFTER_DIGIT * len(_DIGIT_LETTER.findall(word, 1))
    if letters != word:  # a second number after the first's letters: 4K60 is 4K|60fps
        inner_digits += _LETTER_AFTER_DIGIT
    terms = _load().terms
    extended = (
        _TERM_AND_CAPITAL
        if word[-1].isupper() and word[:-1].lower() in terms and word.lower() not in terms
        else 0.0  # not a plural: LLMs
    )
    return _ACRONYM_COST + 3.0 * max(0, len(word) - 3) + inner_digits + extended


def _doubled(word: str) -> bool:
    """Whether ``word`` is one run twice (IDID, RTOSRTOS)."""
    half = len(word) // 2
    return len(word) % 2 == 0 and word[:half] == word[half:]


def _camel_cost(parts: list[str], model: _Model) -> float:
    """A CamelCase word by its humps, known names (ClassLoader) counting as one part.

    The parts' costs add up alike however a line's humps group into tags, so what
    says which group is the word's shape: a hump twice in it is most often the humps
    of two tags that share a word (``JdbcTemplate|TransactionTemplate``); a word ends
    in a common noun, not a name (``HandlerInterceptor|Spring``, but ``RedisTemplate``);
    and capitals before a capitalized hump are more often a tag of their own
    (``NIO|Selector``, ``JUC|SoftReference``) than its first part (``HTTPClient``)."""
    best = [0.0] + [math.inf] * len(parts)
    for start, part in enumerate(parts):
        glue = _CAMEL_GLUE if start else 0.0
        cost = best[start] + _word_cost(part) + glue
        if cost < best[start + 1]:
            best[start + 1] = cost
        name = part.lower()
        if name in model.name_starts:  # a name of up to four humps may start here
            for end in range(start + 1, min(len(parts), start + 4)):
                name += parts[end].lower()
                if name in model.camel and (cost := best[start] + _TERM_COST + glue) < best[end + 1]:
                    best[end + 1] = cost
    humps = [part.lower() for part in parts]
    cost = best[-1] + _REPEATED_HUMP * (len(humps) - len(set(humps)))
    if len(parts) > 1 and humps[-1] in model.names_of_one_hump:
        cost += _NAME_LAST
    for a, b in pairwise(parts):
        if len(a) > 1 and a.isupper():
            if b[0].isupper() and b[1:].islower():
                cost += _ACRONYM_BEFORE_WORD
            elif b.islower():
                cost += _ACRONYM_BEFORE_LOWER
    return cost


_WORD_COSTS: dict[str, float] = {}
# Capitals before a capitalized hump (JVMTree), not an acronym's plural (GPUs, GPUsLLM).
_ACRONYM_THEN_HUMP = re.compile(r"[A-Z]{2}(?!s(?![a-z]))[a-z]")


def _unknown_cost(word: str) -> float:
    """Cost of a word that no list knows, by its case and length."""
    if _VERSION.fullmatch(word):
        return _NUMBER  # a version or a count: Java 21, Redis 7, HTTP/3, MySQL 8.0
    # Letters after a digit are rare inside a word (k8s, i18n are terms): ext4|hash, V8|token.
    penalty = _LETTER_AFTER_DIGIT * len(_DIGIT_LETTER.findall(word))
    if word[:1].isupper() and word[1:].islower():
        return _guess(len(word), _CAPITAL_UNKNOWN) + penalty
    return _guess(len(word), _LOWER_UNKNOWN if word.islower() else _OTHER_UNKNOWN) + penalty


def _guess(size: int, kind: tuple[float, float]) -> float:
    """Cost of an unknown word of ``size`` letters, for a kind's (base, per letter).

    Long unknown words are much rarer than short ones (more likely two words glued),
    so the cost grows faster than the length; a single letter is hardly ever a word
    of a tag.
    """
    if size == 1:
        return _SINGLE_LETTER
    base, per = kind
    return base + per * size + _LONG_WORD * max(0, size - 7) ** 2


# The same costs by length, for the glue search's inner loops (a list index, not a call).
_NAME_GUESS = [_guess(size, _CAPITAL_UNKNOWN) for size in range(_LONGEST_GLUED + 1)]
_LOWER_GUESS = [_guess(size, _LOWER_UNKNOWN) for size in range(_LONGEST_GLUED + 1)]


def _glue_points(part: str) -> tuple[list[int], float, list[int]]:
    """Where words may be glued inside ``part``, a word no list knows.

    ``part`` has no case change (``Architecturecaching``, ``avalanchecache``).
    Returns the boundaries of its likeliest reading as known words (the first may
    be an unknown name: ``Seckill|high``; the last an unknown word), nothing when
    it is likeliest one word; the cost margin over the runner-up; and the
    runner-up's boundaries (``systemd|anmaku`` beats ``system|danmaku`` by 2.8).
    """
    cached = _GLUE.get(part)
    if cached is None:
        too_long = len(part) > _LONGEST_GLUED
        cached = ([], math.inf, []) if too_long else _segment(part.lower(), part[0].isupper())
        if len(_GLUE) > _CACHE_LIMIT:
            _GLUE.clear()
        _GLUE[part] = cached
    return cached


# part -> (glue points, how much likelier they are than the next reading, its points)
_GLUE: dict[str, tuple[list[int], float, list[int]]] = {}

Option = tuple[float, list[int]]  # a reading of glued words: cost, boundaries


def _segment(lower: str, name: bool) -> tuple[list[int], float, list[int]]:
    """Best reading of ``lower`` as glued words: (boundaries, margin to the next
    reading with other boundaries, that reading's boundaries).

    One word, two (``head|tail``, the head maybe an unknown name: ``Seckill|high``)
    or three. The known words it ends with are looked up once and shared by every
    reading.
    """
    model = _load()
    tails = _known_tails(lower, len(lower) - 2, model.known)
    if lower[-2:] in model.short_tools and len(lower) >= 5:  # after a word of three or more: pip|uv
        tails[len(lower) - 2] = _TERM_COST
    options, clear = _one_or_two_words(lower, 0, name, tails, model)
    if not clear and len(lower) >= 4:
        options.extend(_three_words(lower, name, tails, model))
    # The first of the cheapest wins; the runner-up is the next reading with other points.
    options.sort(key=_OPTION_COST)
    best_cost, points = options[0]
    runner_up, other = next(((cost, other) for cost, other in options if other != points), (math.inf, []))
    return points, runner_up - best_cost, other


def _one_or_two_words(
    lower: str, start: int, name: bool, tails: dict[int, float], model: _Model
) -> tuple[list[Option], bool]:
    """Readings of ``lower[start:]`` as one word or as ``head|tail`` (the tail a known
    word, the head maybe unknown: a name if ``name``; or, for a word no list knows,
    the head a known word and the tail unknown); and whether one of them is two
    known words (then no reading of three needs a look)."""
    known = model.known
    size = len(lower)
    guess = _NAME_GUESS if name else _LOWER_GUESS
    listed = known.get(lower[start:])
    if listed is not None:
        whole = listed
    elif name:
        whole = guess[size - start]
    else:
        whole = min(guess[size - start], _compound_cost(lower, start, tails, model))
    options: list[Option] = [(whole, [])]
    clear = False
    if size - start >= 4:
        for i, tail in tails.items():
            if i - start >= 2:
                head = known.get(lower[start:i])
                if head is None:
                    options.append((guess[i - start] + tail, [i]))
                else:
                    options.append((head + tail, [i]))
                    clear = clear or i - start > 2
        if listed is None and not clear:
            # A known word and a word no list knows: containerd|runc, asyncio|uvloop.
            for i in range(start + 3, size - 2):
                if i not in tails and (head := known.get(lower[start:i])) is not None:
                    options.append((head + _LOWER_GUESS[size - i], [i]))
    return options, clear


_OPTION_COST = operator.itemgetter(0)


def _three_words(lower: str, name: bool, tails: dict[int, float], model: _Model) -> list[Option]:
    """Readings as a fairly common word, a long one (a rare word of seven letters or
    more is seldom letters of other words: lockstep|netcode|rollback) or a short name,
    and the best reading of the rest: Architecture|caching|content,
    Python|decorators|metaprogramming, Go|goroutine; and a word no list knows before
    two known ones: Paimon|lakehouse|streaming, danmaku|interaction|live. Where a
    fairly common word starts it, only a name may be such a word, and at a cost
    (Bootmem|consensus|multiplexing and Scanpy|clustering|single, but Loom|rebalance|session,
    not Loomre|balance|session); where a term starts it, none (React|hooks|performance)."""
    known = model.known
    size = len(lower)
    firsts = [
        (j, c)
        for j in range(2, size - 1)
        if (c := known.get(lower[:j])) is not None
        and ((j > 2 and (c <= _COMMON or j >= _LONG_FIRST)) or lower[:j] in model.terms)
    ]
    options = []
    for j, first in firsts[-3:]:
        cost, points = min(_one_or_two_words(lower, j, False, tails, model)[0], key=_OPTION_COST)
        options.append((first + cost, [j, *points]))
    word_led = any(j >= 4 and c <= _COMMON for j, c in firsts)
    if not word_led or (name and not any(lower[:j] in model.terms for j, _ in firsts)):
        guess = _NAME_GUESS if name else _LOWER_GUESS
        extra = _NAME_OVER_WORD if word_led else 0.0
        for i, tail in tails.items():
            for j in range(3, i - 2):
                middle = known.get(lower[j:i])
                if middle is not None:
                    options.append((guess[j] + middle + tail + extra, [j, i]))
    return options


# ---------------------------------------------------------------------------- candidates


@attrs.frozen
class TagReading:
    """One way to read a tag line, with its cost (lower is likelier).

    >>> tag_readings("Backend ArchitectureDSLService Orchestration")[0].tags
    ('Backend Architecture', 'DSL', 'Service Orchestration')
    """

    tags: tuple[str, ...]
    cost: float
    #: the split is a guess: another reading is nearly as likely, or the line reads only
    #: as one or two unlikely tags (tags of words no list knows, or not in sorted order)
    close: bool = False


# What _candidates finds in a line:
# - certain: case changes, taken unless order or a known name says otherwise;
# - glue: where the word list sees two words glued, taken if the result reads well;
# - undecided: inside runs of capitals (RPC|SSO), after a digit (SLF4J), around a word
#   with digits inside (Docker|k8s|operator), after a lone capital (R&D|engineering):
#   always scored;
# - names: where known mixed-case names stand (GitHub, iOS);
# - doubt: the smallest margin of a glue decision (inf: none was close to call);
# - kept: where words start that no list knows and that a glue decision kept whole, but not
#   surely (two words glued, as the runner-up reads them, are nearly as likely);
# - alternatives: the runner-up's glue points where a decision is not sure (_SURE), weighed
#   when the line is searched: the search knows more than the word list (the line's order and
#   its tags): Bilibili|comment system|danmaku, where the word list reads systemd|anmaku.
_Candidates = tuple[list[int], list[int], list[int], list[tuple[int, int]], float, list[int], list[int]]


_NON_ASCII_LETTER = re.compile(r"[^\W\d_\x00-\x7f]")
# The words of a line between separators and case changes: capitals before a
# capitalised word (DSL|Service), a word that may start with a capital, a run of
# capitals (or its plural: GPUs), digits, symbols; and the separators between them. Found
# by the regex engine, not a character loop.
_PART = re.compile(
    r"[A-Z]{2,}s(?![a-z])|[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+|[^\sA-Za-z\d\-\u2011/_]+|[\s\-\u2011/_]+"
)


def _words_and_separators(line: str) -> list[str]:
    """The words of ``line`` and the separators between them, in order; a case
    change starts a new word. Their lengths add up to the line's."""
    shape = _shape(line)
    if shape is line:
        return _PART.findall(line)
    pieces = []
    at = 0
    for piece in _PART.findall(shape):
        pieces.append(line[at : at + len(piece)])
        at += len(piece)
    return pieces


def _candidates(line: str) -> _Candidates:
    model = _model or _load()
    known = model.known
    certain: list[int] = []
    glue: list[int] = []
    undecided: list[int] = []
    alternatives: list[int] = []
    doubt = math.inf
    kept: list[int] = []
    end = -1
    size = len(line)
    at = 0
    lead = -1  # where capitals after a lowercase word start, decided with that word
    names = (
        [
            span
            for match in model.names.finditer(line)
            if not _takes_a_letter(line, span := match.span(), known)
        ]
        if model.names.search(line)
        else []
    )
    name_ends = {stop for _, stop in names} if names else _NO_CUTS
    for part in _words_and_separators(line):
        start = at
        at += len(part)
        if part[0] in _SEPARATORS:
            continue
        if start == end:  # right after the previous word: a case change, or a symbol or digit
            before = line[start - 1]
            if part[0].islower():
                if before == "." and line[start - 2 : start - 1].isalnum():
                    # A dot between letters or digits joins a name (D3.js, go.sum, my.cnf), which
                    # may end with a file or domain ending glued to a word: Chart.js|dashboards.
                    # (The part is a run of lowercase letters.)
                    undecided.extend(
                        start + k
                        for k in range(2, min(len(part) - 1, _LONGEST_ENDING + 1))
                        if part[:k] in _NAME_ENDINGS
                    )
                elif not before.isalpha():
                    undecided.append(start)  # HTTP/2|multiplexing, C++|memory; but Log4j, Node.js
                    if before.isdigit():  # or a letter or two later: k8s|operator, i18n|localization
                        undecided.extend(_digit_word_ends(line, start, known))
                        for cut in _unit_ends(line, start):  # 10x|engineering, 3x|camera|zoom
                            undecided.append(cut)
                            if at - cut >= 4:
                                undecided.extend([cut + g for g in _glue_points(line[cut:at])[0]])
            elif part[0].isdigit():
                if before.islower():
                    undecided.extend(_digit_word_starts(line, start, known))  # Docker|k8s, Java|i18n
                if before.isalpha() and _digit_led(line, start):
                    undecided.append(start)  # 4G|5G, 3GPP|5G, 120Hz|4K
            elif part[0].isupper() and (before.isalnum() or before in "+#)"):
                if before.isdigit() and _digit_led(line, start - 1):
                    # SLF4J is one name, HTTP2Netty two; and 5G|MEC, 2PC|Saga, 3DES|AES
                    undecided.append(start)
                    undecided.extend(_digit_led_ends(line, start))
                    undecided.extend(_unit_ends(line, start))  # 240Hz|esports
                elif before.isupper():
                    plural = _plural_before_word(line, start + 1, known)
                    if plural:
                        undecided.append(start + 2)
                    ending = _acronym_ending(line, start)
                    cut = start + (ending == _AFTER)
                    lone = start < 2 or not line[start - 2].isupper()
                    # One capital before a word is more often a name (JMeter) than a tag;
                    # after a digit that leads a tag, those cuts are weighed already (3D|Blender).
                    if ending == _EITHER:
                        undecided.extend((start, start + 1))  # the scores and the order decide
                    elif not (lone and start >= 2 and _digit_led(line, start - 2)):
                        (undecided if (lone and cut == start) or plural else certain).append(cut)
                    part, start = part[cut - start :], cut
                elif start + 1 < size and line[start + 1].isupper() and _lowercase_before(line, start):
                    # accelerationv|LLM or acceleration|vLLM: decided at the word before,
                    # whose end met the same conditions
                    certain.append(lead)
                elif glue and 0 < start - glue[-1] <= 5 and _lowercase_end(line, glue[-1]) == start:
                    # A short word glued to the lowercase word before: in sorted order no tag
                    # of capitals follows it, so either that glue point or this hump is no
                    # cut, and the hump may be inside a name: Hooks|useReducer, frontend|useEffect.
                    undecided.append(start)
                elif (
                    not (start >= 4 and line[start - 4 : start].islower())
                    and before.islower()
                    and start + 1 not in name_ends
                    and known.get(part.lower(), math.inf) > _COMMON
                    and _longest_known_prefix(part[1:].lower(), known, longer_than=4)
                ):
                    # A capital after a hump of one to three letters, before a word of five or
                    # more that it makes no word with, may end a name: DoH|privacy, PyG|graph,
                    # NVMe-oF|storage (a known name that ends there, IoC|roadmap, is decided).
                    undecided.extend((start, start + 1))
                else:
                    certain.append(start)
        end = at
        if at + 1 < size and line[at].isupper() and _lowercase_before(line, at):
            letter = _lowercase_lead(line, at, known)
            if line[at + 1].isupper():
                lead = letter
            elif letter < at:  # storage|iCloud: in sorted order no capitalized tag follows a lowercase one
                undecided.append(letter)
            if letter < at:
                part = part[:-1]  # its last letter starts the next name: acceleration|vLLM
        if (
            at < size
            and (line[at] in _JOINERS or (line[at] == "." and line[at + 1 : at + 2].isalpha()))
            and _ends_with_short_word(part, line[at], known)
        ):
            undecided.append(at - 2)  # response|on-call, Redis|in-memory, Go|go.mod: the scores decide
        if start + 1 in name_ends:
            # A known name ends with this word's first letter (DDoS|distributed, IoC|goroutine,
            # Log4j|retry): the word is the rest, and glue is looked for in it alone.
            part, start = part[1:], start + 1
        # Short words have nothing inside to weigh, but three capitals before the capital
        # that starts a word may end in it as two acronyms: UI|UX|design (UIUXdesign).
        if len(part) < 4 and not (len(part) == 3 and part.isupper() and line[at : at + 1].isupper()):
            continue
        listed = known.get(part.lower())
        if part[1:].islower():
            # The rare end of the word list holds words glued on the web (checkservice):
            # only a fairly common word is read whole without a look for glue inside.
            if listed is not None and listed <= _COMMON:
                continue
            points, margin, other = _glue_points(part)
            if points:
                glue.extend([start + g for g in points])
            if margin < _SURE:  # the runner-up's points too, for the search to weigh
                alternatives.extend([start + g for g in other if g not in points])
                if not points and listed is None:
                    kept.append(start)
            if margin < doubt:
                doubt = margin
            if (
                (
                    (start and (line[start - 1] in "&/-\u2011" or _digit_led(line, start - 1)))
                    or part[0] in _LETTER_NAMES
                )
                and part[0].isupper()
                and _longest_known_prefix(part[1:].lower(), known, longer_than=3)
            ):
                # a lone capital ends a tag: R&D|engineering, RISC-V|memory, or is one, a
                # language (C|linker); the rest is a lowercase word, with its own glue
                # points: I/O|epoll|non-blocking
                undecided.append(start + 1)
                undecided.extend([start + 1 + g for g in _glue_points(part[1:])[0]])
        elif (part.isupper() or part[:-1].isupper()) and (listed is None or listed > _COMMON):
            # inside a run of capitals (or its plural: AI|LLMs) that is no fairly common word
            # (a rare one, uiu, is no evidence): RPC|SSO; its last may start a name with
            # digits or a symbol: GPU|H100, TLS|X.509, OKR|R&D
            after = line[at : at + 2]
            digits = after[:1].isdigit() or (after[:1] == "." and after[1:].isdigit())
            symbol = after[:1] == "&" and after[1:].isalpha()
            # ... or the run goes on with the capital before a word: CV|OCR|image (CVOCRimage)
            longer = after[:1].isupper() and _acronym_ending(line, at) != _BEFORE
            undecided.extend(range(start + 2, end if digits or symbol or longer else end - 1))
    return certain, glue, undecided, names, doubt, kept, alternatives


def _digit_led(line: str, k: int) -> bool:
    """Whether the number with a digit at ``k`` may start a tag that goes on with
    letters (5G, 2PC, 3DES, 120Hz, 60fps): at the start of the line, where digits
    sort; one digit after a capital (4G|5G, 3GPP|5G); or after any letter in a line
    led by a number that sorts no later, as only tags of digits may come before
    it (120Hz|4K, 4K|60fps)."""
    if not line[k].isdigit():
        return False
    first, end = k, k + 1  # the number's bounds
    while first and _in_number(line, first - 1):
        first -= 1
    while end < len(line) and _in_number(line, end):
        end += 1
    if end == len(line) or not line[end].isalpha():
        return False
    if not first:
        return True
    before = line[first - 1]
    if before.isupper() and end == first + 1 and line[end].isupper():
        return True  # one digit after a capital: 4G|5G, 3GPP|5G (but A100, H100 are names)
    return before.isalpha() and line[0].isdigit() and line[0] <= line[first]


def _unit_ends(line: str, k: int) -> list[int]:
    """Where a unit of the number before ``k`` ends, a tag of letters glued after it
    (``240Hz|esports``, ``3x|camera``), in a line led by a number, when that number
    may lead a tag."""
    if not line[0].isdigit() or not _digit_led(line, k - 1):
        return []
    return [
        k + size
        for size in range(1, _LONGEST_UNIT + 1)
        if k + size < len(line) and line[k + size].isalpha() and line[k : k + size].lower() in _UNITS
    ]


def _in_number(line: str, i: int) -> bool:
    """Whether ``line[i]`` is a digit or a decimal point between two (2.4GHz)."""
    if line[i] == ".":
        return 0 < i < len(line) - 1 and line[i - 1].isdigit() and line[i + 1].isdigit()
    return line[i].isdigit()


def _digit_led_ends(line: str, k: int) -> list[int]:
    """Where such a tag may end, the first of its capitals at ``k``: after one, two or
    three of them (5G|MEC, 2PC|Saga, 3DES|AES)."""
    return [
        k + size
        for size in (1, 2, 3)
        if k + size < len(line)
        and (capitals := line[k : k + size]).isalpha()
        and capitals.isupper()
        and _can_cut(line, k + size)
    ]


def _can_cut(line: str, k: int) -> bool:
    """Whether a tag may start or end at ``k``: never next to a space or separator."""
    return k <= 0 or k >= len(line) or (line[k - 1] not in _SEPARATORS and line[k] not in _SEPARATORS)


def _can_stand(line: str, span: tuple[int, int]) -> bool:
    """Whether a known tag found at ``span`` can stand as a tag there (not ``Cache``
    inside ``Cache Patterns``): no separator next to it. Its own first or last
    character may be one (``__init__.py``): the list says so."""
    start, end = span
    return (start == 0 or line[start - 1] not in _SEPARATORS) and (
        end == len(line) or line[end] not in _SEPARATORS
    )


def _best_cover(line: str, spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Of overlapping places of known tags, the cover that explains most of the line;
    of those, one whose tags are in order, then the one of fewest tags
    (``SwiftUI``, not ``Swift|UI``)."""
    # best[i]: (letters covered, pieces in order, chosen spans) using spans[i:]
    best: list[tuple[int, bool, tuple[tuple[int, int], ...]]] = [(0, True, ())] * (len(spans) + 1)
    for i in range(len(spans) - 1, -1, -1):
        start, end = spans[i]
        following = next((j for j in range(i + 1, len(spans)) if spans[j][0] >= end), len(spans))
        covered, ordered, chosen = best[following]
        first = line[start:end]
        ordered = ordered and (not chosen or first < line[chosen[0][0] : chosen[0][1]])
        take = (end - start + covered, ordered, ((start, end), *chosen))
        best[i] = max(take, best[i + 1], key=lambda option: (option[0], option[1], -len(option[2])))
    return best[0][2]


def _pieces(line: str, cuts: Iterable[int]) -> tuple[str, ...]:
    bounds = [0, *cuts, len(line)]
    return tuple([line[a:b] for a, b in pairwise(bounds)])


_NO_CUTS: frozenset[int] = frozenset()


def _in_order(tags: tuple[str, ...]) -> bool:
    return all(map(operator.lt, tags, tags[1:]))


# ---------------------------------------------------------------------------- scoring


def _tag_cost(tag: str) -> float:
    cost = _TAG_COSTS.get(tag)
    if cost is None:
        model = _load()
        words = [tag] if tag.isalnum() else [w for w in _WORD_BREAKS.split(tag) if w]
        cost = _TAG_COST + sum(map(_word_cost, words))
        if len(words) > 1:
            cost += _phrase_cost(words, model)
        if "-" in tag or "/" in tag or "\u2011" in tag or " " in tag:
            # A capital alone after a hyphen or slash is a word of a name (RISC-V, A/B,
            # Objective-C), and a language of one letter a word of a phrase (embedded C),
            # not a stray letter: it costs as an acronym.
            for letter in _LONE_CAPITAL.findall(tag):
                cost -= max(0.0, _word_cost(letter) - _ACRONYM_COST)
        lower = tag.lower()
        if lower in model.terms:
            cost = min(cost, _TAG_COST + _TERM_COST)
        elif tag[-1] == "s" and lower[:-1] in model.camel:
            cost = min(cost, _TAG_COST + _TERM_COST + _PLURAL_NAME)
        elif tag in _LETTER_NAMES:
            cost = _TAG_COST + _ACRONYM_COST  # a language (C, R): as likely as a short acronym
        elif lower in _NOT_A_TAG:
            cost += 10.0
        if len(_TAG_COSTS) > _CACHE_LIMIT:
            _TAG_COSTS.clear()
        _TAG_COSTS[tag] = cost
    return cost


def _phrase_cost(words: list[str], model: _Model) -> float:
    """What the words of a tag of several words add to its cost: a phrase's words are
    plain words a list knows (see _CAMEL_IN_PHRASE, _UNKNOWN_IN_PHRASE)."""
    cost = 0.0
    if any(_HUMP.search(w) and w.lower() not in model.terms for w in words):
        cost += _CAMEL_IN_PHRASE
    if any(
        len(w) > 3 and w.isascii() and w.isalpha() and not w.isupper() and w.lower() not in model.known
        for w in words
    ):
        cost += _UNKNOWN_IN_PHRASE
    return cost


_TAG_COSTS: dict[str, float] = {}
# A word's hump: a lowercase letter, then a capital (KafkaRead), or capitals, then a lowercase
# letter (UUIDdata), but not the plural of an acronym (APIs).
_HUMP = re.compile("[a-z][A-Z]|" + _ACRONYM_THEN_HUMP.pattern)
# Between the words of a tag: separators, and a dot or ``::`` before a letter, as in
# file, package and path names (build.gradle, java.util.concurrent, std::vector; not
# a version: MySQL 8.0).
_WORD_BREAKS = re.compile(r"[\s\-\u2011/_]+|(?<=[^\W_])(?:\.|::)(?=[^\W\d_])")
_LONE_CAPITAL = re.compile(
    rf"(?<=[\-\u2011/])[A-Z](?![^\W_])|(?<!\S)[{''.join(sorted(_LETTER_NAMES))}](?!\S)"
)


def _known_tag_cost(known: AbstractSet[str], page_tag: str | None, tag: str) -> float:
    """A tag's cost where some tags are known: a known one costs less, and the page's
    own tag least, never less than a tag does (the search's bound needs no cost below it)."""
    if tag == page_tag:
        return _TAG_COST
    cost = _tag_cost(tag)
    return max(_TAG_COST, cost - _KNOWN_DISCOUNT) if tag in known else cost


def _search(
    line: str,
    cuts: list[int],
    forced: AbstractSet[int],
    keep: int,
    extra: int = _SEARCH_LIMIT,
    tag_cost: Callable[[str], float] = _tag_cost,
) -> list[tuple[float, tuple[str, ...]]]:
    """The ``keep`` best sorted readings that cut at every ``forced`` cut and at no
    more than ``extra`` of the other ``cuts`` (by default, any of the at most
    ``_SEARCH_LIMIT``); best first, ties by their tags.

    Depth first, in sorted order only, and branch and bound: every tag costs at
    least ``_TAG_COST``, so a partial reading already as dear as the ``keep``-th
    best found is dropped. The same readings as scoring every subset of the cuts.
    """
    points = [0, *cuts, len(line)]
    last = len(points) - 1
    kept = [point in forced for point in points]
    found: list[tuple[float, tuple[str, ...]]] = []
    bound = [math.inf]

    def extend(i: int, previous: str, tags: tuple[str, ...], spent: float, left: int) -> None:
        for j in range(i + 1, last + 1):
            tag = line[points[i] : points[j]]
            if tag > previous:
                cost = spent + tag_cost(tag)
                if j == last:
                    if cost <= bound[0]:
                        whole = (*tags, tag)
                        total = cost + _COUNT_PRIOR.get(len(whole), _MANY_TAGS)
                        if total <= bound[0]:
                            found.append((total, whole))
                            if len(found) >= keep:
                                found.sort()
                                bound[0] = found[keep - 1][0]
                elif cost < bound[0] and (kept[j] or left):
                    extend(j, tag, (*tags, tag), cost, left if kept[j] else left - 1)
            if kept[j]:
                break  # a forced cut cannot be skipped

    extend(0, "", (), 0.0, extra)
    found.sort()
    return found[:keep]


# ---------------------------------------------------------------------------- entry points


Reading = tuple[tuple[str, ...], float, bool]  # tags, cost, close


def _settled(line: str, cuts: list[int], glued: bool, doubt: float, kept: list[int]) -> Reading | None:
    """The reading the structure settles alone, if it does: in order, no one-letter
    tag, and the usual three tags, or two where the word list's decisions are clear.
    ``glued``: some of ``cuts`` are glue points; ``doubt``: the smallest margin of a
    glue decision; ``kept``: where unknown words kept whole not surely start."""
    if len(cuts) == 2:
        if glued and doubt < CLOSE:
            return None
        a, b = cuts
        simple: tuple[str, ...] = (line[:a], line[a:b], line[b:])
    elif len(cuts) == 1:
        simple = (line[: cuts[0]], line[cuts[0] :])
        # A close call goes to the search where it made a cut, or where it kept a word no
        # list knows whole inside a phrase: a phrase's words are known words (see
        # _UNKNOWN_IN_PHRASE), so there it is more often two tags glued: Pod|lazy loading
        # (Podlazy loading). A tag of one such word is a name (Seckill).
        if (glued and doubt < _SURE) or any(" " in simple[start >= cuts[0]] for start in kept):
            return None
    else:
        return None
    shortest = min(map(len, simple))
    if _in_order(simple) and shortest > 1 and not (shortest == 2 and _hump_alone(simple)):
        return (simple, 0.0, doubt < CLOSE)
    return None


def _hump_alone(tags: tuple[str, ...]) -> bool:
    """Whether a tag is a capital and one lowercase letter that no list names (Lo, Fi): a
    hump cut from a CamelCase name (Lo|Ra for LoRa, De|Fi for DeFi), not a tag (Go, Qt)."""
    terms = _load().terms
    return any(
        len(tag) == 2 and tag[0].isupper() and tag[1].islower() and tag.lower() not in terms for tag in tags
    )


def _readings(line: str, known_tags: KnownTags, keep: int) -> list[Reading]:
    """The best readings of ``line``, best first (see :func:`tag_readings`)."""
    if not line:
        return [((), 0.0, False)]
    page: list[tuple[int, int]] = []
    listed: list[tuple[int, int]] = []
    cover: tuple[tuple[int, int], ...] = ()
    if known_tags is not NO_KNOWN_TAGS:  # an empty list made elsewhere finds nothing either
        spans = [span for span in known_tags.spans_in(line) if _can_stand(line, span)]
        if spans:
            cover = tuple(spans) if len(spans) == 1 else _best_cover(line, spans)
            size = len(line)
            if cover[0][0] == 0 and cover[-1][1] == size and sum(end - start for start, end in cover) == size:
                tags = _pieces(line, [start for start, _ in cover[1:]])
                if _in_order(tags):  # else a tag stands twice: one of them is part of another
                    return [(tags, 0.0, False)]  # known tags, end to end
            page = [span for span in spans if line[span[0] : span[1]] == known_tags.page_tag]
            listed = [span for span in spans if span not in page]
    candidates = _candidates(line)
    found = _scored_readings(line, candidates, page, [], keep)
    if listed and not all(_is_tag_of(span, found[0][0]) for span in cover if span not in page):
        # The reading cut or joined a tag of the list: read again with the list's tags
        # weighed. Only then: where it agrees, structure alone reads better than scores.
        found = _scored_readings(line, candidates, page, listed, keep)
    if not line.isascii() and _IDEOGRAPHS.search(line) and _holds_unsplit_ideographs(found[0][0]):
        found[0] = (found[0][0], found[0][1], True)
    return found


# Runs of Chinese, Japanese or Korean characters, which no case change or word list here
# splits: 分布式微服务架构 may be one tag or three (分布式|微服务|架构), Redis缓存 one or two.
_IDEOGRAPHS = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+")


def _holds_unsplit_ideographs(tags: tuple[str, ...]) -> bool:
    """Whether a tag holds a run of such characters that may hide a boundary: three or
    more of them, or a run next to other text in the tag. The split is then a guess."""
    return any(len(run) >= 3 or len(run) < len(tag) for tag in tags for run in _IDEOGRAPHS.findall(tag))


def _is_tag_of(span: tuple[int, int], tags: tuple[str, ...]) -> bool:
    """Whether ``tags`` (a partition of a line) has ``line[start:end]`` as a tag."""
    start, end = span
    at = 0
    for tag in tags:
        if at == start:
            return at + len(tag) == end
        at += len(tag)
    return False


def _scored_readings(
    line: str,
    candidates: _Candidates,
    page: list[tuple[int, int]],
    listed: list[tuple[int, int]],
    keep: int,
) -> list[Reading]:
    """The best readings of ``line`` from its candidate cuts, with the page's own tag
    where it stands (``page``) and the places of tags of a list (``listed``)."""
    certain, glue_points, undecided_points, names, doubt, kept, alternatives = candidates
    # With no names, page tag or undecided cuts there is nothing to reconcile:
    # the cuts are the candidates (a glue point is never at a case change).
    plain = not (undecided_points or names or page or listed)
    if plain and (settled := _settled(line, sorted(certain + glue_points), bool(glue_points), doubt, kept)):
        return [settled]
    base = set(certain)
    glue = set(glue_points)
    undecided = set(undecided_points)
    weighed = set(alternatives)
    name_edges: AbstractSet[int] = _NO_CUTS
    if names:
        inside = {c for a, b in names for c in range(a + 1, b)}
        name_edges = {
            c for span in names for c in span if 0 < c < len(line) and line[c - 1 : c + 1].isalnum()
        }
        # A name right after a run of capitals takes the run's last capital back: IO|io_uring.
        late = {c for c in base if c + 1 in name_edges and line[c - 1 : c + 1].isupper()}
        base = (base - late | name_edges) - inside
        # A name may be plural (DataFrames|plotting, WebSockets|real-time): after its last
        # lowercase letter an s may be its own, or start the next word (DataFrame|sharding).
        plurals = {b for _, b in names if line[b : b + 1] == "s" and line[b - 1].islower()}
        if plurals:
            base -= plurals
            undecided |= plurals | {b + 1 for b in plurals if b + 1 < len(line)}
        glue -= inside
        undecided -= inside
        weighed -= inside
    forced: AbstractSet[int] = _NO_CUTS
    forbidden: AbstractSet[int] = _NO_CUTS
    if page:
        # The page's own tag stands once in a line, where words start and end, so not
        # inside a word or name (Go in Google, Java in JavaScript): where it does so at
        # one place only, it is a tag there; where it may stand at another place or none,
        # it is weighed as the likeliest of tags (a record may lack it).
        cuts = base | glue
        standing = [span for span in page if all(c in cuts for c in span if 0 < c < len(line))]
        if len(standing) == 1:
            (start, end), page = standing[0], []
            forced = {c for c in (start, end) if 0 < c < len(line)}
            forbidden = set(range(start + 1, end))
            base = base - forbidden | forced
            glue -= forbidden
            undecided -= forbidden
            weighed -= forbidden
    tag_cost = _tag_cost
    if listed or page:
        # A tag of a list is likely, not certain (the list may lack the longer tag
        # it stands in: Go, Google Cloud): its edges are cuts to weigh, and so are
        # the cuts inside it. So is the page's own tag, likelier still.
        spans = [*listed, *page]
        inside = {c for start, end in spans for c in range(start + 1, end)} - forced
        undecided |= base & inside
        base -= inside
        undecided |= {c for span in spans for c in span if 0 < c < len(line)} - base - forbidden
        tag_cost = functools.partial(
            _known_tag_cost,
            frozenset(line[start:end] for start, end in listed),
            line[page[0][0] : page[0][1]] if page else None,
        )
    glue -= base
    undecided -= base
    if not (plain or undecided or listed) and (
        settled := _settled(line, sorted(base | glue), bool(glue), doubt, kept)
    ):
        return [settled]
    # At most three of up to six optional cuts: more are never needed. The cuts are
    # counted before they are gathered: a huge run of capitals has millions undecided.
    found: list[tuple[float, tuple[str, ...]]] = []
    if len(undecided) <= 6:
        optional = glue | undecided | weighed - base
        if 0 < len(optional) <= 6:
            found = _search(line, sorted(base | optional), base, keep, extra=3, tag_cost=tag_cost)
    # Nothing found, or more tags than a line holds (a CamelCase name cut at its humps:
    # MergeTree), or capitals glued to the next hump, which a case change after it may
    # have cut from its own tag (JVMTree|Map for JVM|TreeMap): search every cut, the case
    # changes too (the undecided ones among them: none is forbidden).
    search_every = (
        not found
        or len(found[0][1]) > 3
        or _capitals_glued(found[0][1])
        # ... or a close runner-up is such a name cut at its humps: Build|Kit|best practices
        # against Build|Kitbest practices, where BuildKit|best practices reads best.
        or (len(found) > 1 and found[1][0] - found[0][0] < CLOSE and len(found[1][1]) > 3)
        or (min(map(len, found[0][1])) == 2 and _hump_alone(found[0][1]))
    )
    if search_every and len(undecided) <= _SEARCH_LIMIT:
        every = (set(certain) | name_edges | glue | undecided) - forbidden | forced
        if len(every) <= _SEARCH_LIMIT:
            found = _search(line, sorted(every), forced, keep, tag_cost=tag_cost) or found
    if not found:
        return [(_pieces(line, sorted(base)), math.inf, True)]
    (best_cost, best), *others = found
    close = (len(best) <= 2 and best_cost >= _UNLIKELY) or (bool(others) and others[0][0] - best_cost < CLOSE)
    return [(tags, cost, close and k == 0) for k, (cost, tags) in enumerate(found)]


def _capitals_glued(tags: tuple[str, ...]) -> bool:
    """Whether a tag no list knows has capitals before a capitalized hump (JVMTree; not
    HAProxy), or is a run of capitals twice, the first of which ends the tag before
    (Free|RTOSRTOS for FreeRTOS|RTOS)."""
    terms = _load().terms
    return any(
        (_ACRONYM_THEN_HUMP.search(tag) or (tag.isupper() and _doubled(tag))) and tag.lower() not in terms
        for tag in tags
    )


def tag_readings(line: str, *, known_tags: Iterable[str] = (), limit: int = 3) -> list[TagReading]:
    """The likeliest readings of a tag line, at most ``limit`` (1 or more), best
    first, with their costs.

    When the first is ``close`` the split is a guess that a person may want to
    review: the next is nearly as likely, or the line reads only as one or two
    unlikely tags. A line settled by its structure alone has one reading.

    >>> [r.tags for r in tag_readings("ContextClassLoaderJavaSPI")][:1]
    [('ContextClassLoader', 'Java', 'SPI')]
    """
    _check_line(line)
    check_int("limit", limit, 1)  # 0 would give no reading at all, not even the split
    found = _readings(line, KnownTags.of(known_tags), max(limit, 2))
    return [TagReading(tags, cost, close) for tags, cost, close in found[:limit]]


_SPLITS: dict[object, tuple[str, ...]] = {}


def split_tags(line: str, *, known_tags: Iterable[str] = ()) -> tuple[str, ...]:
    """Split a tag line into tags; ``"".join(result) == line`` always holds.

    ``known_tags`` are tags known to exist, a site's tag list (for a long one, a
    :class:`~feedparse_txt.KnownTags` built once): where they make up the whole
    line, in order, they are its split; elsewhere a listed tag is likelier than
    its words say, but a longer tag the list lacks may hold it (``Go`` in
    ``Google Cloud``). A ``KnownTags`` with a ``page_tag`` also says the page's own
    tag, the likeliest of tags where it can stand, but not inside a word or name
    (``Go`` in ``Google``): a record may lack it. Repeated lines come from a cache.

    >>> split_tags("Backend ArchitectureDSLService Orchestration")
    ('Backend Architecture', 'DSL', 'Service Orchestration')
    >>> split_tags("Backend Architectureidentity strategymembership system")
    ('Backend Architecture', 'identity strategy', 'membership system')
    """
    _check_line(line)
    return split_line(line, KnownTags.of(known_tags))


def _check_line(line: object) -> None:
    # Else None splits into () and bytes or a list fail deep inside with a puzzling message.
    if not isinstance(line, str):
        raise TypeError(f"a tag line must be a str, not {type(line).__name__}")


def split_line(line: str, known: KnownTags) -> tuple[str, ...]:
    """:func:`split_tags` with the known tags passed by position: the path of every
    lazy ``Article.tags``, where the keyword call's checks cost more than the cache
    lookup (and so would a Python-level ``len`` of the known tags)."""
    # Keyed by the known tags' serial number: hashing them is a Python-level call.
    key = line if known is NO_KNOWN_TAGS else (line, known._serial)
    tags = _SPLITS.get(key)
    if tags is None:
        tags = _readings(line, known, 2)[0][0]
        if len(_SPLITS) > _CACHE_LIMIT:
            _SPLITS.clear()
        _SPLITS[key] = tags
    return tags


def clear_cache() -> None:
    """Forget split lines and word costs (for measuring first-call speed)."""
    _SPLITS.clear()
    _GLUE.clear()
    _ACRONYM_ENDS.clear()
    _TAG_COSTS.clear()
    _WORD_COSTS.clear()
