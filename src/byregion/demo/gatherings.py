"""The demo's gatherings: public facts only, or visibly marked as generated.

Sources: the article "Byregionsamling i Ålesund" (Ålesund kommune, March 2017) for the
Ålesund gathering, the project's gatherings issue for the other three national gatherings.
Ålesund's programme is an example (`programme_is_example`) and one gathering is generated
(`is_generated`); their pages say so. See docs/developers/demo.md (Gatherings).
"""

import datetime as dt
from zoneinfo import ZoneInfo

from wagtail.models import Page, Site

from byregion.gatherings.models import (
    GatheringIndexPage,
    GatheringPage,
    GatheringStatus,
    Material,
    MaterialKind,
    Session,
    SessionFormat,
    Speaker,
)
from byregion.networks.models import Programme, Region
from byregion.organisations.models import Organisation

OSLO = ZoneInfo("Europe/Oslo")
INDEX_SLUG = "samlinger"
ALESUND_SLUG = "byregionsamling-i-alesund-2017"  # the news demo links to its programme
EXAMPLE_SLUG = "eksempel-regional-samling-2027"


def _at(year, month, day, hour=0, minute=0, second=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=OSLO)


def _days(first: dt.date, last: dt.date) -> dict:
    """A gathering known by its dates only: from the first day's start to the last day's end."""
    return {
        "start": _at(first.year, first.month, first.day),
        "end": _at(last.year, last.month, last.day, 23, 59, 59),
        "dates_only": True,
    }


ALESUND_BODY = (
    "<p>Dei 37 byregionane i landet samlast to gonger i året for å bygge nettverk. Her "
    "løftast arbeidet som gjerast ute i byregionane fram, og regionane deler sine "
    "erfaringar.</p>"
    "<p>Hovudtema for samlinga i Ålesund er <b>Handlingsrom for næringsretta "
    "samfunnsutvikling</b>. Korleis skal regionane skape større handlingsrom og betre "
    "utviklingskapasiteten for å oppnå meir vekstkraftige byregionar?</p>"
    "<p>Den nasjonale samlinga i Ålesund har deltakarar frå Kristiansand i sør til Tromsø i "
    "nord, og deltakarane er både prosjektleiarar, ordførarar, rådmenn, næringssjefar og "
    "næringslivsfolk. Samlinga skal inspirere, utfordre og gje kunnskap.</p>"
    "<p>Kjelde: artikkelen «Byregionsamling i Ålesund», Ålesund kommune, mars 2017.</p>"
    "<p><b>Eksempelprogram</b> \N{EN DASH} det verkelege programmet finst ikkje i kjeldene våre. "
    "Programmet på denne nettstaden er eit døme laga ut frå temaet og emna i artikkelen; "
    "innleiarane er berre oppgitt med rolle.</p>"
)

ALESUND_NOTE = "(Eksempelprogram \N{EN DASH} det verkelege programmet finst ikkje i kjeldene våre.)"
WORKSHOP = "Parallelle verkstader"

