"""An editor's instructions as the offline writer understands them (`drafter section --instructions`).

The offline writer knows four requests: shorter (简要/更简洁/精简 …: generic sentences go first, facts and
figures stay), emphasis (突出X / 重点写X: what mentions X comes first), more problems (补充问题) and more
analysis (加强分析). Everything else is kept as `unknown`, so the CLI can say plainly what it did not do.
A model backend gets the instructions verbatim instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CONCISE = re.compile(r"简要|简洁|精简|简短|简练|压缩|缩短|删减|短一些|短一点|简化|更简")
EMPHASIS = re.compile(
    r"(?:突出|重点写|重点突出|着重写|强调|侧重)(?:一下|了)?[“\"《]?([^，,；;。、！!\s”\"》]{2,20})"
)
MORE_PROBLEMS = re.compile(
    r"(?:补充|增加|多写|加上|充实)(?:一些|一下)?(?:存在的?)?问题|问题(?:写|列)(?:全|足|多)"
)
MORE_ANALYSIS = re.compile(r"(?:加强|增加|补充|深化|多做|多写)(?:一些|一下)?(?:数据)?分析|分析(?:深入|透彻)")
CLAUSE = re.compile(r"[，,；;。！!\n]+")


@dataclass(frozen=True)
class Intent:
    concise: bool = False
    emphasis: tuple[str, ...] = ()
    more_problems: bool = False
    more_analysis: bool = False
    unknown: tuple[str, ...] = ()  # clauses the offline writer does not understand

    @property
    def any(self) -> bool:
        return self.concise or bool(self.emphasis) or self.more_problems or self.more_analysis


def _understood(clause: str) -> bool:
    return any(p.search(clause) for p in (CONCISE, EMPHASIS, MORE_PROBLEMS, MORE_ANALYSIS))


def parse_instructions(text: str) -> Intent:
    text = text.strip()
    clauses = [c.strip() for c in CLAUSE.split(text) if c.strip()]
    return Intent(
        concise=bool(CONCISE.search(text)),
        emphasis=tuple(dict.fromkeys(m.group(1) for m in EMPHASIS.finditer(text))),
        more_problems=bool(MORE_PROBLEMS.search(text)),
        more_analysis=bool(MORE_ANALYSIS.search(text)),
        unknown=tuple(c for c in clauses if not _understood(c)),
    )


def explain(prompts, intent: Intent, kind: str, changed: bool = True) -> str:
    """What the offline writer did and did not do with the instructions (prompts/offline/understood.j2);
    `changed`: whether the section's text changed (a request it acted on may find nothing to move)."""
    return prompts.render("offline/understood", intent=intent, kind=kind, changed=changed).strip()


def mentions(item: str, topic: str) -> bool:
    """True when `item` shares a run of 4 characters (the whole topic when shorter) with `topic`."""
    n = min(4, len(topic))
    return any(topic[i : i + n] in item for i in range(len(topic) - n + 1))


def emphasis_first(items: list, topics: tuple[str, ...], text=lambda item: item) -> list:
    """Items that mention a topic first (in the topics' order), the rest after, each group in its order."""
    if not topics:
        return list(items)
    rank = [next((i for i, t in enumerate(topics) if mentions(text(item), t)), len(topics)) for item in items]
    return [item for _, _, item in sorted(zip(rank, range(len(items)), items, strict=False))]
