"""Planted-error benchmark for the figure checker: recall per error type and false alarms on clean figures.

Builds consistent report sentences from the metrics of examples/*.yaml (each metric also gets a
synthetic previous year and, where the taxonomy gives one, a standard, so that change, share, total and
exceeds-target figures exist), checks that the clean text raises nothing, then plants one error at a time
(at least 20 per type) and records whether the checker flags the planted figure and what else it flags.

    .venv/bin/python bench/checker_accuracy.py [--per-type 25] [--seed 7]
"""

from __future__ import annotations

import argparse
import glob
import random
import sys
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import cn2an

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from drafter.checker.check import check_text  # noqa: E402
from drafter.core.types import PROBLEM_STATUSES, Metric, ReportInfo, SourceData, Target  # noqa: E402
from drafter.figures.derive import evaluate, is_average  # noqa: E402
from drafter.figures.numbers import format_figure, matches_shown, round_half_up, shown_decimals  # noqa: E402

TYPES = (
    "digit_typo",
    "other_year",
    "wrong_growth",
    "percent_for_points",
    "unit_error",
    "wrong_share",
    "rounding",
    "other_metric",
    "invented",
    "total_sum",
    "chinese_numeral",
    "exceed_target",
)
CN_UNITS = ("所", "个", "家", "项", "名", "人", "次", "条")
MONEY_SWAP = {"亿元": "万元", "万元": "亿元", "元": "万元"}
INVENTED = (
    "全市建成心理健康辅导室{n}间。",
    "开展家长学校专题培训{n}场。",
    "组织教师赴外地研修{n}批次。",
    "新建校园足球场地{n}块。",
    "评选乡村优秀校长{n}名。",
    "投入校园绿化资金{n}万元。",
)


@dataclass
class Fig:
    kind: str  # base | cn | diff | growth | pp | share | total | exceed
    text: str
    metric: str = ""
    meta: dict = field(default_factory=dict)


@dataclass
class Case:
    source: SourceData
    sentences: list[list[str | Fig]]

    def render(
        self, swap: dict[int, str] | None = None, extra: str = ""
    ) -> tuple[str, dict[int, tuple[int, int]]]:
        swap = swap or {}
        out, spans, pos = [], {}, 0
        for sentence in self.sentences:
            for piece in sentence:
                text = swap.get(id(piece), piece.text) if isinstance(piece, Fig) else piece
                if isinstance(piece, Fig):
                    spans[id(piece)] = (pos, pos + len(text))
                out.append(text)
                pos += len(text)
            out.append("\n")
            pos += 1
        if extra:
            spans[0] = (pos, pos + len(extra))
            out.append(extra + "\n")
        return "".join(out), spans


# ---------------------------------------------------------------- consistent source data and text
def augmented(source: SourceData, rng: random.Random) -> SourceData:
    """Give single-year metrics a previous year and % metrics a standard, consistently."""
    metrics = []
    for m in source.metrics:
        if not m.values:
            continue
        values = dict(m.values)
        y1 = max(values)
        if len(values) == 1:
            values[y1 - 1] = _previous(values[y1], m.unit, rng)
        target = m.target
        if target is None and m.unit == "%" and 0 < values[y1] < 100:
            target = Target(float(int(values[y1] * 0.9)))
        elif target is None and m.unit in ("元", "万元") and values[y1] > 100:
            target = Target(round(values[y1] * 0.8, -1))
        metrics.append(replace(m, values=values, target=target))
    return replace(source, metrics=tuple(metrics), facts={})


def _previous(v: float, unit: str, rng: random.Random) -> float:
    d = shown_decimals(v)
    if unit == "%":
        return round_half_up(max(0.0, min(100.0, v - rng.choice((-1, 1)) * rng.uniform(0.5, 3))), max(d, 1))
    prev = v / (1 + rng.uniform(0.02, 0.15))
    return round_half_up(prev, d) if d or prev >= 20 else float(max(1, int(prev)))


def _y(m: Metric) -> tuple[int, int]:
    years = sorted(m.values)
    return years[-2], years[-1]


