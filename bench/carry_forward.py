"""Carry real reports a year forward and measure what the issue asks (#14), printed per report and in total.

    .venv/bin/python bench/carry_forward.py [--keep DIR] [--realtext eval/realtext/docs]

1. The cleaned seed reports in knowledge/reports/ with their metrics files in examples/: next year's data is built
   by code (every metric gets a value for the year after its latest, −5 %…+15 % or −1.5…+3.5 个百分点 by a hash
   of its key, so some fall; a share or growth metric that last year's file computes from two others is recomputed
   from their new values; facts, problems and plans are dropped: the new year's are unknown). The report is carried
   with `drafter draft NEXT.yaml --from REPORT.md` (the library call) and measured:
   - sentences kept: last year's sentences (figures, years and 增长/下降 words set aside) found in the draft;
   - linked figures: every figure the checker links to a metric of last year's file (verified/derived, not a
     statement of the file's facts), except those in 下一步工作 and in plan/target clauses (kept for review by
     design, counted apart). Each is `correct` when the draft states the new value (same formula, years moved on,
     at the printed precision) in the same sentence with the right 增减 word, `left old` when it still reads as
     last year's, `wrong` otherwise — or when the checker does not prove the new figure against the new data;
   - review list: every figure of the carried sections that the checker does not prove is on the review list.
2. The real consecutive-year pairs of eval/realtext (front matter `series:`, with .metrics.yaml): NEW is the later
   year's metrics with the earlier year's values added; a figure is checked when the same metric key has a value
   in both years and last year's text prints the earlier value: `correct` when the draft prints the later one.
   These texts are excerpts (the openings of provincial reports), so there are few such figures.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from realtext import seen_paths  # noqa: E402

from drafter.carry.last_read import simplified  # noqa: E402
from drafter.carry.run import run_carry  # noqa: E402
from drafter.checker.check import check_text  # noqa: E402
from drafter.core.config import Settings  # noqa: E402
from drafter.core.errors import DrafterError  # noqa: E402
from drafter.core.types import PROBLEM_STATUSES  # noqa: E402
from drafter.export.markdown import split_markdown  # noqa: E402
from drafter.figures.derive import evaluate  # noqa: E402
from drafter.figures.numbers import (  # noqa: E402
    convert,
    find_figures,
    matches_shown,
    round_half_up,
    same_family,
    shown_decimals,
)
from drafter.source.load import load_source  # noqa: E402
from drafter.source.plausible import COUNT_UNITS as COUNTS  # noqa: E402

REALTEXT = ROOT / "eval" / "realtext" / "docs"  # --realtext DIR elsewhere
PAIRS = [
    ("yangquan-2021.md", "yangquan-2021.yaml"),
    ("changzhi-2021.md", "changzhi-2021.yaml"),
    ("fushun-2022.md", "fushun-2022.yaml"),
    ("anyue-2024.md", "anyue-2023.yaml"),
    ("collection-4-guangdong.md", "guangdong-2024.yaml"),
    ("collection-5-shanxi.md", "shanxi-2024.yaml"),
]
SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")
DIRECTION = re.compile(
    r"增长|增加|提高|提升|上升|增幅|下降|减少|降低|回落|降幅|超出|高出|高于|超过|低于|未?(?:达到|完成|实现)"
)  # the words that follow the sign of a change or the side of a standard
DOWN = re.compile(r"下降|减少|降低|回落|降幅|低于")
WORD = re.compile(
    r"增长|增加|提高|提升|上升|增幅|高于|" + DOWN.pattern
)  # the nearest one is the figure's own
FUTURE = re.compile(r"确保|力争|争取|计划|预计|目标|下一步|今后|三年内|到20\d\d年|将")
SIGNED = ("diff(", "growth(", "pp_change(", "exceed_target")  # formulas whose sign the 增长/下降 words carry
STATEMENT = ("facts.", "rectification", "problems", "plans", "experiences")
YEARS = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


# ------------------------------------------------------------------ next year's data, by code
def bump(key: str, unit: str, value: float) -> float:
    h = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    if unit == "%":
        new = max(0.0, value + h * 5 - 1.5)
        new = min(new, 100.0) if value <= 100 else new
    else:
        new = value * (1 + h * 0.20 - 0.05)
    decimals = 0 if unit in COUNTS else shown_decimals(value)
    out = round_half_up(new, decimals)
    return int(out) if decimals == 0 and unit != "%" else out


def next_year(raw: dict) -> dict:
    raw = yaml.safe_load(yaml.safe_dump(raw, allow_unicode=True))
    report = raw["report"]
    report["round"], report["period"] = report["round"] + 1, report["period"] + 1
    if report.get("date"):
        report["date"] = report["date"].replace(year=report["date"].year + 1)
    if report.get("basis"):
        report["basis"] = YEARS.sub(lambda m: str(int(m[1]) + 1), report["basis"])
    report.pop("doc_number", None)
    for m in raw["metrics"]:
        values = {int(y): v for y, v in m["values"].items()}
        values[max(values) + 1] = bump(m["key"], str(m["unit"]), values[max(values)])
        m["values"] = values
    _recompute_relations(raw["metrics"])
    raw["metrics"] = _drop_growths(raw["metrics"])
    for key in ("facts", "rectification", "problems", "plans", "experiences"):
        raw.pop(key, None)
    return raw


def _recompute_relations(metrics: list[dict]) -> None:
    """A % metric that equals a/b of two other metrics last year is recomputed from their new values."""
    for m in metrics:
        if str(m["unit"]) != "%":
            continue
        old, new = sorted(m["values"])[-2:] if len(m["values"]) > 1 else (None, None)
        for a in metrics:
            for b in metrics:
                share = _share(a, b, m, old, new)
                if share is not None:
                    m["values"][new] = share


def _drop_growths(metrics: list[dict]) -> list[dict]:
    """A `<key>_growth` metric stood in for a base year last year's file lacked; with 上年/本年 values of `<key>`
    the new file has no need of it (the growth is derived), so it is left out, as a new year's file would."""
    keys = {m["key"]: m for m in metrics}
    return [
        m for m in metrics if not (m["key"].endswith("_growth") and m["key"].removesuffix("_growth") in keys)
    ]


