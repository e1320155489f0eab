"""A judged relevance set over the demo content, and the two measures it is scored with.

How it was judged (December 2026, by the engineer working on issue 17, reading the demo's
search documents, not the engine's answers): each query is something a visitor of the
site could type — names of places, organisations, regions, councils and gatherings;
topics; compounds joined, split and hyphenated; inflected forms; Bokmål, Nynorsk and
English; spellings without æøå (a/o, aa/oe/ae) and common typos. For each query, the
documents a person would want, graded:

    3  the page the query names (the place, organisation, region, council or gathering
       itself, or the one page about the topic)
    2  very relevant: about it, or the other versions of it (an earlier municipality of
       the same name, the article about the gathering)
    1  related: mentions it usefully (a session of the gathering, a region it belongs to)

Anything not listed counts 0. A document is named "kind:title" as the index has it (the
demo's titles are unique within a kind for every document judged here; sessions called
"Lunsj" or "Middag" are never judged). Generated and example content (the 2027 example
gathering, its sessions and material; the sessions of Ålesund's example programme) is
never graded above 1: a reader wants the real page first.

Measures (`ndcg_at`, `success_at`): nDCG@10 with gain 2**grade - 1 and log2 discount,
against the ideal order of the query's own judgments; success@3 is whether one of the
query's best-graded documents is among the first three results.
"""

import math
from collections.abc import Callable, Iterable, Sequence

N = 3  # the page named
V = 2  # very relevant
R = 1  # related

GATHERINGS = {
    "gathering:Byregionsamling i Stjørdal": V,
    "gathering:Byregionsamling i Oslo": V,
    "gathering:Byregionsamling i Haugesund": V,
    "gathering:Byregionsamling i Ålesund": V,
    "news:Byregionsamling i Ålesund": R,
}
ALESUND_TOWN = {
    "organisation:Ålesund kommune": N,
    "municipality:Ålesund (1508)": N,
    "municipality:Ålesund (1507)": V,
    "municipality:Ålesund (1504)": V,
    "region:Ålesundregionen": V,
    "gathering:Byregionsamling i Ålesund": R,
    "news:Byregionsamling i Ålesund": R,
    "council:Rådet for Region Ålesund": R,
}
STJORDAL = {"gathering:Byregionsamling i Stjørdal": N}
MORE_OG_ROMSDAL = {
    "organisation:Møre og Romsdal fylkeskommune": N,
    "session:Tre byregionprosjekt i Møre og Romsdal": R,
}
MOLDE = {
    "organisation:Molde kommune": N,
    "municipality:Molde (1506)": N,
    "municipality:Molde (1502)": V,
    "region:Molderegionen": V,
}
KRISTIANSUND = {
    "organisation:Kristiansund kommune": N,
    "municipality:Kristiansund (1505)": N,
    "region:Kristiansundregionen": V,
}
COUNCIL = {
    "council:Rådet for Region Ålesund": N,
    "experience:Rådet for Region Ålesund": V,
    "meeting:Første møte": R,
    "session:Rådet for Region Ålesund: samarbeid i byregionen": R,
}
PROGRAMME = {
    "programme:Byregionprogrammet": N,
    "organisation:Distriktssenteret": R,
}
ALESUND_GATHERING = {
    "gathering:Byregionsamling i Ålesund": N,
    "news:Byregionsamling i Ålesund": V,
}
COLLECTIVE = {"experience:Betre kollektivtransport i regionen": N}
CAMPUS = {"experience:Utvikling av campusområdet": N}
BYROM = {"experience:Kartlegging av byromma i sentrum": N}
FESTIVAL = {"experience:Konferansefestivalen «The North West»": N}
DEPARTMENT = {"organisation:Kommunal- og moderniseringsdepartementet": N}
DISTRIKT = {"organisation:Distriktssenteret": N, "programme:Byregionprogrammet": R}

