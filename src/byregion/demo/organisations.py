"""Demo organisations: the bodies of the Møre og Romsdal city-region network, public facts only.

Nothing here is made up: a phone number, organisation number, address or person we do not
know for certain from a public source stays empty. `load()` is idempotent (keyed on the
slug), so running the demo twice changes nothing.
"""

from datetime import date, time

from django.db import transaction

from byregion.organisations.models import (
    Organisation,
    OrganisationKind,
    SwitchboardHours,
    norwegian_slug,
)
from byregion.places.models import Municipality

# Municipalities on 1 January 2017 (Statistics Norway's codes then) whose councils took part.
MUNICIPALITY_CODES_2017 = {
    "Molde": "1502",
    "Ålesund": "1504",
    "Kristiansund": "1505",
    "Ørskog": "1523",
    "Skodje": "1529",
    "Sula": "1531",
    "Giske": "1532",
    "Haram": "1534",
    "Vestnes": "1535",
    "Rauma": "1539",
    "Nesset": "1543",
    "Midsund": "1545",
    "Sandøy": "1546",
    "Aukra": "1547",
    "Fræna": "1548",
    "Eide": "1551",
    "Averøy": "1554",
    "Gjemnes": "1557",
    "Tingvoll": "1560",
    "Halsa": "1571",
    "Smøla": "1573",
    "Aure": "1576",
}
LINK_DATE = date(2017, 1, 1)

# Councils that ceased as legal entities when their municipalities merged on 1 January 2020.
# (Haram was re-established in 2024, as a new entity: a different organisation.)
DISSOLVED_2020 = {
    "Ørskog",
    "Skodje",
    "Sandøy",
    "Haram",
    "Nesset",
    "Midsund",
    "Eide",
    "Fræna",
    "Halsa",
}
MERGER_DATE = date(2020, 1, 1)

OTHERS = [
    {
        "name": "Distriktssenteret",
        "kind": OrganisationKind.DIRECTORATE,
        # Content is Norwegian, as the organisation describes itself.
        "description": (
            "Kompetansesenter for distriktsutvikling. Drev læringsnettverket i Byregionprogrammet."
        ),
    },
    {"name": "Kommunal- og moderniseringsdepartementet", "kind": OrganisationKind.MINISTRY},
    {"name": "Møre og Romsdal fylkeskommune", "kind": OrganisationKind.COUNTY_COUNCIL},
]

ALESUND = {
    "org_number": "942953119",
    "phone": "70162000",
    "postal_street": "Postboks 1521",
    "postal_postcode": "6025",
    "postal_town": "Ålesund",
    "visiting_street": "Keiser Wilhelms gt. 11",
    "visiting_postcode": "6003",
    "visiting_town": "Ålesund",
}
# The switchboard is staffed 08.00 to 15.45, Monday to Friday.
ALESUND_SWITCHBOARD = {weekday: (time(8, 0), time(15, 45)) for weekday in range(5)}


def _municipality_2017(code: str):
    """The municipality version valid on 1 January 2017, or None if places are not loaded."""
    return Municipality.objects.filter(code=code).valid_on(LINK_DATE).first()


def _save(name: str, **fields) -> Organisation:
    organisation, _created = Organisation.objects.update_or_create(
        slug=norwegian_slug(name), defaults={"name": name, **fields}
    )
    return organisation


@transaction.atomic
def load() -> list[Organisation]:
    """Create or update the demo organisations; returns them."""
    organisations = [_save(**fields) for fields in OTHERS]
    for place, code in MUNICIPALITY_CODES_2017.items():
        facts = ALESUND if place == "Ålesund" else {}
        organisations.append(
            _save(
                f"{place} kommune",
                kind=OrganisationKind.MUNICIPALITY,
                municipality=_municipality_2017(code),
                dissolved=MERGER_DATE if place in DISSOLVED_2020 else None,
                **facts,
            )
        )
    alesund = next(o for o in organisations if o.name == "Ålesund kommune")
    for weekday, (opens, closes) in ALESUND_SWITCHBOARD.items():
        SwitchboardHours.objects.update_or_create(
            organisation=alesund, weekday=weekday, defaults={"opens": opens, "closes": closes}
        )
    return organisations