def base_sentences(source: SourceData) -> list[list[str | Fig]]:
    out: list[list[str | Fig]] = []
    for m in source.metrics:
        y0, y1 = _y(m)
        v1 = m.values[y1]
        base = Fig("base", format_figure(v1, m.unit), m.key, {"year": y1})
        out.append([f"{y1}年，全市{m.label}为", base, *_change_pieces(source, m, y0, y1), "。"])
        if m.unit in CN_UNITS and float(v1).is_integer() and 2 <= v1 <= 99:
            out.append(
                [
                    f"{y1}年，{m.label}达到",
                    Fig("cn", cn2an.an2cn(int(v1)) + m.unit, m.key, {"year": y1}),
                    "。",
                ]
            )
        if m.target is not None and m.unit != "%" and v1 > m.target.value:
            pct = evaluate(f"exceed_target_pct({m.key},{y1})", source)
            out.append(
                [
                    f"{y1}年{m.label}",
                    Fig("base", format_figure(v1, m.unit), m.key, {"year": y1}),
                    "，超出",
                    format_figure(m.target.value, m.unit),
                    "的标准",
                    Fig("exceed", format_figure(pct.value, "%", 1), m.key),
                    "。",
                ]
            )
    return out


def _change_pieces(source: SourceData, m: Metric, y0: int, y1: int) -> list[str | Fig]:
    diff = evaluate(f"diff({m.key},{y0},{y1})", source)
    up = diff.value >= 0
    if m.unit == "%":
        pp = evaluate(f"pp_change({m.key},{y0},{y1})", source)
        return [
            f"，比{y0}年{'提高' if up else '下降'}",
            Fig("pp", format_figure(abs(pp.value), "个百分点", pp.decimals), m.key),
        ]
    growth = evaluate(f"growth({m.key},{y0},{y1})", source)
    return [
        f"，比{y0}年{'增加' if up else '减少'}",
        Fig("diff", format_figure(abs(diff.value), m.unit, diff.decimals), m.key),
        f"，{'增长' if up else '下降'}",
        Fig("growth", format_figure(abs(growth.value), "%", 2), m.key),
    ]


def group_sentences(source: SourceData) -> list[list[str | Fig]]:
    """Shares (A占B的P%) and totals (A、B合计T，其中A a、B b) within an indicator."""
    out: list[list[str | Fig]] = []
    groups: dict[tuple[str, str], list[Metric]] = {}
    for m in source.metrics:
        if m.unit != "%" and not is_average(m):
            groups.setdefault((m.indicator, m.unit), []).append(m)
    for members in groups.values():
        if len(members) < 2:
            continue
        a, b = sorted(members[:2], key=lambda m: m.values[_y(m)[1]])
        y = _y(a)[1]
        if y in b.values and a.values[y] < b.values[y]:
            share = evaluate(f"share({a.key},{b.key},{y})", source)
            out.append(
                [
                    f"{y}年，全市{a.label}",
                    Fig("base", format_figure(a.values[y], a.unit), a.key, {"year": y}),
                    f"，占{b.label}",
                    Fig("base", format_figure(b.values[y], b.unit), b.key, {"year": y}),
                    "的",
                    Fig("share", format_figure(share.value, "%", 1), a.key),
                    "。",
                ]
            )
            total = evaluate(f"sum({a.key}+{b.key},{y})", source)
            out.append(
                [
                    f"{y}年，{a.label}、{b.label}合计",
                    Fig("total", format_figure(total.value, a.unit), a.key),
                    "，其中",
                    a.label,
                    Fig("base", format_figure(a.values[y], a.unit), a.key, {"year": y}),
                    "、",
                    b.label,
                    Fig("base", format_figure(b.values[y], b.unit), b.key, {"year": y}),
                    "。",
                ]
            )
    return out


def build_cases(rng: random.Random) -> list[Case]:
    from drafter.source.load import load_source

    paths = sorted(glob.glob(str(Path(__file__).resolve().parent.parent / "examples" / "*.yaml")))
    sources = [load_source(Path(p)) for p in paths] or [fixture_source()]
    cases = []
    for source in sources:
        src = augmented(source, rng)
        cases.append(Case(src, base_sentences(src) + group_sentences(src)))
    return cases


def fixture_source() -> SourceData:
    report = ReportInfo(region="示例市", level="city", round=2022, period=2021, issuer="示例市人民政府")
    return SourceData(
        report=report,
        metrics=(
            Metric("fund.general_budget_edu", "一般公共预算教育支出", "亿元", {2020: 21.09, 2021: 22.35}),
            Metric("preschool.gross_enrolment_rate", "学前三年毛入园率", "%", {2020: 91.24, 2021: 92.3}),
            Metric("preschool.kindergartens", "幼儿园数", "所", {2021: 120}),
            Metric("preschool.new_inclusive_kindergartens", "新建认定普惠性幼儿园", "所", {2021: 30}),
        ),
    )