# title, format, (day, hour, minute) start, (day, hour, minute) end, track, description,
# speakers' roles. March 2017; times of day are part of the example.
ALESUND_SESSIONS = [
    ("Registrering og kaffi", SessionFormat.BREAK, (22, 10, 0), (22, 10, 30), "", "", []),
    ("Opning: Handlingsrom for næringsretta samfunnsutvikling", SessionFormat.PLENARY,
     (22, 10, 30), (22, 11, 30), "",
     "Korleis skal regionane skape større handlingsrom og betre utviklingskapasiteten for å "
     "oppnå meir vekstkraftige byregionar? Samlinga skal inspirere, utfordre og gje "
     "kunnskap. " + ALESUND_NOTE,
     ["Representant for vertskommunen (rolle)", "Representant for arrangøren (rolle)"]),
    ("Rådet for Region Ålesund: samarbeid i byregionen", SessionFormat.PLENARY,
     (22, 11, 30), (22, 12, 15), "",
     "Korleis Rådet for Region Ålesund samlar kommunar, fylkeskommune, næringsliv, "
     "forsking og utdanning om utviklinga i regionen. " + ALESUND_NOTE,
     ["Representant for Rådet for Region Ålesund (rolle)"]),
    ("Lunsj", SessionFormat.MEAL, (22, 12, 15), (22, 13, 0), "", "", []),
    ("Tre byregionprosjekt i Møre og Romsdal", SessionFormat.PLENARY,
     (22, 13, 0), (22, 14, 30), "",
     "Ålesundregionen, Molderegionen og Kristiansundregionen fortel om prosjekta sine i "
     "Byregionprogrammet. " + ALESUND_NOTE,
     ["Prosjektleiar i Ålesundregionen (rolle)", "Prosjektleiar i Molderegionen (rolle)",
      "Prosjektleiar i Kristiansundregionen (rolle)"]),
    ("Verkstad 1: Kva er handlingsrommet vårt?", SessionFormat.WORKSHOP,
     (22, 14, 45), (22, 16, 15), WORKSHOP + " 1",
     "Kva kan kommunane i ein byregion gjere saman for næringslivet, og kva hindrar dei? "
     + ALESUND_NOTE,
     ["Prosjektleiar i ein byregion (rolle)"]),
    ("Verkstad 2: Betre utviklingskapasitet", SessionFormat.WORKSHOP,
     (22, 14, 45), (22, 16, 15), WORKSHOP + " 2",
     "Korleis regionane kan styrkje evna si til å drive utviklingsarbeid over tid. "
     + ALESUND_NOTE,
     ["Rådmann i ein kommune (rolle)"]),
    ("Verkstad 3: Kommune og næringsliv saman", SessionFormat.WORKSHOP,
     (22, 14, 45), (22, 16, 15), WORKSHOP + " 3",
     "Samspelet mellom kommunar og næringsliv for vekstkraft i regionen. " + ALESUND_NOTE,
     ["Næringssjef i ein kommune (rolle)", "Representant for næringslivet (rolle)"]),
    ("Middag", SessionFormat.MEAL, (22, 19, 0), (22, 22, 0), "",
     "Felles middag for deltakarane. " + ALESUND_NOTE, []),
    ("Kunnskapsdeling mellom dei 37 byregionane", SessionFormat.PLENARY,
     (23, 9, 0), (23, 10, 30), "",
     "Dei 37 byregionane deler erfaringar: kva har fungert, og kva har dei lært? "
     + ALESUND_NOTE,
     ["Prosjektleiarar frå fleire byregionar (roller)"]),
    ("Meir vekstkraftige byregionar: samtale", SessionFormat.PLENARY,
     (23, 10, 45), (23, 11, 45), "",
     "Ordførar, rådmann, næringssjef og næringsliv om kva som gjev vekstkraft. "
     + ALESUND_NOTE,
     ["Ordførar (rolle)", "Rådmann (rolle)", "Næringssjef (rolle)",
      "Representant for næringslivet (rolle)"]),
    ("Oppsummering og vegen vidare", SessionFormat.PLENARY,
     (23, 11, 45), (23, 12, 30), "",
     "Kva tek regionane med seg heim? " + ALESUND_NOTE,
     ["Representant for arrangøren (rolle)"]),
    ("Lunsj og avslutning", SessionFormat.MEAL, (23, 12, 30), (23, 13, 30), "", "", []),
]  # fmt: skip

SERIES = [
    {
        "slug": "byregionsamling-i-stjordal-2014",
        "title": "Byregionsamling i Stjørdal",
        "language": "nb",
        "town": "Stjørdal",
        "intro": "Nasjonal samling i Byregionprogrammet, med om lag 200 deltakere fra 33 regioner.",
        **_days(dt.date(2014, 5, 20), dt.date(2014, 5, 21)),
    },
    {
        "slug": "byregionsamling-i-oslo-2015",
        "title": "Byregionsamling i Oslo",
        "language": "nb",
        "town": "Oslo",
        "intro": "Nasjonal samling i Byregionprogrammet ved starten av programmets fase 2.",
        **_days(dt.date(2015, 9, 24), dt.date(2015, 9, 24)),
    },
    {
        "slug": "byregionsamling-i-haugesund-2017",
        "title": "Byregionsamling i Haugesund",
        "language": "nb",
        "town": "Haugesund",
        "theme": "Tiltak for regional vekstkraft",
        "intro": "Nasjonal samling i Byregionprogrammet.",
        **_days(dt.date(2017, 10, 25), dt.date(2017, 10, 26)),
    },
]

