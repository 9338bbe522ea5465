"""The architecture in the tree: each stage imports only from its own or lower stages, and no module cycles."""

from __future__ import annotations

import ast
from pathlib import Path

import drafter

PACKAGE = Path(drafter.__file__).resolve().parent
# core ← source, figures, documents ← checker, knowledge ← export ← outdir, review ← drafting ← faces
RANK = {
    "assets": 0,
    "core": 0,
    "documents": 1,
    "source": 1,
    "figures": 1,
    "checker": 2,
    "knowledge": 2,
    "export": 3,
    "outdir": 4,
    "review": 4,
    "drafting": 5,
    "carry": 5,
    "evaluation": 6,
    "cli": 6,
    "web": 6,
}
TOP_LEVEL_MODULES = 8


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every drafter module this file imports, at the top, inside functions or under TYPE_CHECKING."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("drafter"):
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("drafter"))
    return found


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {m for m in imports(path) if m in modules and m != name} for name, path in modules.items()}


def stage(module: str) -> str:
    """drafter.checker.rules -> checker; drafter.__main__ -> "" (the top level)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or parts[-1] in RANK else ""


def test_every_module_lives_in_a_stage_and_few_stay_at_the_top():
    top = [p.name for p in PACKAGE.glob("*.py")]
    assert len(top) <= TOP_LEVEL_MODULES, top
    strays = [m for m in graph() if m.count(".") > 1 and stage(m) not in RANK]
    assert not strays, strays


def test_imports_point_down_the_stages():
    wrong = [
        f"{a} imports {b}"
        for a, targets in graph().items()
        for b in targets
        if stage(a) in RANK and stage(b) in RANK and RANK[stage(b)] > RANK[stage(a)]
    ]
    assert not wrong, "\n".join(sorted(wrong))


def test_no_import_cycles():
    edges = graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], nxt] if nxt in path else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for start in sorted(edges):
        if start not in state:
            visit(start, [start])
    assert not cycles, cycles


def test_the_layering_check_sees_a_wrong_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from drafter.drafting.run import run_draft\n", encoding="utf-8")
    assert "drafter.drafting.run" in imports(bad)
    assert RANK[stage("drafter.drafting.run")] > RANK[stage("drafter.core.types")]
