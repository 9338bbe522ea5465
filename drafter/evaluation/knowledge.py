"""What the leakage scorer looks for, collected from the knowledge files: region names, officials, 文号, text.

Region names come from the reports' front matter (`region`) and from their text (jieba place-name
tags ending in 省/市/县/区); officials are a title from eval/config.yaml followed by a person's name
(jieba `nr`); 文号 are `…〔YYYY〕N号` patterns. The result is cached under the cache dir by the hash
of the knowledge files, so jieba runs once per knowledge change.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from drafter.core.files import write_json_atomic
from drafter.evaluation.sourcetext import normalize

TEXT_KINDS = ("reports", "policies")
DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fffA-Za-z]{1,10}\s*[〔\[［【(（﹝]\s*(?:19|20)\d{2}\s*[〕\]］】)）﹞]\s*\d{1,4}\s*号"
)
PLACE_SUFFIX = ("省", "市", "县", "区")
NOT_NAMES = (
    "各",
    "我",
    "该",
    "市",
    "县",
    "区",
    "省",
    "入",
    "城区",
    "城市",
    "城乡",
    "偏远",
    "山区",
    "辖区",
    "农村",
    "乡镇",
    "老城",
    "老区",
    "新城",
    "主城",
    "开发",
    "示范",
    "试点",
    "先行",
    "贫困",
    "民族",
    "边远",
    "片区",
    "社区",
    "校区",
    "全市",
    "全县",
    "全区",
    "全省",
    "本市",
    "本县",
    "本区",
    "本省",
)


_LOADED: dict[str, Knowledge] = {}  # per process: the runner and the tests load the same files again


@dataclass(frozen=True)
class Knowledge:
    regions: frozenset[str] = frozenset()
    officials: frozenset[str] = frozenset()  # title+name, e.g. 省长马兴瑞
    doc_numbers: frozenset[str] = frozenset()  # normalized 文号
    texts: dict[str, str] = field(default_factory=dict)  # source file -> normalized text
    file_regions: dict[str, str] = field(default_factory=dict)  # source file -> its front matter region
    hash: str = ""


def knowledge_hash(knowledge_dir: Path) -> str:
    """sha256 over every file under the knowledge dir: relative path and bytes."""
    digest = hashlib.sha256()
    root = Path(knowledge_dir)
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _body_and_region(path: Path) -> tuple[str, str]:
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    match = re.match(r"^---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|$)", text, re.S)
    if not match:
        return text, ""
    region = re.search(r"^region:\s*['\"]?([^'\"\n#]+)", match.group(1), re.M)
    return text[match.end() :], region.group(1).strip() if region else ""


def is_place_name(word: str) -> bool:
    stem = word[:-1]
    return (
        word.endswith(PLACE_SUFFIX)
        and len(stem) >= 2
        and not word.endswith("地区")
        and not word.startswith(NOT_NAMES)
    )


def _names(text: str, titles: tuple[str, ...]) -> tuple[set[str], set[str]]:
    import jieba
    import jieba.posseg as pseg

    jieba.setLogLevel(logging.WARNING)
    places = {w for w, flag in pseg.cut(text) if flag == "ns" and is_place_name(w)}
    officials = set()
    pattern = re.compile(
        f"({'|'.join(map(re.escape, sorted(titles, key=len, reverse=True)))})([\u4e00-\u9fff]{{2,4}})"
    )
    for m in pattern.finditer(text):
        first = next(iter(pseg.cut(m.group(2))), None)
        if first is not None and first.flag == "nr" and len(first.word) >= 2:
            officials.add(m.group(1) + first.word)
    return places, officials


def collect(knowledge_dir: Path, titles: tuple[str, ...]) -> Knowledge:
    root = Path(knowledge_dir)
    regions, officials, numbers, texts, file_regions = set(), set(), set(), {}, {}
    for path in sorted(p for kind in TEXT_KINDS for p in (root / kind).glob("*.md")):
        body, region = _body_and_region(path)
        texts[path.relative_to(root).as_posix()] = normalize(body)
        file_regions[path.relative_to(root).as_posix()] = region
        places, people = _names(body, titles)
        regions |= places | ({region} if region and is_place_name(region) else set())
        officials |= people
        numbers |= {normalize(m.group()) for m in DOC_NUMBER.finditer(body)}
    return Knowledge(
        frozenset(regions),
        frozenset(officials),
        frozenset(numbers),
        texts,
        file_regions,
        knowledge_hash(root),
    )


def load_knowledge(knowledge_dir: Path, titles: tuple[str, ...], cache_dir: Path | None = None) -> Knowledge:
    """`collect`, cached in memory and as JSON under cache_dir, keyed by the knowledge hash and the title list."""
    key = hashlib.sha256((knowledge_hash(knowledge_dir) + "|".join(titles) + "|v2").encode()).hexdigest()[:16]
    if key not in _LOADED:
        _LOADED[key] = _load_cached(knowledge_dir, titles, cache_dir, key)
    return _LOADED[key]


def _load_cached(knowledge_dir: Path, titles: tuple[str, ...], cache_dir: Path | None, key: str) -> Knowledge:
    cache = Path(cache_dir) / f"eval-knowledge-{key}.json" if cache_dir else None
    if cache and cache.is_file():
        raw = json.loads(cache.read_text(encoding="utf-8"))
        return Knowledge(
            frozenset(raw["regions"]),
            frozenset(raw["officials"]),
            frozenset(raw["doc_numbers"]),
            raw["texts"],
            raw["file_regions"],
            raw["hash"],
        )
    found = collect(knowledge_dir, titles)
    if cache:
        write_json_atomic(
            cache,
            {
                "regions": sorted(found.regions),
                "officials": sorted(found.officials),
                "doc_numbers": sorted(found.doc_numbers),
                "texts": found.texts,
                "file_regions": found.file_regions,
                "hash": found.hash,
            },
        )
    return found