# ---------------------------------------------------------------- planting one error
def _figs(case: Case, kind: str) -> list[Fig]:
    return [p for s in case.sentences for p in s if isinstance(p, Fig) and p.kind == kind]


def _number(text: str) -> str:
    """The digits of a figure's text (its unit cut off)."""
    end = len(text)
    while end and not text[end - 1].isdigit():
        end -= 1
    return text[:end]


def _unit(fig: Fig) -> str:
    return fig.text[len(_number(fig.text)) :]


def _value(fig: Fig) -> float:
    return float(_number(fig.text))


def plant(case: Case, kind: str, rng: random.Random) -> tuple[Fig | None, str] | None:
    """(figure to change, its new text) — or (None, a new sentence) for an invented figure."""
    src = {m.key: m for m in case.source.metrics}
    arabic = [f for f in _figs(case, "base") if f.text[0].isdigit()]
    if kind == "digit_typo" and arabic:
        f = rng.choice(arabic)
        num = _number(f.text)
        spots = [
            i for i, c in enumerate(num) if c.isdigit() and not (i == 0 and len(num) > 1 and num[1] == ".")
        ]
        i = rng.choice(spots)
        digit = rng.choice([d for d in "123456789" if d != num[i]])
        return f, num[:i] + digit + num[i + 1 :] + _unit(f)
    if kind == "other_year":
        cands = [f for f in arabic if len(set(src[f.metric].values.values())) > 1]
        f = rng.choice(cands)
        m = src[f.metric]
        other = next(
            v for y, v in sorted(m.values.items()) if y != f.meta["year"] and v != m.values[f.meta["year"]]
        )
        return f, format_figure(
            other, m.unit, max(shown_decimals(other), shown_decimals(m.values[f.meta["year"]]))
        )
    if kind in ("wrong_growth", "wrong_share", "exceed_target"):
        f = rng.choice(
            _figs(case, {"wrong_growth": "growth", "wrong_share": "share", "exceed_target": "exceed"}[kind])
        )
        delta = rng.uniform(0.3, 4) * rng.choice((-1, 1))
        decimals = len(_number(f.text).split(".")[1]) if "." in f.text else 0
        return f, format_figure(abs(_value(f) + delta), "%", decimals)
    if kind == "percent_for_points":
        f = rng.choice(_figs(case, "pp"))
        return f, f.text.replace("个百分点", "%")
    if kind == "unit_error":
        f = rng.choice([f for f in arabic if _unit(f) in MONEY_SWAP])
        return f, _number(f.text) + MONEY_SWAP[_unit(f)]
    if kind == "rounding":
        f = rng.choice([f for f in arabic if "." in f.text])
        v, d = src[f.metric].values[f.meta["year"]], len(_number(f.text).split(".")[1])
        return f, format_figure(round_half_up(v, d - 1) + 10 ** -(d - 1), _unit(f), d - 1)
    if kind == "other_metric":
        f = rng.choice(arabic)
        m = src[f.metric]
        others = [
            o
            for o in case.source.metrics
            if o.key != m.key
            and o.unit == m.unit
            and all(abs(v - o.values[max(o.values)]) > 1e-9 for v in m.values.values())
        ]
        if not others:
            return None
        o = rng.choice(others)
        return f, format_figure(o.values[max(o.values)], m.unit)
    if kind == "invented":
        return None, rng.choice(INVENTED).format(n=rng.randint(7, 97))
    if kind == "total_sum":
        f = rng.choice(_figs(case, "total"))
        v = _value(f)
        bump = (
            max(1.0, round(v * rng.uniform(0.03, 0.2))) if "." not in f.text else v * rng.uniform(0.03, 0.2)
        )
        decimals = len(_number(f.text).split(".")[1]) if "." in f.text else 0
        return f, format_figure(v + bump, _unit(f), decimals)
    if kind == "chinese_numeral":
        f = rng.choice(_figs(case, "cn"))
        v = int(cn2an.cn2an(f.text[:-1], "smart"))
        return f, cn2an.an2cn(max(2, v + rng.choice((-3, -2, -1, 1, 2, 3, 5)))) + f.text[-1]
    return None


def _same_shown(fig: Fig, new: str, case: Case) -> bool:
    """A planted value that still shows the true value (84.2 for 84.16) is no error."""
    metric = case.source.metric(fig.metric)
    if (
        fig.kind != "base"
        or metric is None
        or not new[:1].isdigit()
        or _unit(fig) != new[len(_number(new)) :]
    ):
        return False
    digits = _number(new)
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    return matches_shown(float(digits), decimals, metric.values[fig.meta["year"]])


