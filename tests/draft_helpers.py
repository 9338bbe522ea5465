"""Shared by the drafting tests: a small metrics file and fake backends."""

from __future__ import annotations

import threading
import time
from collections import deque
from pathlib import Path

from drafter.core.errors import BackendUnavailable
from drafter.drafting.backends.base import Completion, SectionRequest

METRICS_YAML = """\
report:
  region: 示例市
  level: city
  round: 2022
  period: 2021
  issuer: 示例市人民政府
  date: 2022-03-20
  basis: 《2022年对市县级政府履行教育职责的评价方案》（示教督〔2022〕1号）
  addressee: 示例省人民政府教育督导委员会办公室
metrics:
  - key: fund.general_budget_edu
    label: 一般公共预算教育支出
    unit: 亿元
    values: {2020: 21.09, 2021: 22.35}
  - key: fund.per_student_higher_vocational
    label: 高职高专生均一般公共预算教育经费
    unit: 元
    values: {2021: 16477.24}
    target: {value: 12000, relation: ">=", label: 省定标准}
  - key: preschool.gross_enrolment_rate
    label: 学前三年毛入园率
    unit: "%"
    values: {2020: 90.1, 2021: 91.2}
    target: {value: 90, relation: ">="}
  - key: preschool.public_share
    label: 公办幼儿园在园幼儿占比
    unit: "%"
    values: {2021: 46.1}
    target: {value: 50, relation: ">="}
  - key: compulsory.large_class_count
    label: 56人以上大班额
    unit: 个
    values: {2021: 0}
  - key: teachers.recruited
    label: 新招聘教师
    unit: 名
    values: {2020: 150, 2021: 120}
facts:
  party: ["市委常委会、市政府常务会专题研究教育工作4次", "全面推行中小学校党组织领导的校长负责制"]
  preschool: ["新建改扩建公办幼儿园12所"]
"""


def write_metrics(directory: Path, text: str = METRICS_YAML, name: str = "metrics.yaml") -> Path:
    path = Path(directory) / name
    path.write_text(text, encoding="utf-8")
    return path


class FakeBackend:
    """Replies from a function of the request (default: a fixed paragraph per section); records calls."""

    name = "fake"

    def __init__(self, reply=None, model: str = "fake-model", delay: float = 0.0) -> None:
        self.model = model
        self.reply = reply or (
            lambda request: f"{request.spec.heading or request.spec.id}相关工作扎实推进，成效明显。"
        )
        self.delay = delay
        self.calls: list[SectionRequest] = []
        self.lock = threading.Lock()
        self.active = 0
        self.max_active = 0

    def complete(self, request: SectionRequest) -> Completion:
        with self.lock:
            self.calls.append(request)
            self.active += 1
            self.max_active = max(self.max_active, self.active)
        try:
            time.sleep(self.delay)
            text = self.reply(request)
        finally:
            with self.lock:
                self.active -= 1
        if isinstance(text, Exception):
            raise text
        return Completion(text=text, model=self.model, tokens_in=10, tokens_out=5)


class QueueBackend(FakeBackend):
    """Replies taken in order from a queue (an Exception in the queue is raised)."""

    def __init__(self, replies: list) -> None:
        self.queue = deque(replies)
        super().__init__(
            reply=lambda request: self.queue.popleft() if self.queue else BackendUnavailable("queue is empty")
        )
