"""The order of a search's results, computed the same way whatever the database.

The engines find the matches (and give a first, engine-specific order to pick at most
`CANDIDATES` of them); this module orders them, from the analysed terms every document
stores, so SQLite and PostgreSQL give the same order for the same matches. In order of
precedence:

1. Real content before generated or example content (`Document.is_example`).
2. A title that is the query (a place, an organisation, a region, a council, a gathering
   named; or one compound of the query's words: "Region Ålesund" → Ålesundregionen),
   then a title that has every query word, then one that has them as parts of its
   compounds, then the rest.
3. Relevance: BM25F over the fields — title 10, summary 4, body 1.5, what it is filed
   under 0.5; compound parts 0.3 of their field — each field's term frequency
   normalised by its length (b 0.75; 0.3 for titles), saturated (k1 1.2), summed over
   the query words. A word matched only through its spelling without æøå counts 0.7,
   so the exact form ranks first.
4. Recency only breaks ties between comparable matches (relevance within 2 %): the newer
   first, undated last.

See docs/developers/search.md (Ranking).
"""

import math
from collections import Counter
from dataclasses import dataclass

from . import analysis
from .analysis import QueryGroup

# At most this many matches are ordered here (the engines pick them by their own score
# when there are more; the rest of such a search is paged in the engine's order).
CANDIDATES = 200

WEIGHTS = {"title": 10.0, "summary": 4.0, "body": 1.5, "context": 0.5}
PART_WEIGHT = 0.3
FOLDED_WEIGHT = 0.7
AVERAGE_LENGTH = {"title": 4.0, "summary": 25.0, "body": 150.0, "context": 10.0}
B = {"title": 0.3, "summary": 0.75, "body": 0.75, "context": 0.75}
K1 = 1.2
TIE = 0.02  # relevance within 2 % is a tie, broken by recency

_DIGITS = str.isdigit


@dataclass(frozen=True)
class _Fields:
    counts: dict[str, Counter]
    lengths: dict[str, int]
    title_terms: frozenset[str]
    title_parts: frozenset[str]
    title_folded: frozenset[str]
    # The title's compounds and their parts ("ålesundregion": ålesund, region).
    title_compounds: dict[str, frozenset[str]]


def _fields(document) -> _Fields:
    title_terms, title_parts = analysis.index_terms(document.title)
    title = title_terms.split()
    body = (document.body_terms or "").split()
    if document.body_length is None:  # indexed before the fields' ends were kept
        summary_end, body_end = 0, len(body)
    else:
        summary_end = min(document.summary_length or 0, len(body))
        body_end = max(summary_end, min(document.body_length, len(body)))
    texts = {
        "title": title,
        "summary": body[:summary_end],
        "body": body[summary_end:body_end],
        "context": body[body_end:],
    }
    # Parts: the title's come first in part_terms; the rest are the text's.
    all_parts = (document.part_terms or "").split()
    own_title_parts = title_parts.split()
    text_parts = all_parts[len(own_title_parts) :]
    counts = {name: Counter(terms) for name, terms in texts.items()}
    # The title's compound parts (not its spellings without æøå, which title_folded has).
    title_words = list(analysis.words(document.title))
    counts["title_parts"] = Counter(part for word in title_words for part in word.parts)
    counts["title_folded"] = Counter(analysis.fold_letters(term) for term in title)
    counts["parts"] = Counter(text_parts)
    return _Fields(
        counts=counts,
        lengths={name: len(terms) for name, terms in texts.items()},
        title_terms=frozenset(term for term in title if not _DIGITS(term)),
        title_parts=frozenset(own_title_parts),
        title_folded=frozenset(analysis.fold_letters(term) for term in title if not _DIGITS(term)),
        title_compounds={
            word.terms[0]: frozenset(word.parts) for word in title_words if word.parts
        },
    )


def _tf(fields: _Fields, terms: tuple[str, ...], field: str) -> float:
    """How often the terms (all of them, for a compound asked as its parts) are in a field."""
    return min(fields.counts[field][term] for term in terms)


