"""Kill -9 after k finished sections, run the same command again: how many model calls does the rerun make?

20 sections are drafted by the model (a metrics file with 15 indicators, plus the five report parts the
model writes) through `python -m drafter draft` in a child process against the local fake server; the
child is killed with SIGKILL as soon as 6 model sections are in OUT's journal. The same command then
runs to the end. Printed: the calls of an uninterrupted run, of the killed run, of the rerun, and whether
the final draft.md equals the uninterrupted one byte for byte. 127.0.0.1 only; bounded (a few seconds).

    .venv/bin/python bench/kill_resume.py
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from fakeserver import FakeOpenAI  # noqa: E402

from drafter.drafting.run import metrics_hash  # noqa: E402
from drafter.outdir import journal  # noqa: E402

INDICATORS = [
    ("party", "党组织会议研究教育工作", "次"),
    ("fund", "一般公共预算教育经费", "亿元"),
    ("teachers", "新招聘教师", "名"),
    ("preschool", "学前三年毛入园率", "%"),
    ("compulsory", "义务教育巩固率", "%"),
    ("highschool", "高中阶段毛入学率", "%"),
    ("vocational", "中职在校生", "人"),
    ("private", "民办学校", "所"),
    ("double_reduction", "校外培训机构", "个"),
    ("supervision", "责任督学", "名"),
    ("safety", "安全隐患整改", "项"),
    ("special_ed", "残疾儿童入学率", "%"),
    ("moral", "近视率", "%"),
    ("salary", "教师平均工资", "元"),
    ("student_aid", "资助学生", "人"),
]
KILL_AFTER = 6
TIMEOUT = 180  # seconds any one child may take


def metrics_yaml() -> str:
    head = "report: {region: 示例市, level: city, round: 2022, period: 2021, issuer: 示例市人民政府, date: 2022-03-20}"
    lines = [head, "metrics:"]
    for n, (code, label, unit) in enumerate(INDICATORS):
        values = f"{{2020: {50 + n}, 2021: {60 + n}}}"
        lines.append(f"  - {{key: {code}.m{n}, label: {label}, unit: '{unit}', values: {values}}}")
    lines += ["rectification: [整改了上一轮发现的问题]", "problems: [优质资源不足]", "plans: [扩大优质资源]"]
    lines += ["experiences: [建立了督导问责机制]"]
    return "\n".join(lines) + "\n"


def modelled_in_journal(out: Path, digest: str) -> int:
    return sum(1 for s in journal.entries(out, digest).values() if s.provenance.backend == "openai")


def draft(metrics: Path, out: Path, env: dict) -> subprocess.Popen:
    argv = [sys.executable, "-m", "drafter", "draft", str(metrics), "-o", str(out), "--backend", "openai"]
    argv += ["--concurrency", "4", "-q"]
    return subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def child_env(fake: FakeOpenAI, tmp: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DRAFTER_", "OPENAI_"))}
    env.update(
        OPENAI_API_KEY="sk-bench-0123456789",
        OPENAI_BASE_URL=fake.base_url,
        DRAFTER_CACHE_DIR=str(tmp / "cache"),
        DRAFTER_INDEX_DIR=str(tmp / "no-index"),
    )
    return env


def kill_after(metrics: Path, out: Path, env: dict, digest: str) -> int:
    child = draft(metrics, out, env)
    deadline = time.monotonic() + TIMEOUT
    while modelled_in_journal(out, digest) < KILL_AFTER and time.monotonic() < deadline:
        time.sleep(0.01)
    child.send_signal(signal.SIGKILL)
    child.wait(10)
    return modelled_in_journal(out, digest)


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="kill-resume-"))
    metrics = tmp / "metrics.yaml"
    metrics.write_text(metrics_yaml(), encoding="utf-8")
    digest = metrics_hash(metrics)
    with FakeOpenAI(latency=0.3) as fake:
        env = child_env(fake, tmp)
        draft(metrics, tmp / "whole", env).wait(TIMEOUT)
        total = len(fake.chat_requests)
        kept = kill_after(metrics, tmp / "out", env, digest)
        before_rerun = len(fake.chat_requests)
        rerun = draft(metrics, tmp / "out", env)
        rerun.wait(TIMEOUT)
        rerun_calls = len(fake.chat_requests) - before_rerun
    same = (tmp / "out" / "draft.md").read_bytes() == (tmp / "whole" / "draft.md").read_bytes()
    print(f"model sections (calls of an uninterrupted run)  {total}")
    print(
        f"killed with SIGKILL after finished sections     {kept}  (calls sent before the kill: {before_rerun - total})"
    )
    print(
        f"calls of the rerun (same command)               {rerun_calls}  (bound: {total} - {KILL_AFTER} = {total - KILL_AFTER})"
    )
    print(f"rerun exit code                                 {rerun.returncode}")
    print(f"final draft.md == uninterrupted draft.md        {same}")
    ok = total == 20 and rerun_calls <= total - KILL_AFTER and same
    print("OK" if ok else "NOT OK")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