def applicable(case: Case, kind: str) -> bool:
    need = {
        "wrong_growth": "growth",
        "wrong_share": "share",
        "exceed_target": "exceed",
        "percent_for_points": "pp",
        "total_sum": "total",
        "chinese_numeral": "cn",
    }
    if kind in need:
        return bool(_figs(case, need[kind]))
    arabic = [f for f in _figs(case, "base") if f.text[0].isdigit()]
    if kind == "unit_error":
        return any(_unit(f) in MONEY_SWAP for f in arabic)
    if kind == "rounding":
        return any("." in f.text for f in arabic)
    return bool(arabic) or kind == "invented"


# ---------------------------------------------------------------- running
def flagged(report, span: tuple[int, int], text: str, known: set) -> tuple[bool, int, int, int]:
    """(planted figure flagged, false alarms outside its sentence, figures outside it, alarms inside it).

    Figures in the planted sentence (the growth after a changed value, the share of a changed part) are
    rightly flagged as a consequence; they are counted apart, not as false alarms.
    """
    lo, hi = text.rfind("\n", 0, span[0]) + 1, text.find("\n", span[1])
    hit, alarms, figures, inside = False, 0, 0, 0
    for f in report.findings:
        if f.start < span[1] and span[0] < f.end:
            hit = hit or f.status in PROBLEM_STATUSES
        elif lo <= f.start < hi:
            inside += f.status in PROBLEM_STATUSES
        elif f.status != "ignored":
            figures += 1
            alarms += f.status in PROBLEM_STATUSES and (f.text, f.message) not in known
    return hit, alarms, figures, inside


def run(per_type: int, seed: int, verbose: bool) -> None:
    rng = random.Random(seed)
    cases = build_cases(rng)
    clean_alarms, clean_figs, known = 0, 0, {}
    for case in cases:
        known[id(case)] = set()
        text, _ = case.render()
        report = check_text(text, case.source)
        for f in report.problems:
            clean_alarms += 1
            known[id(case)].add((f.text, f.message))
            if verbose:
                print(f"  clean alarm [{case.source.report.region}] {f.status} {f.text} {f.message}")
        clean_figs += sum(f.status != "ignored" for f in report.findings)
    recall, alarms, figures, knock_on, misses = Counter(), 0, 0, 0, []
    for kind in TYPES:
        usable = [c for c in cases if applicable(c, kind)]
        done = 0
        while done < per_type and usable:
            case = rng.choice(usable)
            planted = plant(case, kind, rng)
            if planted is None:
                continue
            fig, new = planted
            if fig is not None and (new == fig.text or _same_shown(fig, new, case)):
                continue  # the change does not show at the printed precision: not an error
            text, spans = case.render({id(fig): new}) if fig else case.render(extra=new)
            report = check_text(text, case.source)
            hit, a, n, k = flagged(report, spans[id(fig)] if fig else spans[0], text, known[id(case)])
            recall[kind] += hit
            alarms, figures, knock_on, done = alarms + a, figures + n, knock_on + k, done + 1
            if not hit:
                misses.append((kind, case.source.report.region, fig.text if fig else "", new))
    print(f"checker accuracy: {len(cases)} source files, {per_type} planted errors per type (seed {seed})")
    print(
        f"clean text: {clean_figs} figures, {clean_alarms} flagged ({clean_alarms / max(clean_figs, 1):.2%}) — "
        "flags the metrics themselves cause (a defect kept in an example file) are not counted again below"
    )
    print(f"{'type':22} recall")
    for kind in TYPES:
        print(f"{kind:22} {recall[kind] / per_type:.3f}  ({recall[kind]}/{per_type})")
    print(f"{'all':22} {sum(recall.values()) / (per_type * len(TYPES)):.3f}")
    print(
        f"false alarms on unplanted figures (outside the planted sentence): {alarms}/{figures} = "
        f"{alarms / max(figures, 1):.2%}; knock-on flags inside planted sentences: {knock_on}"
    )
    for miss in misses[: 40 if verbose else 0]:
        print("  missed", *miss)


# ---------------------------------------------------------------- the same, on drafts the offline backend wrote
DRAFT_TYPES = ("digit_typo", "unit_error", "rounding", "other_metric", "other_year", "invented")


