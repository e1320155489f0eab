""" "Did you mean": a query's unknown words corrected from the index's own vocabulary.

The vocabulary is the words of every document's title (places, organisations, regions,
councils, gatherings, articles: the names people type), read once (one statement) and kept
until this process writes to the index or for at most a minute. A word of the query is unknown when
neither its term nor its spelling without æøå is in the vocabulary's; it is replaced by
the vocabulary word nearest to it in edit distance (1 for words of up to five letters,
2 for longer ones), compared without æøå (so "stjordal" costs nothing against "stjørdal"
and "kolektivtransport" one against "kollektivtransport"); ties go to the word in more
titles. See docs/developers/search.md (Spellings and suggestions).
"""

import threading
import time
from collections import Counter

from django.db.models.signals import post_delete, post_save

from . import analysis
from .models import Document

MIN_LENGTH = 4  # shorter words are not corrected: too many neighbours

# Kept this long at most: another process's index writes are seen after it. This
# process's writes drop it at once (the receivers below; a rebuild runs through them too).
MAX_AGE = 60.0

_lock = threading.Lock()
_cache: dict = {"read": None, "words": {}, "known": frozenset(), "by_length": {}}


def forget(**kwargs) -> None:
    with _lock:
        _cache["read"] = None


post_save.connect(forget, sender=Document, dispatch_uid="search_suggest_forget_save")
post_delete.connect(forget, sender=Document, dispatch_uid="search_suggest_forget_delete")


def _vocabulary() -> dict:
    with _lock:
        if _cache["read"] is not None and time.monotonic() - _cache["read"] < MAX_AGE:
            return _cache
    words: Counter = Counter()
    for title in Document.objects.values_list("title", flat=True).iterator(chunk_size=2000):
        words.update(
            written
            for written in (analysis.normalise(w) for w in analysis.WORD.findall(title))
            if len(written) >= MIN_LENGTH and not written.isdigit()
        )
    known = set()
    by_length: dict[int, list[tuple[str, str, int]]] = {}
    for word, count in words.items():
        analysed = analysis.analyse_word(word)
        if analysed is None:
            continue
        known.add(analysed.term)
        known.add(analysis.fold_letters(analysed.term))
        folded = analysis.fold_letters(word)
        by_length.setdefault(len(folded), []).append((folded, word, count))
    with _lock:
        _cache.update(
            read=time.monotonic(), words=dict(words), known=frozenset(known), by_length=by_length
        )
        return _cache


def distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of a and b, or limit + 1 when it is more than limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _correct(word: str, vocabulary: dict) -> str | None:
    analysed = analysis.analyse_word(word)
    if analysed is None or len(word) < MIN_LENGTH or word.isdigit():
        return None
    known = vocabulary["known"]
    if analysed.term in known or analysis.fold_letters(analysed.term) in known:
        return None
    if analysed.split and all(part in known for part in analysed.split):
        return None
    folded = analysis.fold_letters(word)
    limit = 1 if len(folded) <= 5 else 2
    best = None
    for length in range(len(folded) - limit, len(folded) + limit + 1):
        for candidate_folded, candidate, count in vocabulary["by_length"].get(length, ()):
            found = distance(folded, candidate_folded, limit)
            if found <= limit and (best is None or (found, -count, candidate) < best):
                best = (found, -count, candidate)
    return best[2] if best else None


def did_you_mean(query: str) -> str:
    """`query` with its unknown words corrected, or "" when there is nothing to correct."""
    text = analysis.cut_query(query)
    vocabulary = None
    corrected, changed, position = [], False, 0
    for match in analysis.WORD.finditer(text):
        word = analysis.normalise(match.group())
        if len(word) < MIN_LENGTH or word in analysis.STOP_WORDS:
            continue
        vocabulary = vocabulary or _vocabulary()
        replacement = _correct(word, vocabulary)
        if replacement:
            corrected.append(text[position : match.start()])
            corrected.append(replacement)
            position, changed = match.end(), True
    if not changed:
        return ""
    corrected.append(text[position:])
    return "".join(corrected).strip()
