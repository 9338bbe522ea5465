"""Draft one section: exemplars → prompt fitted to the context → backend → slots filled → provenance.

Shared by `drafter draft` (every section, concurrently) and `drafter section` (one section again).
A backend failure or an unusable reply becomes a Section with status "failed"; it never stops the others.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import replace
from typing import Any

from drafter.core.config import Settings
from drafter.core.errors import BadCompletion, ContextTooLong, DrafterError, PromptError
from drafter.core.types import Passage, Provenance, Section, SectionSpec, Slot
from drafter.drafting.backends.base import Completion, Message, SectionRequest
from drafter.drafting.backends.replies import clean_reply, is_garbled
from drafter.drafting.backends.review import Problem, given_in, judge
from drafter.drafting.context import DraftContext
from drafter.drafting.prompts import retry_message, section_messages
from drafter.drafting.slots import Filled, fill_slots, section_slots
from drafter.knowledge.tokens import count_tokens

OUTPUT_RESERVE = 0.25  # share of the context window kept free for the reply
K_EXEMPLARS = 4


def exemplars_for(spec: SectionSpec, ctx: DraftContext) -> tuple[Passage, ...]:
    """Same indicator, same level first, then any level; never the region's own report; best first."""
    if ctx.retriever is None or not ctx.uses_model(spec):
        return ()
    report = ctx.source.report
    query, indicator, k = f"{spec.heading} {report.region}", spec.indicator or None, K_EXEMPLARS + 3
    with ctx.search_lock:
        ranked = list(ctx.retriever.search(query, k=k, indicator=indicator, level=report.level))
        if len(ranked) < k:
            ranked += ctx.retriever.search(query, k=k, indicator=indicator)
    chosen = {p.id: p for p in ranked if p.region != report.region}  # first (same-level) occurrence wins
    return tuple(chosen.values())[:K_EXEMPLARS]


def _count(messages: tuple[Message, ...], model: str, settings: Settings) -> int:
    return count_tokens("\n".join(m.content for m in messages), model, settings)


def fit_prompt(
    spec: SectionSpec,
    ctx: DraftContext,
    slots: tuple[Slot, ...],
    exemplars: tuple[Passage, ...],
    instructions: str,
) -> tuple[tuple[Message, ...], tuple[Passage, ...], int]:
    """Messages within the context budget: the weakest exemplars (last in preference order) go first,
    the slots never."""

    budget = int(ctx.settings.context_tokens * (1 - OUTPUT_RESERVE))
    kept = list(exemplars)
    name = ctx.taxonomy.indicator(spec.indicator).name if ctx.taxonomy.indicator(spec.indicator) else ""
    while True:
        messages = section_messages(
            ctx.prompts, ctx.source, spec, slots, kept, instructions=instructions, indicator_name=name
        )
        tokens = _count(messages, ctx.backend.model, ctx.settings)
        if tokens <= budget:
            return messages, tuple(kept), tokens
        if not kept:
            raise PromptError(
                f"{spec.numbered_heading or spec.id} 的提示词超出模型的上下文 / the prompt for {spec.numbered_heading or spec.id} needs {tokens} tokens even "
                f"without exemplars; the model's budget is {budget}",
                hint="请换上下文更长的模型（DRAFTER_CONTEXT_TOKENS）或减少指标 / use a model with a larger context (DRAFTER_CONTEXT_TOKENS) or fewer metrics",
            )
        kept = kept[:-1]


def reply_problem(
    completion: Completion,
    filled: Filled,
    slots: tuple[Slot, ...] = (),
    request: SectionRequest | None = None,
) -> Problem:
    """What is wrong with a model's reply (review.judge), falsy when it is usable; with the request, a figure typed
    that is in none of the user's words is one."""
    known = frozenset(s.name for s in slots) | frozenset(filled.used)
    given = given_in(request) if request is not None else None
    return judge(completion.text.strip(), {s.name: s for s in slots}, known, given)


def _offline_problem(completion: Completion, filled: Filled) -> Problem:
    if not completion.text.strip() or is_garbled(completion.text):
        return Problem("empty" if not completion.text.strip() else "garbled")
    return Problem("unknown_slots", filled.unknown) if filled.unknown else Problem("")


def _retry_messages(
    ctx: DraftContext, messages: tuple[Message, ...], reply: str, problem: Problem, slots: tuple[Slot, ...]
) -> tuple[Message, ...]:
    again = retry_message(
        ctx.prompts, problem.code, unknown_slots=list(problem.details), allowed_slots=[s.name for s in slots]
    )
    return (*messages, Message("assistant", reply), again)


