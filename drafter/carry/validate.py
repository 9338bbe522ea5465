"""Refuse what cannot be carried forward, before anything is written: LAST that is no report, another region's or a
later year's report, and new metrics without last period's values (then: which figures could not be recognised)."""

from __future__ import annotations

import re

from drafter.carry.last_read import simplified
from drafter.carry.types import LastReport
from drafter.core.errors import InputError
from drafter.core.regions import region_stem
from drafter.core.types import SourceData
from drafter.figures.numbers import find_figures

MIN_CHARACTERS = 100


def body_text(last: LastReport) -> str:
    return "\n".join(
        p.text for s in last.sections for p in ((s.heading,) if s.heading else ()) + s.paragraphs
    )


def validate(last: LastReport, new: SourceData) -> None:
    text = simplified(body_text(last))
    _is_report(last, text)
    _same_region(last, new, text)
    _older(last, new)
    _has_previous_values(last, new, text)


def _is_report(last: LastReport, text: str) -> None:
    numbered = any(s.spec.depth for s in last.sections)
    figures = [f for f in find_figures(text) if not f.ignored]
    if len(re.sub(r"\s", "", text)) < MIN_CHARACTERS or not (numbered or len(figures) >= 3):
        raise InputError(
            "看起来不是一份报告 / does not look like a report: "
            + (
                "没有文字 / it holds no text"
                if not text.strip()
                else "没有编号标题（一、）且几乎没有数字 / no numbered heading (一、) and almost no figures"
            ),
            path=last.path,
            hint="请给出去年的自评报告（.docx .pdf .doc .html .md .txt；扫描件没有可沿用的文字）/ give last year's 自评报告 as .docx, .pdf, .doc, .html, .md or .txt (a scanned, image-only file has no text to carry)",
        )


def _same_region(last: LastReport, new: SourceData, text: str) -> None:
    stem = region_stem(new.report.region)
    if stem and stem not in text:
        raise InputError(
            f"报告中没有出现「{new.report.region}」，像是其他地区的报告 / does not mention {new.report.region}: it looks like another region's report",
            path=last.path,
            hint=f"请给出{new.report.region}自己的去年报告，或检查 report.region / give {new.report.region}'s own report of last year, or check report.region in {new.path or 'NEW'}",
        )


def _older(last: LastReport, new: SourceData) -> None:
    if last.year and last.year > new.report.period:
        raise InputError(
            f"这是 {last.year} 年的报告，晚于新数据（{new.report.period}）/ is a report on {last.year}, later than the new data ({new.report.period})",
            path=last.path,
            hint="--from 请给上一年的报告，并给出新一年的数据文件 / give the previous year's report with --from, and the new year's metrics file",
        )


def _has_previous_values(last: LastReport, new: SourceData, text: str) -> None:
    before = new.report.period - 1
    if any(y <= before for m in new.metrics for y in m.values):
        return
    examples = _named_figures(text, new)[:4]
    listed = "; ".join(f"{fig} ({label}: only {years})" for fig, label, years in examples)
    raise InputError(
        f"新数据中没有 {before} 年及以前的数值，无法识别去年报告中的数字 / the new metrics hold no values of {before} or earlier, so none of last year's figures can be recognised"
        + (f" — e.g. {listed}" if listed else ""),
        path=new.path,
        hint=f"请为每个指标补上上一年的数值 / add last period's values to each metric (values: {{{before}: …, {new.report.period}: …}}; 上年/本年 columns)",
    )


def _named_figures(text: str, new: SourceData) -> list[tuple[str, str, str]]:
    """Figures of last year's text whose sentence names a metric of the new file: what could have been linked."""
    out = []
    for f in find_figures(text):
        if f.ignored:
            continue
        start = max(text.rfind(c, 0, f.start) for c in "。；\n") + 1
        sentence = text[start : f.start]
        for m in new.metrics:
            if m.label and m.label in sentence:
                out.append((f.text, m.label, ", ".join(map(str, m.years))))
                break
    return out
