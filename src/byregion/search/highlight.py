"""Snippets: a stretch of a document's own text with the words that matched marked.

Computed in Python from the same analysis as the index, so a word is marked exactly when
it is why the document matched (kommunane marked for the query "kommuner"), on both
engines alike.
"""

from dataclasses import dataclass
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import analysis


@dataclass(frozen=True)
class Highlighted:
    """Text in pieces, each marked or not; `html` wraps the marked ones in <mark>."""

    parts: tuple[tuple[str, bool], ...]

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.parts)

    @property
    def html(self) -> SafeString:
        return mark_safe(
            "".join(
                f"<mark>{escape(text)}</mark>" if marked else escape(text)
                for text, marked in self.parts
            )
        )

    def __str__(self):
        return self.text


@lru_cache(maxsize=100_000)
def _with_folded(word_terms: tuple[str, ...]) -> tuple[str, ...]:
    """A word's terms and how they are typed without æøå ("stjordal" marks "Stjørdal")."""
    return (*word_terms, *(analysis.fold_letters(term) for term in word_terms))


def _marked_words(text: str, terms: frozenset[str]) -> list[tuple[int, int, bool]]:
    """Every word of `text` (stop words too) as (start, end, matched)."""
    return [
        (start, end, word is not None and not terms.isdisjoint(_with_folded(word.terms)))
        for start, end, word in analysis.spans(text)
    ]


def _pieces(text: str, spans: list[tuple[int, int, bool]], start: int, end: int):
    parts, position = [], start
    for word_start, word_end, matched in spans:
        if not matched or word_start < start or word_end > end:
            continue
        if word_start > position:
            parts.append((text[position:word_start], False))
        parts.append((text[word_start:word_end], True))
        position = word_end
    if position < end:
        parts.append((text[position:end], False))
    return parts


def highlight(text: str, terms: frozenset[str]) -> Highlighted:
    """All of `text` (a title) with its matching words marked."""
    return Highlighted(tuple(_pieces(text, _marked_words(text, terms), 0, len(text))))


SNIPPET_SCAN_CHARS = 20_000


def snippet(text: str, terms: frozenset[str], words: int = 30) -> Highlighted:
    """About `words` words of `text` around where most query words are, marked; the whole
    text when it is short; its beginning when nothing in it matched.

    Only the first SNIPPET_SCAN_CHARS characters are looked through (a page of results
    must not analyse whole books); a match further on shows the beginning instead.
    """
    spans = _marked_words(text[:SNIPPET_SCAN_CHARS], terms)
    if len(spans) <= words:
        return Highlighted(tuple(_pieces(text, spans, 0, len(text)))) if text else Highlighted(())
    best_first, best_count = 0, -1
    for first in (i for i, span in enumerate(spans) if span[2]):
        count = sum(1 for span in spans[first : first + words] if span[2])
        if count > best_count:
            best_first, best_count = first, count
    first = max(0, best_first - 5) if best_count > 0 else 0
    last = min(len(spans), first + words) - 1
    start = spans[first][0] if first else 0
    end = spans[last][1] if last < len(spans) - 1 else len(text)
    parts = _pieces(text, spans, start, end)
    if start > 0:
        parts.insert(0, ("… ", False))
    if end < len(text):
        parts.append((" …", False))
    return Highlighted(tuple(parts))
