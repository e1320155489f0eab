"""Suggestions while typing: the titles whose words begin with what has been typed.

The header's search box asks `/sok/forslag/?q=...` after each pause in typing
(search/static/search/suggestions.js); this module answers it. What is suggested is a
title to go to, not a query: places, organisations, regions, councils and programmes (the
names people look for), gatherings, then articles and experiences. Sessions, materials and
meetings are parts of those pages and are left to the full search.

Every word of a suggested title is a row of `TitleWord` (written beside the document by
`search.index`), folded as `key()` folds what is typed: lower case, æ as ae, ø as o, å as
a, and aa/oe as a/o ("aalesund", "alesund" and "Ålesund" are one key), other accents
dropped. A lookup walks the index on (tier, word, sort_key) from the typed prefix and stops
after a few rows per tier, so its cost does not grow with the index: names before
gatherings before pages before generated examples; within a tier, words that are the
prefix itself before longer ones, then the shorter name or the newer page. A query of more
words is looked up by its longest word, and every other word must begin a word of the
same title. See docs/developers/search.md (Suggestions while typing).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django.db import connection

from . import analysis
from .models import Document, TitleWord

LIMIT = 8
MIN_CHARS = 2  # fewer letters than this suggest nothing: too many titles begin so
PER_TIER = 40  # rows read from each tier at most, before the other words filter them
MAX_WORDS = 6
MAX_KEY = 60

# The tiers, best first. A kind that is not here is not suggested.
NAMES, GATHERINGS, PAGES, EXAMPLES = range(4)
TIERS = {
    "municipality": NAMES,
    "organisation": NAMES,
    "region": NAMES,
    "council": NAMES,
    "programme": NAMES,
    "gathering": GATHERINGS,
    "news": PAGES,
    "experience": PAGES,
}
_EPOCH_DAY = 730120  # 2000-01-01 as a proleptic ordinal: dated titles sort newest first

_LETTERS = str.maketrans({"đ": "d", "ŋ": "n", "ŧ": "t", "ß": "ss", "ł": "l"})


@dataclass(frozen=True)
class Suggestion:
    title: str
    kind: str
    url: str
    language: str


def key(word: str) -> str:
    """A word as the suggestions' index keeps it: lower case, æøå folded (aa and oe too),
    other letters without their accents; only a-z and 0-9 remain."""
    folded = analysis.fold_letters(analysis.normalise(word)).translate(_LETTERS)
    plain = unicodedata.normalize("NFKD", folded)
    return "".join(ch for ch in plain if ch.isascii() and ch.isalnum())[:MAX_KEY]


def title_keys(title: str) -> list[str]:
    """The distinct keys of a title's words, in order (a word of one letter is left out)."""
    keys = (key(word) for word in analysis.WORD.findall(title or ""))
    return list(dict.fromkeys(k for k in keys if len(k) >= 2))


def tier(document: Document) -> int | None:
    if document.kind not in TIERS:
        return None
    return EXAMPLES if document.is_example else TIERS[document.kind]


def sort_key(document: Document) -> int:
    """Within a tier and a word: the shorter name first, the newer page first."""
    if document.date is not None and TIERS.get(document.kind) != NAMES:
        return _EPOCH_DAY - document.date.toordinal()
    return len(document.title)


def words_for(document: Document) -> list[TitleWord]:
    """The rows that make `document` (saved, with its pk) a suggestion, if it is one."""
    level = tier(document)
    if level is None:
        return []
    order = sort_key(document)
    return [
        TitleWord(document_id=document.pk, word=word, tier=level, sort_key=order)
        for word in title_keys(document.title)
    ]


def _typed_keys(text: str) -> list[str]:
    keys = [key(word) for word in analysis.WORD.findall(text[: analysis.MAX_QUERY_CHARS])]
    return [k for k in keys if k][:MAX_WORDS]


# One walk down the index per tier: the rows whose word lies between the prefix and the
# prefix followed by z's (for words of a-z and 0-9 that is exactly those beginning with the
# prefix, in any collation that orders them as the alphabet does).
_LOOKUP = (
    "SELECT document_id FROM byregion_search_titleword "
    "WHERE tier = %s AND word >= %s AND word <= %s ORDER BY word, sort_key LIMIT %s"
)


def suggestions(text: str, limit: int = LIMIT) -> list[Suggestion]:
    """Up to `limit` titles for what has been typed, best first (see the module's text)."""
    typed = _typed_keys(text)
    if not typed or sum(len(k) for k in typed) < MIN_CHARS:
        return []
    probe = max(typed, key=len)
    # A word of one letter is in no title's keys (nor worth a filter: "i", or the first
    # letter of the next word).
    others = [k for k in typed if k != probe and len(k) >= 2]
    upper = probe + "z" * (MAX_KEY - len(probe))
    result: list[Suggestion] = []
    seen: set[int] = set()
    urls: set[str] = set()
    with connection.cursor() as cursor:
        for level in (NAMES, GATHERINGS, PAGES, EXAMPLES):
            cursor.execute(_LOOKUP, [level, probe, upper, PER_TIER])
            ranked = list(dict.fromkeys(row[0] for row in cursor.fetchall() if row[0] not in seen))
            if not ranked:
                continue
            seen.update(ranked)
            documents = Document.objects.only("title", "kind", "url", "language").in_bulk(ranked)
            for document_id in ranked:
                document = documents.get(document_id)
                if document is None or document.url in urls:
                    continue  # a row left by a document since removed; the same page twice
                words = title_keys(document.title)
                if all(any(word.startswith(other) for word in words) for other in others):
                    urls.add(document.url)
                    result.append(
                        Suggestion(document.title, document.kind, document.url, document.language)
                    )
                    if len(result) == limit:
                        return result
    return result
