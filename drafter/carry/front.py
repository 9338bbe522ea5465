"""The parts of last year's report that come from the new metrics file's `report:` rather than from its data:
the 文号 of the 版头, the years of the title, the 主送机关, the basis document of the opening and the date of the
落款. Each one is replaced from `report:` when it gives it, and otherwise kept for review."""

from __future__ import annotations

import re

from drafter.carry.edits import Edit, apply
from drafter.carry.last_read import simplified
from drafter.carry.types import REVIEW, CarriedSection, FigureChange, LastSection
from drafter.core.cn_dates import arabic_years, shift_year
from drafter.core.types import ReportInfo
from drafter.export.docx_text import date_text

DOC_NUMBER = re.compile(r"[^\s，。]*〔\s*\d{4}\s*〕\s*\d+\s*号")
BASIS = re.compile(r"《[^《》\n]*》(?:\s*[（(][^（）()\n]*〔\s*\d{4}\s*〕[^（）()\n]*号\s*[)）])?")
YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=\s*年)")


def carry_front(section: LastSection, report: ReportInfo) -> CarriedSection:
    """A 版头, title, 主送机关 or 落款 of last year carried forward with the new `report:`."""
    edit = {"header": _header, "title": _title, "addressee": _addressee, "signature": _signature}[
        section.spec.kind
    ]
    texts, changes = [], []
    for k, paragraph in enumerate(section.paragraphs):
        edits = edit(paragraph.text, report)
        new, starts = apply(paragraph.text, edits)
        for e, where in zip(edits, starts, strict=True):
            changes.append(_change(section.spec.id, k, e, where))
        texts.append(new)
    return CarriedSection(section, tuple(texts), tuple(changes))


def _change(section_id: str, k: int, e: Edit, new_start: int) -> FigureChange:
    return FigureChange(
        section_id, k, e.start, e.end, e.old, e.new, e.status, e.kind, e.source, e.reason, new_start
    )


def _header(text: str, report: ReportInfo) -> list[Edit]:
    found = DOC_NUMBER.search(text)
    if found is None:
        if text.startswith("签发人"):
            return [
                Edit(
                    0, len(text), text, text, REVIEW, "doc_number", reason="去年的签发人 / last year's signer"
                )
            ]
        return []
    if report.doc_number:
        return [
            Edit(
                found.start(),
                found.end(),
                found[0],
                report.doc_number,
                "updated",
                "doc_number",
                "report.doc_number",
            )
        ]
    return [
        Edit(
            found.start(),
            found.end(),
            found[0],
            found[0],
            REVIEW,
            "doc_number",
            reason="去年的文号：新数据 report.doc_number 未给出",
        )
    ]


def _title(text: str, report: ReportInfo) -> list[Edit]:
    """Last year's round and period in the title move on (the wording is kept, and so are Chinese numerals:
    二〇二一年 → 二〇二二年)."""
    return [
        Edit(m.start(), m.end(), old, _next_year(old), "updated", "year", "report.round", "报告年度顺延")
        for m in YEAR.finditer(arabic_years(text))
        if report.period - 2 <= int(m[1]) <= report.round
        for old in [text[m.start() : m.end()]]
    ]


def _next_year(old: str) -> str:
    return shift_year(old, 1)


def _addressee(text: str, report: ReportInfo) -> list[Edit]:
    wanted = report.addressee.strip()
    if not wanted or wanted.rstrip("：:") == text.rstrip("：:"):
        return []
    wanted = wanted if wanted.endswith(("：", ":")) else wanted + "："
    return [Edit(0, len(text), text, wanted, "updated", "word", "report.addressee")]


def _signature(text: str, report: ReportInfo) -> list[Edit]:
    if not date_text(text):
        return []
    if report.date is None:
        return [
            Edit(0, len(text), text, text, REVIEW, "date", reason="去年的成文日期：新数据 report.date 未给出")
        ]
    new = f"{report.date.year}年{report.date.month}月{report.date.day}日"
    return [Edit(0, len(text), text, new, "updated", "date", "report.date")] if new != text else []


def basis_edit(text: str, report: ReportInfo) -> Edit | None:
    """The 评价方案 (with its 文号) that the opening cites, replaced by the new `report.basis`."""
    candidates = [m for m in BASIS.finditer(text) if re.search("评价|履行教育职责", simplified(m[0]))]
    if not candidates:
        return None
    best = max(candidates, key=lambda m: ("履行教育职责" in simplified(m[0]), "号" in m[0], -m.start()))
    if not report.basis:
        return Edit(
            best.start(),
            best.end(),
            best[0],
            best[0],
            REVIEW,
            "basis",
            reason="去年的评价方案：新数据 report.basis 未给出",
        )
    if best[0] == report.basis:
        return None
    return Edit(best.start(), best.end(), best[0], report.basis, "updated", "basis", "report.basis")
