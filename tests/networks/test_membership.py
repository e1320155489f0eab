"""The membership questions, one function each, on the demo regions and the KLASS snapshot."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from byregion.networks import membership
from byregion.networks.models import Membership, MembershipKind, Programme, Region
from byregion.places.models import Place, PlaceKind

D2017 = dt.date(2017, 1, 1)
END_2018 = dt.date(2018, 12, 31)
D2020 = dt.date(2020, 6, 1)
D2024 = dt.date(2024, 6, 1)


def codes(members):
    return [m.municipality.code for m in members]


def test_members_on_a_date_in_one_query(regions, django_assert_num_queries):
    with django_assert_num_queries(1):
        members = membership.members_on(regions["alesundregionen"], D2017)
        assert codes(members) == ["1504", "1523", "1529", "1531", "1532", "1534", "1546"]
        assert [m.municipality.parent.code for m in members] == ["15"] * 7
    assert [m.municipality.code for m in members if m.is_centre] == ["1504"]


def test_members_end_with_their_municipality_version(regions):
    """Ørskog's open membership ends when Ørskog does, on 1 January 2020."""
    members = membership.members_on(regions["alesundregionen"], D2020)
    assert codes(members) == ["1531", "1532"]


def test_alesundregionen_2017_as_municipalities_of_2024(regions, django_assert_max_num_queries):
    region = regions["alesundregionen"]
    with django_assert_max_num_queries(4):
        mapped = membership.members_in_codes_of(region, D2017, D2024)
    assert [m.place.code for m in mapped.members] == ["1508", "1531", "1532", "1580"]
    assert [m.place.name for m in mapped.members] == ["Ålesund", "Sula", "Giske", "Haram"]
    alesund = mapped.members[0]
    assert sorted(codes(alesund.sources)) == ["1504", "1523", "1529", "1546"]
    assert alesund.is_centre
    assert codes(mapped.members[3].sources) == ["1534"]  # Haram's land went back to Haram
    assert mapped.unmapped == []
    assert mapped.counts == {"members": 4, "observers": 0}


def test_a_merger_neither_drops_nor_double_counts(regions, timeline):
    region = regions["alesundregionen"]
    before = membership.members_on(region, D2017)
    for on in (D2020, D2024):
        mapped = membership.members_in_codes_of(region, D2017, on, timeline)
        sources = [s.pk for m in mapped.members for s in m.sources]
        # Every member appears in exactly one municipality afterwards (or as unmapped).
        assert sorted(sources + [m.pk for m in mapped.unmapped]) == sorted(m.pk for m in before)
        assert len(mapped.members) == len({m.place.pk for m in mapped.members})
    in_2020 = membership.members_in_codes_of(region, D2017, D2020, timeline)
    assert [m.place.code for m in in_2020.members] == ["1507", "1531", "1532"]
    assert len(in_2020.members[0].sources) == 5


def test_with_a_loaded_timeline_mapping_costs_one_query(
    regions, timeline, django_assert_num_queries
):
    with django_assert_num_queries(1):
        membership.members_in_codes_of(regions["molderegionen"], D2017, D2024, timeline)


def test_a_member_that_moved_county_and_an_observer(regions, timeline):
    mapped = membership.members_in_codes_of(regions["kristiansundregionen"], END_2018, D2024)
    by_code = {m.place.code: m for m in mapped.members}
    assert by_code["5055"].place.name == "Heim"
    assert by_code["5055"].place.parent.code == "50"  # Trøndelag
    assert codes(by_code["5055"].sources) == ["1571"]
    assert by_code["1576"].is_observer
    assert "Distriktssenteret" in by_code["1576"].source_notes[0]
    assert mapped.counts == {"members": 6, "observers": 1}


def test_a_member_with_no_successor_is_reported_not_dropped(regions):
    region = regions["alesundregionen"]
    gone = Place.objects.create(
        kind=PlaceKind.MUNICIPALITY,
        code="1599",
        name="Prøvekommune",
        valid_from=D2017,
        valid_to=dt.date(2019, 1, 1),
    )
    Membership.objects.create(region=region, municipality=gone, valid_from=D2017)
    mapped = membership.members_in_codes_of(region, D2017, D2024)
    assert codes(mapped.unmapped) == ["1599"]
    assert "1599" not in [m.place.code for m in mapped.members]


def test_mapping_backwards_follows_recorded_territory(regions):
    """A region recorded in 2024 codes, shown in 2017 codes: Ålesund 1508 without Haram."""
    region = Region.objects.create(name="Ny region", slug="ny-region")
    membership.add_membership(region, "1508", dt.date(2024, 1, 1), is_centre=True)
    mapped = membership.members_in_codes_of(region, D2024, D2017)
    assert [m.place.code for m in mapped.members] == ["1504", "1523", "1529", "1546"]


