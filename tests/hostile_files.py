"""Bad input files as careless or malicious users make them (issue 19), built on demand.

Shared by tests/test_hostile_*.py and bench/hostile_inputs.py, which measures each one before and after.
Every builder writes into a folder it is given and returns the path; sizes are parameters so the tests
can use small bombs and the bench the sizes of the issue.
"""

from __future__ import annotations

import json
import random
import re
import zipfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "yangquan-2021.yaml"
HAND_EDIT = "本段经编辑在记事本中手工修改并保存。"
MB = 1024 * 1024


def example_data() -> dict:
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


def _metric(data: dict, key: str) -> dict:
    return next(m for m in data["metrics"] if m["key"] == key)


# ---------------------------------------------------------------- metrics files
def deep_yaml(folder: Path, depth: int = 100_000) -> Path:
    """A metrics YAML whose region is a list nested `depth` deep."""
    path = folder / "deep.yaml"
    path.write_text("report:\n  region: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    return path


def deep_json(folder: Path, depth: int = 100_000) -> Path:
    path = folder / "deep.json"
    path.write_text('{"report": {"region": ' + "[" * depth + "]" * depth + "}}", encoding="utf-8")
    return path


def alias_bomb_yaml(folder: Path, levels: int = 9, fanout: int = 10) -> Path:
    """Billion laughs: each level lists the one below `fanout` times (fanout**levels strings)."""
    lines = ["report: {region: x}", 'l0: &l0 ["lol"]']
    for i in range(1, levels + 1):
        lines.append(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * fanout)}]")
    lines.append(f"facts: {{party: *l{levels}}}")
    path = folder / "laughs.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def metrics_with(folder: Path, name: str, key: str, values: dict, *, as_json: bool = False) -> Path:
    """The example with one metric's values replaced (e.g. 1e308, or a negative amount)."""
    data = example_data()
    _metric(data, key)["values"] = values
    path = folder / name
    if as_json:
        path.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def duplicate_key_json(folder: Path) -> Path:
    """The example as JSON with a year given twice in one `values` object (JSON keeps the last)."""
    data = example_data()
    text = json.dumps(data, ensure_ascii=False, default=str)
    once = json.dumps(_metric(data, "fund.general_budget_edu")["values"])
    twice = once[:-1] + ', "2020": 25.5}'
    assert once in text
    path = folder / "dup.json"
    path.write_text(text.replace(once, twice, 1), encoding="utf-8")
    return path


# ---------------------------------------------------------------- zip bombs (Office files are zips)
def _rewrite_zip(source: Path, target: Path, member: str, chunks, compression: int) -> None:
    """Copy a zip, replacing one member by the streamed `chunks` (compressed with `compression`)."""
    with (
        zipfile.ZipFile(source) as old,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as new,
    ):
        for info in old.infolist():
            if info.filename != member:
                new.writestr(info, old.read(info.filename))
        big = zipfile.ZipInfo(member, date_time=(2024, 1, 1, 0, 0, 0))
        big.compress_type = compression
        big._compresslevel = 9  # noqa: SLF001 - zipfile takes the level from the ZipInfo here
        with new.open(big, "w", force_zip64=True) as out:
            for chunk in chunks:
                out.write(chunk)


def _sheet_rows(inflated: int):
    yield b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    yield b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    cell = '<c t="inlineStr"><is><t>学前三年毛入园率</t></is></c><c><v>91.2</v></c>'
    row = f"<row>{cell * 4}</row>".encode()
    block = row * (MB // len(row))
    for _ in range(inflated // len(block)):
        yield block
    yield b"</sheetData></worksheet>"


def xlsx_bomb(folder: Path, inflated: int = 512 * MB) -> Path:
    """The metrics template with its 指标 sheet replaced by `inflated` bytes of identical rows (rows and
    cells without an `r` attribute are legal), so deflate stores it ~1000× smaller."""
    from drafter.source.load import default_taxonomy
    from drafter.source.xlsx_template import write_template

    template = folder / "template.xlsx"
    write_template(template, default_taxonomy())
    with zipfile.ZipFile(template) as package:
        sheets = sorted(n for n in package.namelist() if re.match(r"xl/worksheets/sheet\d+\.xml$", n))
    path = folder / "bomb.xlsx"
    _rewrite_zip(template, path, sheets[1], _sheet_rows(inflated), zipfile.ZIP_DEFLATED)
    template.unlink()
    return path


def _document_xml(inflated: int):
    yield (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w='
        b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    )
    block = b" " * MB
    for _ in range(inflated // MB):
        yield block
    yield "<w:p><w:r><w:t>一般公共预算教育经费21.09亿元。</w:t></w:r></w:p></w:body></w:document>".encode()


def docx_bomb(folder: Path, inflated: int = 1024 * MB) -> Path:
    """A .docx whose document.xml is `inflated` bytes of blanks around one paragraph, bzip2-compressed
    (a few KB stored): legal XML, and python-docx reads the whole part into memory."""
    import docx

    plain = folder / "plain.docx"
    document = docx.Document()
    document.add_paragraph("一般公共预算教育经费21.09亿元。")
    document.save(str(plain))
    path = folder / "bomb.docx"
    _rewrite_zip(plain, path, "word/document.xml", _document_xml(inflated), zipfile.ZIP_BZIP2)
    plain.unlink()
    return path


# ---------------------------------------------------------------- drafts
def hand_edit(out_dir: Path, encoding: str) -> str:
    """Edit draft.md of a drafted OUT as Notepad would save it (`encoding`: gbk, utf-16, utf-8-sig);
    returns the sentence added, which an export must keep."""
    md = out_dir / "draft.md"
    text = md.read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n\n") if p and not p.startswith(("<!--", "#"))]
    target = paragraphs[len(paragraphs) // 2]
    md.write_bytes(text.replace(target, target + HAND_EDIT, 1).replace("\n", "\r\n").encode(encoding))
    return HAND_EDIT


def binary_junk(path: Path, size: int = 64 * 1024, seed: int = 19) -> Path:
    path.write_bytes(random.Random(seed).randbytes(size))
    return path


def broken_eval_cases(folder: Path) -> Path:
    """An eval cases folder in which no case can be loaded: one without metrics, two with broken ones."""
    cases = folder / "cases"
    (cases / "no-metrics").mkdir(parents=True)
    (cases / "no-metrics" / "notes.txt").write_text("metrics went missing\n", encoding="utf-8")
    (cases / "bad-yaml").mkdir()
    (cases / "bad-yaml" / "metrics.yaml").write_text("report: [unclosed\n", encoding="utf-8")
    (cases / "binary").mkdir()
    binary_junk(cases / "binary" / "metrics.yaml", 4096)
    return cases
