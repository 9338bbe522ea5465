"""sameness: how much of one case's prose occurs word for word in another case's draft (a cross-case scorer).

The prose is the body of a draft — the formulaic parts (header, title, addressee, opening, the results lead,
signature) and the headings left out — with gap markers, numbers and the regions' names removed, as CJK
characters only. Shared = the share of its 8-character runs that also occur in the other draft; a case's
value is its largest share with any other case. Between real reports of two regions it is 1–3%; a writer
that fills one template for everyone reaches 50–80%. value = 1 − largest share, passed when the largest
share is at most `LIMIT`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from drafter.core.types import Draft
from drafter.drafting.plan import FORMULAIC_KINDS
from drafter.evaluation.scorers.base import Issue, Score
from drafter.figures.gaps import without_gaps

NAME = "sameness"
RUN = 8
LIMIT = 0.40
NOT_CJK = re.compile(r"[^\u4e00-\u9fff]")
DIGITS = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")


def names(draft: Draft) -> tuple[str, ...]:
    """The region's own names as a draft prints them: 青屏市, 青屏, its issuer, its superior."""
    r = draft.report
    base = re.sub(r"(自治区|省|市|县|区|旗|州|盟)$", "", r.region)
    found = (r.region, base if len(base) >= 2 else "", r.issuer, r.issuer_mark, r.superior, r.addressee)
    return tuple(sorted({n for n in found if n}, key=len, reverse=True))


def prose(draft: Draft) -> str:
    text = "\n".join(
        s.text for s in draft.sections if s.spec.kind not in FORMULAIC_KINDS and s.status != "failed"
    )
    text = without_gaps(text)
    for name in names(draft):
        text = text.replace(name, "")
    return NOT_CJK.sub("", DIGITS.sub("", text))


def runs(text: str, n: int = RUN) -> set[str]:
    return {text[i : i + n] for i in range(len(text) - n + 1)}


def shared(a: set[str], b: set[str]) -> float:
    """The share of `a`'s runs found in `b` (0 when `a` has none)."""
    return len(a & b) / len(a) if a else 0.0


def cross_case(drafts: Mapping[str, Draft]) -> dict[str, Score]:
    """One Score per case: its largest share with any other case, and every pair above the limit."""
    by_case = {name: runs(prose(d)) for name, d in drafts.items()}
    scores = {}
    for name, mine in by_case.items():
        pairs = {other: shared(mine, theirs) for other, theirs in by_case.items() if other != name}
        worst = max(pairs, key=pairs.__getitem__, default="")
        top = pairs.get(worst, 0.0)
        issues = tuple(
            Issue(f"{share:.0%} of this draft's prose occurs in {other}", source=other)
            for other, share in sorted(pairs.items(), key=lambda kv: -kv[1])
            if share > LIMIT
        )
        details = {"max_shared": round(top, 4), "with": worst, "runs": len(mine)}
        scores[name] = Score(NAME, 1 - top, top <= LIMIT, details, issues)
    return scores
