"""Claims made in words, found in the text: 实现“两个只增不减”, 不低于当地公务员, 全面消除大班额, 零辍学,
实现全覆盖, 全部实现…, 做到“不低于4%”, 达到/未达到目标, 增长高于…, 稳步提高/有所下降.

A claim is judged (checker.judges) from the metrics when they are given, else from the figures the text
states beside it (a "两个只增不减" beside "生均…下降1.2%"). A claim in a plan (确保, 力争 …), a hedged one
(基本实现), or one the data cannot judge is left alone: only a claim the data can prove or disprove becomes
a finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.checker.reading import Reading
from drafter.checker.words import PLAN, STATEMENT_ANCHORS, STATEMENTS
from drafter.core.scan import Anchored

NEGATED = re.compile(r"(?:未|没有|尚未|未能|仍未|不够|不到位|未达到|低于)")
NOT_DONE = re.compile(r"未|没有")  # 未实现 / 没有达到: said of what happened, never of a plan
DONE = re.compile(r"已|如期|目前|截至|截止")  # 已全面清零 / 如期实现: a result, whatever the sentence planned
HEDGED = re.compile(r"基本|总体(?![^，。；]{0,4}率)|大体|部分")  # (总体近视率 is a rate's name, no hedge)
QUOTED = re.compile(r"“[^”]*”|《[^》]*》|\"[^\"]*\"")
PLANNED = re.compile(
    r"(?:出台|制定|印发|确保|力争|争取|要|将|必须|推动|落实|全面落实|认真落实|严格落实|坚持|(?<![成认作以])为)$"
)  # 为实现…的目标奠定了基础: the purpose, not the result
# 推动…占比达到50%的标准: a task (教育强国推进工程 is a project's name)
EFFORT = re.compile(r"(?:推动|推进|促进|加快)(?!工程|计划|项目|行动)|努力|力争|争取|确保(?!了)")
ACHIEVED = re.compile(r"实现|做到|达到|保证了|确保了|保持了|落实到位")
DENIED_AFTER = re.compile(
    r"(?:要求|目标|的要求|的目标)?(?:落实)?(?:不到位|(?:尚|仍|还)?未(?:能)?(?:实现|达到|完成|落实)|没有(?:实现|达到|落实))"
)
NAME_AFTER = re.compile(
    r"(?:工作|方案|行动|计划|任务|工程|专项|规划|办法|意见|通知"
    r"|需要|仍需|还需|尚需|要|应|必须|面临|重点|难点)"  # 消除大班额需要进一步聚焦…: a task
)
# 完成年度目标任务的99.27%: how much of the target was done, not that it was met
SHARE_AFTER = re.compile(r"(?:值|任务)?的?[\d一二三四五六七八九十]")


@dataclass(frozen=True)
class Statement:
    """A claim in words: where it stands (normalised offsets), what kind, and whether it is denied."""

    start: int
    end: int
    kind: str
    negated: bool
    subject: str  # the words before the claim in its clause: what it is about
    words: str = ""  # the claim as printed (normalised)
    verb: str = ""  # 达到 / 高于 / 实现 … when the kind reads one
    obj: str = ""  # what the verb is said of: 《纲要》“达到95%”的 / 县域义务教育基本均衡发展


# each kind's pattern, looked for only where a match can start when its anchors are known (same matches)
_SCANS = {
    kind: Anchored(pattern, *STATEMENT_ANCHORS[kind]) if kind in STATEMENT_ANCHORS else pattern
    for kind, pattern in STATEMENTS.items()
}


def find_statements(reading: Reading) -> list[Statement]:
    found = []
    for kind, scan in _SCANS.items():
        for m in scan.finditer(reading.text):
            statement = _statement(reading, kind, m)
            if statement is not None:
                found.append(statement)
    return sorted(found, key=lambda s: s.start)


def _statement(reading: Reading, kind: str, m: re.Match[str]) -> Statement | None:
    s, e = reading.sentence(m.start())
    before, after = reading.text[s : m.start()], reading.text[m.end() : e]
    clause = re.split(r"[，：；]", before)[-1]
    groups = m.groupdict()
    obj = groups.get("obj") or ""
    core = QUOTED.sub("", m.group(0).replace(obj, "") if obj else m.group(0))  # the words of the claim itself
    negated = bool(groups.get("not")) or _denied(kind, groups.get("verb") or core, clause, after)
    if _planned(before, clause, core, negated) or HEDGED.search(clause[-6:] + core):
        return None
    if re.search(r"《[^》]*$", before) or NAME_AFTER.match(after):
        return None  # 《…全面消除大班额工作方案》, "全覆盖"任务: names, not claims
    if kind == "target" and SHARE_AFTER.match(after):
        return None
    if kind == "two_no_decrease" and not negated and not ACHIEVED.search(clause[-8:] + m.group(0)):
        return None  # 严格落实“两个只增不减”要求: a commitment, not a result
    verb = groups.get("verb") or ""
    return Statement(m.start(), m.end(), kind, negated, clause, m.group(0), verb, obj)


def _planned(before: str, clause: str, core: str, negated: bool) -> bool:
    """确保实现… / 力争… / 到2025年…实现: a plan. A sentence that plans something still states a result
    where the claim says 已/如期/目前, or 未/没有 (nobody plans a failure)."""
    if PLANNED.search(before.rstrip("“”\"'「『")) or EFFORT.search(clause):
        return True
    if not PLAN.search(before):
        return False
    if PLAN.search(clause):
        return True
    return not (negated and NOT_DONE.search(clause[-4:] + core) or DONE.search(clause + core))


def _denied(kind: str, words: str, clause: str, after: str) -> bool:
    """未实现“两个只增不减” / 目标未实现 / 低于标准 / 教师工资低于公务员: the claim says it was not achieved."""
    if kind == "not_below_civil_servant":
        return bool(re.search(r"(?<![不未])低于", words))
    if kind == "target":  # 低于/高于 the standard: judged with its relation
        return bool(re.search(r"未|没有|尚未", words) or re.search(r"(?:未|没有|尚未)$", clause))
    if kind in ("standard_kept", "growth_versus"):
        return False  # 不低于4% / 增长低于…: the relation is the claim, judged as said
    return bool(NEGATED.search(clause[-4:]) or DENIED_AFTER.match(after))