def _share(a: dict, b: dict, m: dict, old, new) -> float | None:
    """a/b in the new year when a/b gave m last year (at m's printed precision), else None."""
    ua, ub, va, vb = str(a["unit"]), str(b["unit"]), a["values"], b["values"]
    if old is None or a is b or m in (a, b) or ua == "%" or not same_family(ua, ub):
        return None
    if not all(y in v for y in (old, new) for v in (va, vb)) or not vb[old] or not vb[new]:
        return None
    d = shown_decimals(m["values"][old])
    if abs(convert(va[old], ua, ub) / vb[old] * 100 - m["values"][old]) >= 0.5 * 10**-d:
        return None
    share = round_half_up(convert(va[new], ua, ub) / vb[new] * 100, d)
    return share if share <= 100 or m["values"][old] > 100 else None


# ------------------------------------------------------------------ measuring
@dataclass
class Score:
    sentences: int = 0
    kept: int = 0
    linked: Counter = field(default_factory=Counter)  # correct / left old / wrong / checker / plans
    unproven: int = 0
    listed: int = 0
    review: int = 0
    wrong_examples: list = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.sentences += other.sentences
        self.kept += other.kept
        self.linked.update(other.linked)
        self.unproven += other.unproven
        self.listed += other.listed
        self.review += other.review


def sentences(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m[0]) for m in SENTENCE.finditer(text) if len(re.sub(r"\W", "", m[0])) >= 2]


