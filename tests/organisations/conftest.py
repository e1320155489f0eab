"""Organisations built in code: Ålesund kommune with its public facts, and a helper for more."""

from datetime import time

import pytest

from byregion.organisations.models import Organisation, OrganisationKind, SwitchboardHours


def make_organisation(name: str, **fields) -> Organisation:
    fields.setdefault("kind", OrganisationKind.OTHER)
    organisation = Organisation(name=name, **fields)
    organisation.full_clean()
    organisation.save()
    return organisation


@pytest.fixture
def alesund_kommune(db) -> Organisation:
    organisation = make_organisation(
        "Ålesund kommune",
        kind=OrganisationKind.MUNICIPALITY,
        org_number="942 953 119",
        phone="70 16 20 00",
        email="post@example.org",
        website="https://www.example.org/",
        postal_street="Postboks 1521",
        postal_postcode="6025",
        postal_town="Ålesund",
        visiting_street="Keiser Wilhelms gt. 11",
        visiting_postcode="6003",
        visiting_town="Ålesund",
    )
    SwitchboardHours.objects.bulk_create(
        SwitchboardHours(organisation=organisation, weekday=d, opens=time(8), closes=time(15, 45))
        for d in range(5)
    )
    return organisation
