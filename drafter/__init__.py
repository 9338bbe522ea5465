"""Drafter: drafts 履行教育职责自评报告 from structured data and proves every figure in them."""

__version__ = "0.1.0"