def offline_drafts(tmp: Path) -> list[tuple[SourceData, str]]:
    """`drafter draft EXAMPLE -o tmp/NAME` (offline backend) for every example: phrasing the checker was not built on."""
    import subprocess

    from drafter.source.load import load_source

    out = []
    for path in sorted(glob.glob(str(Path(__file__).resolve().parent.parent / "examples" / "*.yaml"))):
        target = tmp / Path(path).stem
        done = subprocess.run(
            [sys.executable, "-m", "drafter", "draft", path, "-o", str(target)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        if (target / "draft.md").is_file() and done.returncode in (0, 1):
            out.append((load_source(Path(path)), (target / "draft.md").read_text(encoding="utf-8")))
    return out


def plant_in_draft(kind: str, f, source: SourceData, rng: random.Random) -> str | None:
    """New text for a verified figure `f` of a draft, or None when the kind does not apply to it."""
    m = source.metric(f.source.split("@")[0])
    num, unit = f.text[: len(f.text) - len(f.unit)].strip(), f.unit
    if kind == "digit_typo":
        spots = [i for i, c in enumerate(num) if c.isdigit() and not (i == 0 and num[1:2] == ".")]
        i = rng.choice(spots)
        return num[:i] + rng.choice([d for d in "123456789" if d != num[i]]) + num[i + 1 :] + unit
    if kind == "unit_error":
        return num + MONEY_SWAP[unit] if unit in MONEY_SWAP else None
    if kind == "rounding" and "." in num:
        d = len(num.split(".")[1])
        v = m.values[int(f.source.split("@")[1])]
        return format_figure(round_half_up(v, d - 1) + 10 ** -(d - 1), unit, d - 1)
    if kind == "other_metric":
        others = [
            o
            for o in source.metrics
            if o.key != m.key
            and o.unit == m.unit
            and o.values
            and all(abs(o.values[max(o.values)] - v) > 1e-9 for v in m.values.values())
        ]
        if not others:
            return None
        other = rng.choice(others)
        return format_figure(other.values[max(other.values)], unit)
    if kind == "other_year":
        year = int(f.source.split("@")[1])
        others = [v for y, v in m.values.items() if y != year and v != m.values[year]]
        shown = len(num.split(".")[1]) if "." in num else 0
        return format_figure(others[0], unit, max(shown_decimals(others[0]), shown)) if others else None
    return None


def run_on_drafts(per_type: int, rng: random.Random, verbose: bool) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        drafts = offline_drafts(Path(tmp))
    clean = [(src, text, check_text(text, src)) for src, text in drafts]
    flagged_clean = sum(len(r.problems) for _, _, r in clean)
    print(
        f"\noffline drafts: {len(drafts)} (`drafter draft examples/*.yaml`), "
        f"{sum(len(r.findings) for *_, r in clean)} figures, {flagged_clean} flagged before planting"
    )
    recall, tried, alarms, figures = Counter(), Counter(), 0, 0
    for kind in DRAFT_TYPES:
        for _ in range(per_type * 20):
            if tried[kind] >= per_type:
                break
            src, text, report = rng.choice(clean)
            known = {(f.text, f.message) for f in report.problems}
            if kind == "invented":
                cut = text.find("\n", rng.randrange(len(text)))
                cut = len(text) if cut < 0 else cut
                sentence = rng.choice(INVENTED).format(n=rng.randint(7, 97))
                new_text, span = text[:cut] + "\n" + sentence + text[cut:], (cut + 1, cut + 1 + len(sentence))
            else:
                targets = [
                    f
                    for f in report.findings
                    if f.status == "verified" and "@" in f.source and f.text[0].isdigit()
                ]
                f = rng.choice(targets)
                new = plant_in_draft(kind, f, src, rng)
                if new is None or new == f.text:
                    continue
                new_text, span = text[: f.start] + new + text[f.end :], (f.start, f.start + len(new))
            hit, a, n, _ = flagged(check_text(new_text, src), span, new_text, known)
            tried[kind] += 1
            recall[kind] += hit
            if verbose and not hit:
                print(
                    f"  missed in a draft: {kind} {new_text[span[0] : span[1]]!r} in "
                    f"{new_text[max(0, span[0] - 30) : span[1] + 10]!r}"
                )
            alarms, figures = alarms + a, figures + n
    for kind in DRAFT_TYPES:
        print(f"{kind:22} {recall[kind] / max(tried[kind], 1):.3f}  ({recall[kind]}/{tried[kind]})")
    print(
        f"false alarms on unplanted figures of the drafts: {alarms}/{figures} = {alarms / max(figures, 1):.2%}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--per-type", type=int, default=25)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    run(args.per_type, args.seed, args.verbose)
    run_on_drafts(args.per_type, random.Random(args.seed), args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
