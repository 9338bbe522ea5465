"""eval/config.yaml: tolerances, leakage length, style lists and the optional judge model."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from drafter.core.errors import InputError
from drafter.core.inputs import TEXT_LIMITS, read_text
from drafter.core.structured import parse_yaml


@dataclass(frozen=True)
class StyleConfig:
    max_mean_sentence: float = 60.0
    max_sentence: int = 160
    min_connective_share: float = 0.05
    connectives: tuple[str, ...] = ("坚持", "进一步", "切实", "一是", "二是")
    banned: tuple[str, ...] = ("我认为", "我觉得", "我们觉得")
    english_allowed: tuple[str, ...] = ()


@dataclass(frozen=True)
class JudgeConfig:
    model: str = ""
    base_url: str = ""
    max_reference_chars: int = 6000

    @property
    def enabled(self) -> bool:
        return bool(self.model)


@dataclass(frozen=True)
class EvalConfig:
    tolerance: dict[str, float] = field(default_factory=lambda: {"default": 0.0})
    copied_chars: int = 30
    official_titles: tuple[str, ...] = ("省长", "市长", "县长", "书记", "局长")
    common_phrases: tuple[str, ...] = ()  # stock phrases every report shares: never a copy
    style: StyleConfig = field(default_factory=StyleConfig)
    judge: JudgeConfig = field(default_factory=JudgeConfig)
    path: str = ""

    def tolerance_for(self, scorer: str) -> float:
        return float(self.tolerance.get(scorer, self.tolerance.get("default", 0.0)))

    def with_judge(self, model: str | None, base_url: str | None) -> EvalConfig:
        """Flags override the file's judge settings."""
        judge = replace(self.judge, model=model or self.judge.model, base_url=base_url or self.judge.base_url)
        return replace(self, judge=judge)


def _strings(raw: dict, key: str, default: tuple[str, ...]) -> tuple[str, ...]:
    value = raw.get(key)
    return tuple(str(v) for v in value) if isinstance(value, list) else default


def _section(data: dict, key: str, path: str) -> dict:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise InputError("must be a mapping", path=path, key=key, hint="see the comments in eval/config.yaml")
    return value


def _style(raw: dict) -> StyleConfig:
    base = StyleConfig()
    return StyleConfig(
        max_mean_sentence=float(raw.get("max_mean_sentence", base.max_mean_sentence)),
        max_sentence=int(raw.get("max_sentence", base.max_sentence)),
        min_connective_share=float(raw.get("min_connective_share", base.min_connective_share)),
        connectives=_strings(raw, "connectives", base.connectives),
        banned=_strings(raw, "banned", base.banned),
        english_allowed=_strings(raw, "english_allowed", base.english_allowed),
    )


def parse_config(data: dict[str, Any], path: str = "") -> EvalConfig:
    try:
        leakage = _section(data, "leakage", path)
        judge = _section(data, "judge", path)
        tolerance = {str(k): float(v) for k, v in _section(data, "tolerance", path).items()}
        return EvalConfig(
            tolerance=tolerance or {"default": 0.0},
            copied_chars=int(leakage.get("copied_chars", 30)),
            official_titles=_strings(leakage, "official_titles", EvalConfig().official_titles),
            common_phrases=_strings(leakage, "common_phrases", ()),
            style=_style(_section(data, "style", path)),
            judge=JudgeConfig(
                model=str(judge.get("model") or ""),
                base_url=str(judge.get("base_url") or ""),
                max_reference_chars=int(judge.get("max_reference_chars", 6000)),
            ),
            path=path,
        )
    except (TypeError, ValueError) as exc:
        raise InputError(f"bad value ({exc})", path=path, hint="numbers where numbers are expected") from exc


def load_config(path: Path | None, *, required: bool = False) -> EvalConfig:
    """The config file, or defaults when there is none (InputError when `required`, i.e. named by --config)."""
    if path is None or not Path(path).is_file():
        if required:
            raise InputError("no such config file", path=str(path), hint="pass an existing file to --config")
        return EvalConfig()
    text, _ = read_text(Path(path), TEXT_LIMITS, what="eval config")
    data = parse_yaml(text, path) or {}
    if not isinstance(data, dict):
        raise InputError("not a mapping", path=str(path), hint="see the comments in eval/config.yaml")
    return parse_config(data, str(path))
