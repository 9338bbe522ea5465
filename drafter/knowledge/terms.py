"""Policies and terms with the date they began (knowledge/terms.yaml), and the anachronisms of a text.

`anachronisms(text, year)` finds every term a report about `year` cannot name yet: 双减 (2021-07) in a
report on 2019. Only years are compared unless a month is given (a report dated 2020-03 cannot name
提质培优 of 2020-09); a term issued during the report's own year is allowed otherwise, and a term whose
month is unknown counts from January.
Matching ignores quotes and spaces (“双减”, 双 减), and offsets point into the text as given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from drafter.assets import asset_dir
from drafter.core.errors import InputError

TERMS_FILE = asset_dir("knowledge") / "terms.yaml"  # the checkout's knowledge/, or the installed copy
_QUOTES_AND_SPACES = r"\s“”‘’\"'「」『』"  # what a writer may put inside a term
IGNORED = re.compile(f"[{_QUOTES_AND_SPACES}]")
KEPT = re.compile(f"[^{_QUOTES_AND_SPACES}]+")


@dataclass(frozen=True)
class Term:
    term: str
    variants: tuple[str, ...]
    since: str  # YYYY-MM or YYYY
    document: str
    sources: tuple[str, ...] = ()
    # characters that, right after a variant, make it another word: 双减少 (a double fall) is not 双减
    not_before: str = ""

    @property
    def year(self) -> int:
        return int(self.since[:4])

    @property
    def month(self) -> int:
        return int(self.since[5:7]) if len(self.since) == 7 else 1

    def after(self, year: int, month: int = 12) -> bool:
        """True when the term began after the given year (and month)."""
        return (self.year, self.month) > (year, month)


@dataclass(frozen=True)
class Anachronism:
    start: int  # offsets into the text as given
    end: int
    text: str  # the words as printed
    term: str
    since: str
    document: str


def _term(raw: dict, path: Path) -> Term:
    try:
        since = str(raw["since"])
        if not re.fullmatch(r"\d{4}(-\d{2})?", since):
            raise ValueError(f"since {since!r} is not YYYY or YYYY-MM")
        variants = tuple(str(v) for v in raw.get("variants") or [raw["term"]])
        return Term(
            str(raw["term"]),
            variants,
            since,
            str(raw["document"]),
            tuple(raw.get("source") or ()),
            str(raw.get("not_before") or ""),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(
            f"bad term entry ({exc})", path=str(path), key="terms", hint="see the schema at the top"
        ) from exc


@lru_cache(maxsize=4)
def load_terms(path: Path = TERMS_FILE) -> tuple[Term, ...]:
    """The table, most specific variants first (longer wording wins where two overlap)."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"cannot read the terms table ({exc})", path=str(path)) from exc
    return tuple(_term(raw, Path(path)) for raw in data.get("terms") or ())


def _squeezed(text: str) -> tuple[str, list[int]]:
    """The text without quotes and spaces, and for each kept character its offset in the original."""
    runs = [m.span() for m in KEPT.finditer(text)]
    return "".join(text[s:e] for s, e in runs), [i for s, e in runs for i in range(s, e)]


def _hits(squeezed: str, offsets: list[int], term: Term) -> list[tuple[int, int]]:
    spans = []
    for variant in sorted(term.variants, key=len, reverse=True):
        word = IGNORED.sub("", variant)
        for m in re.finditer(re.escape(word), squeezed):
            if term.not_before and squeezed[m.end() : m.end() + 1] in term.not_before:
                continue  # 在参考人数、全省招生人数“双减少”的背景下: another word
            start, end = offsets[m.start()], offsets[m.end() - 1] + 1
            if not any(s <= start < e for s, e in spans):
                spans.append((start, end))
    return spans


def _said(terms: list[Term], squeezed: str) -> bool:
    return any(IGNORED.sub("", v) in squeezed for term in terms for v in term.variants)


def anachronisms(
    text: str, year: int, terms: tuple[Term, ...] | None = None, *, month: int = 12
) -> list[Anachronism]:
    """Every term in `text` that began after `year` (and `month`), in text order."""
    later = [term for term in (terms if terms is not None else load_terms()) if term.after(year, month)]
    if not later or not _said(later, IGNORED.sub("", text)):
        return []  # none of them said: no need to map every character back (a list as long as the text)
    squeezed, offsets = _squeezed(text)
    found = [
        Anachronism(start, end, text[start:end], term.term, term.since, term.document)
        for term in later
        for start, end in _hits(squeezed, offsets, term)
    ]
    return sorted(found, key=lambda a: a.start)


@lru_cache(maxsize=4)
def earlier_headings(path: Path = TERMS_FILE) -> dict[str, str]:
    """Indicator code -> the heading a report uses before the taxonomy heading's term began."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"cannot read the terms table ({exc})", path=str(path)) from exc
    return {str(k): str(v) for k, v in (data.get("earlier_headings") or {}).items()}


def timely_heading(code: str, heading: str, year: int, path: Path = TERMS_FILE) -> str:
    """`heading`, or the earlier heading of `code` when `heading` names a term begun after `year`."""
    if not anachronisms(heading, year, load_terms(path)):
        return heading
    return earlier_headings(path).get(code, heading)


def terms_after(year: int, terms: tuple[Term, ...] | None = None, *, month: int = 12) -> tuple[Term, ...]:
    """The terms a report about `year` must not name (for a model prompt's list of words to avoid)."""
    return tuple(t for t in (terms if terms is not None else load_terms()) if t.after(year, month))


def timely(text: str, year: int, terms: tuple[Term, ...] | None = None, *, month: int = 12) -> bool:
    return not anachronisms(text, year, terms, month=month)
