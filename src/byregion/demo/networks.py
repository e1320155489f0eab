"""The demo's programme and regions: Byregionprogrammet and its three Møre og Romsdal regions.

Sources: the article "Byregionsamling i Ålesund" (Ålesund kommune, March 2017), with
Distriktssenteret and Molde kommune's annual reports where they differ; a difference is
stated in a source note, not settled silently. Nothing is made up: the council's seats are
positions only. See docs/developers/demo.md (Networks).
"""

import datetime as dt
from zoneinfo import ZoneInfo

from byregion.networks.models import (
    Council,
    CouncilMember,
    Meeting,
    MeetingStatus,
    Membership,
    MembershipKind,
    Programme,
    ProgrammeRegion,
    Region,
    RegionKind,
    Sector,
)
from byregion.networks.permissions import make_operator_editor_group, make_region_editor_group
from byregion.networks.sectors import ensure_sectors
from byregion.organisations.models import Organisation
from byregion.places.models import Municipality

OSLO = ZoneInfo("Europe/Oslo")
ARTICLE = "«Byregionsamling i Ålesund» (Ålesund kommune, mars 2017)"
# Source notes, in Bokmål like the rest of the demo's own text; the article is in Nynorsk.
# The membership facts follow src/byregion/indicators/data/SOURCE.md. No source gives the
# day a municipality joined: the rows start on MEMBERS_FROM, the first day of the places
# record, and each note says that the day itself is not known.
UNKNOWN_DAY = (
    "Hvilken dag kommunen ble med, oppgir ingen kilde: medlemskapet er registrert fra "
    "1. januar 2017, den første dagen kommuneregisteret her dekker."
)
MOLDE = (
    "Distriktssenteret, «Utviklingsprogrammet – Molderegionen»: «Søkerkommune: Molde / "  # noqa: RUF001
    "Samarbeidskommuner: Aukra, Eide, Fræna, Nesset, Midsund, Rauma, Vestnes»; Molde var "
    "blant de sju regionene som ble tatt direkte inn i fase 2, som varte 2015–2018. "  # noqa: RUF001
)
MOLDE_DIFFERS = (
    f"Artikkelen {ARTICLE} nevner også %s blant kommunene i Molderegionen, men Molde "
    "kommunes årsrapporter for 2016 og 2017 nevner seks medlemmer, uten Nesset og Vestnes. "
)
KRISTIANSUND = (
    "Distriktssenteret: Smøla, Halsa, Tingvoll, Gjemnes, Averøy og Kristiansund søkte om fase 2. "
)
ALESUND = (
    "Ålesund kommune: Region Ålesund er «et utviklingsprosjekt i regi av kommunene Giske, "
    "Haram, Sandøy, Skodje, Sula, Ørskog og Ålesund». "
)
# The full quotation stands on the centre's row; the other members point to it.
MOLDE_MEMBER = "Samarbeidskommune i Distriktssenterets faktaboks for Molderegionen (se Molde). "
ALESUND_MEMBER = "Med i Region Ålesund ifølge Ålesund kommune (se Ålesund). "
SOURCE_NOTES = {
    "1502": MOLDE + UNKNOWN_DAY,
    **{code: MOLDE_MEMBER + UNKNOWN_DAY for code in ("1547", "1551", "1548", "1545", "1539")},
    "1543": MOLDE_MEMBER + MOLDE_DIFFERS % "Nesset" + UNKNOWN_DAY,
    "1535": MOLDE_MEMBER + MOLDE_DIFFERS % "Vestnes" + UNKNOWN_DAY,
    **{code: KRISTIANSUND + UNKNOWN_DAY
       for code in ("1505", "1554", "1557", "1560", "1571", "1573")},
    "1576": (
        "Distriktssenteret fører Aure som observatør i Kristiansundregionen: «Aure kommune "
        f"ønsker fortsatt en rolle som observatør». Artikkelen {ARTICLE} nevner Aure blant "
        "kommunene i regionen. " + UNKNOWN_DAY
    ),
    "1504": ALESUND + UNKNOWN_DAY,
    **{code: ALESUND_MEMBER + UNKNOWN_DAY
       for code in ("1532", "1534", "1546", "1529", "1531", "1523")},
}  # fmt: skip
OBSERVERS = {"1576"}