def test_regions_of_a_municipality_on_a_date(regions, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = membership.regions_of("1534", D2017)
        assert [m.region.slug for m in found] == ["alesundregionen"]
    assert membership.regions_of("1534", D2024) == []  # Haram 1534 no longer exists
    assert membership.regions_of("1580", D2024) == []  # nobody recorded the new Haram
    assert [m.region.slug for m in membership.regions_of("1576", D2017)] == ["kristiansundregionen"]


def test_programme_figures_are_counted_not_typed(regions, django_assert_max_num_queries):
    programme = Programme.objects.get(slug="byregionprogrammet")
    with django_assert_max_num_queries(2):
        figures = membership.programme_figures(programme, END_2018)
    assert (figures.regions, figures.municipalities, figures.observers) == (3, 21, 1)
    assert figures.by_region == {
        regions["molderegionen"].pk: (8, 0),
        regions["kristiansundregionen"].pk: (6, 1),
        regions["alesundregionen"].pk: (7, 0),
    }
    after = membership.programme_figures(programme, dt.date(2019, 6, 1))
    assert (after.regions, after.municipalities) == (0, 0)
    # A municipality in two regions counts once.
    membership.add_membership(regions["molderegionen"], "1504", D2017)
    again = membership.programme_figures(programme, END_2018)
    assert (again.regions, again.municipalities) == (3, 21)


def test_member_changes_explain_every_step(regions, timeline):
    with translation.override("en"):
        members = membership.members_on(regions["alesundregionen"], END_2018)
        sentences = membership.member_changes(members, END_2018, D2024, timeline)
    assert "Ørskog (1523) became part of Ålesund (1507) on 1 January 2020." in sentences
    assert (
        "Part of Ålesund (1507) became part of Haram (1580) on 1 January 2024." in (sentences)
        or "Part of Ålesund (1507) became Haram (1580) on 1 January 2024." in sentences
    )
    assert any("Ålesund (1508)" in s for s in sentences)
    assert len(sentences) == 7


def test_member_changes_leave_out_neighbours(regions, timeline):
    with translation.override("en"):
        members = membership.members_on(regions["kristiansundregionen"], END_2018)
        sentences = membership.member_changes(members, END_2018, D2024, timeline)
    assert sentences == ["Halsa (1571) became part of Heim (5055) on 1 January 2020."]


# Rules -------------------------------------------------------------------------------------


def refused(field, call):
    with pytest.raises(ValidationError) as caught:
        call()
    assert field in caught.value.message_dict, caught.value.message_dict
    return caught.value.message_dict[field][0]


def test_a_membership_ending_before_it_starts_is_refused(regions):
    region, before = regions["molderegionen"], Membership.objects.count()
    with translation.override("en"):
        message = refused(
            "valid_to",
            lambda: membership.add_membership(region, "1547", D2017, dt.date(2016, 12, 31)),
        )
    assert "must end after it starts" in message
    assert Membership.objects.count() == before


def test_an_unknown_code_is_refused_in_each_language(regions):
    region, before = regions["molderegionen"], Membership.objects.count()
    add = lambda: membership.add_membership(region, "1504", dt.date(2021, 1, 1))  # noqa: E731
    with translation.override("nb"):
        assert refused("municipality", add) == (
            "Ingen kommune hadde kommunenummer 1504 1. januar 2021."
        )
    with translation.override("nn"):
        assert refused("municipality", add) == (
            "Ingen kommune hadde kommunenummer 1504 1. januar 2021."
        )
    with translation.override("en"):
        assert refused("municipality", add) == "No municipality had code 1504 on 1 January 2021."
    assert Membership.objects.count() == before


def test_a_period_outliving_the_municipality_version_is_refused(regions):
    region = Region.objects.create(name="Prøve", slug="prove")
    with translation.override("en"):
        message = refused(
            "municipality",
            lambda: membership.add_membership(region, "1523", D2017, dt.date(2021, 1, 1)),
        )
    assert message.startswith("Ørskog (1523) existed from 1 January 2017 to 31 December 2019")
    assert not region.memberships.exists()


def test_overlapping_memberships_are_refused(regions):
    region = regions["alesundregionen"]
    before = list(region.memberships.values_list("pk", flat=True))
    with translation.override("en"):
        message = refused(
            "valid_from", lambda: membership.add_membership(region, "1531", dt.date(2018, 1, 1))
        )
    assert "Sula (1531) is already a member of this region from 1 January 2017" in message
    assert list(region.memberships.values_list("pk", flat=True)) == before


def test_a_membership_after_an_ended_one_is_accepted(regions):
    region = Region.objects.create(name="Prøve", slug="prove")
    membership.add_membership(region, "1531", D2017, dt.date(2018, 1, 1))
    later = membership.add_membership(
        region, "1531", dt.date(2019, 1, 1), kind=MembershipKind.OBSERVER
    )
    assert later.pk and later.municipality.code == "1531"
    assert [m.kind for m in membership.members_on(region, dt.date(2019, 5, 1))] == ["observer"]
    assert membership.members_on(region, dt.date(2018, 5, 1)) == []
