"""The years both templates (metrics.yaml and the Excel workbook) start from, from one rule: the report is
written this year (the round), about last year (the period), with data columns for the six years up to it."""

from __future__ import annotations

import datetime as dt

DATA_YEARS = 6  # year columns of the workbook


def default_round(today: dt.date | None = None) -> int:
    return (today or dt.date.today()).year


def data_years(round_year: int | None = None) -> tuple[int, ...]:
    """The workbook's year columns: the six years ending with the assessed year (round - 1)."""
    period = (round_year or default_round()) - 1
    return tuple(range(period - DATA_YEARS + 1, period + 1))
