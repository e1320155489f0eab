"""The demo's programme and regions: Byregionprogrammet and its three Møre og Romsdal regions.

Sources: the article "Byregionsamling i Ålesund" (Ålesund kommune, March 2017) names the
programme's owner, operator, purpose and end, and each region's municipalities. The sources
give years, not days, for the programme's period, so the first and last day of those years
stand for them. The places snapshot starts on 1 January 2017, so memberships are recorded from
that day: the members the article lists, in the codes valid then. A membership left open ends
with its municipality version (Ørskog's, for instance, on 1 January 2020).

`load()` is idempotent: rows are keyed on slugs and (region, municipality, date).
"""

import datetime as dt

from byregion.networks.models import Membership, Programme, ProgrammeRegion, Region, RegionKind
from byregion.organisations.models import Organisation
from byregion.places.models import Municipality

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
            Membership.objects.get_or_create(
                region=region,
                municipality=municipality,
                valid_from=MEMBERS_FROM,
                defaults={"is_centre": code == centre},
            )