def _complete(
    ctx: DraftContext, request: SectionRequest, slots: tuple[Slot, ...]
) -> tuple[Completion, Filled]:
    """One call, and one more with the problem stated when the reply is unusable.

    A backend that judges replies itself (openai) raises BadCompletion after its own retry; that ends here.
    """

    backend = ctx.backend if ctx.uses_model(request.spec) else ctx.offline
    for attempt in (1, 2):
        completion = backend.complete(request)
        if backend is not ctx.offline:
            text = clean_reply(completion.text, request.spec, [s.name for s in slots])
            completion = replace(completion, text=text)
        filled = fill_slots(completion.text, ctx.table, ctx.source)
        if backend is ctx.offline:
            problem = _offline_problem(completion, filled)
        else:
            problem = reply_problem(completion, filled, slots, request)
        if not problem:
            return completion, filled
        if attempt == 2 or backend is ctx.offline:
            details = f" ({', '.join(problem.details)})" if problem.details else ""
            raise BadCompletion(f"unusable reply after a retry: {problem.code}{details}")
        request = replace(
            request, messages=_retry_messages(ctx, request.messages, completion.text, problem, slots)
        )
    raise AssertionError("unreachable")


def _complete_fitting(
    ctx: DraftContext, request: SectionRequest, slots: tuple[Slot, ...], tokens: int
) -> tuple[Completion, Filled, tuple[Passage, ...]]:
    """The completion; when the server says the prompt is too long, once more with half the exemplars."""
    try:
        return (*_complete(ctx, request, slots), request.exemplars)
    except ContextTooLong as exc:
        fewer = request.exemplars[: len(request.exemplars) // 2]
        if len(fewer) == len(request.exemplars):
            raise _too_long(exc, ctx, tokens) from None
        name = ctx.taxonomy.indicator(request.spec.indicator)
        messages = section_messages(
            ctx.prompts,
            ctx.source,
            request.spec,
            slots,
            fewer,
            instructions=request.instructions,
            indicator_name=name.name if name else "",
        )
        shorter = replace(request, messages=messages, exemplars=fewer)
        try:
            return (*_complete(ctx, shorter, slots), fewer)
        except ContextTooLong as again:
            raise _too_long(again, ctx, tokens) from None


def _too_long(exc: ContextTooLong, ctx: DraftContext, tokens: int) -> ContextTooLong:
    return ContextTooLong(
        f"{exc.message} (the prompt had about {tokens} tokens; DRAFTER_CONTEXT_TOKENS is "
        f"{ctx.settings.context_tokens})",
        hint="set DRAFTER_CONTEXT_TOKENS to the model's real context window, in tokens (e.g. 8192)",
    )


def _provenance(ctx: DraftContext, spec: SectionSpec, **given: Any) -> Provenance:
    model_used = ctx.uses_model(spec)
    backend = ctx.backend if model_used else ctx.offline
    prompt = "draft/section" if model_used else f"offline/{spec.kind}"
    note = ctx.note if model_used else "offline templates: no exemplars used"
    return Provenance(
        backend=backend.name,
        model=backend.model,
        prompt=prompt,
        prompt_hash=ctx.prompts.prompt_hash(prompt),
        note=note,
        **given,
    )


def draft_section(
    spec: SectionSpec, ctx: DraftContext, *, instructions: str = "", previous: Section | None = None
) -> Section:
    """The drafted section, or the same section with status "failed" and the error in provenance."""
    started, clock = dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), time.perf_counter()
    history = previous.history if previous else ()
    slots = section_slots(spec, ctx.table)
    exemplars: tuple[Passage, ...] = ()
    try:
        exemplars = exemplars_for(spec, ctx)
        messages, exemplars, tokens = (
            fit_prompt(spec, ctx, slots, exemplars, instructions) if ctx.uses_model(spec) else ((), (), 0)
        )
        request = SectionRequest(
            spec=spec,
            messages=messages,
            source=ctx.source,
            slots=slots,
            exemplars=exemplars,
            instructions=instructions,
        )
        completion, filled, exemplars = _complete_fitting(ctx, request, slots, tokens)
    except DrafterError as exc:
        prov = _provenance(
            ctx,
            spec,
            started_at=started,
            seconds=round(time.perf_counter() - clock, 3),
            instructions=instructions,
            error=exc.message,
            error_kind=exc.kind,
            exemplars=tuple((p.id, round(p.score, 4)) for p in exemplars),
        )
        return Section(spec=spec, text="", status="failed", provenance=prov, history=(*history, prov))
    prov = _provenance(
        ctx,
        spec,
        started_at=started,
        seconds=round(time.perf_counter() - clock, 3),
        exemplars=tuple((p.id, round(p.score, 4)) for p in exemplars),
        tokens_in=completion.tokens_in or tokens,
        tokens_out=completion.tokens_out,
        instructions=instructions,
    )
    text = "\n".join(p.strip() for p in filled.text.split("\n") if p.strip())
    return Section(spec=spec, text=text, status="drafted", provenance=prov, history=(*history, prov))
