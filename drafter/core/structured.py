"""YAML and JSON from a user's file, parsed with limits: nesting depth, node count (aliases expanded),
no key written twice in one mapping, no value that cannot be represented. Every refusal is an InputError
with the file, where (line/column or key path) and the fix; never a RecursionError or a traceback.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.events import AliasEvent

from drafter.core.errors import InputError

MAX_DEPTH = 64  # a metrics file nests 4 deep; 64 is far beyond any real file
# Values after aliases are expanded: a billion-laughs file stops here. The largest metrics file seen has
# ~640; PyYAML (pure Python) needs ~1 s for 20,000, so a refusal comes within a few seconds.
MAX_NODES = 50_000
MAX_JSON_NODES = 2_000_000  # JSON parses in C; the file's size limit bounds its memory first


class _Refused(yaml.YAMLError):
    def __init__(self, problem: str, mark: Any) -> None:
        super().__init__(problem)
        self.problem, self.problem_mark = problem, mark


class GuardedLoader(yaml.SafeLoader):
    """SafeLoader with a depth limit, a limit on nodes (aliases counted as what they expand to), and
    a refusal of any key given twice in one mapping (a copied `2021:` line silently loses data)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._nodes = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(AliasEvent):
            node = super().compose_node(parent, index)
            return self._count(node, getattr(node, "expanded", 1))
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Refused(f"nested more than {MAX_DEPTH} levels deep", self.peek_event().start_mark)
        before = self._nodes
        node = super().compose_node(parent, index)
        self._depth -= 1
        node.expanded = self._nodes - before + 1
        return self._count(node, 1)

    def _count(self, node: Any, size: int) -> Any:
        self._nodes += size
        if self._nodes > MAX_NODES:
            raise _Refused(f"holds more than {MAX_NODES} values (aliases expanded)", node.start_mark)
        return node

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                repeated = key in seen
            except TypeError:
                raise ConstructorError(
                    None,
                    None,
                    "列表或键值对不能作键 / a list or mapping cannot be a key",
                    key_node.start_mark,
                ) from None
            if repeated:
                raise ConstructorError(
                    None,
                    None,
                    f"键 {key!r} 重复 / duplicate key {key!r} → 每个键只写一次 / write each key once",
                    key_node.start_mark,
                )
            seen.add(key)
        return super().construct_mapping(node, deep)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            raise ConstructorError(
                None, None, f"{node.value!r} 不是日期 / is not a date", node.start_mark
            ) from None

    def construct_yaml_int(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_int(node)
        except ValueError:
            raise ConstructorError(
                None, None, "数字位数过多 / the number has too many digits", node.start_mark
            ) from None


GuardedLoader.add_constructor("tag:yaml.org,2002:timestamp", GuardedLoader.construct_yaml_timestamp)
GuardedLoader.add_constructor("tag:yaml.org,2002:int", GuardedLoader.construct_yaml_int)


def parse_yaml(text: str, path: Path | str) -> Any:
    """The YAML document in `text`; InputError (line, column, what, fix) when it is broken or too big."""
    try:
        return yaml.load(text, GuardedLoader)  # noqa: S506 - GuardedLoader is a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        where = (f"（第{line}行第{column}列）", f" at line {line}, column {column}") if mark else ("", "")
        reason = getattr(exc, "problem", None) or str(exc)
        kind = ("YAML 内容错误", "YAML error") if isinstance(exc, ConstructorError | _Refused) else _SYNTAX
        message = f"{kind[0]}{where[0]} / {kind[1]}{where[1]}: {reason}"
        raise InputError(message, path=str(path), hint=_yaml_hint(reason)) from None
    except RecursionError:  # a guard above failed; never let it become a traceback
        raise InputError(
            f"嵌套层数过多 / nested too deep (limit {MAX_DEPTH})", path=str(path), hint=_DEEP_HINT
        ) from None


_DEEP_HINT = (
    "这不是 Drafter 的数据文件格式，请从 `drafter metrics template` 生成的模板开始 "
    "/ this is not a metrics file as Drafter writes them; start from `drafter metrics template`"
)


_SYNTAX = ("YAML 语法错误", "YAML syntax error")


def _yaml_hint(reason: str) -> str:
    if "'\\t'" in reason:  # pyyaml's "found character '\t' that cannot start any token"
        return "YAML 只能用空格缩进，请把制表符（Tab）换成空格 / indent with spaces: YAML does not allow tabs"
    if "duplicate key" in reason:
        return "请合并重复的条目 / merge the repeated entries"
    if "nested" in reason or "values (aliases" in reason:
        return _DEEP_HINT
    if "not a date" in reason or "digits" in reason or "cannot be a key" in reason:
        return "请给该值加引号，或写成普通数字或 YYYY-MM-DD 日期 / quote the value, or write it as a plain number or YYYY-MM-DD date"
    return "请检查缩进（用空格对齐），含“:”或“#”的值请加引号 / check indentation and quote values that contain ':' or '#'"


class _Duplicate(dict):
    """Stands in for a JSON object that gave a key twice, so the walk below can name where it was."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key


def _pairs(pairs: list[tuple[str, Any]]) -> dict:
    out: dict = {}
    for key, value in pairs:
        if key in out:
            return _Duplicate(key)
        out[key] = value
    return out


def parse_json(text: str, path: Path | str) -> Any:
    """The JSON value in `text`; InputError for a syntax error, a key given twice, or too deep a nesting."""
    try:
        data = json.loads(text, object_pairs_hook=_pairs)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"JSON 语法错误（第 {exc.lineno} 行第 {exc.colno} 列）/ JSON syntax error at line {exc.lineno}, column {exc.colno}: {exc.msg}",
            path=str(path),
            hint="请修正 JSON 语法（逗号、引号、括号）/ fix the JSON syntax (commas, quotes, brackets)",
        ) from None
    except RecursionError:
        raise InputError(
            f"嵌套层数过多 / nested too deep (limit {MAX_DEPTH})", path=str(path), hint=_DEEP_HINT
        ) from None
    except ValueError as exc:  # e.g. an integer of more than 4300 digits
        raise InputError(
            f"有一个值无法读取 / a value cannot be read ({exc})",
            path=str(path),
            hint="请写普通数字 / write ordinary numbers",
        ) from None
    _walk(data, path)
    return data


def _walk(data: Any, path: Path | str) -> None:
    """Depth, size and duplicate keys of parsed JSON, without recursion."""
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    count = 0
    while stack:
        value, where, depth = stack.pop()
        count += 1
        if isinstance(value, _Duplicate):
            raise InputError(
                f"键 {value.key!r} 在同一对象中出现两次 / key {value.key!r} is given twice in one object (JSON would keep only the last)",
                path=str(path),
                key=where or "(top level)",
                hint="每个键只写一次，请合并两处 / write each key once; merge the two entries",
            )
        if depth > MAX_DEPTH or count > MAX_NODES:
            limit = (
                f"nested more than {MAX_DEPTH} levels" if depth > MAX_DEPTH else f"over {MAX_NODES} values"
            )
            raise InputError(limit, path=str(path), hint=_DEEP_HINT)
        children = (
            value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        )
        for key, child in children:
            part = f"[{key}]" if isinstance(key, int) else f"{'.' if where else ''}{key}"
            stack.append((child, where + part, depth + 1))
