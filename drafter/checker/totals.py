"""Self-consistency rules on totals and standards: a total against the parts listed with it (its sum, a
score's items, a budget smaller than one of its amounts) and an amount against a stated standard.

Each rule returns Issues like those of `drafter.checker.rules`, which runs them with the others.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checker.clauses import Doc, Issue, amount, parts_after, show
from drafter.figures.numbers import convert, matches_shown, same_family, to_base

TOTAL_WORDS = re.compile(r"共|合计|总计|总数|总共")
MONEY_TOTAL = re.compile(r"(一般公共预算教育(?:经费|支出)|财政性教育经费|教育经费(?:总)?投入)[^，。；]{0,8}$")
MONEY_PART = re.compile(r"(资金|经费|投入|支出|拨款|补助|拨付)")
NOT_PART = re.compile(r"(总投入|总额|总投资|生均|每生|每人|人均|标准|平均)")


# ---------------------------------------------------------------- totals vs their parts
def listed_total(doc: Doc) -> Iterator[Issue]:
    for i in doc.active:
        f = doc.figures[i]
        if f.unit in ("%", "个百分点", "") or doc.is_change(i):
            continue
        parts = parts_after(doc, i)
        if not parts:
            continue
        total = sum(convert(p.value, p.unit, f.unit) for p in parts)
        exhaustive = len(parts) >= 2 and TOTAL_WORDS.search(re.split(r"[，,：:]", doc.lead(i))[-1][-10:])
        approx = any(w in p.text for p in parts for w in ("余", "多"))
        if not approx and (
            total > f.value + 1e-9
            and not matches_shown(f.value, f.decimals, total)
            or exhaustive
            and not matches_shown(f.value, f.decimals, total)
        ):
            names = "+".join(p.text.strip() for p in parts)
            yield Issue(i, show(f, total), f"所列各项之和为{show(f, total)}（{names}）", "listed_total")


def score_total(doc: Doc) -> Iterator[Issue]:
    """总得分 96.15分 vs the 得分 lines that follow it."""
    for i in doc.active:
        f = doc.figures[i]
        if f.unit != "分" or not re.search(r"总(?:得)?分\s*(?:为|是|:|：)?\s*$", doc.lead(i)):
            continue
        art = doc.article(f.start)
        parts = [
            doc.figures[j]
            for j in doc.active
            if doc.figures[j].start > f.end
            and doc.figures[j].unit == "分"
            and doc.article(doc.figures[j].start) == art
            and re.search(
                r"得分\s*[:：]?\s*$", doc.text[max(0, doc.figures[j].start - 6) : doc.figures[j].start]
            )
        ]
        total = sum(p.value for p in parts)
        if len(parts) >= 2 and not matches_shown(f.value, f.decimals, total):
            yield Issue(i, show(f, total), f"{len(parts)}项得分之和为{show(f, total)}", "score_total")


def total_below_part(doc: Doc) -> Iterator[Issue]:
    """一般公共预算教育经费 smaller than one of the amounts it contains: a unit error (万元 for 亿元)."""
    money = [i for i in doc.active if to_base(1, doc.figures[i].unit)[1] == "元" and not doc.is_change(i)]
    for i in money:
        f = doc.figures[i]
        if not MONEY_TOTAL.search(doc.lead(i)) or re.search(r"(生均|人均|平均)", doc.lead(i)):
            continue
        parts = [
            doc.figures[j]
            for j in money
            if j != i and doc.article(doc.figures[j].start) == doc.article(f.start) and _is_part(doc, j)
        ]
        big = max(parts, key=amount, default=None)
        if big is not None and amount(big) > amount(f):
            yield Issue(
                i,
                f"≥{big.text.strip()}",
                f"总额小于其中一项（{big.text.strip()}），单位可能有误",
                "total_below_part",
            )


def _is_part(doc: Doc, j: int) -> bool:
    lead = doc.lead(j)[-14:]
    return bool(MONEY_PART.search(lead)) and not NOT_PART.search(lead) and not MONEY_TOTAL.search(doc.lead(j))


# ---------------------------------------------------------------- exceeds / below a stated standard
TARGET_VERB = re.compile(
    r"^\s*[，,]?\s*(?:均|已|已经)?\s*(超出|超过|高于|低于|达到|完成|实现不低于|不低于|优于)"
)


def stated_target(doc: Doc) -> Iterator[Issue]:
    for i in doc.active:
        after = doc.in_sentence(i, before=False)
        if not after or doc.is_change(i):
            continue
        a, b = doc.figures[i], doc.figures[after[0]]
        verb = TARGET_VERB.match(doc.text[a.end : b.start])
        if not verb or "，" in doc.text[a.end + verb.end() : b.start] or not same_family(a.unit, b.unit):
            continue
        yield from _target_issues(doc, i, after, verb.group(1))


def _target_issues(doc: Doc, i: int, after: list[int], verb: str) -> Iterator[Issue]:
    a, b = doc.figures[i], doc.figures[after[0]]
    va, vb = amount(a), amount(b)
    if verb == "低于" and va >= vb or verb != "低于" and va < vb:
        yield Issue(i, "", f"{a.text.strip()}与“{verb}{b.text.strip()}”矛盾", "stated_target")
        return
    if len(after) < 2 or not re.fullmatch(
        r"\s*(?:的)?\s*(?:标准|要求|指标|目标|水平)?\s*[，,]?\s*(?:超出|高出)?\s*",
        doc.text[b.end : doc.figures[after[1]].start],
    ):
        return
    x = doc.figures[after[1]]
    if x.unit == "%" and a.unit != "%":
        expected, unit = (va - vb) / vb * 100 if vb else None, "%"
    elif x.unit == "个百分点" and a.unit == "%" or same_family(x.unit, a.unit) and x.unit != "%":
        expected, unit = (
            convert(va - vb, to_base(1, a.unit)[1], x.unit if x.unit != "个百分点" else "%"),
            x.unit,
        )
    else:
        return
    if expected is not None and not matches_shown(x.value, x.decimals, expected):
        yield Issue(
            after[1],
            show(x, expected, unit),
            f"({a.text.strip()}−{b.text.strip()})应为{show(x, expected, unit)}",
            "stated_target",
        )