# (query, language of the query, judgments)
# fmt: off
JUDGED: list[tuple[str, str, dict[str, int]]] = [
    # Places, organisations: as written, without æøå, typos.
    ("Ålesund", "nb", ALESUND_TOWN),
    ("alesund", "nb", ALESUND_TOWN),
    ("aalesund", "nb", ALESUND_TOWN),
    ("Ålesund kommune", "nb", {**ALESUND_TOWN, "organisation:Ålesund kommune": N}),
    ("alesund kommune", "nb", {**ALESUND_TOWN, "organisation:Ålesund kommune": N}),
    ("Ålesunds", "nb", ALESUND_TOWN),
    ("Stjørdal", "nb", STJORDAL),
    ("stjordal", "nb", STJORDAL),
    ("stjoerdal", "nb", STJORDAL),
    ("Molde", "nb", MOLDE),
    ("Molde kommune", "nb", MOLDE),
    ("Kristiansund", "nb", KRISTIANSUND),
    ("kristiansund kommune", "nb", KRISTIANSUND),
    ("Møre og Romsdal", "nb", MORE_OG_ROMSDAL),
    ("more og romsdal", "nb", MORE_OG_ROMSDAL),
    ("moere og romsdal", "nb", MORE_OG_ROMSDAL),
    ("Møre og Romsdal fylkeskommune", "nb", MORE_OG_ROMSDAL),
    ("fylkeskommunen", "nb", {"organisation:Møre og Romsdal fylkeskommune": N}),
    ("Ørsta", "nn", {"municipality:Ørsta (1520)": N}),
    ("orsta", "nn", {"municipality:Ørsta (1520)": N}),
    ("Smøla", "nn", {"organisation:Smøla kommune": N, "municipality:Smøla (1573)": N}),
    ("smola kommune", "nb", {"organisation:Smøla kommune": N, "municipality:Smøla (1573)": V}),
    ("Sandøy", "nn", {"organisation:Sandøy kommune": N, "municipality:Sandøy (1546)": N}),
    ("Fræna", "nb", {"organisation:Fræna kommune": N, "municipality:Fræna (1548)": N}),
    ("fraena", "nb", {"organisation:Fræna kommune": N, "municipality:Fræna (1548)": N}),
    ("Averøy", "nb", {"organisation:Averøy kommune": N, "municipality:Averøy (1554)": N}),
    ("averoy", "nb", {"organisation:Averøy kommune": N, "municipality:Averøy (1554)": N}),
    ("Hustadvika", "nb", {"municipality:Hustadvika (1579)": N}),
    ("Tromsø", "nb", {
        "municipality:Tromsø (5501)": N, "municipality:Tromsø (5401)": V,
        "municipality:Tromsø (1902)": V,
    }),
    ("tromso", "nb", {
        "municipality:Tromsø (5501)": N, "municipality:Tromsø (5401)": V,
        "municipality:Tromsø (1902)": V,
    }),
    ("Kristiansand", "nb", {"municipality:Kristiansand (4204)": N,
                            "municipality:Kristiansand (1001)": V}),
    ("Bergen", "en", {"municipality:Bergen (4601)": N, "municipality:Bergen (1201)": V}),
    ("Orkland", "nb", {"municipality:Orkland (5059)": N}),
    ("Distriktssenteret", "nb", DISTRIKT),
    ("distriktsenteret", "nb", DISTRIKT),
    ("Distriktsenter", "nb", DISTRIKT),
    ("Kommunal- og moderniseringsdepartementet", "nb", DEPARTMENT),
    ("moderniseringsdepartementet", "nb", DEPARTMENT),
    ("kommunaldepartementet", "nb", DEPARTMENT),
    # Regions.
    ("Ålesundregionen", "nb", {"region:Ålesundregionen": N, "council:Rådet for Region Ålesund": R}),
    ("Ålesund-regionen", "nb", {"region:Ålesundregionen": N}),
    ("alesundregionen", "nb", {"region:Ålesundregionen": N}),
    ("Region Ålesund", "nn", {
        "region:Ålesundregionen": N, "council:Rådet for Region Ålesund": V,
        "experience:Rådet for Region Ålesund": V,
    }),
    ("Molderegionen", "nb", {"region:Molderegionen": N}),
    ("Molde-regionen", "nb", {"region:Molderegionen": N}),
    ("molde regionen", "nb", {"region:Molderegionen": N}),
    ("Kristiansundregionen", "nb", {"region:Kristiansundregionen": N}),
    ("kristiansund regionen", "nb", {"region:Kristiansundregionen": N}),
    ("Kristiansundsregionen", "nb", {"region:Kristiansundregionen": N}),
    ("regions in Møre og Romsdal", "en", {
        "region:Ålesundregionen": V, "region:Molderegionen": V, "region:Kristiansundregionen": V,
        "session:Tre byregionprosjekt i Møre og Romsdal": N,
    }),
    # Councils and meetings.
    ("Rådet for Region Ålesund", "nn", COUNCIL),
    ("radet for region alesund", "nn", COUNCIL),
    ("rådet", "nn", COUNCIL),
    ("råd ålesund", "nb", COUNCIL),
    ("council Ålesund", "en", COUNCIL),
    ("første møte", "nb", {"meeting:Første møte": N, "council:Rådet for Region Ålesund": R}),
    ("forste mote", "nb", {"meeting:Første møte": N, "council:Rådet for Region Ålesund": R}),
    # Programme.
    ("Byregionprogrammet", "nb", PROGRAMME),
    ("byregionprogram", "nb", PROGRAMME),
    ("byregion-programmet", "nb", PROGRAMME),
    ("byregion programmet", "nb", PROGRAMME),
    ("byregionsprogrammet", "nb", PROGRAMME),
    ("City Region Programme", "en", PROGRAMME),
    # Gatherings.
    ("samlingen", "nb", GATHERINGS),
    ("samlinga", "nn", GATHERINGS),
    ("samlinger", "nb", GATHERINGS),
    ("byregionsamling", "nb", GATHERINGS),
    ("byregionsamlinga", "nn", GATHERINGS),
    ("byregion-samling", "nb", GATHERINGS),
    ("byregion samling", "nb", GATHERINGS),
    ("byregionssamling", "nb", GATHERINGS),
    ("nasjonal samling", "nb", {
        "gathering:Byregionsamling i Stjørdal": V, "gathering:Byregionsamling i Oslo": V,
        "gathering:Byregionsamling i Haugesund": V,
    }),
    ("samling Stjørdal", "nb", STJORDAL),
    ("byregionsamling stjordal", "nb", STJORDAL),
    ("samling i Oslo", "nb", {"gathering:Byregionsamling i Oslo": N}),
    ("Oslo", "nb", {"gathering:Byregionsamling i Oslo": N}),
    ("Haugesund", "nb", {"gathering:Byregionsamling i Haugesund": N}),
    ("haugesund samling", "nb", {"gathering:Byregionsamling i Haugesund": N}),
    ("samling Ålesund 2017", "nb", ALESUND_GATHERING),
    ("byregionsamling i ålesund", "nn", ALESUND_GATHERING),
    ("byregionsamling alesund", "nb", ALESUND_GATHERING),
    ("samlinga i Ålesund", "nn", ALESUND_GATHERING),
    ("gathering Ålesund", "en", ALESUND_GATHERING),
    # Topics.
    ("kollektivtransport", "nb", COLLECTIVE),
    ("kollektiv transport", "nb", COLLECTIVE),
    ("kollektiv-transport", "nb", COLLECTIVE),
    ("kolektivtransport", "nb", COLLECTIVE),
    ("buss og kollektivtransport", "nb", COLLECTIVE),
    ("campus", "nb", CAMPUS),
    ("campusområdet", "nn", CAMPUS),
    ("campusomradet", "nb", CAMPUS),
    ("campus-området", "nb", CAMPUS),
    ("byrom", "nb", BYROM),
    ("byromma", "nn", BYROM),
    ("kartlegging byrom", "nb", BYROM),
    ("kartlegging av byrommene", "nb", BYROM),
    ("konferansefestival", "nb", FESTIVAL),
    ("konferanse festival", "nb", FESTIVAL),
    ("The North West", "en", FESTIVAL),
    ("north west festival", "en", FESTIVAL),
    ("handlingsrom", "nb", {
        "session:Opning: Handlingsrom for næringsretta samfunnsutvikling": V,
        "gathering:Byregionsamling i Ålesund": N, "news:Byregionsamling i Ålesund": V,
        "session:Verkstad 1: Kva er handlingsrommet vårt?": R,
    }),
    ("næringsretta samfunnsutvikling", "nn", {
        "gathering:Byregionsamling i Ålesund": N, "news:Byregionsamling i Ålesund": V,
        "session:Opning: Handlingsrom for næringsretta samfunnsutvikling": V,
    }),
    ("naeringsretta samfunnsutvikling", "nn", {
        "gathering:Byregionsamling i Ålesund": N, "news:Byregionsamling i Ålesund": V,
        "session:Opning: Handlingsrom for næringsretta samfunnsutvikling": V,
    }),
    ("samspillet mellom by og omland", "nb", {"programme:Byregionprogrammet": N}),
    ("samspelet by og omland", "nn", {"programme:Byregionprogrammet": N}),
    ("vekstkraft", "nb", {"programme:Byregionprogrammet": V,
                          "session:Meir vekstkraftige byregionar: samtale": R}),
    ("kunnskapsdeling", "nn", {"session:Kunnskapsdeling mellom dei 37 byregionane": V,
                               "news:Byregionsamling i Ålesund": R}),
    ("læringsnettverk", "nb", {"organisation:Distriktssenteret": N}),
    ("laeringsnettverk", "nb", {"organisation:Distriktssenteret": N}),
]
# fmt: on