def masked(sentence: str) -> str:
    simple = simplified(sentence)
    out, last = [], 0
    for f in find_figures(simple):
        if not f.ignored or f.ignored in ("year", "doc_number"):
            out += [simple[last : f.start], "#"]
            last = f.end
    out.append(simple[last:])
    squeezed = re.sub(r"\s+", "", "".join(out)).translate(str.maketrans("(),:;", "（），：；"))
    return DIRECTION.sub("~", squeezed)


def kept_sentences(old_lines: list[str], new_lines: list[str]) -> tuple[int, int]:
    pool = Counter(masked(s) for line in new_lines for _, s in sentences(line))
    total = kept = 0
    for line in old_lines:
        for _, s in sentences(line):
            total += 1
            if pool[masked(s)] > 0:
                pool[masked(s)] -= 1
                kept += 1
    return total, kept


def real_figures(text: str) -> list:
    return [f for f in find_figures(simplified(text)) if not f.ignored]


def counterpart(old_para: str, new_para: str, offset: int) -> tuple[object, int] | None:
    """The figure of the new paragraph in the place of the old paragraph's figure at `offset`, and where it starts."""
    old_s, new_s = sentences(old_para), sentences(new_para)
    if len(old_s) != len(new_s):
        return None
    for (o_start, o_text), (n_start, n_text) in zip(old_s, new_s, strict=True):
        if o_start <= offset < o_start + len(o_text):
            olds, news = real_figures(o_text), real_figures(n_text)
            k = next((k for k, f in enumerate(olds) if o_start + f.start == offset), None)
            if k is None or len(olds) != len(news):
                return None
            return news[k], n_start + news[k].start
    return None


def expected_value(source: str, new, shift: int = 1) -> float | None:
    if "@" in source and "(" not in source:
        key, year = source.split("@")
        base = key.removesuffix("_growth")
        if key.endswith("_growth") and new.metric(key) is None and new.metric(base):
            return expected_value(
                f"growth({base},{year},{int(year) + shift})", new, 0
            )  # the growth it stood for
        metric = new.metric(key)
        value = metric.values.get(int(year) + shift) if metric else None
        return None if value is None else (value, metric.unit)
    if source.endswith(".target"):
        metric = new.metric(source.removesuffix(".target"))
        return (metric.target.value, metric.unit) if metric and metric.target else None
    try:
        d = evaluate(YEARS.sub(lambda m: str(int(m[1]) + shift), source), new)
    except DrafterError:
        return None
    return d.value, d.unit


def judge(old_fig, new_fig, expected, new_sentence_head: str, signed: bool = False) -> str:
    if new_fig is None:
        return "wrong"
    if expected is None:
        return "left old" if new_fig.text == old_fig.text else "wrong"
    value, unit = expected
    shown = abs(convert(value, unit, old_fig.unit)) if same_family(unit, old_fig.unit) else abs(value)
    step = (
        10 ** (len(str(int(old_fig.value))) - len(str(int(old_fig.value)).rstrip("0")))
        if old_fig.value >= 10
        else 1
    )
    approximate = re.search(r"余|多", old_fig.text) and new_fig.value <= shown < new_fig.value + step
    if approximate or matches_shown(new_fig.value, new_fig.decimals, shown):
        words = WORD.findall(new_sentence_head[-10:])
        if signed and value and bool(words and DOWN.fullmatch(words[-1])) != (value < 0):
            return "wrong"
        return "correct"
    return "left old" if new_fig.text == old_fig.text else "wrong"


def carried_lines(outcome, last_sections) -> list[tuple[str, int, str, str]]:
    """(section id, paragraph, old text, new text) of every paragraph carried one for one."""
    out = []
    for s in last_sections:
        new = outcome.draft.section(s.spec.id)
        if new is None or new.history[-1:] and new.history[-1].backend != "carried":
            continue
        if len(new.paragraphs) == len(s.paragraphs):
            out += [
                (s.spec.id, k, p.text, n)
                for k, (p, n) in enumerate(zip(s.paragraphs, new.paragraphs, strict=True))
            ]
    return out


