"""Every bad input of issue 19, run as a user would, measured: exit code, first line said, seconds, peak memory.

    .venv/bin/python bench/hostile_inputs.py                      # this checkout
    .venv/bin/python bench/hostile_inputs.py --tree /tmp/before   # another checkout (e.g. `git archive main`)
    .venv/bin/python bench/hostile_inputs.py --only deep bomb     # cases whose name contains a word

Each case runs `drafter …` (or, for the web page, a small client script) in its own process under
`/usr/bin/time -v`, stopped after --timeout seconds and capped at --memory GB of address space, so a
zip bomb cannot take the machine down. The bad files are made by tests/hostile_files.py into --work.
Disk-full and read-only cases mount a small tmpfs and are skipped unless run as root. Prints one
markdown table row per case. Bounded: every request goes to 127.0.0.1, every case stops by itself.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import hostile_files as hf  # noqa: E402

CLI = "import sys; from drafter.cli.main import run; sys.argv[0] = 'drafter'; run()"
WEB_DRIVER = ROOT / "tests" / "hostile_web.py"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass
class Result:
    code: int
    said: str
    seconds: float
    peak_mb: float
    note: str = ""


@dataclass(frozen=True)
class Case:
    name: str
    setup: Callable[[Path, Path], list[str]]  # (work, tree) -> argv of drafter (or ["web", case])
    after: Callable[[Path], str] = lambda work: ""  # a note on what was left behind
    root_only: bool = False


class Runner:
    def __init__(self, tree: Path, work: Path, timeout: float, memory_gb: float) -> None:
        self.tree, self.work, self.timeout, self.memory = tree, work, timeout, int(memory_gb * 2**30)

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DRAFTER_", "OPENAI_"))}
        env["PYTHONPATH"] = str(self.tree)
        env["DRAFTER_HOME"] = str(self.tree)
        env["DRAFTER_STATE_DIR"] = str(self.work / "state")
        env["COLUMNS"] = "200"
        return env

    def _limit(self) -> None:
        resource.setrlimit(resource.RLIMIT_AS, (self.memory, self.memory))

    def run(self, argv: list[str], cwd: Path | None = None) -> Result:
        if argv[:1] == ["web"]:
            program = [sys.executable, str(WEB_DRIVER), *argv[1:]]
        else:
            program = [sys.executable, "-c", CLI, *argv]
        command = ["/usr/bin/time", "-v", "timeout", str(self.timeout), *program]
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            env=self.env(),
            cwd=cwd or self.work,
            preexec_fn=self._limit,
        )
        return parse(done.returncode, done.stdout, done.stderr, web=argv[:1] == ["web"])

    def quiet(self, argv: list[str]) -> None:
        """Run a preparation step (no measurement); it must succeed."""
        program = [sys.executable, "-c", CLI, *argv]
        done = subprocess.run(program, capture_output=True, text=True, env=self.env(), cwd=self.work)
        if done.returncode > 1:
            raise SystemExit(f"preparation failed: drafter {' '.join(argv)}\n{done.stderr[-2000:]}")


def parse(code: int, stdout: str, stderr: str, *, web: bool = False) -> Result:
    timing, _, output = stderr.rpartition("\tCommand being timed:")
    stats = dict(
        line.strip().split(": ", 1) for line in output.splitlines() if line.startswith("\t") and ": " in line
    )
    wall = stats.get("Elapsed (wall clock) time (h:mm:ss or m:ss)", "0:0")
    seconds = sum(float(p) * 60**i for i, p in enumerate(reversed(wall.split(":"))))
    peak = int(stats.get("Maximum resident set size (kbytes)", "0")) / 1024
    code = int(stats.get("Exit status", code))
    return Result(code, said("" if web and code == 0 else timing, stdout, code), seconds, peak)


def said(stderr: str, stdout: str, code: int) -> str:
    """What the user saw first: the error line, the traceback's last line, or stdout's first line."""
    if code == 124:
        return "(still running at the time limit: killed)"
    text = "\n".join(
        ln
        for ln in ANSI.sub("", stderr).splitlines()
        if not ln.startswith(("Command exited", "Command terminated"))
    ).strip()
    if "Traceback (most recent call last)" in text:
        last = [ln for ln in text.splitlines() if ln and not ln.startswith(" ")][-1]
        return f"Traceback … {last}"
    lines = [ln.strip() for ln in (text or ANSI.sub("", stdout)).splitlines() if ln.strip()]
    if len(lines) > 1 and lines[0].endswith(":"):  # "1 problem(s) in FILE:" then the problem
        return f"{lines[0]} {lines[1]}"
    return lines[0] if lines else ""


# ---------------------------------------------------------------- the cases
def _file(builder: Callable[[Path], Path]) -> Callable[[Path], Path]:
    def build(work: Path) -> Path:
        inputs = work / "inputs"
        inputs.mkdir(exist_ok=True)
        return builder(inputs)

    return build


DEEP_YAML = _file(hf.deep_yaml)
DEEP_JSON = _file(hf.deep_json)
LAUGHS = _file(hf.alias_bomb_yaml)
HUGE = _file(
    lambda d: hf.metrics_with(d, "huge.json", "fund.general_budget_edu", {2020: 1e308}, as_json=True)
)
HUGE_YAML = _file(lambda d: hf.metrics_with(d, "huge.yaml", "fund.general_budget_edu", {2020: 1e308}))
NEGATIVE = _file(lambda d: hf.metrics_with(d, "negative.yaml", "fund.general_budget_edu", {2020: -21.09}))
SHARE = _file(lambda d: hf.metrics_with(d, "share.yaml", "preschool.public_share", {2021: 130}))
DUP = _file(hf.duplicate_key_json)
XLSX_BOMB = _file(lambda d: d / "bomb.xlsx" if (d / "bomb.xlsx").exists() else hf.xlsx_bomb(d))
DOCX_BOMB = _file(lambda d: d / "bomb.docx" if (d / "bomb.docx").exists() else hf.docx_bomb(d))


def fresh(work: Path, name: str) -> Path:
    path = work / "runs" / name
    shutil.rmtree(path, ignore_errors=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def drafted(runner: Runner, name: str) -> Path:
    out = fresh(runner.work, name)
    runner.quiet(["draft", str(hf.EXAMPLE), "-o", str(out), "--quiet"])
    return out


def edited(encoding: str) -> Callable[[Runner], list[str]]:
    def setup(runner: Runner) -> list[str]:
        out = drafted(runner, f"edit-{encoding}")
        hf.hand_edit(out, encoding)
        (out / "draft.docx").unlink()
        return ["export", str(out)]

    return setup


def edit_kept(encoding: str) -> Callable[[Path], str]:
    def after(work: Path) -> str:
        docx_path = work / "runs" / f"edit-{encoding}" / "draft.docx"
        if not docx_path.exists():
            return "no draft.docx written"
        import docx

        text = "\n".join(p.text for p in docx.Document(str(docx_path)).paragraphs)
        return "hand edit kept in draft.docx" if hf.HAND_EDIT in text else "hand edit DROPPED from draft.docx"

    return after


def junk_md(runner: Runner) -> list[str]:
    out = drafted(runner, "junk")
    hf.binary_junk(out / "draft.md")
    (out / "draft.docx").unlink()
    return ["export", str(out)]


def junk_after(work: Path) -> str:
    return "draft.docx written" if (work / "runs" / "junk" / "draft.docx").exists() else "nothing written"


def check_into_folder(runner: Runner) -> list[str]:
    out = drafted(runner, "folder")
    (out / "SOMEDIR").mkdir()
    return ["check", str(out / "draft.md"), "-o", str(out / "SOMEDIR")]


def folder_after(work: Path) -> str:
    left = [p.name for p in (work / "runs" / "folder").iterdir() if p.name.startswith(".")]
    return f"temp files left: {left}" if left else "no temp file left"


def eval_broken(runner: Runner) -> list[str]:
    folder = fresh(runner.work, "eval")
    cases = hf.broken_eval_cases(folder)
    return ["eval", str(cases), "-o", str(folder / "run"), "--quiet"]


# ---------------------------------------------------------------- a full and a read-only disk (root only)
def _mount(path: Path, size_kb: int, *, read_only: bool = False) -> None:
    subprocess.run(["umount", str(path)], capture_output=True)
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(path)], check=True)


def _fill(path: Path) -> None:
    """Fill the filesystem of `path` to the last byte."""
    fd = os.open(path / ".filler", os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)


def full_disk_draft(runner: Runner) -> list[str]:
    disk = runner.work / "disk-full"
    _mount(disk, 1024)
    _fill(disk)
    return ["draft", str(hf.EXAMPLE), "-o", str(disk / "out"), "--quiet"]


def full_disk_section(runner: Runner) -> list[str]:
    disk = runner.work / "disk-full-section"
    _mount(disk, 4096)
    runner.quiet(["draft", str(hf.EXAMPLE), "-o", str(disk / "out"), "--quiet"])
    (disk / "draft.json.before").write_bytes((disk / "out" / "draft.json").read_bytes())
    _fill(disk)
    return ["section", str(disk / "out"), "--section", "四", "--instructions", "简要一些", "--quiet"]


def full_disk_after(work: Path) -> str:
    disk = work / "disk-full-section"
    out = disk / "out"
    same = (out / "draft.json").read_bytes() == (disk / "draft.json.before").read_bytes()
    temps = [p.name for p in out.iterdir() if p.name.startswith(".")]
    subprocess.run(["umount", str(disk)], capture_output=True)
    subprocess.run(["umount", str(work / "disk-full")], capture_output=True)
    return f"draft.json {'intact' if same else 'CHANGED'}; temp files left: {len(temps)}"


def read_only_check(runner: Runner) -> list[str]:
    disk = runner.work / "read-only"
    _mount(disk, 1024)
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    return ["check", str(ROOT / "knowledge" / "reports" / "changzhi-2021.md"), "-o", str(disk / "check.json")]


def read_only_after(work: Path) -> str:
    subprocess.run(["umount", str(work / "read-only")], capture_output=True)
    return ""


# ---------------------------------------------------------------- the web page (tests/hostile_web.py)
def web(case: str) -> Callable[[Runner], list[str]]:
    def setup(runner: Runner) -> list[str]:
        ws = fresh(runner.work, f"ws-{case}")
        ws.mkdir()
        shutil.copy(hf.EXAMPLE, ws / hf.EXAMPLE.name)
        runner.quiet(["draft", str(ws / hf.EXAMPLE.name), "-o", str(ws / "yq"), "--quiet"])
        return ["web", case, str(ws), str(runner.work / "inputs")]

    return setup


def cli(argv: Callable[[Path], list[str]]) -> Callable[[Runner], list[str]]:
    return lambda runner: argv(runner.work)


CASES = [
    Case(
        "deep.yaml (100,000 deep): metrics validate",
        cli(lambda w: ["metrics", "validate", str(DEEP_YAML(w))]),
    ),
    Case(
        "deep.yaml (100,000 deep): draft",
        cli(lambda w: ["draft", str(DEEP_YAML(w)), "-o", str(fresh(w, "d1"))]),
    ),
    Case(
        "deep.json (100,000 deep): metrics validate",
        cli(lambda w: ["metrics", "validate", str(DEEP_JSON(w))]),
    ),
    Case(
        "laughs.yaml (alias bomb, 10^9): metrics validate",
        cli(lambda w: ["metrics", "validate", str(LAUGHS(w))]),
    ),
    Case("1e308 (JSON): metrics validate", cli(lambda w: ["metrics", "validate", str(HUGE(w))])),
    Case("1e308 (JSON): draft", cli(lambda w: ["draft", str(HUGE(w)), "-o", str(fresh(w, "d2")), "-q"])),
    Case("1.0e+308 (YAML): metrics validate", cli(lambda w: ["metrics", "validate", str(HUGE_YAML(w))])),
    Case(
        "negative 一般公共预算教育经费: metrics validate",
        cli(lambda w: ["metrics", "validate", str(NEGATIVE(w))]),
    ),
    Case(
        "negative 一般公共预算教育经费: draft",
        cli(lambda w: ["draft", str(NEGATIVE(w)), "-o", str(fresh(w, "d3")), "-q"]),
    ),
    Case("公办园占比 130%: metrics validate", cli(lambda w: ["metrics", "validate", str(SHARE(w))])),
    Case("JSON key given twice: metrics validate", cli(lambda w: ["metrics", "validate", str(DUP(w))])),
    Case(
        "JSON key given twice: draft", cli(lambda w: ["draft", str(DUP(w)), "-o", str(fresh(w, "d4")), "-q"])
    ),
    Case(
        "bomb.xlsx (2.3 MB → 512 MB): metrics validate",
        cli(lambda w: ["metrics", "validate", str(XLSX_BOMB(w))]),
    ),
    Case(
        "bomb.xlsx (2.3 MB → 512 MB): draft",
        cli(lambda w: ["draft", str(XLSX_BOMB(w)), "-o", str(fresh(w, "d5")), "-q"]),
    ),
    Case("bomb.docx (37 KB → 1 GB): check", cli(lambda w: ["check", str(DOCX_BOMB(w))])),
    Case("draft.md saved by Notepad as GBK: export", edited("gbk"), edit_kept("gbk")),
    Case("draft.md saved as UTF-16: export", edited("utf-16"), edit_kept("utf-16")),
    Case("draft.md overwritten with binary junk: export", junk_md, junk_after),
    Case("check draft.md -o SOMEDIR (a folder)", check_into_folder, folder_after),
    Case("eval: no case loads", eval_broken),
    Case("disk full: draft", full_disk_draft, root_only=True),
    Case("disk full: section (previous files)", full_disk_section, full_disk_after, root_only=True),
    Case("read-only disk: check -o", read_only_check, read_only_after, root_only=True),
    Case("web: base URL typed into the form", web("base-url")),
    Case("web: symlink in a draft folder", web("symlink")),
    Case("web: bad re-upload of a good file", web("reupload")),
    Case("web: 100,000-deep YAML upload", web("deep-upload")),
    Case("web: zip-bomb .xlsx upload (1.8 MB → 400 MB)", web("bomb-upload")),
    Case("web: 40 KB section edit (a real report's prose)", web("edit-40k")),
    Case("web: 40 KB section edit (1,000 figures)", web("edit-40k-dense")),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tree", type=Path, default=ROOT, help="the checkout to measure")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "drafter-hostile")
    parser.add_argument("--only", nargs="*", default=[], help="run the cases whose name holds one of these")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--memory", type=float, default=8.0, help="address-space cap per case, GB")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    runner = Runner(args.tree.resolve(), args.work.resolve(), args.timeout, args.memory)
    print(f"tree: {runner.tree}\n")
    print("| input | exit | message | s | peak MB | note |\n|---|---|---|---|---|---|")
    for case in CASES:
        if args.only and not any(word in case.name for word in args.only):
            continue
        if case.root_only and os.geteuid() != 0:
            print(f"| {case.name} | – | skipped: needs root to mount a tmpfs | | | |")
            continue
        result = runner.run(case.setup(runner))
        note = case.after(runner.work)
        message = result.said.replace("|", "\\|").replace(str(runner.work) + "/", "")[:150]
        print(
            f"| {case.name} | {result.code} | {message} | {result.seconds:.1f} | {result.peak_mb:.0f} | {note} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
