"""`drafter import OUT EDITED.docx`: an editor's Word/WPS edits back into OUT.

The edited file's blocks are placed in sections (`word_align`) against the blocks draft.docx was built from;
every section whose text, heading or tables differ is stored as edited and locked (a redraft never overwrites
it); every other section stays byte-identical in draft.json and draft.md. Then the whole draft is re-checked
and every file of OUT rewritten (`outputs.write_all`). Tracked changes are read as accepted.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from drafter.core.errors import InputError
from drafter.core.regions import region_stem
from drafter.core.types import CheckReport, Draft, Provenance, Section, SourceData, Table
from drafter.export.docx_revisions import WordParagraph, WordTable, read_body
from drafter.export.docx_sections import section_blocks
from drafter.export.markdown import merge_markdown
from drafter.outdir.edits import import_hand_edits, read_markdown
from drafter.outdir.outputs import write_all
from drafter.outdir.store import load_draft
from drafter.outdir.word_align import ASCII, ORDINAL, Placed, norm, place_blocks

CAPTION_STYLE = "表格标题"


@dataclass(frozen=True)
class SectionChange:
    section_id: str
    parts: tuple[str, ...]  # what changed: "text", "heading", "tables"


@dataclass(frozen=True)
class ImportOutcome:
    draft: Draft
    check: CheckReport
    changes: tuple[SectionChange, ...]
    insertions: int = 0  # tracked changes still pending in the file, read as accepted
    deletions: int = 0
    hand_edits: tuple[str, ...] = ()  # sections edited in draft.md, imported and locked on the way
    conflicts: tuple[str, ...] = ()  # edited both in draft.md and in Word: the Word text was kept

    @property
    def changed(self) -> tuple[str, ...]:
        return tuple(c.section_id for c in self.changes)


def import_word(
    out_dir: Path, docx_path: Path, source: SourceData | None, name: str | None = None
) -> ImportOutcome:
    """Read EDITED.docx, lock the sections it changes, re-check and rewrite OUT. Nothing is written on error.
    `name`: the file as the editor knows it, when `docx_path` is a temp copy (the web page's upload)."""
    out_dir = Path(out_dir)
    stored = load_draft(out_dir)
    md_text = read_markdown(out_dir, stored)
    current, hand_edits = import_hand_edits(stored, md_text)
    body = read_body(docx_path)
    reference = section_blocks(stored)
    placed = place_blocks(stored, reference, list(body.blocks))
    _refuse_other_region(stored, body.blocks, docx_path)
    changes, sections = [], []
    for section in current.sections:
        sid = section.spec.id
        ref = [Placed(r.block, sid, r.heading) for r in reference if r.section_id == sid]
        mine = [p for p in placed if p.section_id == sid]
        new, parts = revised(section, ref, mine, name or Path(docx_path).name)
        sections.append(new)
        if parts:
            changes.append(SectionChange(sid, parts))
    draft = dataclasses.replace(current, sections=tuple(sections))
    changed = {c.section_id for c in changes}
    check = write_all(
        out_dir, draft, merge_markdown(md_text, draft, changed), source, imported=Path(docx_path)
    )
    return ImportOutcome(
        draft=draft,
        check=check,
        changes=tuple(changes),
        insertions=body.insertions,
        deletions=body.deletions,
        hand_edits=hand_edits,
        conflicts=tuple(sorted(changed & set(hand_edits))),
    )


def _refuse_other_region(draft: Draft, blocks, docx_path: Path) -> None:
    """Every draft's Word file is called draft.docx: one of another region's draft shares its headings
    (一、自查自评工作开展情况 …) and would replace every section. Its text never names this draft's region."""
    stem = region_stem(draft.report.region)
    text = "".join(
        b.text if isinstance(b, WordParagraph) else "".join("".join(row) for row in b.rows) for b in blocks
    )
    if stem and stem not in re.sub(r"\s+", "", text):
        raise InputError(
            f"此 Word 文件中没有出现「{draft.report.region}」，像是其他地区的草稿 / does not mention "
            f"{draft.report.region}: it looks like another region's draft",
            path=str(docx_path),
            hint="请导入本目录 draft.docx 的修改稿（各草稿的 Word 文件都叫 draft.docx，请看它来自哪个目录）/ "
            "import the edited draft.docx of this OUT (every draft's Word file is called draft.docx: check "
            "which folder it came from)",
        )


def revised(
    section: Section, reference: list[Placed], edited: list[Placed], name: str
) -> tuple[Section, tuple]:
    """The section with the edited file's heading, paragraphs and tables where they differ from draft.docx's;
    locked when anything differs. A section missing from the file altogether is left as it was."""
    if not edited:
        return section, ()
    edited = _unmerged(edited, next((p.block.text for p in reference if p.heading), ""))
    old_paras, old_tables = _split([p.block for p in reference if not p.heading])
    new_paras, new_tables = _split([p.block for p in edited if not p.heading])
    changes: dict[str, object] = {}
    if [_squeeze_text(t) for t in old_paras] != [_squeeze_text(t) for t in new_paras]:
        changes["text"] = "\n".join(new_paras)
    if [_table_key(t) for t in old_tables] != [_table_key(t) for t in new_tables]:
        changes["tables"] = tuple(new_tables)
    heading = _new_heading(section, reference, edited)
    if heading is not None:
        changes["spec"] = heading
    if not changes:
        return section, ()
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    mark = Provenance(backend="hand", started_at=now, note=f"edited in Word ({name}); locked")
    new = dataclasses.replace(section, status="locked", history=(*section.history, mark), **changes)
    parts = tuple(part for part in ("text", "spec", "tables") if part in changes)
    return new, tuple("heading" if p == "spec" else p for p in parts)


def _unmerged(edited: list[Placed], heading: str) -> list[Placed]:
    """A heading that leads its paragraph in the Word file (as last year's report printed it, and so its
    redline): the heading and the text after it apart again."""
    out = []
    for p in edited:
        text = p.block.text.strip() if isinstance(p.block, WordParagraph) else ""
        plain = text.translate(ASCII)  # one character for one: the lengths agree
        if p.heading and heading and plain.startswith(heading.strip()) and len(plain) > len(heading.strip()):
            cut = len(heading.strip())
            out.append(Placed(WordParagraph(text[:cut], p.block.style, p.block.index), p.section_id, True))
            out.append(Placed(WordParagraph(text[cut:].strip(), p.block.style, p.block.index), p.section_id))
        else:
            out.append(p)
    return out


def _split(blocks: list) -> tuple[list[str], list[Table]]:
    """(paragraph texts, tables); a 表格标题 paragraph right before a table is that table's caption."""
    paras: list[str] = []
    tables: list[Table] = []
    for k, block in enumerate(blocks):
        nxt = blocks[k + 1] if k + 1 < len(blocks) else None
        if isinstance(block, WordTable):
            before = blocks[k - 1] if k else None
            caption = before.text.strip() if _is_caption(before, block) else ""
            rows = block.rows or ((),)
            tables.append(
                Table(
                    caption,
                    tuple(c.strip() for c in rows[0]),
                    tuple(tuple(c.strip() for c in r) for r in rows[1:]),
                )
            )
        elif not _is_caption(block, nxt):
            paras.append(block.text.strip())
    return paras, tables


def _is_caption(block, nxt) -> bool:
    return isinstance(block, WordParagraph) and block.style == CAPTION_STYLE and isinstance(nxt, WordTable)


def _squeeze_text(text: str) -> str:
    return norm(WordParagraph(text, "", -1))


def _table_key(table: Table) -> str:
    return norm(WordTable((table.header, *table.rows))) + "|" + _squeeze_text(table.caption)


def _new_heading(section: Section, reference: list[Placed], edited: list[Placed]):  # -> SectionSpec | None
    """The spec under its new heading when the editor renamed it (the ordinal kept unless retyped)."""
    old = next((p.block.text for p in reference if p.heading), None)
    new = next((p.block.text for p in edited if p.heading), None)
    if old is None or new is None or _squeeze_text(old) == _squeeze_text(new):
        return None
    found = ORDINAL.match(new)
    spec = section.spec
    if not found:
        return dataclasses.replace(spec, heading=new.strip())
    numeral = found[1] or found[2]
    ordinal = numeral if spec.depth == 1 else f"（{numeral}）"
    return dataclasses.replace(spec, ordinal=ordinal, heading=new[found.end() :].strip())
