"""drafter.core.files: a full disk, a read-only disk or a folder where a file should go — one line, exit 2,
the previous files as they were, no temp file left. The disks are real: a small tmpfs (needs root, as CI
and these machines run; skipped otherwise)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from drafter.cli.main import run
from drafter.core.errors import InputError
from drafter.core.files import write_files_atomic

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "yangquan-2021.yaml"


def drafter(*args: object) -> int:
    with pytest.raises(SystemExit) as done:
        run([str(a) for a in args])
    return done.value.code


@pytest.fixture
def disk(tmp_path):
    """A 256 KB tmpfs at tmp_path/disk; `fill()` leaves it with no byte free, `read_only()` remounts it."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if (
        os.geteuid() != 0
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)], capture_output=True
        ).returncode
    ):
        pytest.skip("needs root to mount a small tmpfs")

    class Disk:
        path = mount

        def fill(self) -> None:
            fd = os.open(mount / ".filler", os.O_WRONLY | os.O_CREAT)
            try:
                while os.write(fd, b"\0" * 4096):
                    pass
            except OSError:
                pass
            finally:
                os.close(fd)

        def read_only(self) -> None:
            subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)

    yield Disk()
    subprocess.run(["umount", str(mount)], check=True)


def visible(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name != ".filler"}


def test_a_set_of_files_is_written_whole_or_not_at_all_on_a_full_disk(disk):
    old = {"draft.json": b"old json", "draft.md": b"old md"}
    for name, data in old.items():
        (disk.path / name).write_bytes(data)
    disk.fill()
    new = {disk.path / "draft.json": b"new" * 10, disk.path / "draft.md": b"x" * 200_000}
    with pytest.raises(InputError) as info:
        write_files_atomic(new)
    assert "磁盘空间不足 / disk full" in info.value.render() and str(disk.path) in info.value.render()
    assert visible(disk.path) == old  # neither file replaced, no temp file left


def test_a_read_only_disk_is_said_so(disk):
    disk.read_only()
    with pytest.raises(InputError, match="只读文件系统 / read-only file system"):
        write_files_atomic({disk.path / "check.json": b"{}"})


def test_a_folder_where_a_file_should_go(tmp_path):
    (tmp_path / "keep.json").write_bytes(b"old")
    (tmp_path / "SOMEDIR").mkdir()
    with pytest.raises(InputError, match="is a folder, not a file") as info:
        write_files_atomic({tmp_path / "keep.json": b"new", tmp_path / "SOMEDIR": b"x"})
    assert "FOLDER/result.json" in info.value.render()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["SOMEDIR", "keep.json"]
    assert (tmp_path / "keep.json").read_bytes() == b"old"


def test_a_read_only_file_is_not_replaced(tmp_path, capsys):
    """A trial: `drafter export OUT -f md -o 报告.txt` replaced a read-only file (chmod 444, the user's "keep this")
    — a rename needs only the folder to be writable — and gave the new file the old one's read-only mode."""
    out = tmp_path / "out"
    assert drafter("draft", EXAMPLE, "-o", out, "--quiet") in (0, 1)
    kept = tmp_path / "原报告.txt"
    kept.write_bytes("原文".encode())
    kept.chmod(0o444)
    assert drafter("export", out, "-f", "md", "-o", kept, "--force") == 2  # --force: an existing file, yes …
    err = capsys.readouterr().err
    assert (
        "原报告.txt" in err and "the file is read-only" in err
    )  # … but never a read-only one and "Traceback" not in err
    assert (
        kept.read_bytes() == "原文".encode()
        and [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []
    )


def test_check_into_an_existing_folder_is_the_review_folder(tmp_path, capsys):
    (tmp_path / "SOMEDIR").mkdir()
    report = Path(__file__).resolve().parent.parent / "knowledge" / "reports" / "changzhi-2021.md"
    assert drafter("check", report, "-o", tmp_path / "SOMEDIR") == 1  # the published report has defects
    assert "Traceback" not in capsys.readouterr().err
    assert {"summary.json", "index.html", "changzhi-2021.md.check.json"} <= {
        p.name for p in (tmp_path / "SOMEDIR").iterdir()
    }


def test_redrafting_on_a_full_disk_is_one_line_exit_2_and_keeps_the_previous_draft(disk, capsys):
    out = disk.path / "out"
    assert drafter("draft", EXAMPLE, "-o", out, "--quiet") in (0, 1)
    before = visible(out)
    disk.fill()
    code = drafter("section", out, "--section", "四", "--instructions", "简要一些", "--quiet")
    err = capsys.readouterr().err
    assert code == 2 and "磁盘空间不足 / disk full" in err and "Traceback" not in err
    assert visible(out) == before


@pytest.fixture
def umask():
    """Sets the process umask for one test and puts the old one back."""
    old = os.umask(0o022)
    yield os.umask
    os.umask(old)


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_a_new_file_gets_the_umask_s_permissions(tmp_path, umask, mask, mode):
    umask(mask)
    write_files_atomic({tmp_path / "index.html": b"<p>", tmp_path / "sub" / "a.check.json": b"{}"})
    assert (tmp_path / "index.html").stat().st_mode & 0o777 == mode
    assert (tmp_path / "sub" / "a.check.json").stat().st_mode & 0o777 == mode


def test_a_replaced_file_keeps_its_permissions(tmp_path, umask):
    (tmp_path / "summary.json").write_bytes(b"old")
    (tmp_path / "summary.json").chmod(0o664)
    write_files_atomic({tmp_path / "summary.json": b"new"})
    assert (tmp_path / "summary.json").stat().st_mode & 0o777 == 0o664


def test_a_review_folder_is_readable_by_others(tmp_path, umask):
    report = Path(__file__).resolve().parent.parent / "knowledge" / "reports" / "changzhi-2021.md"
    assert drafter("check", report, "-o", f"{tmp_path / 'review'}/") == 1
    modes = {p.name: p.stat().st_mode & 0o777 for p in (tmp_path / "review").iterdir()}
    assert modes and set(modes.values()) == {0o644}, modes


class CtrlC(Exception):
    pass


def test_ctrl_c_while_a_set_is_renamed_waits_until_every_file_is_new(tmp_path, monkeypatch):
    """Ctrl-C between two renames left draft.md new and draft.json old: the next run read the difference as
    hand edits. The signal is real, raised right after the first rename."""
    import signal

    import drafter.core.files as files

    old = {tmp_path / name: b"old " + name.encode() for name in ("draft.json", "draft.md", "check.json")}
    for path, data in old.items():
        path.write_bytes(data)
    rename, renamed = os.replace, []

    def replace_then_ctrl_c(src, dst):
        rename(src, dst)
        renamed.append(dst)
        if len(renamed) == 1:
            signal.raise_signal(signal.SIGINT)

    def handler(signum, frame):
        raise CtrlC

    monkeypatch.setattr(files.os, "replace", replace_then_ctrl_c)
    previous = signal.signal(signal.SIGINT, handler)
    try:
        with pytest.raises(CtrlC):
            write_files_atomic({path: b"new" for path in old})
    finally:
        signal.signal(signal.SIGINT, previous)
    assert len(renamed) == 3 and all(path.read_bytes() == b"new" for path in old)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["check.json", "draft.json", "draft.md"]
    assert signal.getsignal(signal.SIGINT) is previous