EXAMPLE_NOTE = "(Generert demoinnhald: ikkje ei verkeleg samling.)"
EXAMPLE_LINK = "https://example.org/byregion/eksempel-presentasjon.pdf"

# title, format, (start), (end), room, capacity, description, speakers' roles, materials
EXAMPLE_SESSIONS = [
    ("Registrering og kaffi", SessionFormat.BREAK, (14, 9, 30), (14, 10, 0), "", None, "", [], []),
    ("Opning: kvifor samarbeider by og omland?", SessionFormat.PLENARY,
     (14, 10, 0), (14, 11, 30), "Storsalen", None,
     "Innleiingar om kva regionane har fått til saman, og kva som står att. " + EXAMPLE_NOTE,
     ["Leiar for arrangøren (rolle, generert)", "Ordførar i vertskommunen (rolle, generert)"],
     [("Presentasjon frå opninga (generert eksempel)", EXAMPLE_LINK)]),
    ("Lunsj", SessionFormat.MEAL, (14, 11, 30), (14, 12, 30), "", None, "", [], []),
    ("Verkstad A: samarbeid om næringsareal", SessionFormat.WORKSHOP,
     (14, 12, 30), (14, 14, 0), "Rom A", 40,
     "Korleis kommunar i ein region kan planlegge næringsareal saman. " + EXAMPLE_NOTE,
     ["Næringssjef i ein kommune (rolle, generert)"], []),
    ("Verkstad B: korleis nå unge vaksne?", SessionFormat.WORKSHOP,
     (14, 12, 30), (14, 14, 0), "Rom B", 30,
     "Tiltak for å halde på og tiltrekke unge vaksne. " + EXAMPLE_NOTE,
     ["Prosjektleiar i ein byregion (rolle, generert)"], []),
    ("Erfaringar frå regionane", SessionFormat.PLENARY,
     (14, 14, 15), (14, 15, 30), "Storsalen", None,
     "Samtale mellom prosjektleiarar frå tre byregionar. " + EXAMPLE_NOTE,
     ["Prosjektleiarar frå tre byregionar (roller, generert)"], []),
    ("Middag", SessionFormat.MEAL, (14, 19, 0), (14, 22, 0), "Restauranten", 120,
     "Felles middag for deltakarane. " + EXAMPLE_NOTE, [], []),
    ("Verkstad C: kunnskapsgrunnlag for regional planlegging", SessionFormat.WORKSHOP,
     (15, 9, 0), (15, 10, 30), "Rom A", 40,
     "Kva tal og kart regionane treng, og kvar dei finst. " + EXAMPLE_NOTE,
     ["Rådgjevar i ein fylkeskommune (rolle, generert)"], []),
    ("Ekskursjon: besøk i ei næringsklynge", SessionFormat.EXCURSION,
     (15, 9, 0), (15, 10, 30), "Oppmøte i resepsjonen", 25,
     "Ei vandring til ei bedrift i nærleiken. " + EXAMPLE_NOTE, [], []),
    ("Vegen vidare", SessionFormat.PLENARY, (15, 10, 45), (15, 12, 0), "Storsalen", None,
     "Oppsummering og neste steg for nettverket. " + EXAMPLE_NOTE,
     ["Leiar for arrangøren (rolle, generert)"], []),
    ("Lunsj og avslutning", SessionFormat.MEAL, (15, 12, 0), (15, 13, 0), "", None, "", [], []),
]  # fmt: skip


