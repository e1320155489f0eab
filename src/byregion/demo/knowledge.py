"""The demo's experiences: what Region Ålesund worked on, in short Nynorsk texts.

The facts come from the article "Byregionsamling i Ålesund" (Ålesund kommune, March 2017)
and Distriktssenteret's summary of the region's project; nothing else is made up. The text
around them was written for the demo, so every page is marked `generated` and says so.
See docs/developers/demo.md (Knowledge).
"""

import datetime as dt

from byregion.knowledge.models import ExperienceIndexPage, ExperiencePage
from byregion.networks.models import Region
from byregion.places.models import Municipality
from byregion.site.models import HomePage
from byregion.themes.models import Theme

INDEX_SLUG = "erfaringer"

# What every experience was part of: the region's project in the programme, its main goal
# and its fourth sub-goal, in Nynorsk after Distriktssenteret's summary.
PROJECT = (
    "<p>Tiltaket var ein del av byregionprosjektet til Region Ålesund. Hovudmålet var å "
    "byggje eit regionalt partnarskap som legg til rette for ein framtidsretta og attraktiv "
    "byregion for både nærings- og samfunnsliv. Eitt av delmåla var eit nettverk for "
    "utvikling der kommunar, næringsliv, forskingsmiljø og sivilsamfunn deltek.</p>"
)

EXPERIENCES = [
    {
        "slug": "radet-for-region-alesund",
        "title": "Rådet for Region Ålesund",
        "summary": (
            "Region Ålesund sette ned eit råd med representantar frå det offentlege, "
            "forsking og utdanning, næringsliv og samfunnsliv. Rådet hadde sitt første møte "
            "fredag 10. mars 2017."
        ),
        "what_was_done": (
            "<p>Rådet har representantar frå fylkeskommune og kommunar, ungdomspolitikarar, "
            "ordførarar og administrasjon, forsknings- og utdanningsmiljø, nærings- og "
            "samfunnsliv.</p><p>Målet med rådet er å samarbeide om å hjelpe regionen til å rigge "
            "seg for framtida, kome med råd og innspel og sjå moglegheitene regionen har for "
            "utvikling.</p>"
        )
        + PROJECT,
        "results": (
            "<p>Prosjektet har gitt betre kjennskap og meir tillit mellom sentrale aktørar i "
            "det regionale utviklingsarbeidet, og meir kunnskap i kommunane om regional "
            "utvikling.</p>"
        ),
        "lessons": (
            "<p>Regionen sine tre råd for samarbeid om regional utvikling: bruk tid på å "
            "skape tillit, lag gode møteplassar, og gå frå ord til handling.</p>"
        ),
        "period_start": dt.date(2017, 3, 10),
        "period_end": None,
        "themes": ["regional-mobilisering", "samspel-by-og-omland"],
    },
    {
        "slug": "betre-kollektivtransport",
        "title": "Betre kollektivtransport i regionen",
        "summary": (
            "Region Ålesund har arbeidd for betre kollektivtransport mellom byen og kommunane "
            "rundt, fordi bu- og arbeidsmarknaden i regionen heng saman."
        ),
        "what_was_done": PROJECT,
        "results": "<p>Kollektivtilbodet i regionen har vorte styrkt.</p>",
        "period_start": None,
        "period_end": None,
        "themes": ["samspel-by-og-omland"],
    },
    {
        "slug": "utvikling-av-campusomradet",
        "title": "Utvikling av campusområdet",
        "summary": (
            "Region Ålesund har arbeidd med utviklinga av campusområdet i Ålesund, der "
            "utdanning, forsking og næringsliv møtest."
        ),
        "what_was_done": PROJECT,
        "results": "<p>Områdeutviklinga av campus er sett i gang.</p>",
        "period_start": None,
        "period_end": None,
        "themes": ["stadutvikling", "samarbeid-med-naeringslivet"],
        "municipalities": ["1504"],
    },
    {
        "slug": "kartlegging-av-byromma-i-sentrum",
        "title": "Kartlegging av byromma i sentrum",
        "summary": (
            "Region Ålesund har kartlagt dei offentlege byromma i Ålesund sentrum, som "
            "grunnlag for vidare stadutvikling."
        ),
        "what_was_done": PROJECT,
        "results": (
            "<p>Byromma er kartlagde, og arbeidet med å betre sentrale plassar i sentrum er "
            "starta.</p>"
        ),
        "period_start": None,
        "period_end": None,
        "themes": ["stadutvikling"],
        "municipalities": ["1504"],
    },
    {
        "slug": "the-north-west",
        "title": "Konferansefestivalen «The North West»",
        "summary": (
            "Konferansefestivalen «The North West» samlar næringsliv, forsking og offentleg "
            "sektor i Ålesund. Festivalen vart halden første gong 18.–21. april 2018."  # noqa: RUF001
        ),
        "what_was_done": PROJECT,
        "results": "<p>Konferansefestivalen har sett Ålesundregionen på kartet.</p>",
        "period_start": dt.date(2018, 4, 18),
        "period_end": dt.date(2018, 4, 21),
        "themes": ["naeringsretta-samfunnsutvikling", "samarbeid-med-naeringslivet"],
        "municipalities": ["1504"],
    },
]


def _index() -> ExperienceIndexPage:
    index = ExperienceIndexPage.objects.filter(slug=INDEX_SLUG).first()
    if index is None:
        home = HomePage.objects.get()
        index = home.add_child(
            instance=ExperienceIndexPage(
                title="Erfaringer",
                slug=INDEX_SLUG,
                language="nb",
                intro=(
                    "Hva regionene har gjort, hva det førte til, og hva de lærte: "
                    "erfaringer til deling mellom byregionene."
                ),
            )
        )
    return index


def load() -> None:
    index = _index()
    region = Region.objects.get(slug="alesundregionen")
    for item in EXPERIENCES:
        if ExperiencePage.objects.filter(slug=item["slug"]).exists():
            continue
        page = ExperiencePage(
            title=item["title"],
            slug=item["slug"],
            language="nn",
            summary=item["summary"],
            what_was_done=item["what_was_done"],
            results=item.get("results", ""),
            lessons=item.get("lessons", ""),
            period_start=item["period_start"],
            period_end=item["period_end"],
            generated=True,
        )
        page.regions = [region]
        page.themes = list(Theme.objects.filter(slug__in=item["themes"]))
        codes = item.get("municipalities", [])
        on = item["period_start"] or dt.date(2017, 1, 1)
        page.municipalities = list(Municipality.objects.valid_on(on).filter(code__in=codes))
        index.add_child(instance=page)
        page.save_revision().publish()
