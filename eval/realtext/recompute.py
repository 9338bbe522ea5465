#!/usr/bin/env python3
"""Recompute every hand-labelled relation of eval/realtext/docs/*.yaml against its .md text.

Independent of the `drafter` package on purpose (it measures that code): Python 3.11 + PyYAML only.

    python eval/realtext/recompute.py            # one line per relation: ok / ok~ / DEFECT, expected value
    python eval/realtext/recompute.py --check    # exit 1 when a hand label disagrees with the arithmetic,
                                                 # a substring is missing, or a file is malformed
    python eval/realtext/recompute.py --doc ID   # only documents whose id contains ID
    python eval/realtext/recompute.py --quiet    # only problems and the final count line

Relation kinds (FORMAT.md):
  growth      (a/b - 1) * 100                 -> %
  change      a - b   (万元/亿元/元, 万人/人 … converted)   -> stated unit
  pp_change   a - b, both %                   -> 个百分点 (a stated "%" is a percent_for_points defect)
  share       a / b * 100                     -> %
  sum         a + b + …                       -> stated unit
  gap         |a - b|                         -> stated unit (个百分点 for two %)
  rate_diff   a - b, both growth rates        -> 个百分点 (a stated "%" is a percent_for_points defect)
  ratio, per_capita   a / b                   -> stated unit (prefix 万/亿 of the stated unit applied)
  multiple    a / b                           -> 倍
  growth_by_change   c / (a - c) * 100        -> %   (a = this year's value, c = the signed change "比上年增加/减少c";
              the previous value is not printed — the 统计公报 pattern "15340所,比上年减少294所,下降1.88%")
  cagr        年均增长: ((a/b)^(1/years) - 1) * 100, or from one total growth g%: ((1+g/100)^(1/years) - 1) * 100
              (`years:` required — "2020年…比2015年增长76.48%", 年均增长 over 5 years)

Comparison: a stated value with d decimals is right when |stated - exact| <= 0.5*10^-d + 1e-9 (in the stated
unit). When that fails but the stated value is reachable with every operand moved within half a unit of its own
last shown digit (operands are themselves rounded figures), the relation is reported `ok~` (operand rounding):
not a defect. Integer counts (人, 所, 个 …) without a 万/亿 prefix are taken as exact.

Sign: a stated figure is negative when it carries "-"/"－"/"负" or a direction word (下降 减少 降低 减 降 少 低
回落 下滑, Traditional too) — so annotate "下降3.17%" (the whole phrase) when the text words a fall; or set
`direction: down` on the relation when the word is far away. `gap` ignores signs.

The parts of a `sum` carry their sign the same way ("比上年减少1.51万所" + "比上年减少412所" = "比上年减少1.55万所").
Parsing: the figure is the LAST number of the quoted substring ("上年9120.55" -> 9120.55), except "19.3:1" (the number
before ":1"); thousands separators "163,338.03", spaces inside a number "13282. 41", full-width digits, the full stop
used as a decimal point "89。7%", and Traditional units (萬元, 億元, 個百分點) are understood.

Optional relation fields: note (free text, ignored), occurrence (stated appears at least this many times), unit (the unit of operands that
print none, e.g. a table's 单位：万元), arg_units (one per arg, "" = as printed), stated_unit, direction (up|down).
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs"

KINDS = {
    "growth",
    "change",
    "pp_change",
    "share",
    "sum",
    "gap",
    "rate_diff",
    "ratio",
    "per_capita",
    "multiple",
    "growth_by_change",
    "cagr",
}
DEFECT_TYPES = {
    "wrong_growth",
    "wrong_share",
    "total_sum",
    "percent_for_points",
    "unit_error",
    "rounding",
    "other",
    "wrong_change",
    "wrong_direction",
}
CLAIM_KINDS = {
    "two_no_decrease",
    "not_below_civil_servant",
    "eliminated_large_class",
    "zero_dropout",
    "full_coverage",
    "target_met",
    "target_missed",
    "direction_up",
    "direction_down",
}
FRONT_REQUIRED = ["id", "source", "title", "kind", "region", "level", "year", "whole", "split", "retrieved"]
DOC_KINDS = {"report", "funding", "statistics", "summary", "paragraph"}
LEVELS = {"national", "province", "city", "county"}
SPLITS = {
    "dev",
    "holdout",
    "holdout2",
    "holdout3",
    "holdout4",
    "holdout5",
    "holdout6",
    "holdout7",
    "holdout8",
    "holdout9",
    "holdout10",
    "holdout11",
    "holdout12",
    "holdout13",
    "holdout14",
    "holdout15",
    "holdout16",
    "holdout17",
    "holdout18",
    "holdout19",
    "holdout20",
}

# Traditional / full-width normalisation used only to *parse* a figure (the text itself is never changed).
TRANS = str.maketrans(
    {
        "萬": "万",
        "億": "亿",
        "個": "个",
        "點": "点",
        "減": "减",
        "長": "长",
        "較": "较",
        "增": "增",
        "０": "0",
        "１": "1",
        "２": "2",
        "３": "3",
        "４": "4",
        "５": "5",
        "６": "6",
        "７": "7",
        "８": "8",
        "９": "9",
        "．": ".",
        "％": "%",
        "－": "-",
        "−": "-",
        "，": ",",
        "　": " ",
        "﹪": "%",
        "﹒": ".",
        "﹣": "-",
        "\u00a0": " ",
    }
)
NEG_WORDS = ("下降", "减少", "降低", "回落", "下滑", "减", "降", "少", "低", "负")
NUM_RE = re.compile(r"(?P<sign>[-+]\s*)?(?P<num>\d(?:[\d,]|\s(?=\d))*(?:\s*\.\s*\d+)?)")
PREFIX = {"亿": 1e8, "万": 1e4, "千": 1e3}
COUNT_UNITS = {
    "人",
    "所",
    "个",
    "名",
    "班",
    "人次",
    "校",
    "户",
    "间",
    "套",
    "台",
    "件",
    "项",
    "次",
    "家",
    "座",
    "园",
    "县",
    "区",
    "门",
    "册",
    "辆",
    "张",
    "位",
    "条",
    "期",
    "批",
    "处",
}
UNIT_RE = re.compile(
    r"^\s*(个百分点|百分点|%|倍|(?:亿|万|千)?(?:元|人次|人|平方米|册|所|个|名|班|台|件|项|次|家|座|"
    r"园|户|间|套|校|辆|张|位|条|期|批|处|亩|米|公顷|门)|亿|万)"
)


class Fig:
    """A parsed figure: value in its printed unit, decimals shown, unit string, scale to base unit."""

    def __init__(self, raw: str, value: float, decimals: int, unit: str, neg_word: bool):
        self.raw, self.value, self.decimals, self.unit, self.neg_word = raw, value, decimals, unit, neg_word

    @property
    def scale(self) -> float:
        return unit_scale(self.unit)

    @property
    def base(self) -> float:
        return self.value * self.scale

    def half_unit_base(self) -> float:
        """Half a unit of the last shown digit, in base units; 0 for exact integer counts."""
        base_unit = strip_prefix(self.unit)
        prefixed = self.unit[:1] in PREFIX and self.unit not in ("个百分点",)
        if self.decimals == 0 and not prefixed and (base_unit in COUNT_UNITS):
            return 0.0
        return 0.5 * 10 ** (-self.decimals) * self.scale


def strip_prefix(unit: str) -> str:
    if unit and unit[0] in PREFIX and len(unit) > 1:
        return unit[1:]
    return unit


def unit_scale(unit: str) -> float:
    if unit in ("亿", "万"):
        return PREFIX[unit]
    if unit and unit[0] in PREFIX and len(unit) > 1:
        return PREFIX[unit[0]]
    return 1.0


def family(unit: str) -> str:
    if unit in ("%", "个百分点", "百分点"):
        return "%"
    u = strip_prefix(unit)
    if unit in ("亿", "万", ""):
        return ""
    return u


def parse_fig(raw: str, default_unit: str = "") -> Fig:
    s = raw.translate(TRANS)
    s = re.sub(r"(?<=\d)。(?=\d)", ".", s)  # "89。7%": a full-width full stop used as the decimal point
    matches = list(NUM_RE.finditer(s))
    if not matches:
        raise ValueError(f"no number in {raw!r}")
    m = matches[-1]  # the figure is the last number of the quoted substring
    # a ratio printed "19.3:1" (生师比): the figure is the number before ":1"
    if (
        len(matches) >= 2
        and re.fullmatch(r"\s*[:：]\s*", s[matches[-2].end() : m.start()])
        and m.group("num") == "1"
    ):
        m = matches[-2]
    num = re.sub(r"[\s,]", "", m.group("num"))
    decimals = len(num.split(".")[1]) if "." in num else 0
    value = float(num)
    sign = (m.group("sign") or "").strip()
    before = s[: m.start()]
    neg_word = any(w in before for w in NEG_WORDS)
    if sign == "-" or (before.rstrip().endswith("负")):
        value = -value
    um = UNIT_RE.match(s[m.end() :])
    unit = um.group(1) if um else ""
    if unit == "百分点":
        unit = "个百分点"
    if not unit:
        unit = default_unit
    return Fig(raw, value, decimals, unit, neg_word)


def tolerance(decimals: int) -> float:
    return 0.5 * 10 ** (-decimals) + 1e-9


def fmt(x: float, decimals: int) -> str:
    return f"{x:.{decimals}f}"


def compute(kind: str, args: list[float], years: float | None = None) -> float:
    """The exact result in base units (or %, 倍)."""
    if kind == "cagr":
        ratio = args[0] / args[1] if len(args) == 2 else 1 + args[0] / 100
        return (ratio ** (1 / years) - 1) * 100
    if kind == "growth":
        return (args[0] / args[1] - 1) * 100
    if kind in ("change", "pp_change", "rate_diff"):
        return args[0] - args[1]
    if kind == "gap":
        return abs(args[0] - args[1])
    if kind == "share":
        return args[0] / args[1] * 100
    if kind == "sum":
        return sum(args)
    if kind in ("ratio", "per_capita", "multiple"):
        return args[0] / args[1]
    if kind == "growth_by_change":
        return args[1] / (args[0] - args[1]) * 100
    raise ValueError(kind)


def reachable_range(kind: str, figs: list[Fig], years: float | None = None) -> tuple[float, float]:
    """Min/max of the relation over every operand within half a unit of its shown last digit."""
    boxes = [(f.base - f.half_unit_base(), f.base + f.half_unit_base()) for f in figs]
    if kind == "sum":
        return sum(b[0] for b in boxes), sum(b[1] for b in boxes)
    if kind == "gap":
        lo, hi = reachable_range("change", figs)
        if lo <= 0 <= hi:
            return 0.0, max(abs(lo), abs(hi))
        return min(abs(lo), abs(hi)), max(abs(lo), abs(hi))
    vals = []
    for corner in itertools.product(*boxes):
        try:
            vals.append(compute(kind, list(corner), years))
        except ZeroDivisionError:
            continue
    return min(vals), max(vals)


class Problem(Exception):
    pass


def load_md(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        raise Problem(f"{path.name}: no front matter")
    end = text.find("\n---\n", 4)
    if end < 0:
        raise Problem(f"{path.name}: front matter not closed")
    front = yaml.safe_load(text[4:end]) or {}
    body = text[end + 5 :]
    return front, body


def check_front(front: dict, stem: str) -> list[str]:
    errs = []
    for k in FRONT_REQUIRED:
        if k not in front or front[k] in (None, ""):
            errs.append(f"front matter: missing {k}")
    if front.get("id") != stem:
        errs.append(f"front matter: id {front.get('id')!r} != file name {stem!r}")
    if front.get("kind") not in DOC_KINDS:
        errs.append(f"front matter: kind {front.get('kind')!r}")
    if front.get("level") not in LEVELS:
        errs.append(f"front matter: level {front.get('level')!r}")
    if front.get("split") not in SPLITS:
        errs.append(f"front matter: split {front.get('split')!r}")
    if not isinstance(front.get("whole"), bool):
        errs.append("front matter: whole must be true/false")
    if front.get("kind") == "paragraph" and front.get("whole") is True:
        errs.append("front matter: a paragraph cannot be whole")
    src = str(front.get("source", ""))
    if not src.startswith("http"):
        errs.append("front matter: source is not a URL")
    return errs


def evaluate(rel: dict, body: str) -> dict:
    """Returns {status, expected, exact, errors, auto_type}."""
    out = {"errors": [], "status": "?", "expected": "", "auto_type": ""}
    kind = rel.get("kind")
    if kind not in KINDS:
        out["errors"].append(f"unknown relation kind {kind!r}")
        return out
    stated = str(rel.get("stated", ""))
    args = [str(a) for a in (rel.get("args") or [])]
    need = int(rel.get("occurrence", 1))
    if not stated or body.count(stated) < need:
        out["errors"].append(
            f"stated substring {stated!r} not found" + (f" {need} times" if need > 1 else "")
        )
    for a in args:
        if a not in body:
            out["errors"].append(f"arg substring {a!r} not found")
    years = rel.get("years")
    if kind == "cagr":
        if not isinstance(years, (int, float)) or years <= 0:
            out["errors"].append("cagr needs years: N")
        if len(args) not in (1, 2):
            out["errors"].append("cagr takes [total growth %] or [end, start]")
    elif len(args) < 2:
        out["errors"].append("fewer than two args")
    if out["errors"]:
        return out
    default = str(rel.get("unit", "") or "")
    arg_units = rel.get("arg_units") or [""] * len(args)
    try:
        figs = [parse_fig(a, default) for a in args]
        for f, u in zip(figs, arg_units, strict=False):
            if u:
                f.unit = str(u)
        # operands printed without a unit take the unit of the first operand that prints one
        first = next((f.unit for f in figs if f.unit), "")
        for f in figs:
            if not f.unit:
                f.unit = first
        if kind == "sum":
            # parts of a summed change carry their direction in words: 比上年减少1.51万所 + 比上年减少412所
            for f in figs:
                if f.neg_word and f.value > 0:
                    f.value = -f.value
        # a change that carries its direction in words: 比上年减少294所
        down = figs[1].neg_word and figs[1].value > 0 if len(figs) == 2 else False
        if kind == "growth_by_change" and len(figs) == 2 and (down or rel.get("change_direction") == "down"):
            figs[1].value = -abs(figs[1].value)
        st = parse_fig(stated, "")
        if rel.get("stated_unit"):
            st.unit = str(rel["stated_unit"])
    except ValueError as e:
        out["errors"].append(str(e))
        return out

    # sign of the stated figure from a direction word (or `direction`)
    direction = rel.get("direction")
    if kind != "gap":
        if (st.neg_word or direction == "down") and st.value > 0:
            st.value = -st.value
    else:
        st.value = abs(st.value)

    fams = {family(f.unit) for f in figs if family(f.unit)}
    if kind in ("change", "sum", "gap", "growth", "growth_by_change") and len(fams) > 1:
        out["errors"].append(f"operands of different unit families {sorted(fams)}")
        return out
    if kind in ("pp_change", "rate_diff") and any(family(f.unit) not in ("%", "") for f in figs):
        out["errors"].append("pp_change/rate_diff operands must be %")
        return out

    # the stated unit
    if kind in ("growth", "share", "growth_by_change", "cagr"):
        res_scale = 1.0
    elif kind in ("pp_change", "rate_diff"):
        res_scale = 1.0
        if st.unit == "%":
            out["auto_type"] = "percent_for_points"
    elif kind == "multiple":
        res_scale = 1.0
    else:  # change, sum, gap, ratio, per_capita
        if not st.unit and kind in ("change", "sum", "gap"):
            st.unit = first
        # a ratio printed without a unit (生师比 18.25) is the plain quotient of the base values
        res_scale = unit_scale(st.unit) if st.unit else 1.0
        if (
            kind == "gap"
            and family(st.unit) == "%"
            and st.unit == "%"
            and all(family(f.unit) == "%" for f in figs)
        ):
            out["auto_type"] = "percent_for_points"
        if kind in ("change", "sum", "gap") and family(st.unit) and fams and family(st.unit) not in fams:
            out["errors"].append(f"stated unit {st.unit} not of operand family {sorted(fams)}")
            return out

    try:
        exact = compute(kind, [f.base for f in figs], years) / res_scale
    except ZeroDivisionError:
        out["errors"].append("division by zero")
        return out
    tol = tolerance(st.decimals)
    out["exact"] = exact
    out["expected"] = fmt(exact, st.decimals)
    if abs(st.value - exact) <= tol:
        status = "ok"
    else:
        lo, hi = reachable_range(kind, figs, years)
        lo, hi = lo / res_scale, hi / res_scale
        if lo - tol <= st.value <= hi + tol:
            status = "ok~"
        else:
            status = "DEFECT"
            if kind in ("growth", "growth_by_change", "cagr"):
                out["auto_type"] = out["auto_type"] or (
                    "wrong_direction" if st.value * exact < 0 else "wrong_growth"
                )
            elif kind == "share":
                out["auto_type"] = out["auto_type"] or "wrong_share"
            elif kind == "sum":
                out["auto_type"] = out["auto_type"] or "total_sum"
    if out["auto_type"] == "percent_for_points":
        status = "DEFECT"
    out["status"] = status
    out["stated_value"] = st.value
    return out


def run(only: str | None, quiet: bool) -> tuple[int, dict]:
    counts = dict(
        docs=0,
        relations=0,
        ok=0,
        ok_round=0,
        defect=0,
        claims=0,
        defects_listed=0,
        disagree=0,
        missing=0,
        malformed=0,
    )
    problems = 0
    ymls = sorted(p for p in DOCS.glob("*.yaml") if not p.name.endswith((".metrics.yaml", ".complete.yaml")))
    mds = sorted(DOCS.glob("*.md"))
    for md in mds:
        if only and only not in md.stem:
            continue
        if not (DOCS / (md.stem + ".yaml")).exists():
            print(f"{md.stem}: MALFORMED no annotation file {md.stem}.yaml")
            counts["malformed"] += 1
            problems += 1
    for y in ymls:
        doc_id = y.stem
        if only and only not in doc_id:
            continue
        md = DOCS / (doc_id + ".md")
        if not md.exists():
            print(f"{doc_id}: MALFORMED no {md.name}")
            counts["malformed"] += 1
            problems += 1
            continue
        counts["docs"] += 1
        try:
            front, body = load_md(md)
            ann = yaml.safe_load(y.read_text(encoding="utf-8")) or {}
        except (Problem, yaml.YAMLError) as e:
            print(f"{doc_id}: MALFORMED {e}")
            counts["malformed"] += 1
            problems += 1
            continue
        for err in check_front(front, doc_id):
            print(f"{doc_id}: MALFORMED {err}")
            counts["malformed"] += 1
            problems += 1
        unknown = set(ann) - {"relations", "claims", "defects", "labels_not_figures", "notes"}
        if unknown:
            print(f"{doc_id}: MALFORMED unknown keys {sorted(unknown)}")
            counts["malformed"] += 1
            problems += 1
        for i, rel in enumerate(ann.get("relations") or [], 1):
            counts["relations"] += 1
            r = evaluate(rel, body)
            label = bool(rel.get("defect", False))
            head = f"{doc_id} #{i} {rel.get('kind')} {rel.get('stated')!r} <- {rel.get('args')}"
            if r["errors"]:
                counts["missing"] += 1
                problems += 1
                print(f"{head}: ERROR {'; '.join(r['errors'])}")
                continue
            status = r["status"]
            is_defect = status == "DEFECT"
            counts["defect" if is_defect else ("ok_round" if status == "ok~" else "ok")] += 1
            notes = []
            if label != is_defect:
                notes.append(f"LABEL DISAGREES (label defect={label})")
            if is_defect and label:
                lt = str(rel.get("type", ""))
                if r["auto_type"] == "percent_for_points" and lt != "percent_for_points":
                    notes.append(f"LABEL TYPE {lt!r} but the stated unit is % for a 个百分点 change")
                if lt and lt not in DEFECT_TYPES:
                    notes.append(f"LABEL TYPE {lt!r} unknown")
                exp = str(rel.get("expected", "") or "")
                if exp:
                    try:
                        ef = parse_fig(exp)
                        if abs(abs(ef.value) - abs(r["exact"])) > tolerance(ef.decimals):
                            notes.append(f"LABEL EXPECTED {exp!r} but arithmetic gives {r['exact']:.6g}")
                    except ValueError:
                        pass
                else:
                    notes.append("LABEL has no expected")
            if notes:
                counts["disagree"] += 1
                problems += 1
            line = (
                f"{head}: {status} stated={r['stated_value']:g} expected={r['expected']} "
                f"(exact {r['exact']:.6g})"
                + (f" [{r['auto_type']}]" if r["auto_type"] and is_defect else "")
                + ("  " + "; ".join(notes) if notes else "")
            )
            if not quiet or notes or is_defect:
                print(line)
        for c in ann.get("claims") or []:
            counts["claims"] += 1
            if str(c.get("text", "")) not in body:
                print(f"{doc_id} claim {c.get('text')!r}: ERROR substring not found")
                counts["missing"] += 1
                problems += 1
            if c.get("kind") not in CLAIM_KINDS:
                print(f"{doc_id} claim {c.get('text')!r}: MALFORMED kind {c.get('kind')!r}")
                counts["malformed"] += 1
                problems += 1
            if not isinstance(c.get("truth"), bool):
                print(f"{doc_id} claim {c.get('text')!r}: MALFORMED truth must be true/false")
                counts["malformed"] += 1
                problems += 1
        for d in ann.get("defects") or []:
            counts["defects_listed"] += 1
            if str(d.get("text", "")) not in body:
                print(f"{doc_id} defect {d.get('text')!r}: ERROR substring not found")
                counts["missing"] += 1
                problems += 1
            if d.get("type") not in DEFECT_TYPES or not d.get("why"):
                print(f"{doc_id} defect {d.get('text')!r}: MALFORMED needs a known type and a why")
                counts["malformed"] += 1
                problems += 1
            else:
                print(
                    f"{doc_id} defect {d.get('text')!r}: DEFECT {d.get('type')} expected={d.get('expected', '')}"
                )
        for lab in ann.get("labels_not_figures") or []:
            if str(lab) not in body:
                print(f"{doc_id} label {lab!r}: ERROR substring not found")
                counts["missing"] += 1
                problems += 1
    return problems, counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--check", action="store_true", help="exit 1 when a label disagrees or a substring is missing"
    )
    ap.add_argument("--doc", help="only documents whose id contains this")
    ap.add_argument("--quiet", action="store_true", help="print only problems, defects and the count line")
    ap.add_argument("--docs", help="another docs folder (default: docs/ beside this script)")
    a = ap.parse_args(argv)
    if a.docs:
        global DOCS
        DOCS = Path(a.docs)
    problems, c = run(a.doc, a.quiet)
    print(
        f"== {c['docs']} documents, {c['relations']} relations: {c['ok']} ok, {c['ok_round']} ok~ (operand "
        f"rounding), {c['defect']} DEFECT; {c['defects_listed']} listed defects, {c['claims']} claims; "
        f"{c['disagree']} label disagreements, {c['missing']} missing substrings, {c['malformed']} malformed"
    )
    if a.check and problems:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
