"""The demo organisations: public facts only, and loading them twice changes nothing."""

from datetime import date

import pytest
from django.forms.models import model_to_dict

from byregion.demo import organisations as demo
from byregion.organisations.models import Organisation, SwitchboardHours
from byregion.places.models import Municipality, PlaceKind


def snapshot() -> list[dict]:
    organisations = [model_to_dict(o) for o in Organisation.objects.order_by("slug")]
    hours = list(SwitchboardHours.objects.order_by("pk").values())
    return [*organisations, *hours]


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    demo.load()
    first = snapshot()
    demo.load()
    assert snapshot() == first
    assert Organisation.objects.count() == 3 + 22
    assert SwitchboardHours.objects.count() == 5


@pytest.mark.django_db
def test_only_the_given_facts_are_filled_in():
    demo.load()
    alesund = Organisation.objects.get(slug="alesund-kommune")
    assert alesund.kind == "municipality"
    assert alesund.org_number_display == "942 953 119"
    assert alesund.phone == "70162000"
    assert (alesund.postal_street, alesund.postal_postcode, alesund.postal_town) == (
        "Postboks 1521",
        "6025",
        "Ålesund",
    )
    assert alesund.visiting_street == "Keiser Wilhelms gt. 11"
    assert [(r.weekday, str(r.opens), str(r.closes)) for r in alesund.switchboard_hours.all()] == [
        (d, "08:00:00", "15:45:00") for d in range(5)
    ]
    others = Organisation.objects.exclude(pk=alesund.pk)
    assert not others.exclude(org_number="").exists()
    assert not others.exclude(phone="").exists()
    assert not others.exclude(postal_town="", visiting_town="").exists()
    for organisation in Organisation.objects.all():
        organisation.full_clean()  # the demo is valid by the rules editors meet


@pytest.mark.django_db
def test_kinds_and_dissolved_councils():
    demo.load()
    kinds = dict(Organisation.objects.values_list("name", "kind"))
    assert kinds["Distriktssenteret"] == "directorate"
    assert kinds["Kommunal- og moderniseringsdepartementet"] == "ministry"
    assert kinds["Møre og Romsdal fylkeskommune"] == "county_council"
    assert kinds["Fræna kommune"] == "municipality"
    dissolved = set(
        Organisation.objects.filter(dissolved=date(2020, 1, 1)).values_list("name", flat=True)
    )
    merged = ["Ørskog", "Skodje", "Sandøy", "Haram", "Nesset", "Midsund", "Eide", "Fræna", "Halsa"]
    assert dissolved == {f"{name} kommune" for name in merged}
    assert Organisation.objects.get(slug="orskog-kommune").name == "Ørskog kommune"


@pytest.mark.django_db
def test_councils_link_to_the_municipality_valid_on_1_january_2017_when_places_are_loaded():
    demo.load()
    assert not Organisation.objects.filter(municipality__isnull=False).exists()

    def version(code, name, start, end=None):
        return Municipality.objects.create(
            kind=PlaceKind.MUNICIPALITY, code=code, name=name, valid_from=start, valid_to=end
        )

    version("1504", "Ålesund", date(1838, 1, 1), date(1968, 1, 1))  # an earlier version
    alesund_2017 = version("1504", "Ålesund", date(1968, 1, 1), date(2020, 1, 1))
    orskog = version("1523", "Ørskog", date(1965, 1, 1), date(2020, 1, 1))
    version("1507", "Ålesund", date(2020, 1, 1))  # the merged municipality: another code
    demo.load()
    links = dict(
        Organisation.objects.filter(municipality__isnull=False).values_list("slug", "municipality")
    )
    assert links == {"alesund-kommune": alesund_2017.pk, "orskog-kommune": orskog.pk}
