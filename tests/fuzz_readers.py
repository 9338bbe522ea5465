"""A seeded fuzzer for every reader of a user's file: random bytes, truncated and damaged zips, deep and huge
YAML/JSON, absurd numbers and mixed encodings, thrown at metrics (YAML/JSON/XLSX), draft.md, draft.json,
.docx/.md reports, eval cases and uploads. Each input must give a clean result or a DrafterError — any other
exception is a finding, printed with its traceback.

    python tests/fuzz_readers.py [--seed 19] [--rounds 40] [--memory-gb 1.5]

Run in its own process by tests/test_fuzz_readers.py, with its address space capped (a zip bomb or a
billion-laughs file that got through would die of MemoryError, which is a finding too). Prints one JSON
line: counts per reader, the findings, the slowest input and the peak memory (ru_maxrss).
"""

from __future__ import annotations

import argparse
import io
import json
import random
import resource
import shutil
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import hostile_files as hf  # noqa: E402

from drafter.core.config import Settings  # noqa: E402
from drafter.core.errors import DrafterError  # noqa: E402

MB = 1024 * 1024
ODD = [
    "1e308",
    "-1e308",
    "1e400",
    ".nan",
    ".inf",
    "-.inf",
    "NaN",
    "9" * 5000,
    "-0",
    "0x1F",
    "1_000",
    "12,0o0",
    "2021-13-45",
    "~",
    "null",
    "[]",
    "{}",
    "*a",
    "&a x",
    "!!binary aGk=",
    "!!python/object:os.system ls",
    "? [a]",
    "<<: *a",
    "'",
    '"',
    "\t",
    "｛",
    "　",
    "\ud800",
    "\x00",
    "\x1b[0m",
    "𠮷",
    "ℵ",
]


# ---------------------------------------------------------------- mutations
def mutate(rng: random.Random, text: str, rounds: int = 6) -> str:
    """Lines dropped, doubled and swapped; odd tokens, brackets and random characters inserted."""
    lines = text.splitlines()
    for _ in range(rng.randint(1, rounds)):
        if not lines:
            lines = [""]
        i = rng.randrange(len(lines))
        choice = rng.random()
        if choice < 0.2:
            del lines[i]
        elif choice < 0.35:
            lines.insert(i, lines[i])
        elif choice < 0.6:
            cut = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:cut] + rng.choice(ODD) + lines[i][cut:]
        elif choice < 0.75:
            lines[i] = lines[i].replace(" ", rng.choice(["", "  ", "\t", ": "]), 1)
        elif choice < 0.9:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            lines[i] += "".join(chr(rng.randrange(1, 0x30000)) for _ in range(rng.randint(1, 8)))
    return "\n".join(lines)


