"""What a `drafter draft` stopped by Ctrl-C / SIGTERM kept, said for the stage it was stopped in.

The line after 已中断 / interrupted must tell the clerk what is on disk and what the same command will do again:
before drafting nothing was written; while drafting the finished sections are in OUT's journal; while writing
every drafted section is there and only the files are missing; after writing the draft is complete.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from drafter.core.errors import Interrupted


@contextmanager
def saying(kept: str) -> Iterator[None]:
    """Ctrl-C / SIGTERM inside the block says `kept`, unless a stage inside it already said more."""
    try:
        yield
    except Interrupted as exc:
        exc.kept = exc.kept or kept
        raise


def before_drafting(out_dir: Path) -> str:
    return (
        f"还没有起草任何章节，{out_dir} 中原有的文件未改动；再次运行同一命令即可开始。 / "
        f"nothing was drafted yet and the files in {out_dir} are as they were; run the same command again "
        "to start."
    )


def while_drafting(out_dir: Path, kept: int, total: int) -> str:
    return (
        f"本次已完成 {kept}/{total} 个章节并保存在 {out_dir}；再次运行同一命令只起草其余 {total - kept} 个。 / "
        f"{kept} of the {total} sections of this run are kept in {out_dir}; run the same command again "
        f"to draft the other {total - kept}."
    )


def while_writing(out_dir: Path) -> str:
    return (
        f"已起草的章节都保存在 {out_dir}，但 draft.md、draft.docx、check.json 还没有写出；再次运行同一命令即可写出，"
        "不会重新起草这些章节。 / every section drafted is kept in "
        f"{out_dir}, but draft.md, draft.docx and check.json were not written yet; run the same command again "
        "to write them without drafting those sections again."
    )


def after_writing(out_dir: Path) -> str:
    return (
        f"草稿已经写完：{out_dir} 中的 draft.md、draft.docx、check.json 是完整的，只是汇总表没有显示；"
        f"drafter section {out_dir} --list 可查看。 / the draft is complete in {out_dir} (draft.md, "
        f"draft.docx, check.json); only the summary was not shown: drafter section {out_dir} --list shows it."
    )


def while_carrying_written(out_dir: Path) -> str:
    return (
        f"沿用去年报告的文件正在写出时被中断，{out_dir} 中的 redline.docx 和 changes.json 可能还是旧的；再次运行同一命令"
        "即可全部重新写出（手工修改的章节保留）。 / stopped while the files were written: redline.docx and "
        f"changes.json in {out_dir} may still be old; run the same command again to write them all (hand-edited "
        "sections are kept)."
    )


def section_left(out_dir: Path) -> str:
    return (
        f"章节没有改动，{out_dir} 中的草稿保持原样；再次运行同一命令即可重新起草该章节。 / the section was left as it "
        f"was in {out_dir}; run the same command again to draft it again."
    )


def section_saved(out_dir: Path) -> str:
    return (
        f"新的章节已保存到 {out_dir} 并已重新核对，只是改动没有显示；drafter section {out_dir} --list 可查看。 / the new "
        f"section is saved in {out_dir} and re-checked; only the diff was not shown: drafter section {out_dir} "
        "--list shows it."
    )
