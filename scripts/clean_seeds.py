"""Clean the seed reports (../shared/seeds) into knowledge/reports/*.md.

Rerunnable maintainer tool, not part of the package:

    .venv/bin/python scripts/clean_seeds.py [--seeds DIR] [--out DIR] [--check]

Steps per report: Traditional -> Simplified (OpenCC t2s), drop web/DOCX junk lines and
``[bookmark: ...]`` artifacts, half-width punctuation -> full-width inside Chinese text, drop
spaces next to Chinese characters ("21.09 亿元" -> "21.09亿元"), join lines broken in the middle
of a sentence, apply the hand corrections listed in ``scripts/seed_meta.yaml``, write front matter.
Figures are never changed: a space *inside* a number ("752. 96") is kept as printed.
``--check`` writes nothing and exits 1 when a committed file differs from a fresh run.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml
from opencc_purepy import OpenCC

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from drafter.core.files import write_text_atomic  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SEEDS = ROOT.parent / "shared" / "seeds"
DEFAULT_OUT = ROOT / "knowledge" / "reports"
META_FILE = Path(__file__).with_name("seed_meta.yaml")

# Valid simplified characters that opencc_purepy's t2s still rewrites (显著 -> 显着).
KEEP_CHARS = frozenset("著")
CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2018-\u201d\u2026\u2014"
NUMBERING = re.compile(
    r"^(第[一二三四五六七八九十]+[篇部]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]"
    r"|[\dxX*]{1,2}[、.．](?!\d)|[（(]\d{1,2}[）)]|[①-⑳])"
)
PART_LINE = re.compile(r"^\s*第([一二三四五六七八九十])篇[：:](.*)$")
SENTENCE_END = "。！？；：）”"
TITLE_ENDINGS = ("报告", "通知")  # a title line is never joined to the addressee line after it
MIN_BROKEN_LEN = 25  # shorter lines (signatures, dates, 文号) are never joined to the next


def is_traditional(char: str, cc: OpenCC) -> bool:
    return char not in KEEP_CHARS and cc.convert(char) != char


def to_simplified(text: str, cc: OpenCC) -> str:
    """t2s, applied only where the original character is Traditional.

    opencc_purepy's phrase conversion also rewrites some valid simplified text (显著 -> 显着,
    "），结束" -> 結束), so a converted character is taken only in place of a Traditional one.
    """
    out = cc.convert(text)
    if len(out) != len(text):
        return out
    trad = {c for c in set(text) if is_traditional(c, cc)}
    return "".join(c if o in trad else o for o, c in zip(text, out, strict=True))


def split_collection(text: str) -> list[tuple[str, str]]:
    """Split a collection into (part title, part text) at its "第N篇：" lines."""
    parts: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        m = PART_LINE.match(line)
        if m:
            parts.append((m.group(2).strip(), []))
        elif parts:
            parts[-1][1].append(line)
    return [(title, "\n".join(lines)) for title, lines in parts]


def fullwidth_punct(line: str) -> str:
    """Half-width punctuation -> full-width, except between digits (1:1, 1,000)."""
    for half, full in ((",", "，"), (":", "："), (";", "；"), ("!", "！"), ("?", "？")):
        line = re.sub(rf"(?<!\d){re.escape(half)}|{re.escape(half)}(?!\d)", full, line)
    line = re.sub(rf"\(([^()]*[{CJK}][^()]*)\)", r"（\1）", line)
    return re.sub(rf"<([^<>]*[{CJK}][^<>]*)>", r"〈\1〉", line)


def drop_spaces(line: str) -> str:
    """Remove spaces (ASCII, full-width, nbsp) that touch a Chinese character or punctuation."""
    line = line.replace("\u00a0", " ").replace("\u3000", " ").strip()
    return re.sub(rf"(?<=[{CJK}]) +| +(?=[{CJK}])", "", line)


def is_heading(line: str) -> bool:
    return bool(NUMBERING.match(line)) and "。" not in line


def is_broken(line: str) -> bool:
    """A line cut in the middle of a sentence (DOCX/PDF page or line break)."""
    if len(line) < MIN_BROKEN_LEN or line.endswith(TITLE_ENDINGS) or is_heading(line):
        return False
    return line[-1] not in SENTENCE_END


def join_broken(lines: list[str]) -> list[str]:
    paras: list[str] = []
    for line in lines:
        if paras and is_broken(paras[-1]) and not NUMBERING.match(line):
            paras[-1] += line
        else:
            paras.append(line)
    return paras


def is_dropped(line: str, patterns: list[str]) -> bool:
    return any(bool(re.search(p[3:], line)) if p.startswith("re:") else line == p for p in patterns)


def clean_lines(text: str, drop: list[str]) -> list[str]:
    text = re.sub(r"\[bookmark:[^\]]*\]", "", text)
    lines = [drop_spaces(fullwidth_punct(raw)) for raw in text.splitlines()]
    return join_broken([ln for ln in lines if ln and not is_dropped(ln, drop)])


def cut_after(paras: list[str], marker: str | None) -> list[str]:
    return paras[: paras.index(marker) + 1] if marker and marker in paras else paras


def apply_fixes(body: str, fixes: list[list[str]], name: str) -> str:
    for old, new, _why in fixes:
        if old not in body:
            raise SystemExit(f"{name}: hand fix no longer matches: {old!r} (update seed_meta.yaml)")
        body = body.replace(old, new, 1)
    return body


def front_matter(meta: dict, source: str) -> str:
    """YAML front matter; spaces that YAML folding put between Chinese words are dropped."""
    data = {k: drop_spaces(v) if isinstance(v, str) else v for k, v in meta.items()}
    data["source"] = source
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000) + "---\n"


def seed_text(entry: dict, seeds: Path, cc: OpenCC) -> tuple[str, str]:
    """(source reference, simplified text) for one entry; collection parts are cut out."""
    text = to_simplified((seeds / entry["seed"]).read_text(encoding="utf-8"), cc)
    if "part" not in entry:
        return f"seeds/{entry['seed']}", text
    title, part = split_collection(text)[entry["part"] - 1]
    if entry.get("keep_part_title"):
        part = title + "\n" + part
    return f"seeds/{entry['seed']}#{entry['part']}", part


def render(entry: dict, seeds: Path, common_drop: list[str], cc: OpenCC) -> str:
    source, text = seed_text(entry, seeds, cc)
    paras = clean_lines(text, common_drop + entry.get("drop", []))
    body = "\n\n".join(cut_after(paras, entry.get("cut_after")))
    body = apply_fixes(body, entry.get("fixes", []), entry["out"])
    return front_matter(entry["meta"], source) + "\n" + body + "\n"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--check", action="store_true", help="compare with the committed files only")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    tables = yaml.safe_load(META_FILE.read_text(encoding="utf-8"))
    cc = OpenCC("t2s")
    stale = []
    for entry in tables["reports"]:
        text = render(entry, args.seeds, tables["common_drop"], cc)
        path = args.out / entry["out"]
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path.name)
            continue
        write_text_atomic(path, text)
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
