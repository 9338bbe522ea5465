"""header: the header matches itself — the title's issuer, the 版头 and the 落款 name one issuer; an 上行文
(a 文号 that is not a 函) shows 签发人; the addressee names its place (山西省人民政府教育督导委员会办公室, not
省政府教育督导委员会办公室). A gap marker where the data lack a name counts as shown.
value = share of the checks that hold.
"""

from __future__ import annotations

import re

from drafter.evaluation.scorers.base import Issue, Score, Subject, share
from drafter.figures.gaps import find_gaps

NAME = "header"
PLACE = re.compile(r"^(?:国务院|.{2,}?(?:省|市|县|区|州|盟|旗|自治区))")


def _first_line(subject: Subject, kind: str) -> str:
    section = next((s for s in subject.draft.sections if s.spec.kind == kind), None)
    return section.paragraphs[0] if section and section.paragraphs else ""


def _checks(subject: Subject) -> list[tuple[str, bool, str]]:
    """(what, holds, text) for each header check that applies to this draft."""
    title, mark, signature = (_first_line(subject, k) for k in ("title", "header", "signature"))
    issuer = title.split("关于", 1)[0] if "关于" in title else ""
    checks = [("title issuer = 落款", bool(issuer) and issuer == signature, f"{issuer} / {signature}")]
    if mark:
        checks.append(("版头 = title issuer", mark.removesuffix("文件") == issuer, f"{mark} / {issuer}"))
    number = subject.draft.report.doc_number
    if number and "函" not in number:
        header = next((s.text for s in subject.draft.sections if s.spec.kind == "header"), "")
        checks.append(("签发人 on an 上行文", "签发人：" in header, number))
    addressee = _first_line(subject, "addressee").rstrip("：:")
    named = bool(PLACE.match(addressee)) or bool(find_gaps(addressee))
    checks.append(("addressee names its place", named, addressee))
    return checks


def score(subject: Subject) -> Score:
    checks = _checks(subject)
    issues = tuple(Issue(f"{what}: {text}", text=text) for what, holds, text in checks if not holds)
    value = share(sum(holds for _, holds, _ in checks), len(checks))
    return Score(NAME, value, not issues, {"checks": len(checks), "failed": len(issues)}, issues)
