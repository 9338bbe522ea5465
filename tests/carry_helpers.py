"""Shared by the carry-forward tests: last year's report of 示例市 and the new year's metrics file."""

from __future__ import annotations

from pathlib import Path

import docx

LAST_MD = """\
示例市人民政府关于2021年度履行教育职责自评情况的报告

示例省人民政府教育督导委员会办公室：

根据《2021年对市县级政府履行教育职责的评价方案》（示教督〔2021〕1号）要求，我市认真开展了自查自评。现将有关情况报告如下：

一、自查自评工作开展情况

市政府召开专题会议4次，会同12个部门开展自查。

二、履行教育职责情况

（一）优先保障教育经费投入

2021年全市一般公共预算教育支出22.35亿元，比2020年增长5.97%。

（二）推进学前教育普及普惠

2021年，全市学前三年毛入园率为91.2%，比上年提高1.1个百分点，超过省定90%的标准。新建幼儿园6所。

三、下一步工作打算

力争学前三年毛入园率达到95%。

示例市人民政府

2022年3月20日
"""

NEW_YAML = """\
report:
  region: 示例市
  level: city
  round: 2023
  period: 2022
  issuer: 示例市人民政府
  date: 2023-03-20
  basis: 《2023年对市县级政府履行教育职责的评价方案》（示教督〔2023〕1号）
metrics:
  - key: fund.general_budget_edu
    label: 一般公共预算教育支出
    unit: 亿元
    values: {2020: 21.09, 2021: 22.35, 2022: 21.80}
  - key: preschool.gross_enrolment_rate
    label: 学前三年毛入园率
    unit: "%"
    values: {2020: 90.1, 2021: 91.2, 2022: 92.5}
    target: {value: 90, relation: ">=", label: 省定标准}
  - key: teachers.recruited
    label: 新招聘教师
    unit: 名
    values: {2021: 120, 2022: 130}
"""

# the paragraphs of last year's report carried forward, as they must read
CARRIED = {
    "fund": "2022年全市一般公共预算教育支出21.80亿元，比2021年下降2.46%。",
    "preschool": "2022年，全市学前三年毛入园率为92.5%，比上年提高1.3个百分点，超过省定90%的标准。新建幼儿园6所。",
}


def write(directory: Path, name: str, text: str) -> Path:
    path = Path(directory) / name
    path.write_text(text, encoding="utf-8")
    return path


def last_docx(path: Path, text: str = LAST_MD) -> Path:
    """LAST_MD as a Word file of its own look: bold headings, a figure split across runs, a heading that leads
    its paragraph (（一）…。 followed by text)."""
    document = docx.Document()
    paragraphs = [p for p in text.split("\n") if p.strip()]
    for k, line in enumerate(paragraphs):
        if line.startswith("（一）"):
            continue  # joined with the next line below
        if k and paragraphs[k - 1].startswith("（一）"):
            p = document.add_paragraph()
            p.add_run(paragraphs[k - 1] + "。").bold = True
            head, tail = line.split("22.35", 1)
            p.add_run(head + "22.")
            p.add_run("35" + tail)
            continue
        run = document.add_paragraph().add_run(line)
        run.bold = line[:2] in ("一、", "二、", "三、")
    document.save(path)
    return path
