"""Where each entry of a YAML metrics file is written: key path (as problems name it) -> "第N行 / line N".

A problem then says the line to open (metrics[8].values.5 … 第53行), as a workbook's problems say the cell.
"""

from __future__ import annotations

from typing import Any

import yaml

from drafter.core.structured import GuardedLoader


def yaml_lines(text: str) -> dict[str, str]:
    """Every mapping key and list item of the (already parsed, so valid) document, with its line."""
    loader = GuardedLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError:
        return {}
    finally:
        loader.dispose()
    out: dict[str, str] = {}
    _walk(root, "", out)
    return out


def _walk(node: Any, path: str, out: dict[str, str]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = str(key.value)
            child = f"{path}.{name}" if path else name
            out[child] = _line(key)
            _walk(value, child, out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = f"{path}[{index}]"
            out[child] = _line(item)
            _walk(item, child, out)


def _line(node: Any) -> str:
    return f"第{node.start_mark.line + 1}行 / line {node.start_mark.line + 1}"
