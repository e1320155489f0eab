"""The judged relevance set (tests/search/judged.py): its measures, and a floor on both
engines (CI runs this file on SQLite and, with DATABASE_URL, on PostgreSQL).

Figures, before and after the ranking work: bench/README.md (search, Judged relevance).
"""

import math

import pytest

from .judged import JUDGED, evaluate, ndcg_at, run_search, success_at

# Measured on the demo content (bench/search_judged_bench.py): 0.955 and 99.1 % on both
# engines (before the ranking work: 0.661/65.1 % SQLite, 0.614/60.6 % PostgreSQL). The
# floors are the targets; a change that lowers either below them fails here: look
# at `--verbose` for the queries it lost.
NDCG_FLOOR = 0.90
SUCCESS_FLOOR = 0.95


def test_ndcg_is_one_for_the_ideal_order_and_less_for_another():
    judged = {"a": 3, "b": 2, "c": 1}
    assert ndcg_at(["a", "b", "c"], judged) == 1.0
    swapped = ndcg_at(["b", "a", "c"], judged)
    assert swapped == pytest.approx((3 + 7 / math.log2(3) + 1 / 2) / (7 + 3 / math.log2(3) + 1 / 2))
    assert ndcg_at(["x", "y"], judged) == 0.0
    # Only the first k count.
    assert ndcg_at(["x", "a"], judged, k=1) == 0.0


def test_success_needs_a_best_graded_document_among_the_first_three():
    judged = {"a": 3, "b": 3, "c": 1}
    assert success_at(["x", "y", "b"], judged)
    assert not success_at(["c", "x", "y", "a"], judged)


def test_the_set_has_eighty_queries_in_three_languages_with_graded_judgments():
    assert len(JUDGED) >= 80
    assert {language for _, language, _ in JUDGED} == {"nb", "nn", "en"}
    assert all(judged and set(judged.values()) <= {1, 2, 3} for _, _, judged in JUDGED)
    assert len({query for query, _, _ in JUDGED}) == len(JUDGED)


@pytest.mark.django_db
def test_every_judged_document_is_in_the_demos_index(demo_content):
    from byregion.search.models import Document

    keys = {f"{kind}:{title}" for kind, title in Document.objects.values_list("kind", "title")}
    assert {key for _, _, judged in JUDGED for key in judged} <= keys


@pytest.mark.django_db
def test_the_ranking_keeps_its_floor_on_the_judged_set(demo_content):
    result = evaluate(run_search)
    assert result["ndcg10"] >= NDCG_FLOOR
    assert result["success3"] >= SUCCESS_FLOOR