COUNCIL_NAME = "Rådet for Region Ålesund"
COUNCIL_MANDATE = (
    "Målet med rådet er å samarbeide om å hjelpe regionen til å rigge seg for framtida, kome "
    "med råd og innspel og sjå moglegheitene vi har for utvikling."
)
COUNCIL_SOURCE = (
    f"Artikkelen {ARTICLE}: «Rådet har representantar frå det offentlege - både "
    "fylkeskommune og kommunar, ungdomspolitikarar, ordførarar og administrasjon, forsknings- "
    "og utdanningsmiljø, nærings- og samfunnsliv.» Kjelda nemner ikkje kven som sit i rådet "
    "eller kor mange, så her står éin plass for kvar sektor, utan namn."
)
# (sector slug, position, organisation name or None), in the article's order.
COUNCIL_SEATS = [
    ("county-council", "Representant for fylkeskommunen", "Møre og Romsdal fylkeskommune"),
    ("municipality", "Representant for kommunane", None),
    ("youth-politician", "Ungdomspolitikar", None),
    ("mayor", "Ordførar", None),
    ("administration", "Representant for administrasjonen", None),
    ("research-education", "Representant for forskings- og utdanningsmiljø", None),
    ("business", "Representant for næringslivet", None),
    ("civic-life", "Representant for samfunnslivet", None),
]
FIRST_MEETING = (
    dt.datetime(2017, 3, 10, 10, tzinfo=OSLO),
    dt.datetime(2017, 3, 10, 14, tzinfo=OSLO),
)

PROGRAMME_START = dt.date(2014, 1, 1)
PROGRAMME_END = dt.date(2018, 12, 31)
MEMBERS_FROM = dt.date(2017, 1, 1)

PURPOSE = (
    "Byregionprogrammet skal auke kunnskapen om samspelet mellom by og omland for å styrke "
    "den regionale vekstkrafta i desse områda."
)

# slug, name, centre, the other members (2017 codes). Which organisation hosted each project
# is not in our sources, so `host` stays empty.
REGIONS = [
    ("molderegionen", "Molderegionen", "1502",
     ["1547", "1551", "1548", "1543", "1545", "1539", "1535"]),
    ("kristiansundregionen", "Kristiansundregionen", "1505",
     ["1554", "1557", "1560", "1571", "1573", "1576"]),
    ("alesundregionen", "Ålesundregionen", "1504",
     ["1532", "1534", "1546", "1529", "1531", "1523"]),
]  # fmt: skip


def load() -> None:
    programme, _ = Programme.objects.get_or_create(
        slug="byregionprogrammet",
        defaults={
            "name": "Byregionprogrammet",
            "owner": Organisation.objects.get(name="Kommunal- og moderniseringsdepartementet"),
            "operator": Organisation.objects.get(name="Distriktssenteret"),
            "start": PROGRAMME_START,
            "end": PROGRAMME_END,
            "purpose": PURPOSE,
            "language": "nn",
        },
    )
    for slug, name, centre, others in REGIONS:
        region, _ = Region.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": RegionKind.CITY_REGION,
            },
        )
        ProgrammeRegion.objects.get_or_create(
            programme=programme, region=region, defaults={"joined": PROGRAMME_START}
        )
        for code in [centre, *others]:
            municipality = Municipality.objects.valid_on(MEMBERS_FROM).get(code=code)
            Membership.objects.update_or_create(
                region=region,
                municipality=municipality,
                valid_from=MEMBERS_FROM,
                defaults={
                    "is_centre": code == centre,
                    "kind": MembershipKind.OBSERVER if code in OBSERVERS else MembershipKind.MEMBER,
                    "source_note": SOURCE_NOTES.get(code, ""),
                },
            )
    load_council()
    make_region_editor_group(
        Region.objects.get(slug="alesundregionen"), "Region Ålesund: redaktører"
    )
    make_operator_editor_group("Distriktssenteret: redaktører")


def load_council() -> Council:
    ensure_sectors()
    council, _ = Council.objects.update_or_create(
        region=Region.objects.get(slug="alesundregionen"),
        slug="radet-for-region-alesund",
        defaults={
            "name": COUNCIL_NAME,
            "mandate": COUNCIL_MANDATE,
            "language": "nn",
            "source_note": COUNCIL_SOURCE,
        },
    )
    for order, (sector, position, organisation) in enumerate(COUNCIL_SEATS):
        CouncilMember.objects.update_or_create(
            council=council,
            sector=Sector.objects.get(slug=sector),
            defaults={
                "position": position,
                "organisation": Organisation.objects.get(name=organisation)
                if organisation
                else None,
                "sort_order": order,
            },
        )
    start, end = FIRST_MEETING
    Meeting.objects.update_or_create(
        council=council,
        start=start,
        defaults={
            "title": "Første møte",
            "end": end,
            "venue_name": "Quality Hotel Waterfront",
            "venue_address": "Ålesund",
            "status": MeetingStatus.HELD,
        },
    )
    return council
