"""The eval dataset: one case per directory under eval/cases (metrics + optional reference and expectations).

    eval/cases/<case>/metrics.yaml   the source data (.yml, .json and .xlsx are read too)
    eval/cases/<case>/reference.md   optional: a real report for the same data (the judge reads it)
    eval/cases/<case>/expect.yaml    optional: case-specific expectations, keys:
        contains: [text …]        phrases the draft must contain
        not_contains: [text …]    phrases it must not contain
        sections: [id …]          section ids the draft must have (e.g. rectification)
        no_sections: [id …]       section ids it must not have

A case whose directory lacks metrics, or whose reference.md/expect.yaml cannot be read, is still listed,
with `error` set, so the runner reports it as errored and goes on with the others (a case whose metrics
do not validate errors when it is drafted); `drafter eval` exits 2 when no case could be run at all.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from drafter.core.errors import InputError
from drafter.core.inputs import TEXT_LIMITS, read_text
from drafter.core.structured import parse_yaml

METRICS_NAMES = ("metrics.yaml", "metrics.yml", "metrics.json", "metrics.xlsx")
EXPECT_KEYS = ("contains", "not_contains", "sections", "no_sections")


@dataclass(frozen=True)
class Expect:
    contains: tuple[str, ...] = ()
    not_contains: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    no_sections: tuple[str, ...] = ()


@dataclass(frozen=True)
class Case:
    name: str
    directory: Path
    metrics_path: Path | None = None
    reference: str = ""
    expect: Expect = field(default_factory=Expect)
    error: str = ""  # why the case cannot run ("" when it can)


def file_hash(path: Path | None) -> str:
    if path is None or not Path(path).is_file():
        return ""
    try:
        with Path(path).open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return ""


def _metrics_file(directory: Path) -> Path | None:
    return next((directory / n for n in METRICS_NAMES if (directory / n).is_file()), None)


def parse_expect(data: object, path: str) -> Expect:
    if data is None:
        return Expect()
    if not isinstance(data, dict):
        raise InputError(
            "expect.yaml 须为键值表 / expect.yaml must be a mapping",
            path=path,
            hint=f"可用的键 / use the keys {', '.join(EXPECT_KEYS)}",
        )
    unknown = set(data) - set(EXPECT_KEYS)
    if unknown:
        raise InputError(
            f"未知的键 / unknown key(s) {', '.join(sorted(map(str, unknown)))}",
            path=path,
            hint=f"可用的键 / use the keys {', '.join(EXPECT_KEYS)}",
        )
    for key, value in data.items():
        if not isinstance(value, list):
            raise InputError(
                "须为列表 / must be a list", path=path, key=key, hint=f"请写成 / write {key}: [..., ...]"
            )
    return Expect(**{k: tuple(str(v) for v in data.get(k) or ()) for k in EXPECT_KEYS})


def _read_expect(directory: Path) -> Expect:
    path = directory / "expect.yaml"
    if not path.is_file():
        return Expect()
    text, _ = read_text(path, TEXT_LIMITS, what="expect.yaml")
    return parse_expect(parse_yaml(text, path), str(path))


def _read_reference(directory: Path) -> str:
    path = directory / "reference.md"
    return read_text(path, TEXT_LIMITS, what="reference.md")[0] if path.is_file() else ""


def load_case(directory: Path) -> Case:
    """One case; problems (a missing or unreadable file) become `error`, never an exception."""
    directory = Path(directory)
    metrics = _metrics_file(directory)
    if metrics is None:
        return Case(
            directory.name,
            directory,
            error=f"{directory} 中没有数据文件 / no metrics file ({' / '.join(METRICS_NAMES)}) in {directory}",
        )
    try:
        reference, expect = _read_reference(directory), _read_expect(directory)
    except InputError as exc:
        return Case(directory.name, directory, metrics, error=exc.render())
    return Case(directory.name, directory, metrics, reference, expect)


def load_cases(cases_dir: Path) -> tuple[Case, ...]:
    """Every sub-directory of CASES_DIR that is not hidden, sorted by name."""
    root = Path(cases_dir)
    if not root.is_dir():
        raise InputError(
            "不是文件夹 / not a directory",
            path=str(root),
            hint="请给出每个用例一个子文件夹的目录，如 eval/cases / pass the folder that holds one folder per case",
        )
    dirs = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
    if not dirs:
        raise InputError(
            "这里没有评测用例文件夹 / no case folders here",
            path=str(root),
            hint="每个用例一个文件夹：<用例>/metrics.yaml（参见仓库的 eval/cases）/ create <case>/metrics.yaml folders "
            "(see eval/cases in the repository)",
        )
    return tuple(load_case(d) for d in dirs)


def case_hash(case: Case) -> str:
    """What identifies a case's inputs: its metrics, reference and expectations."""
    parts = [
        file_hash(case.metrics_path),
        file_hash(case.directory / "reference.md"),
        file_hash(case.directory / "expect.yaml"),
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def case_set(cases: tuple[Case, ...]) -> dict[str, str]:
    return {c.name: case_hash(c) for c in cases}


def fingerprint(cases: tuple[Case, ...]) -> str:
    """One hash for the whole case set: names and contents."""
    text = "\n".join(f"{name}={h}" for name, h in sorted(case_set(cases).items()))
    return hashlib.sha256(text.encode()).hexdigest()[:16]
