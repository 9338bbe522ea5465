"""drafter.core.structured: YAML and JSON with limits — one line naming where and why, never a traceback."""

from __future__ import annotations

import pytest

from drafter.core.errors import InputError
from drafter.core.structured import MAX_DEPTH, parse_json, parse_yaml

LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("region: " + "[" * 100_000 + "]" * 100_000, f"line 1, column {MAX_DEPTH + 8}: nested more than 64"),
        ("a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 80)), "nested more than 64 levels"),
        (LAUGHS, "more than 50000 values (aliases expanded)"),
        ("values:\n  2021: 1\n  2021: 2\n", "line 3, column 3: 键 2021 重复 / duplicate key 2021"),
        ("? [a, b]\n: 1\n", "a list or mapping cannot be a key"),
        ("date: 2021-13-45\n", "'2021-13-45' 不是日期 / is not a date"),
        ("n: " + "9" * 5000 + "\n", "the number has too many digits"),
        ("a: *nowhere\n", "undefined alias"),
        ("a: !!python/object:os.system ls\n", "could not determine a constructor"),
        ("a: [1, 2\n", "YAML syntax error at line 2"),
    ],
)
def test_bad_yaml_is_one_clear_refusal(text, words):
    with pytest.raises(InputError, match="m.yaml") as info:
        parse_yaml(text, "m.yaml")
    assert words in info.value.render()


@pytest.mark.parametrize(
    ("text", "words"),
    [  # a clerk's file indented with a tab, and one with a stray space: where and the fix in Chinese first
        ("report:\n\tregion: 平定县\n", "YAML 语法错误（第2行第1列）"),
        (
            "report:\n\tregion: 平定县\n",
            "YAML 只能用空格缩进，请把制表符（Tab）换成空格 / indent with spaces",
        ),
        (
            "report:\n  region: x\n   level: city\n",
            "请检查缩进（用空格对齐），含“:”或“#”的值请加引号 / check",
        ),
    ],
)
def test_a_broken_yaml_file_is_explained_in_chinese_first(text, words):
    with pytest.raises(InputError) as info:
        parse_yaml(text, "m.yaml")
    assert words in info.value.render()


def test_yaml_that_is_fine_reads_as_before():
    data = parse_yaml("report: {region: 阳泉市, date: 2022-03-20}\nv: {2021: 1.5}\nx: &x [1]\ny: *x\n", "m")
    assert data["report"]["region"] == "阳泉市" and data["v"] == {2021: 1.5} and data["y"] == [1]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            '{"metrics": [{"values": {"2020": 1, "2020": 2}}]}',
            "metrics[0].values: 键 '2020' 在同一对象中出现两次 / key '2020' is given twice",
        ),
        ('{"a": 1, "a": 1}', "(top level): 键 'a' 在同一对象中出现两次 / key 'a' is given twice"),
        ("[" * 100_000 + "]" * 100_000, "nested too deep"),
        ("[" * 70 + "]" * 70, "nested more than 64 levels"),
        ('{"n": ' + "9" * 5000 + "}", "a value cannot be read"),
        ('{"a": 1,}', "JSON syntax error at line 1, column 9"),
    ],
)
def test_bad_json_is_one_clear_refusal(text, words):
    with pytest.raises(InputError) as info:
        parse_json(text, "m.json")
    assert words in info.value.render() and "m.json" in info.value.render()


def test_json_that_is_fine_reads_as_before():
    assert parse_json('{"a": [1, {"b": 2.5}], "c": null}', "m") == {"a": [1, {"b": 2.5}], "c": None}
