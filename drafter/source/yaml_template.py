"""The commented metrics.yaml template: it validates as is and lists the taxonomy's metric keys."""

from __future__ import annotations

from drafter.core.taxonomy import Taxonomy
from drafter.source.template_years import default_round

_YAML_HEAD = """\
# Drafter 指标数据文件（履行教育职责自评报告的来源数据）。填好后运行：drafter metrics validate 文件名
# Drafter metrics file (the report's source data). Fill in, then run: drafter metrics validate FILE
# 草稿中的每个数字都必须来自这里；单位按统计报表填写（亿元 万元 元 % 所 个 人 …）
# Every figure a draft states must come from here (units as in your statistics).
report:
  region: XX市                # 必填：地区 / required
  level: city                 # 必填：province 省级 | city 市级 | county 县级 / required
  round: {round}                 # 必填：评价年度（报告撰写的年份）/ required: evaluation round
  period: {period}                # 必填：自评年度，不晚于评价年度 / required: assessed year (<= round)
  issuer: XX市人民政府        # 必填：发文机关 / required
  # date: {round}-03-20          # 成文日期 / date
  # basis: 《…评价方案》（文号）   # 评价依据 / basis
  # addressee: …              # 主送机关 / addressee
  # doc_number: …             # 本报告文号 / document number
  # issuer_mark: …            # 发文机关标志：发文机关名称，可加“文件” / the issuer, optionally + 文件
  # signer: …                 # 签发人：上行文（有文号、不是函）版头右侧 / signer of an 上行文
  # superior: …               # 上级政府所在地区（如 山西省），据此写主送机关 / names the default addressee
metrics: []                   # 把 [] 换成下面示例那样的列表 / replace [] by a list like the example below
#  - key: preschool.gross_enrolment_rate   # 指标键：<指标领域>.<名称>，见文末列表 / see the list at the end
#    label: 学前三年毛入园率
#    unit: "%"
#    values: {{{period}: 91.2, {prev}: 90.5}}   # 年份: 数值 / year: value
#    target: {{value: 90, relation: ">="}}   # 可选：目标或标准 / optional standard
facts: {{}}                     # 定性事实：指标领域 -> 句子列表，如 party: ["市委常委会专题研究教育工作4次"]
#   草稿中的【待补充：…】说明缺什么：party 填会议（名称、次数）和文件（名称、文号）；其他领域填本年度的主要举措、
#   项目和文件 / a draft's 【待补充：…】 says what is missing here
self_check: []                # 自查自评的组织方式：牵头单位、参与部门、对照的指标项数 …
rectification: []             # 上一轮问题整改情况，每条写成“问题：整改情况” / one per item
problems: []                  # 存在问题
plans: []                     # 改进措施
experiences: []               # 经验做法
#
# knowledge/taxonomy.yaml 中的指标键（键  名称  [单位]  目标）/ metric keys known (key  label  [unit]  target):
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
