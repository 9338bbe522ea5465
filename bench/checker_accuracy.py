"""How well the checker reads real text that nobody on the project wrote (eval/realtext), split dev | holdout | holdout2 | holdout3 | holdout4 | holdout5 | holdout6 | holdout7 | holdout8 | holdout9 | holdout10 | holdout11 | holdout12 | holdout13 | holdout14 | holdout15 | holdout16 | holdout17 | holdout18 | holdout19.

1. Real defects, text alone: the labelled defects of every document found (status mismatch/inconsistent on
   the labelled span), and the correct paragraphs (no labelled defect) that carry any flag.
2. Planted errors, with --metrics: the documents that have a complete metrics file (*.complete.yaml); one
   error of each of 12 types at a time, on a figure chosen without the checker (a value of the metrics
   file, or the result of an annotated relation); recall per type, and the flags on the clean texts.
3. Claims in words: the labelled claims (true/false) judged from the text alone and with --metrics; and
   wrong claims planted by turning the words of true claims around (提高 → 下降, 实现 → 未实现).
(Our own offline drafts, flagged figures under --metrics: bench/draft_offline.py.)
Flags on the clean texts are split into figures said wrong (mismatch, inconsistent) and figures that could
not be checked (unsupported: no metric, or one the data hold for no such year).

    .venv/bin/python bench/checker_accuracy.py [--split dev|holdout|holdout2|holdout3|holdout4|holdout5|holdout6|holdout7|holdout8|holdout9|holdout10|holdout11|holdout12|holdout13|holdout14|holdout15|holdout16|holdout17|holdout18|holdout19|all] [--per-doc 3] [--seed 7] [-v]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planting import TYPES, eligible, plant, spots  # noqa: E402
from realtext import BLIND, UNSEEN, RealDoc, load  # noqa: E402

from drafter.checker.check import check_text  # noqa: E402
from drafter.core.types import PROBLEM_STATUSES, CheckReport, SourceData  # noqa: E402
from drafter.source.load import load_source  # noqa: E402

FLIPS = (
    ("稳步提高", "有所下降"),
    ("持续提升", "有所下降"),
    ("稳步提升", "有所下降"),
    ("逐年提高", "逐年下降"),
    ("持续提高", "有所下降"),
    ("有所增长", "有所下降"),
    ("进一步提高", "有所下降"),
    ("持续增长", "有所下降"),
    ("有所下降", "稳步提高"),
    ("持续下降", "稳步提高"),
    ("逐年下降", "逐年提高"),
    ("连续三年下降", "连续三年增长"),
    ("下降到", "增长到"),
    ("降至", "增至"),
    ("减少至", "增加至"),
    ("提高到", "下降到"),
    ("增长到", "下降到"),
    ("确保实现", "未实现"),  # 确保未实现 is no claim: the wrong result is 未实现
    ("实现了", "未实现"),
    ("实现", "未实现"),
    ("全面清零", "尚未清零"),
    ("全面消除", "尚未消除"),
    ("达到", "未达到"),
    ("超过", "低于"),
    ("高于", "低于"),
    ("低于", "高于"),
    ("不低于", "低于"),
)


QUOTED = re.compile(r"“[^”]*”|《[^》]*》|\"[^\"]*\"")
DONE_BEFORE_NOT = re.compile(r"(?:已经|已經|已)$")  # 已实现 -> 尚未实现, not 已未实现


def flipped_words(claim: str) -> str | None:
    """The claim with its claim word turned around: the first word of FLIPS that stands outside quotes
    (远高于《纲要》“达到70%”的目标: 达到 is the standard's wording, 高于 the claim), else one inside them
    (做到了“不低于4%”: the quote is the claim)."""
    quoted = [m.span() for m in QUOTED.finditer(claim)]
    found = [
        (any(a <= m.start() < b for a, b in quoted), k, m.start(), old, new)
        for k, (old, new) in enumerate(FLIPS)
        for m in [re.search(re.escape(old), claim)]
        if m
    ]
    if not found:
        return None
    _, _, at, old, new = min(found)
    before = claim[:at]
    if new.startswith(("未", "尚未")) and DONE_BEFORE_NOT.search(before):
        before, new = DONE_BEFORE_NOT.sub("", before), "尚未" + new.removeprefix("尚未").removeprefix("未")
    return before + new + claim[at + len(old) :]


def flagged(report: CheckReport, start: int, end: int) -> bool:
    return any(f.status in PROBLEM_STATUSES and f.start < end and start < f.end for f in report.findings)


def claim_flagged(report: CheckReport, start: int, end: int) -> bool:
    """A wrong claim in words, or a figure of the claim its neighbours contradict (a missing source is not it)."""
    return any(
        f.start < end
        and start < f.end
        and (f.kind == "claim" and f.status == "mismatch" or f.status == "inconsistent")
        for f in report.findings
    )


def labelled_wrong(d: RealDoc) -> list[tuple[int, int]]:
    return [(x.start, x.end) for x in d.defects] + [(c.start, c.end) for c in d.claims if c.defect]


# ---------------------------------------------------------------- 1. real defects, text alone
def real_defects(docs: list[RealDoc], verbose: bool) -> None:
    found = total = paragraphs = noisy = figures = alarms = 0
    for d in docs:
        report = check_text(d.text)
        bad = labelled_wrong(d)
        for x in d.defects:
            total += 1
            hit = flagged(report, x.start, x.end)
            found += hit
            if verbose and not hit:
                print(f"    missed {d.id}: {x.text} ({x.kind})")
        for s, e in d.paragraphs():
            inside = [
                f
                for f in report.findings
                if s <= f.start < e and f.status != "ignored" and f.kind == "figure"
            ]
            if inside and not any(s <= a < e for a, _ in bad):
                paragraphs += 1
                noisy += any(f.status in PROBLEM_STATUSES for f in inside)
        clean = [
            f for f in report.findings if f.status != "ignored" and not any(a <= f.start < b for a, b in bad)
        ]
        figures += len(clean)
        alarms += sum(f.status in PROBLEM_STATUSES for f in clean)
        for f in clean if verbose else []:
            if f.status in PROBLEM_STATUSES:
                print(f"    false alarm {d.id}: {f.status} {f.text} {f.message}")
    print(f"  real defects found from text alone        {found}/{total} = {found / max(total, 1):.1%}")
    print(
        f"  correct paragraphs with any flag          {noisy}/{paragraphs} = {noisy / max(paragraphs, 1):.1%}"
    )
    print(f"  flags on correct figures                  {alarms}/{figures} = {alarms / max(figures, 1):.2%}")


# ---------------------------------------------------------------- 2. planted errors, with metrics
def complete_docs(docs: list[RealDoc]) -> list[tuple[RealDoc, SourceData]]:
    out = []
    for d in docs:
        path = d.metrics.with_name(d.id + ".complete.yaml") if d.metrics else None
        path = path or (
            Path(__file__).resolve().parent.parent / "eval" / "realtext" / "docs" / f"{d.id}.complete.yaml"
        )
        if path.exists():
            out.append((d, load_source(path)))
    return out


def planted(pairs: list[tuple[RealDoc, SourceData]], per_doc: int, rng: random.Random, verbose: bool) -> None:
    figures = alarms = wrong = 0
    for d, source in pairs:
        report = check_text(d.text, source)
        bad = labelled_wrong(d)
        clean = [
            f
            for f in report.findings
            if f.kind == "figure" and f.status != "ignored" and not any(a <= f.start < b for a, b in bad)
        ]
        figures += len(clean)
        alarms += sum(f.status in PROBLEM_STATUSES for f in clean)
        wrong += sum(f.status in ("mismatch", "inconsistent") for f in clean)
        for f in clean if verbose else []:
            if f.status in PROBLEM_STATUSES:
                print(f"    false alarm {d.id}: {f.status} {f.text} {f.message}")
        if verbose:
            for f in clean:
                if f.status in PROBLEM_STATUSES:
                    print(f"    clean flag {d.id}: {f.status} {f.text} {f.expected} {f.message}")
    hits, tries, misses = Counter(), Counter(), []
    for kind in TYPES:
        for d, source in pairs:
            places = [s for s in spots(d, source) if eligible(kind, s)]
            rng.shuffle(places)
            for spot in places[:per_doc]:
                p = plant(kind, d, source, spot, rng)
                if p is None:
                    continue
                hit = flagged(check_text(p.text, source), p.start, p.end)
                hits[kind] += hit
                tries[kind] += 1
                if not hit:
                    misses.append(f"{kind} {d.id}: {p.was} -> {p.now}")
    print(f"  documents with complete metrics           {len(pairs)}")
    print(f"  flags on the clean texts                  {alarms}/{figures} = {alarms / max(figures, 1):.2%}")
    print(
        f"    of them said wrong (mismatch, inconsistent) {wrong}/{figures} = {wrong / max(figures, 1):.2%}; "
        f"could not be checked (unsupported) {alarms - wrong}"
    )
    for kind in TYPES:
        print(
            f"  planted {kind:20} recall {f'{hits[kind] / tries[kind]:.3f}' if tries[kind] else '  —  '}  ({hits[kind]}/{tries[kind]})"
        )
    print(f"  planted, all types                        {sum(hits.values())}/{sum(tries.values())}")
    for miss in misses if verbose else []:
        print("    missed", miss)


# ---------------------------------------------------------------- 3. claims in words
def claims(docs: list[RealDoc], verbose: bool) -> None:
    for with_metrics in (False, True):
        wrong = caught = right = false_alarm = 0
        for d in docs:
            source = load_source(d.metrics) if with_metrics and d.metrics else None
            report = check_text(d.text, source)
            for c in d.claims:
                hit = claim_flagged(report, c.start, c.end)
                wrong, caught = wrong + c.defect, caught + (c.defect and hit)
                right, false_alarm = right + (not c.defect), false_alarm + (not c.defect and hit)
                if verbose and hit != c.defect:
                    print(f"    {'missed' if c.defect else 'flagged'} claim {d.id}: {c.text}")
        label = "with --metrics" if with_metrics else "text alone    "
        print(
            f"  real claims, {label}: wrong flagged {caught}/{wrong}; right flagged {false_alarm}/{right} = {false_alarm / max(right, 1):.1%}"
        )
    flipped = caught = 0
    for d in docs:
        source = load_source(d.metrics) if d.metrics else None
        for c in d.claims:
            if c.defect:
                continue
            words = flipped_words(c.text)
            if words is None:
                continue
            text = d.text[: c.start] + words + d.text[c.end :]
            flipped += 1
            hit = claim_flagged(check_text(text, source), c.start, c.start + len(words))
            caught += hit
            if verbose and not hit:
                print(f"    missed flipped claim {d.id}: {words}")
    print(
        f"  true claims turned false by their words:  flagged {caught}/{flipped} = {caught / max(flipped, 1):.1%}"
    )


def data_claims(pairs: list[tuple[RealDoc, SourceData]], verbose: bool) -> None:
    """Claim sentences written from the real data of each complete metrics file, one true and one false per
    metric that has this year's and last year's value, appended to the real text and judged with that file."""
    wrong = caught = right = false_alarm = 0
    for d, source in pairs:
        period = source.report.period
        for m in source.metrics:
            years = sorted(y for y in m.values if y <= period)
            if len(years) < 2 or years[-1] != period or m.unit == "%" and m.key.endswith("_growth"):
                continue
            delta = m.values[years[-1]] - m.values[years[-2]]
            if delta == 0:
                continue
            for words, true in ((f"{m.label}稳步提高。", delta > 0), (f"{m.label}有所下降。", delta < 0)):
                text = d.text + "\n\n" + words
                hit = claim_flagged(check_text(text, source), len(d.text) + 2, len(text))
                wrong, caught = wrong + (not true), caught + (not true and hit)
                right, false_alarm = right + true, false_alarm + (true and hit)
                if verbose and hit == true:
                    print(
                        f"    {'flagged' if hit else 'missed'} {d.id}: {words} ({m.values[years[-2]]} -> {m.values[years[-1]]})"
                    )
        budget = [
            m
            for m in source.metrics
            if m.key == "fund.general_budget_edu"
            or m.key.startswith("fund.per_student_")
            and not m.key.endswith("_growth")
        ]
        moves = [
            m.values[period] - m.values[max(y for y in m.values if y < period)]
            for m in budget
            if period in m.values and any(y < period for y in m.values)
        ]
        if moves:
            true = all(x >= 0 for x in moves)
            text = d.text + "\n\n" + "教育经费实现了“两个只增不减”。"
            hit = claim_flagged(check_text(text, source), len(d.text) + 2, len(text))
            wrong, caught = wrong + (not true), caught + (not true and hit)
            right, false_alarm = right + true, false_alarm + (true and hit)
    print(
        f"  claims written from real data:            wrong flagged {caught}/{wrong} = {caught / max(wrong, 1):.1%}; right flagged {false_alarm}/{right} = {false_alarm / max(right, 1):.1%}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("dev", *BLIND, "all"), default="dev")
    parser.add_argument("--per-doc", type=int, default=3, help="planted errors per type and document")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    seen = tuple(s for s in BLIND if s not in UNSEEN)
    splits = ("dev", *seen) if args.split == "all" else (args.split,)
    for split in splits:
        docs = load(split)
        print(f"== {split}: {len(docs)} documents of eval/realtext")
        print("1. real defects (text alone)")
        real_defects(docs, args.verbose)
        print("2. planted errors (with the complete metrics file)")
        planted(complete_docs(docs), args.per_doc, random.Random(args.seed), args.verbose)
        print("3. claims in words")
        claims(docs, args.verbose)
        data_claims(complete_docs(docs), args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