def encode(rng: random.Random, text: str) -> bytes:
    """The text in one encoding, in pieces of several, or with bytes flipped."""
    choice = rng.random()
    if choice < 0.4:
        return text.encode("utf-8", "surrogatepass")
    if choice < 0.55:
        return text.encode(rng.choice(["gbk", "gb18030", "utf-16", "utf-16-le", "utf-8-sig"]), "replace")
    if choice < 0.75:
        half = len(text) // 2
        return text[:half].encode("utf-8", "replace") + text[half:].encode(
            rng.choice(["gbk", "utf-16"]), "replace"
        )
    data = bytearray(text.encode("utf-8", "replace") or b" ")
    for _ in range(rng.randint(1, 20)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def deep(rng: random.Random, as_json: bool) -> bytes:
    depth = rng.choice([70, 500, 5_000, 100_000])
    if as_json:
        inner = rng.choice([("[" * depth, "]" * depth), ('{"a":' * depth, "}" * depth)])
        return ('{"report": ' + inner[0] + "1" + inner[1] + "}").encode()
    inner = rng.choice([("[" * depth, "]" * depth), ("{a: " * depth, "}" * depth)])
    return ("report:\n  region: " + inner[0] + "x" + inner[1] + "\n").encode()


def huge(rng: random.Random, as_json: bool) -> bytes:
    """Many keys, a long string, a long list of metrics, or an alias fan-out (YAML)."""
    kind, n = rng.randrange(4), rng.choice([1_000, 60_000, 300_000])
    if kind == 3 and not as_json:
        return hf.alias_bomb_yaml(
            Path(tempfile.mkdtemp()), rng.randint(3, 9), rng.randint(2, 10)
        ).read_bytes()
    if kind == 0:
        items = [f'"k{i}": {i}' if as_json else f"  k{i}: {i}" for i in range(n)]
        text = '{"report": {' + ", ".join(items) + "}}" if as_json else "report:\n" + "\n".join(items)
    elif kind == 1:
        text = (
            '{"report": {"region": "' + "县" * n * 10 + '"}}'
            if as_json
            else "report: {region: " + "县" * n * 10 + "}"
        )
    else:
        item = '{"key": "fund.x", "label": "x", "unit": "元", "values": {"2021": 1}}'
        text = (
            '{"metrics": [' + ", ".join([item] * n) + "]}"
            if as_json
            else "metrics:\n" + "- " + "\n- ".join([item] * n)
        )
    return text.encode()


# ---------------------------------------------------------------- inputs per reader
def metrics_inputs(rng: random.Random, folder: Path, example: str, xlsx: bytes) -> Iterator[Path]:
    yield _write(folder, ".yaml", rng.randbytes(rng.choice([0, 1, 100, 70_000])))
    for suffix in (".yaml", ".json"):
        text = (
            example
            if suffix == ".yaml"
            else json.dumps(yaml.safe_load(example), ensure_ascii=False, default=str)
        )
        yield _write(folder, suffix, encode(rng, mutate(rng, text)))
        yield _write(folder, suffix, deep(rng, suffix == ".json"))
        yield _write(folder, suffix, huge(rng, suffix == ".json"))
    yield _write(folder, ".xlsx", damage_zip(rng, xlsx))


def damage_zip(rng: random.Random, package: bytes) -> bytes:
    """Truncated, bytes flipped, a member replaced by junk, or valid zip around broken XML."""
    choice = rng.randrange(5)
    if choice == 0:
        return package[: rng.randrange(len(package))]
    if choice == 1:
        data = bytearray(package)
        for _ in range(rng.randint(1, 30)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data)
    with zipfile.ZipFile(io.BytesIO(package)) as old:
        names = old.namelist()
        victim = rng.choice(names)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
            for name in names:
                data = old.read(name)
                if name == victim:
                    text = data.decode("utf-8", "replace")
                    data = [
                        rng.randbytes(200),
                        mutate(rng, text, 20).encode("utf-8", "surrogatepass"),
                        data[: len(data) // 2],
                    ][choice - 2]
                new.writestr(name, data)
    return out.getvalue()


def _write(folder: Path, suffix: str, data: bytes, name: str = "") -> Path:
    path = folder / (name or f"f{random.random():.12f}{suffix}")
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------- the run
class Fuzz:
    def __init__(self, seed: int, rounds: int, work: Path) -> None:
        self.rng, self.rounds, self.work = random.Random(seed), rounds, work
        self.counts: dict[str, dict[str, float]] = {}
        self.findings: list[str] = []
        self.slowest = (0.0, "")

    def attempt(self, reader: str, what: str, call: Callable[[], object]) -> None:
        started = time.perf_counter()
        try:
            call()
            outcome = "clean"
        except DrafterError:
            outcome = "refused"
        except BaseException as exc:  # noqa: BLE001 - every other exception is what we look for
            if isinstance(exc, KeyboardInterrupt):
                raise
            outcome = "finding"
            self.findings.append(f"{reader} on {what}:\n{traceback.format_exc(limit=8)}")
        seconds = time.perf_counter() - started
        self.slowest = max(self.slowest, (round(seconds, 2), f"{reader} on {what}"))
        counts = self.counts.setdefault(reader, {"seconds": 0.0})
        counts[outcome] = counts.get(outcome, 0) + 1
        counts["seconds"] = round(counts["seconds"] + seconds, 2)

    def run(self) -> None:
        from drafter.source.load import load_source

        example = hf.EXAMPLE.read_text(encoding="utf-8")
        folder = self.work / "metrics"
        folder.mkdir()
        xlsx = _template_xlsx(self.work)
        for _ in range(self.rounds):
            for i, path in enumerate(metrics_inputs(self.rng, folder, example, xlsx)):
                self.attempt("metrics load", path.name, lambda p=path: load_source(p))
                if i % 4 == 1:  # the command line too, for a sample (each run() re-registers the commands)
                    validate = lambda p=path: _cli("metrics", "validate", p)  # noqa: E731
                    self.attempt("cli: metrics validate", path.name, validate)
                path.unlink()
        self.drafts()
        self.reports()
        self.eval_cases()
        self.uploads(example)

    def drafts(self) -> None:
        from drafter.drafting.run import run_draft
        from drafter.outdir.edits import current_draft, import_hand_edits, read_markdown
        from drafter.outdir.store import load_draft

        template = self.work / "drafted"
        run_draft(hf.EXAMPLE, template, Settings.load(quiet=True), progress=False)
        md, js = (template / "draft.md").read_text(encoding="utf-8"), (template / "draft.json").read_text()
        for i in range(self.rounds * 3):
            out = self.work / f"d{i}"
            shutil.copytree(template, out)
            if i % 3 == 2:
                (out / "draft.json").write_bytes(encode(self.rng, mutate(self.rng, js, 10)))
                self.attempt("draft.json", f"mutated #{i}", lambda o=out: load_draft(o))
            else:
                data = (
                    encode(self.rng, mutate(self.rng, md))
                    if i % 3
                    else self.rng.randbytes(self.rng.randint(0, 9999))
                )
                (out / "draft.md").write_bytes(data)
                self.attempt("draft.md", f"mutated #{i}", lambda o=out: current_draft(o))
                self.attempt(
                    "draft.md import",
                    f"mutated #{i}",
                    lambda o=out: import_hand_edits(d := load_draft(o), read_markdown(o, d)),
                )
            shutil.rmtree(out)

    def reports(self) -> None:
        import docx

        from drafter.carry.last_read import read_last
        from drafter.documents.read import read_document

        buffer = io.BytesIO()
        document = docx.Document()
        for line in hf.EXAMPLE.read_text(encoding="utf-8").splitlines()[:60]:
            document.add_paragraph(line)
        document.save(buffer)
        report = (ROOT / "knowledge" / "reports" / "changzhi-2021.md").read_text(encoding="utf-8")
        for i in range(self.rounds * 2):
            docx_path = _write(self.work, ".docx", damage_zip(self.rng, buffer.getvalue()), f"r{i}.docx")
            md_path = _write(self.work, ".md", encode(self.rng, mutate(self.rng, report, 30)), f"r{i}.md")
            for path in (docx_path, md_path):
                self.attempt("report", path.name, lambda p=path: read_document(p))
                self.attempt("last year's report", path.name, lambda p=path: read_last(p))
                path.unlink()

    def eval_cases(self) -> None:
        from drafter.evaluation.dataset import load_case

        for i in range(self.rounds):
            case = self.work / f"case{i}"
            case.mkdir()
            _write(case, "", self.rng.randbytes(50), "metrics.yaml")
            expect = mutate(self.rng, "contains: [一般公共预算]\nnot_contains: [x]\nsections: [fund]\n", 4)
            _write(case, "", encode(self.rng, expect), "expect.yaml")
            _write(case, "", encode(self.rng, mutate(self.rng, "# 参考\n正文21.09亿元。\n")), "reference.md")
            self.attempt("eval case", case.name, lambda c=case: _refused_if(load_case(c).error))
            shutil.rmtree(case)

    def uploads(self, example: str) -> None:
        from drafter.web.workspace import Workspace

        ws = Workspace(self.work / "ws")
        for i in range(self.rounds):
            suffix = self.rng.choice([".yaml", ".json"])
            data = encode(self.rng, mutate(self.rng, example)) if i % 2 else deep(self.rng, suffix == ".json")
            self.attempt("upload", f"#{i}{suffix}", lambda d=data, s=suffix: _upload(ws, f"u{s}", d))
        left = [p.name for p in (ws.root / "uploads").iterdir() if p.name.startswith(".")]
        if left:
            self.findings.append(f"upload: temp files left behind: {left}")


def _cli(*args: object) -> None:
    """The command line as a user runs it: exit 0 or 2 (refused) is fine, anything else is a finding."""
    from contextlib import redirect_stdout

    from drafter.cli.main import run

    try:
        with redirect_stdout(io.StringIO()):
            run([str(a) for a in args])
    except SystemExit as done:
        if done.code == 2:
            raise DrafterError(f"exit {done.code}") from None
        if done.code not in (0, None):
            raise AssertionError(f"exit {done.code}") from None


def _upload(ws, name: str, data: bytes) -> None:
    from drafter.source.load import validate_file

    _refused_if("; ".join(ws.save_upload(name, data, validate_file)[1]))


def _refused_if(error: str) -> None:
    """load_case records a problem in the case instead of raising (the run goes on): count it as refused."""
    if error:
        raise DrafterError(error)


def _template_xlsx(work: Path) -> bytes:
    from drafter.source.load import default_taxonomy
    from drafter.source.xlsx_template import write_template

    write_template(
        work / "t.xlsx", default_taxonomy(), round_year=2025
    )  # a fixed layout: the same random stream every year
    return (work / "t.xlsx").read_bytes()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--memory-gb", type=float, default=1.5)
    args = parser.parse_args()
    cap = int(args.memory_gb * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    with tempfile.TemporaryDirectory() as work:
        fuzz = Fuzz(args.seed, args.rounds, Path(work))
        fuzz.run()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    report = {"counts": fuzz.counts, "findings": fuzz.findings, "slowest": fuzz.slowest, "peak_mb": peak}
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