def md_offsets(md: str, outcome) -> dict[tuple[str, int], int]:
    """(section id, paragraph) → where that paragraph starts in draft.md."""
    chunks = {c.section_id: c for c in split_markdown(md)}
    out = {}
    for s in outcome.draft.sections:
        chunk = chunks.get(s.spec.id)
        at = 0
        for k, p in enumerate(s.paragraphs):
            if chunk is None:
                break
            found = chunk.text.find(p, at)
            if found >= 0:
                out[(s.spec.id, k)] = chunk.start + found
                at = found + len(p)
    return out


def measure(outcome, last_sections, old_source, new, plan_ids: set[str]) -> Score:
    score = Score()
    old_lines = [p.text for s in last_sections for p in ((s.heading,) if s.heading else ()) + s.paragraphs]
    new_lines = [line for s in outcome.draft.sections for line in (s.spec.numbered_heading, *s.paragraphs)]
    score.sentences, score.kept = kept_sentences(old_lines, new_lines)
    md = (outcome.out_dir / "draft.md").read_text(encoding="utf-8")
    findings = {f.start: f for f in check_text(simplified(md), new).findings}
    where = md_offsets(md, outcome)
    lines = carried_lines(outcome, last_sections)
    _linked(score, lines, old_source, new, plan_ids, findings, where, outcome.changes)
    _review(score, outcome, lines, findings, where)
    return score


def _listed(changes, sid: str, k: int, start: int) -> bool:
    return any(
        c.section == sid and c.paragraph == k and c.start == start and c.status == "kept-for-review"
        for c in changes
    )


def _linked(score, lines, old_source, new, plan_ids, findings, where, outcome_changes) -> None:
    for sid, k, old, new_text in lines:
        for f in check_text(simplified(old), old_source).findings:
            if (
                f.status not in ("verified", "derived")
                or not f.source
                or f.source.startswith(
                    (*STATEMENT, "text:", "rule:")
                )  # the text's own arithmetic, not a metric
                or f.source.endswith(".label")
            ):
                continue
            clause = old[max(old.rfind(c, 0, f.start) for c in "，,；;。") + 1 : f.start]
            if sid in plan_ids or FUTURE.search(clause):
                score.linked["plans"] += 1
                continue
            old_fig = next((g for g in real_figures(old) if g.start < f.end and f.start < g.end), None)
            if old_fig is None:
                continue  # read differently by the checker (a number it joins or splits)
            found = counterpart(old, new_text, old_fig.start)
            new_fig, at = found if found else (None, -1)
            signed = f.source.startswith(SIGNED) or "_growth@" in f.source
            verdict = judge(old_fig, new_fig, expected_value(f.source, new), new_text[: max(at, 0)], signed)
            if verdict == "correct" and where.get((sid, k)) is not None:
                finding = findings.get(where[(sid, k)] + at)
                if finding is None or finding.status not in ("verified", "derived"):
                    verdict = "checker"
            if verdict == "left old" and _listed(outcome_changes, sid, k, old_fig.start):
                verdict = "left old, listed"
            score.linked[verdict] += 1
            if verdict != "correct" and len(score.wrong_examples) < 12:
                score.wrong_examples.append(
                    f"{verdict}: {old_fig.text} → {new_fig.text if new_fig else '?'} ({f.source})"
                )


def _review(score, outcome, lines, findings, where) -> None:
    listed = []  # the spans of draft.md the review list points at
    for c in outcome.changes:
        if c.status == "kept-for-review" and c.paragraph >= 0 and (c.section, c.paragraph) in where:
            at = where[(c.section, c.paragraph)] + c.new_start
            listed.append((at, at + len(c.new)))
    score.review = sum(1 for c in outcome.changes if c.status == "kept-for-review")
    carried = {(sid, k) for sid, k, _, _ in lines}
    spans = [
        (where[key], where[key] + len(outcome.draft.section(key[0]).paragraphs[key[1]]))
        for key in carried
        if key in where
    ]
    for start, f in findings.items():
        if f.status in PROBLEM_STATUSES and any(a <= start < b for a, b in spans):
            score.unproven += 1
            on_list = any(a < f.end and start < b for a, b in listed)
            score.listed += on_list
            if not on_list and len(score.wrong_examples) < 12:
                score.wrong_examples.append(
                    f"not on the review list: {f.text} ({f.status}: {f.message[:40]})"
                )


