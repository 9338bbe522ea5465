"""Hybrid retrieval: fusion, filters, ranking on the fixture knowledge, bad queries."""

from __future__ import annotations

import pytest

from drafter.core.errors import IndexError_, InputError
from drafter.knowledge.index import build_index
from drafter.knowledge.retrieve import Retriever, convex, rrf


@pytest.fixture
def retriever(kb_settings, fake_embedding):
    build_index(kb_settings, fake_embedding)
    return Retriever(kb_settings, fake_embedding)


def test_rrf_sums_reciprocal_ranks():
    fused = dict(rrf(["a", "b", "c"], ["b", "d"]))
    assert fused["b"] == pytest.approx(1 / 62 + 1 / 61)
    assert fused["a"] == pytest.approx(1 / 61)
    assert [i for i, _ in rrf(["a", "b", "c"], ["b", "d"])][:2] == ["b", "a"]


def test_convex_normalises_each_side():
    fused = dict(convex([("a", 9.0), ("b", 3.0)], [("b", 0.9), ("c", 0.1)], weight=0.5))
    assert fused == pytest.approx({"a": 0.5, "b": 0.5, "c": 0.0})


@pytest.mark.parametrize(
    ("query", "needle"),
    [
        ("毛入园率", "毛入园率"),
        ("控辍保学", "控辍保学联控联保机制"),
        ("两个只增不减", "两个只增不减"),
        ("56人以上大班额", "全面消除56人以上大班额"),
        ("市委常委会研究教育工作", "市委第155、156次常委会"),
    ],
)
def test_hybrid_ranks_the_passage_that_answers_first_or_second(retriever, query, needle):
    hits = retriever.search(query, k=5)
    assert any(needle in p.text for p in hits[:2]), [p.text[:30] for p in hits]
    assert [p.score for p in hits] == sorted((p.score for p in hits), reverse=True)


@pytest.mark.parametrize("mode", ["hybrid", "convex", "vector", "bm25"])
def test_every_mode_answers(retriever, mode):
    hits = retriever.search("普惠性幼儿园覆盖率", k=3, mode=mode)
    assert 1 <= len(hits) <= 3 and "普惠性幼儿园" in hits[0].text


@pytest.mark.parametrize(
    ("filters", "field", "value"),
    [
        ({"indicator": "preschool"}, "indicator", "preschool"),
        ({"level": "county"}, "level", "county"),
        ({"year": 2021}, "year", 2021),
    ],
)
def test_filters_keep_only_matching_passages(retriever, filters, field, value):
    hits = retriever.search("学前教育 幼儿园 义务教育 经费", k=10, **filters)
    assert hits and all(getattr(p, field) == value for p in hits)


def test_filters_combine(retriever):
    hits = retriever.search("幼儿园", k=10, indicator="preschool", level="county")
    assert [p.source for p in hits] == ["reports/anyue.md"]


def test_a_query_with_no_known_word_still_gets_vector_hits(retriever):
    assert retriever.search("zzz qqq", k=2, mode="bm25") == ()
    assert len(retriever.search("zzz qqq", k=2)) == 2


@pytest.mark.parametrize(
    ("query", "k", "mode", "message"),
    [
        ("", 5, "hybrid", "empty"),
        ("   \n", 5, "hybrid", "empty"),
        ("学前", 0, "hybrid", "at least 1"),
        ("学前", 5, "semantic", "unknown mode"),
    ],
)
def test_bad_queries_are_input_errors(retriever, query, k, mode, message):
    with pytest.raises(InputError, match=message):
        retriever.search(query, k=k, mode=mode)


def test_no_index_yet_says_how_to_build_one(kb_settings, fake_embedding):
    with pytest.raises(IndexError_) as err:
        Retriever(kb_settings, fake_embedding)
    assert "drafter kb build" in err.value.hint


def test_the_retriever_reopens_with_the_model_the_index_was_built_with(kb_settings, fake_embedding):
    build_index(kb_settings, fake_embedding)
    reopened = Retriever(kb_settings)  # no function given: the manifest names it
    assert reopened.embedding_fn.name() == "drafter-hash-bigram"
    assert "毛入园率" in reopened.search("毛入园率", k=1)[0].text