def ndcg_at(ranked: Sequence[str], judged: dict[str, int], k: int = 10) -> float:
    """nDCG@k of `ranked` (document keys, best first) against graded `judged`."""

    def dcg(grades: Iterable[int]) -> float:
        return sum((2**grade - 1) / math.log2(place + 2) for place, grade in enumerate(grades))

    ideal = dcg(sorted(judged.values(), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg(judged.get(key, 0) for key in ranked[:k]) / ideal


def success_at(ranked: Sequence[str], judged: dict[str, int], k: int = 3) -> bool:
    """Whether one of the best-graded documents is among the first k."""
    best = max(judged.values())
    return any(judged.get(key, 0) == best for key in ranked[:k])


def evaluate(run: Callable[[str], Sequence[str]]) -> dict:
    """Score `run` (query -> ranked document keys) on the whole set."""
    rows = []
    for query, language, judged in JUDGED:
        ranked = list(run(query))
        rows.append((query, language, ndcg_at(ranked, judged), success_at(ranked, judged)))
    return {
        "queries": len(rows),
        "ndcg10": sum(row[2] for row in rows) / len(rows),
        "success3": sum(row[3] for row in rows) / len(rows),
        "rows": rows,
    }


def run_search(query: str) -> list[str]:
    """The first ten results of `search()` on the current database, as document keys."""
    from byregion.search.query import search

    return [f"{hit.kind}:{hit.title}" for hit in search(query, per_page=10).hits]