# ------------------------------------------------------------------ the two corpora
def seeds(work: Path, settings: Settings) -> Score:
    total = Score()
    print("1. seed reports, next year's data built by code")
    print(
        f"   {'report':28} {'sentences kept':>15}   {'linked: correct':<17} {'left old':<14} {'wrong':<14} {'review list (unproven listed)'}"
    )
    for report, metrics in PAIRS:
        raw = yaml.safe_load((ROOT / "examples" / metrics).read_text(encoding="utf-8"))
        nxt = work / f"{Path(metrics).stem}-next.yaml"
        nxt.write_text(yaml.safe_dump(next_year(raw), allow_unicode=True, sort_keys=False), encoding="utf-8")
        score = carry_one(
            ROOT / "knowledge" / "reports" / report,
            nxt,
            load_source(ROOT / "examples" / metrics),
            work,
            settings,
        )
        _row(report, score)
        for example in score.wrong_examples:
            print(f"      {example}")
        total.add(score)
    _row("total", total)
    return total


def carry_one(last: Path, new_path: Path, old_source, work: Path, settings: Settings) -> Score:
    from drafter.carry.run import read_report

    out = work / f"out-{last.stem}"
    shutil.rmtree(out, ignore_errors=True)
    outcome = run_carry(new_path, last, out, settings)
    sections = list(read_report(last, settings)[0].sections)
    plan_parts = {s.spec.id for s in sections if s.spec.kind == "plans"}
    plan_ids = plan_parts | {s.spec.id for s in sections if s.spec.parent in plan_parts}
    return measure(outcome, sections, old_source, load_source(new_path), plan_ids)


def _row(name: str, s: Score) -> None:
    left = s.linked["left old"] + s.linked["left old, listed"]
    n = s.linked["correct"] + left + s.linked["wrong"] + s.linked["checker"]
    pct = lambda a, b: f"{100 * a / b:5.1f}%" if b else "   – "  # noqa: E731
    print(
        f"   {name:28} {s.kept:>5}/{s.sentences:<5} {pct(s.kept, s.sentences)} "
        f"{s.linked['correct']:>4}/{n:<4}{pct(s.linked['correct'], n)} {left:>3} ({s.linked['left old, listed']} listed) "
        f"{s.linked['wrong'] + s.linked['checker']:>4} (checker {s.linked['checker']})"
        f"  {s.listed}/{s.unproven} {pct(s.listed, s.unproven)}  plans {s.linked['plans']}, review items {s.review}"
    )


def series_pairs(realtext: Path) -> list[tuple[Path, Path]]:
    by_series: dict[str, list[tuple[int, Path]]] = {}
    seen = set(seen_paths())  # no document of a blind split before its one score
    for doc in sorted(realtext.glob("*.md")):
        if doc.resolve() not in seen:
            continue
        front = re.match(r"\A---\n(.*?)\n---\n", doc.read_text(encoding="utf-8"), re.S)
        head = yaml.safe_load(front.group(1)) if front else {}
        if head.get("series") and metrics_of(doc).is_file():
            by_series.setdefault(head["series"], []).append((int(head["year"]), doc))
    out = []
    for docs in by_series.values():
        docs.sort()
        out += [(a, b) for (ya, a), (yb, b) in zip(docs, docs[1:], strict=False) if yb == ya + 1]
    return out


