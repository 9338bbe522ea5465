"""The commented metrics.yaml template: it validates as is and lists the taxonomy's metric keys."""

from __future__ import annotations

from drafter.core.taxonomy import Taxonomy
from drafter.source.template_years import default_round

_YAML_HEAD = """\
# Drafter metrics file (履行教育职责自评报告 source data). Fill in, then run: drafter metrics validate FILE
# Every figure a draft states must come from here (units as in your statistics: 亿元 万元 元 % 所 个 人 …).
report:
  region: XX市                # required: 地区
  level: city                 # required: province | city | county
  round: {round}                 # required: evaluation round, the year the report is written
  period: {period}                # required: assessed year (<= round)
  issuer: XX市人民政府        # required: 发文机关
  # date: {round}-03-20          # 成文日期
  # basis: 《…评价方案》（文号）
  # addressee: …              # 主送机关
  # doc_number: …             # 本报告文号
  # issuer_mark: …            # 发文机关标志 (the issuer, optionally + 文件)
  # signer: …                 # 签发人: printed in the header of an 上行文 (a 文号 that is not a 函)
  # superior: …               # the evaluating government's region (山西省): names the default addressee
metrics: []                   # replace [] by a list like the commented example below
#  - key: preschool.gross_enrolment_rate   # <indicator>.<name>, see the list at the end
#    label: 学前三年毛入园率
#    unit: "%"
#    values: {{{period}: 91.2, {prev}: 90.5}}
#    target: {{value: 90, relation: ">="}}   # optional standard
facts: {{}}                     # indicator -> list of sentences, e.g. party: ["市委常委会专题研究教育工作4次"]
#   a draft's 【待补充：…】 says what is missing: party: meetings (名称、次数) and documents (名称、文号);
#   other indicators: the year's measures, projects and documents
self_check: []                # 自查自评的组织方式: 牵头单位、参与部门、对照的指标项数 …
rectification: []             # 上一轮问题整改情况, one "问题：整改情况" per item
problems: []                  # 存在问题
plans: []                     # 改进措施
experiences: []               # 经验做法
#
# Metric keys known to knowledge/taxonomy.yaml (key  label  [unit]  target):
"""


def yaml_template(taxonomy: Taxonomy, round_year: int | None = None) -> str:
    """A commented metrics.yaml that validates as is, listing the taxonomy's metric keys as comments."""
    rnd = round_year or default_round()
    lines = [_YAML_HEAD.format(round=rnd, period=rnd - 1, prev=rnd - 2).rstrip("\n")]
    for ind in taxonomy.indicators:
        lines.append(f"#   {ind.code}: {ind.name}")
        lines += [
            f"#     {m.key}  {m.label}  [{m.unit}]" + (f"  {m.target}" if m.target else "")
            for m in ind.metrics
        ]
    return "\n".join(lines) + "\n"