def _index() -> GatheringIndexPage:
    index = GatheringIndexPage.objects.filter(slug=INDEX_SLUG).first()
    if index:
        return index
    home = Site.objects.get(is_default_site=True).root_page
    index = GatheringIndexPage(
        title="Samlinger",
        slug=INDEX_SLUG,
        language="nb",
        intro=("Nettverkets nasjonale og regionale samlinger: program, kalender og påmelding."),
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def _gathering(index: Page, slug: str, host_organisations=(), **fields) -> GatheringPage:
    gathering = GatheringPage.objects.filter(slug=slug).first()
    if gathering:
        return gathering
    gathering = GatheringPage(slug=slug, **fields)
    index.add_child(instance=gathering)
    gathering.host_organisations.set(host_organisations)
    gathering.save_revision().publish()
    return gathering


def _example_sessions(gathering: GatheringPage) -> None:
    for title, kind, start, end, room, capacity, description, roles, materials in EXAMPLE_SESSIONS:
        session, _ = Session.objects.get_or_create(
            gathering=gathering,
            title=title,
            defaults={
                "format": kind,
                "start": _at(2027, 4, *start),
                "end": _at(2027, 4, *end),
                "room": room,
                "capacity": capacity,
                "description": description,
            },
        )
        for order, role in enumerate(roles):
            Speaker.objects.get_or_create(
                session=session, title=role, defaults={"sort_order": order}
            )
        for order, (material_title, url) in enumerate(materials):
            Material.objects.get_or_create(
                session=session,
                title=material_title,
                defaults={"kind": MaterialKind.LINK, "url": url, "sort_order": order},
            )


def _alesund_sessions(gathering: GatheringPage) -> None:
    for title, kind, start, end, track, description, roles in ALESUND_SESSIONS:
        session, _ = Session.objects.get_or_create(
            gathering=gathering,
            title=title,
            defaults={
                "format": kind,
                "start": _at(2017, 3, *start),
                "end": _at(2017, 3, *end),
                "room": track,
                "description": description,
            },
        )
        for order, role in enumerate(roles):
            Speaker.objects.get_or_create(
                session=session, title=role, defaults={"sort_order": order}
            )


def load() -> None:
    """Idempotent: a second run changes nothing."""
    index = _index()
    programme = Programme.objects.get(slug="byregionprogrammet")
    operator = Organisation.objects.get(name="Distriktssenteret")
    for fields in SERIES:
        _gathering(
            index,
            programme=programme,
            organiser=operator,
            status=GatheringStatus.HELD,
            **fields,
        )
    alesund = _gathering(
        index,
        ALESUND_SLUG,
        title="Byregionsamling i Ålesund",
        language="nn",
        theme="Handlingsrom for næringsretta samfunnsutvikling",
        **_days(dt.date(2017, 3, 22), dt.date(2017, 3, 23)),
        town="Ålesund",
        host_region=Region.objects.get(slug="alesundregionen"),
        organiser=operator,
        programme=programme,
        status=GatheringStatus.HELD,
        capacity=230,
        programme_is_example=True,
        registrations_are_generated=True,
        audience=(
            "Byregionane i heile landet: prosjektleiarar, ordførarar, rådmenn, næringssjefar "
            "og næringslivsfolk."
        ),
        intro=(
            "230 deltakarar frå byregionar i heile landet samlast 22.\u201323. mars i Ålesund "
            "for å dele kunnskap og erfaringar."
        ),
        body=ALESUND_BODY,
    )
    _alesund_sessions(alesund)
    example = _gathering(
        index,
        EXAMPLE_SLUG,
        title="Eksempel: regional samling (generert demoinnhald)",
        language="nn",
        is_generated=True,
        theme="Samarbeid mellom by og omland (eksempel)",
        start=_at(2027, 4, 14, 9, 30),
        end=_at(2027, 4, 15, 13, 0),
        venue_name="Eksempelstaden (generert)",
        status=GatheringStatus.OPEN,
        capacity=150,
        registration_opens=_at(2026, 11, 1, 9, 0),
        registration_closes=_at(2027, 3, 31, 23, 59),
        audience="Prosjektleiarar, ordførarar og næringsliv i regionane (eksempel).",
        intro=(
            "Ei oppdikta samling som viser korleis program, parallelle verkstader, middag og "
            "påmelding ser ut på nettstaden. " + EXAMPLE_NOTE
        ),
        body=(
            "<p>Denne sida er generert demoinnhald. Samlinga finst ikkje, og programmet, "
            "talarane (berre roller, ingen namn) og materiellet er døme.</p>"
        ),
    )
    _example_sessions(example)