def metrics_of(doc: Path) -> Path:
    """The document's complete metrics file (COMPLETE.md: with the previous year's values) where there is one."""
    complete = doc.with_suffix(".complete.yaml")
    return complete if complete.is_file() else doc.with_suffix(".metrics.yaml")


def merged(a: Path, b: Path, work: Path) -> Path:
    old = yaml.safe_load(metrics_of(a).read_text(encoding="utf-8"))
    new = yaml.safe_load(metrics_of(b).read_text(encoding="utf-8"))
    keys = {m["key"]: m for m in new.get("metrics") or []}
    for m in old.get("metrics") or []:
        if m["key"] in keys:
            keys[m["key"]]["values"] = {**m["values"], **keys[m["key"]]["values"]}
        else:
            new.setdefault("metrics", []).append(m)
    path = work / f"{b.stem}-with-{a.stem}.yaml"
    path.write_text(yaml.safe_dump(new, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def real_pairs(work: Path, settings: Settings, realtext: Path) -> None:
    print(f"2. real consecutive-year pairs ({realtext}, excerpts)")
    totals = Counter()
    for a, b in series_pairs(realtext):
        out = work / f"out-{a.stem}"
        shutil.rmtree(out, ignore_errors=True)
        try:
            outcome = run_carry(merged(a, b, work), a, out, settings)
        except DrafterError as exc:
            print(f"   {a.stem} → {b.stem}: refused: {exc.message}")
            totals["refused"] += 1
            continue
        counts = _pair_counts(a, b, outcome, settings)
        totals.update(counts)
        print(
            f"   {a.stem} → {b.stem.split('-')[2]}: metric figures {counts['figures']}: correct {counts['correct']}, "
            f"left old {counts['left old']}, wrong {counts['wrong']}; sentences kept {counts['kept']}/{counts['sentences']}; "
            f"review items {counts['review']}"
        )
    print(
        f"   total: metric figures {totals['figures']}: correct {totals['correct']}, left old {totals['left old']}, "
        f"wrong {totals['wrong']}; sentences kept {totals['kept']}/{totals['sentences']}; refused {totals['refused']}"
    )


def _pair_counts(a: Path, b: Path, outcome, settings: Settings) -> Counter:
    from drafter.carry.run import read_report

    old = load_source(metrics_of(a))
    later = load_source(metrics_of(b))
    sections = list(read_report(a, settings)[0].sections)
    counts = Counter(review=sum(1 for c in outcome.changes if c.status == "kept-for-review"))
    old_lines = [p.text for s in sections for p in ((s.heading,) if s.heading else ()) + s.paragraphs]
    new_lines = [line for s in outcome.draft.sections for line in (s.spec.numbered_heading, *s.paragraphs)]
    counts["sentences"], counts["kept"] = kept_sentences(old_lines, new_lines)
    for _, _, old_text, new_text in carried_lines(outcome, sections):
        for f in real_figures(old_text):
            for m in old.metrics:
                after = later.metric(m.key)
                if (
                    after is None
                    or old.report.period not in m.values
                    or later.report.period not in after.values
                ):
                    continue
                if same_family(f.unit, m.unit) and matches_shown(
                    f.value, f.decimals, convert(m.values[old.report.period], m.unit, f.unit)
                ):
                    found = counterpart(old_text, new_text, f.start)
                    new_fig = found[0] if found else None
                    counts["figures"] += 1
                    counts[
                        judge(
                            f,
                            new_fig,
                            (after.values[later.report.period], after.unit),
                            new_text[: found[1]] if found else "",
                        )
                    ] += 1
                    break
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", type=Path, help="keep the OUT directories here")
    parser.add_argument("--realtext", type=Path, default=REALTEXT, help="the eval/realtext/docs folder")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="carry-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    settings = Settings.load(backend="offline", quiet=True)
    seeds(work, settings)
    if args.realtext.is_dir():
        real_pairs(work, settings, args.realtext)
    else:
        print(f"2. skipped: {args.realtext} is not here (give --realtext DIR)")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
