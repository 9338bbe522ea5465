"""The per-case HTML page: the draft with the checker's findings highlighted, scores and issues listed."""

from __future__ import annotations

import json

from drafter.evaluation.pages import case_page, checker_highlight

TEXT = "2021年毛入园率92.3%，比上年提高9.9个百分点。"


def test_highlight_marks_each_finding_with_its_status_and_reason():
    base = {"section": "", "line": 1, "text": "", "value": 0.0, "unit": ""}
    findings = [
        {
            **base,
            "start": 9,
            "end": 14,
            "status": "verified",
            "source": "preschool.gross_enrolment_rate@2021",
        },
        {**base, "start": 20, "end": 27, "status": "unsupported", "message": "no source"},
        {**base, "start": 0, "end": 5, "status": "ignored"},
    ]
    out = checker_highlight(TEXT, findings)
    assert out.count('<span class="fig') == 3
    assert (
        '<span class="fig verified" title="已核实 verified · preschool.gross_enrolment_rate@2021">92.3%</span>'
        in out
    )
    assert '<span class="fig unsupported" title="无来源 unsupported · no source">9.9个百分点</span>' in out
    assert "毛入园率<span" in out


def test_case_page_lists_scores_issues_and_the_draft(tmp_path):
    (tmp_path / "draft.md").write_text(f"<!-- section: preschool -->\n\n{TEXT}", encoding="utf-8")
    (tmp_path / "check.json").write_text(
        json.dumps(
            {
                "findings": [
                    {
                        "start": 38,
                        "end": 43,
                        "status": "mismatch",
                        "section": "",
                        "line": 3,
                        "text": "92.3%",
                        "value": 92.3,
                        "unit": "%",
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    result = {
        "status": "ok",
        "scores": {
            "figures": {
                "value": 0.5,
                "passed": False,
                "issues": [
                    {
                        "message": "mismatch: 92.3%",
                        "section": "preschool",
                        "text": "92.3%",
                        "source": "x@2021",
                    }
                ],
            }
        },
    }
    page = case_page("case-a", result, tmp_path)
    assert '<td class="fail">figures<br>50%</td>' in page
    assert "<td>preschool</td><td>mismatch: 92.3% <small>x@2021</small></td>" in page
    assert 'class="fig mismatch"' in page and ">92.3%</span>" in page  # the checker's own highlighter
    assert (
        '<a id="preschool"></a>2021年' in page and "section:" not in page and 'href="../report.html"' in page
    )


def test_errored_case_page_says_why(tmp_path):
    page = case_page("bad", {"status": "error", "error": "no metrics file"}, tmp_path)
    assert "error: no metrics file" in page