def _group_tf(fields: _Fields, group: QueryGroup) -> float:
    """The group's length-normalised, weighted frequency over the fields (BM25F)."""
    total = 0.0
    for field, weight in WEIGHTS.items():
        norm = 1 - B[field] + B[field] * fields.lengths[field] / AVERAGE_LENGTH[field]
        norm = max(norm, 0.25)
        parts_field = "title_parts" if field == "title" else "parts"
        share = 0.0
        for terms, factor in _forms(group):
            tf = _tf(fields, terms, field)
            if field == "title" and not tf:  # typed without æøå ("stjordal")
                tf = FOLDED_WEIGHT * _tf(fields, terms, "title_folded")
            if field in ("title", "body"):
                # A compound's parts are indexed once per document's title or text.
                tf += PART_WEIGHT * _tf(fields, terms, parts_field)
            share = max(share, factor * tf)
        total += weight * share / norm
    return total


def _forms(group: QueryGroup) -> list[tuple[tuple[str, ...], float]]:
    """The ways a group matches: its term, its compound's parts, its folded spelling, the
    Norwegian word for an English one."""
    forms = [((group.term,), 1.0)]
    if group.split:
        forms.append((group.split, 1.0))
    for folded in group.folded:
        forms.append(((folded,), FOLDED_WEIGHT))
    for translated in group.translated:
        forms.append(((translated,), FOLDED_WEIGHT))
    return forms


def _in_title(fields: _Fields, group: QueryGroup, *, parts: bool) -> bool:
    for terms, _ in _forms(group):
        if all(
            term in fields.title_terms
            or term in fields.title_folded
            or (parts and term in fields.title_parts)
            for term in terms
        ):
            return True
    return False


def _asked_compound(parts: frozenset[str], asked: set[str]) -> bool:
    """Whether a compound is made of asked words only: its outermost parts ("byregion",
    "samling") or its innermost ones ("by", "region", "samling") all asked."""
    inner = {part for part in parts if not any(other in part for other in parts - {part})}
    outer = {part for part in parts if not any(part in other for other in parts - {part})}
    return inner <= asked or outer <= asked


def title_tier(fields: _Fields, groups: list[QueryGroup]) -> int:
    """3: the title is the query (its words, or one compound of them: "Region Ålesund"
    names Ålesundregionen); 2: it has every query word; 1: every word, some as compound
    parts; 0: otherwise."""
    if not all(_in_title(fields, group, parts=True) for group in groups):
        return 0
    asked = {term for group in groups for terms, _ in _forms(group) for term in terms}
    named = all(
        term in asked
        or analysis.fold_letters(term) in asked
        or (term in fields.title_compounds and _asked_compound(fields.title_compounds[term], asked))
        for term in fields.title_terms
    )
    if named:
        return 3
    return 2 if all(_in_title(fields, group, parts=False) for group in groups) else 1


def relevance(fields: _Fields, groups: list[QueryGroup]) -> float:
    score = 0.0
    for group in groups:
        tf = _group_tf(fields, group)
        score += tf / (K1 + tf)
    return score


def order(documents: list, groups: list[QueryGroup], *, any_of: bool = False) -> list:
    """`documents` (matches of `groups`) best first, each with `.score` set."""
    keyed = []
    for document in documents:
        fields = _fields(document)
        score = relevance(fields, groups)
        document.score = score
        date = document.date
        age = -date.timestamp() if date is not None else math.inf
        # Any of the words (a relaxed search): more of them first.
        found = -sum(_group_tf(fields, group) > 0 for group in groups) if any_of else 0
        keyed.append(
            ((document.is_example, found), -title_tier(fields, groups), -score, age, document)
        )
    keyed.sort(key=lambda row: (row[0], row[1], row[2], row[4].pk))
    # Recency breaks ties: within a run of comparable scores (same example flag and tier,
    # scores within TIE of the run's best), the newer first.
    ordered, run = [], []

    def flush():
        run.sort(key=lambda row: (row[3], row[4].pk))
        ordered.extend(row[4] for row in run)
        run.clear()

    for row in keyed:
        if run and (row[:2] != run[0][:2] or -row[2] < -run[0][2] * (1 - TIE)):
            flush()
        run.append(row)
    flush()
    return ordered
