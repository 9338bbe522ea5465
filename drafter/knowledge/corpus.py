"""The knowledge corpus: reads knowledge/{reports,policies}/*.md and cuts them into `Passage` chunks.

A chunk is a heading plus the paragraphs under it, at most about `MAX_CHARS` characters, split at
paragraph and then sentence boundaries. Each chunk carries the file's front matter (region, level,
year, source, quality) and an indicator code guessed from its heading and the taxonomy's keywords.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from drafter.core.errors import InputError
from drafter.core.taxonomy import Taxonomy, load_taxonomy
from drafter.core.types import Passage

MAX_CHARS = 600
SHORT = 60  # a paragraph this short is a lead-in, kept with what follows
KINDS = ("reports", "policies")
LEVELS = ("province", "city", "county", "national")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")
_CN_HEADING = re.compile(  # 一、 / （一） / 1. / （1）: depth 1..4
    r"^(?:(?P<d1>[一二三四五六七八九十]+、)|(?P<d2>[（(][一二三四五六七八九十]+[）)])|(?P<d3>\d{1,2}\s*[.．、](?!\d))"
    r"|(?P<d4>[（(]\d{1,2}[）)]))"
)
_SENTENCE_END = re.compile(r"(?<=[。！？；\n])")


@dataclass(frozen=True)
class Document:
    """One knowledge file: its front matter and body."""

    path: Path
    source: str  # relative to the knowledge dir, e.g. reports/000_yangquan.md
    meta: dict
    body: str

    @property
    def year(self) -> int:
        for key in ("period", "year", "round"):
            value = self.meta.get(key)
            if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
                return int(value)
        return 0


def knowledge_files(knowledge_dir: Path) -> tuple[Path, ...]:
    """Every reports/*.md and policies/*.md file, sorted; InputError when there are none."""
    root = Path(knowledge_dir)
    files = tuple(sorted(p for kind in KINDS for p in (root / kind).glob("*.md")))
    if not files:
        raise InputError(
            "没有找到知识库文件 / no knowledge files (reports/*.md or policies/*.md) found",
            path=str(root),
            hint="请从 git 恢复 knowledge/，或把 DRAFTER_KNOWLEDGE_DIR 指向知识库文件夹 / restore knowledge/ from git, or point DRAFTER_KNOWLEDGE_DIR at a knowledge folder",
        )
    return files


def read_document(path: Path, knowledge_dir: Path) -> Document:
    """Parse the YAML front matter between the first two `---` lines."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"无法读取 / cannot read ({exc})",
            path=str(path),
            hint="请以 UTF-8 文本保存 / save the file as UTF-8 text",
        ) from exc
    match = re.match(r"^---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|$)", text, re.S)
    if not match:
        raise InputError(
            "缺少文件头 / no front matter",
            path=str(path),
            hint="文件须以 '---' 行开头，写 YAML 字段（region、level、source …），再以 '---' 结束 / start the file with a '---' line, YAML fields (region, level, source …), then '---'",
        )
    meta = _parse_meta(match.group(1), path)
    source = path.relative_to(knowledge_dir).as_posix() if path.is_relative_to(knowledge_dir) else path.name
    return Document(path=path, source=source, meta=meta, body=text[match.end() :])


def _parse_meta(raw: str, path: Path) -> dict:
    try:
        meta = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        raise InputError(
            f"文件头有误 / broken front matter{where} ({getattr(exc, 'problem', exc)})",
            path=str(path),
            key="front matter",
            hint="请修正两行 '---' 之间的 YAML / fix the YAML between the two '---' lines",
        ) from exc
    if not isinstance(meta, dict):
        raise InputError(
            "文件头不是字段列表 / front matter is not a mapping of fields",
            path=str(path),
            key="front matter",
            hint="请在两行 '---' 之间写「字段: 值」/ write 'field: value' lines (region, level, source …) between the '---' lines",
        )
    level = str(meta.get("level", "") or "")
    if level and level not in LEVELS:
        raise InputError(
            f"未知层级 / unknown level {level!r}",
            path=str(path),
            key="level",
            hint=f"请用 / use one of {', '.join(LEVELS)}",
        )
    return meta


def _heading(line: str) -> tuple[int, str] | None:
    """(depth, text) when the line is a heading: markdown `#`, or a short 一、 / （一） line."""
    md = _MD_HEADING.match(line)
    if md:
        return len(md.group(1)), md.group(2).strip()
    cn = _CN_HEADING.match(line)
    if cn and len(line) <= 40 and "。" not in line.rstrip("。") and not line.endswith("。"):
        return int(cn.lastgroup[1]) + 10, line  # +10: below any markdown heading
    return None


def blocks(body: str) -> Iterator[tuple[str, str]]:
    """(heading, paragraph) pairs in reading order; the heading is the nearest one above."""
    stack: list[tuple[int, str]] = []
    lines: list[str] = []
    for raw in [*body.splitlines(), ""]:
        line = raw.strip()
        head = _heading(line) if line else None
        if (not line or head) and lines:
            yield (stack[-1][1] if stack else ""), "\n".join(lines)
            lines = []
        if head:
            stack = [h for h in stack if h[0] < head[0]] + [head]
        elif line:
            lines.append(line)


def split_long(paragraph: str, limit: int = MAX_CHARS) -> list[str]:
    """Cut a paragraph longer than `limit` at sentence ends (hard cut only for one huge sentence)."""
    pieces: list[str] = [""]
    for sentence in (s for s in _SENTENCE_END.split(paragraph) if s):
        for part in (sentence[i : i + limit] for i in range(0, len(sentence), limit)):
            if pieces[-1] and len(pieces[-1]) + len(part) > limit:
                pieces.append("")
            pieces[-1] += part
    return [p.strip() for p in pieces if p.strip()]


def guess_indicator(heading: str, text: str, taxonomy: Taxonomy) -> str:
    """The taxonomy code whose keywords weigh most: heading ×4, lead sentence ×2, body ×1."""
    lead = text.split("。", 1)[0]
    best, best_score = "", 0
    for ind in taxonomy.indicators:
        words = {ind.name, *ind.keywords}
        score = sum(4 * heading.count(w) + 2 * lead.count(w) + text.count(w) for w in words if w)
        if score > best_score:
            best, best_score = ind.code, score
    return best


def _chunks(doc: Document, taxonomy: Taxonomy) -> Iterator[tuple[str, str, str]]:
    """(heading, text, indicator): paragraphs under one heading merged while they fit and agree.

    A short lead-in (a 问题一：… line, a one-line item) always joins the paragraph after it.
    """
    current: tuple[str, str, str] | None = None
    for heading, paragraph in blocks(doc.body):
        for piece in split_long(paragraph):
            indicator = guess_indicator(heading, piece, taxonomy)
            if current and _fits(current, heading, piece, indicator):
                text = current[1] + "\n" + piece
                current = (heading, text, guess_indicator(heading, text, taxonomy))
                continue
            if current:
                yield current
            current = (heading, piece, indicator)
    if current:
        yield current


def _fits(current: tuple[str, str, str], heading: str, piece: str, indicator: str) -> bool:
    if current[0] != heading or len(current[1]) + len(piece) + 1 > MAX_CHARS:
        return False
    return len(current[1]) < SHORT or not current[2] or not indicator or current[2] == indicator


def passages_of(doc: Document, taxonomy: Taxonomy) -> tuple[Passage, ...]:
    """The chunks of one document as Passages with stable ids (stem + number + content hash)."""
    meta = doc.meta
    fixed = (
        meta.get("indicator") if isinstance(meta.get("indicator"), str) else ""
    )  # a policy on one indicator
    out = []
    for number, (heading, text, indicator) in enumerate(_chunks(doc, taxonomy)):
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
        out.append(
            Passage(
                id=f"{doc.path.stem}-{number:03d}-{digest}",
                text=text,
                source=doc.source,
                region=str(meta.get("region", "") or ""),
                level=str(meta.get("level", "") or ""),
                year=doc.year,
                indicator=fixed or indicator,
                section=heading.lstrip("#").strip(),
                quality=str(meta.get("quality", "") or "").strip(),
            )
        )
    return tuple(out)


def load_file(path: Path, knowledge_dir: Path, taxonomy: Taxonomy) -> tuple[Passage, ...]:
    return passages_of(read_document(path, Path(knowledge_dir)), taxonomy)


def taxonomy_for(knowledge_dir: Path) -> Taxonomy:
    path = Path(knowledge_dir) / "taxonomy.yaml"
    if not path.is_file():
        raise InputError(
            "缺少指标体系文件 / the indicator taxonomy is missing",
            path=str(path),
            hint="请从 git 恢复 / restore knowledge/taxonomy.yaml from git",
        )
    return load_taxonomy(path)


def load_corpus(knowledge_dir: Path) -> tuple[Passage, ...]:
    """Every passage of every knowledge file."""
    taxonomy = taxonomy_for(knowledge_dir)
    return tuple(
        p for f in knowledge_files(knowledge_dir) for p in load_file(f, Path(knowledge_dir), taxonomy)
    )
