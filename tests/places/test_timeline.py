import datetime as dt

import pytest
from django.utils import translation

from byregion.places.models import Place, PlaceChange
from byregion.places.timeline import Timeline, UnknownPlace, map_code, places_on

D2017 = dt.date(2017, 1, 1)
D2020 = dt.date(2020, 1, 1)
D2024 = dt.date(2024, 1, 1)


def codes(places):
    return [p.code for p in places]


def test_municipalities_of_more_og_romsdal_on_each_reform_date(snapshot_timeline):
    def in_county_15(date):
        return codes(places_on(date).filter(parent__code="15"))

    assert len(in_county_15(D2017)) == 36
    assert len(in_county_15(dt.date(2019, 1, 1))) == 35  # Rindal moved to Trøndelag
    assert len(in_county_15(D2020)) == 26
    assert len(in_county_15(D2024)) == 27  # Haram re-established
    assert "1504" in in_county_15(dt.date(2019, 12, 31))
    assert "1504" not in in_county_15(D2020)


@pytest.mark.parametrize(
    ("code", "at", "to", "expected"),
    [
        ("1534", D2017, D2020, ["1507"]),
        ("1534", D2017, D2024, ["1580"]),
        ("1523", D2017, D2024, ["1508"]),
        ("1529", D2017, D2024, ["1508"]),
        ("1546", D2017, D2024, ["1508"]),
        ("1551", D2017, D2024, ["1579"]),
        ("1548", D2017, D2024, ["1579"]),
        ("1502", D2017, D2024, ["1506"]),
        ("1543", D2017, D2024, ["1506"]),
        ("1545", D2017, D2024, ["1506"]),
        ("1571", D2017, D2024, ["5055"]),
        ("1612", D2017, D2024, ["5055"]),
        ("1567", D2017, D2024, ["5061"]),
        ("1505", D2017, D2024, ["1505"]),
        # Backwards: a merger answers with every part, a split with the recorded part.
        ("1579", D2024, D2017, ["1548", "1551"]),
        ("1506", D2024, D2017, ["1502", "1543", "1545"]),
        ("5055", D2024, D2017, ["1571", "1612", "1613"]),
        ("1580", D2024, D2017, ["1534"]),
        ("1508", D2024, D2017, ["1504", "1523", "1529", "1546"]),
        ("1507", D2020, D2017, ["1504", "1523", "1529", "1534", "1546"]),
        # A split without a record of where the territory went: every part.
        ("1507", dt.date(2021, 6, 1), D2024, ["1508", "1580"]),
        ("5012", dt.date(2019, 1, 1), D2020, ["5055", "5056", "5059"]),
        ("1613", D2017, D2024, ["5055", "5056", "5059"]),
    ],
)
def test_map_code(snapshot_timeline, code, at, to, expected):
    assert codes(snapshot_timeline.map(code, at, to)) == expected


