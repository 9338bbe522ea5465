"""Self-consistency rules: figures judged against the figures printed beside them, no metrics needed.

One module per rule, registered here the way evaluation/scorers/ are: `check(reading) -> Iterator[Verdict]`
over the claims of a Reading. A rule says `derived` when the text's own figures prove a figure and
`inconsistent` when they contradict it; when in doubt it says nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from drafter.checker.reading import Reading
from drafter.checker.rules import (
    budget,
    changes,
    columns,
    counts,
    final_accounts,
    fractions,
    garbled,
    head_ratios,
    levels,
    listed,
    multiples,
    named,
    pairs,
    parallel,
    perstudent,
    plausible,
    points,
    products,
    progress,
    qualified,
    ratio_rows,
    ratios,
    rows,
    scores,
    series,
    shares,
    signs,
    stage_shares,
    stages,
    targets,
    totals,
    twins,
    unitless,
    years,
)
from drafter.checker.rules.base import Verdict

RULES: dict[str, Callable[[Reading], Iterator[Verdict]]] = {
    points.NAME: points.check,
    changes.NAME: changes.check,
    shares.NAME: shares.check,
    fractions.NAME: fractions.check,
    series.NAME: series.check,
    parallel.NAME: parallel.check,
    listed.NAME: listed.check,
    named.NAME: named.check,
    totals.NAME: totals.check,
    pairs.NAME: pairs.check,
    levels.NAME: levels.check,
    stages.NAME: stages.check,
    stage_shares.NAME: stage_shares.check,
    counts.NAME: counts.check,
    rows.NAME: rows.check,
    scores.NAME: scores.check,
    budget.NAME: budget.check,
    targets.NAME: targets.check,
    ratios.NAME: ratios.check,
    head_ratios.NAME: head_ratios.check,
    perstudent.NAME: perstudent.check,
    columns.NAME: columns.check,
    ratio_rows.NAME: ratio_rows.check,
    plausible.NAME: plausible.check,
    years.NAME: years.check,
    multiples.NAME: multiples.check,
    products.NAME: products.check,
    progress.NAME: progress.check,
    qualified.NAME: qualified.check,
    garbled.NAME: garbled.check,
    signs.NAME: signs.check,
    final_accounts.NAME: final_accounts.check,
    unitless.NAME: unitless.check,
    twins.NAME: twins.check,
}


def run_rules(reading: Reading) -> dict[int, Verdict]:
    """Every rule over the text: per figure the first contradiction, else the first proof."""
    verdicts: dict[int, Verdict] = {}
    for rule in RULES.values():
        for verdict in rule(reading):
            held = verdicts.get(verdict.index)
            if held is None or held.status == "derived" and verdict.status == "inconsistent":
                verdicts[verdict.index] = verdict
    return verdicts