def test_map_code_function_loads_its_own_timeline(snapshot_timeline, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        assert codes(map_code("1534", D2017, D2024)) == ["1580"]


def test_a_split_without_territory_records_answers_every_candidate(snapshot_timeline):
    """Haram 1534 asked for 2024 is 1508 *and* 1580 unless the data says where it went."""
    for change in PlaceChange.objects.filter(date=D2024, old__code="1507"):
        change.territory_from.clear()
    timeline = Timeline.load()
    assert codes(timeline.map("1534", D2017, D2024)) == ["1508", "1580"]
    assert codes(timeline.map("1523", D2017, D2024)) == ["1508", "1580"]
    assert codes(timeline.map("1580", D2024, D2017)) == ["1504", "1523", "1529", "1534", "1546"]


def test_unknown_code_on_a_date_is_a_clear_error(snapshot_timeline):
    with pytest.raises(UnknownPlace, match=r"1507.*2017-01-01"):
        snapshot_timeline.map("1507", D2017, D2024)
    with translation.override("nn"), pytest.raises(UnknownPlace) as error:
        snapshot_timeline.map("9999", D2017, D2024)
    assert "9999" in str(error.value)


def test_mapping_to_a_date_before_the_unit_existed_walks_back(snapshot_timeline):
    assert codes(snapshot_timeline.map("5061", D2024, dt.date(2018, 6, 1))) == ["1567"]


def test_counties_over_time(db):
    from byregion.places.klass import import_snapshot

    import_snapshot()
    counties = Timeline.load("county")
    assert codes(counties.map("16", D2017, D2024, "county")) == ["50"]
    assert codes(counties.map("54", D2020, D2024, "county")) == ["55", "56"]
    assert codes(counties.map("46", D2024, D2017, "county")) == ["12", "14"]
    assert places_on(D2017, "county").count() == 19
    assert places_on(dt.date(2018, 1, 1), "county").count() == 18
    assert places_on(D2020, "county").count() == 11
    assert places_on(D2024, "county").count() == 15


def test_names_by_language_fall_back_to_the_official_name(snapshot_timeline):
    trondelag = Place.objects.get(kind="county", code="50")
    assert trondelag.name == "Trøndelag - Trööndelage"
    assert trondelag.name_in("nn") == "Trøndelag"
    assert trondelag.name_in("sma") == "Trööndelage"
    assert trondelag.name_in("en") == "Trøndelag"
    more = Place.objects.get(kind="county", code="15")
    assert more.name_in("se") == "Møre og Romsdal"


@pytest.mark.parametrize(
    ("language", "code", "at", "sentence"),
    [
        ("en", "1523", D2017, "Ørskog (1523) became part of Ålesund (1507) on 1 January 2020."),
        ("nb", "1523", D2017, "Ørskog (1523) ble en del av Ålesund (1507) 1. januar 2020."),
        ("nn", "1523", D2017, "Ørskog (1523) vart ein del av Ålesund (1507) 1. januar 2020."),
        (
            "en",
            "1567",
            D2017,
            "Rindal (1567) moved to Trøndelag as Rindal (5061) on 1 January 2019.",
        ),
        ("en", "1612", D2017, "Hemne (1612) was renumbered Hemne (5011) on 1 January 2018."),
        ("en", "1580", D2024, "Part of Ålesund (1507) became Haram (1580) on 1 January 2024."),
        (
            "en",
            "5056",
            D2024,
            "Part of Snillfjord (5012) became part of Hitra (5056) on 1 January 2020.",
        ),
    ],
)
def test_changes_are_explained_in_words(snapshot_timeline, language, code, at, sentence):
    place = snapshot_timeline.version(code, at)
    with translation.override(language):
        sentences = [
            snapshot_timeline.describe(change) for change in snapshot_timeline.changes_of(place)
        ]
    assert sentence in sentences


@pytest.mark.parametrize(
    ("code", "at", "to", "expected"),
    [
        ("1001", D2017, D2020, ["4204"]),  # Kristiansand, Søgne and Songdalen merged in 2020
        ("1018", D2017, D2024, ["4204"]),
        ("1017", D2017, D2024, ["4204"]),
        ("1201", D2017, D2024, ["4601"]),  # Bergen renumbered in Vestland
        ("1902", D2017, D2020, ["5401"]),  # Tromsø in Troms og Finnmark
        ("1902", D2017, D2024, ["5501"]),  # and in Troms again
        ("5501", D2024, D2017, ["1902"]),
    ],
)
def test_snapshot_reaches_from_kristiansand_to_tromso(snapshot_timeline, code, at, to, expected):
    assert codes(map_code(code, at, to)) == expected


def test_kristiansand_2020_is_a_merger_and_tromso_a_renumbering(snapshot_timeline):
    kristiansand = PlaceChange.objects.filter(new__code="4204")
    assert {c.old.code for c in kristiansand} == {"1001", "1017", "1018"}
    assert {c.kind for c in kristiansand} == {"merge"}
    assert PlaceChange.objects.get(old__code="1902").kind == "renumber"
    assert PlaceChange.objects.get(old__code="5401").kind == "renumber"
    assert places_on(D2017).get(code="1902").parent.code == "19"
    assert places_on(D2024).get(code="5501").parent.code == "55"
