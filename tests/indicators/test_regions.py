"""A region's numbers through the places timeline; every value in checks.csv reproduced."""

import csv
import datetime as dt

import pytest

from byregion.indicators.regions import region_numbers
from byregion.indicators.ssb import DATA_DIR

PROGRAMME_END = dt.date(2018, 12, 31)
pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def numbers(figures, regions, timeline):
    return {
        slug: region_numbers(region, PROGRAMME_END, timeline) for slug, region in regions.items()
    }


def _checks():
    with open(DATA_DIR / "checks.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _region_of(numbers, code):
    """The region whose growth rows hold the municipality `code`."""
    for found in numbers.values():
        if any(g.unit.code == code for g in found.growth):
            return found
    raise AssertionError(f"no region counts {code}")


def _reproduce(check, numbers) -> int:
    year = int(check["year"])
    if check["table"] == "03321":
        region = _region_of(numbers, check["code_from"])
        matrix = region.matrices[year]
        codes = [u.code for u in matrix.units]
        row = next(values for unit, values in matrix.rows if unit.code == check["code_from"])
        return row[codes.index(check["code_to"])]
    codes = check["code_from"].split("+")
    if len(codes) > 1:  # a region's total: the region whose members are these codes
        region = next(n for n in numbers.values() if {g.unit.code for g in n.growth} >= set(codes))
        return region.population_in(year).total
    growth = next(g for g in _region_of(numbers, codes[0]).growth if g.unit.code == codes[0])
    if "drop" in check["what"]:
        return growth.series[year - 1] - growth.series[year]
    return growth.series[year]


@pytest.mark.parametrize("check", _checks(), ids=lambda c: c["what"][:40])
def test_every_checked_value_is_reproduced(numbers, check):
    assert _reproduce(check, numbers) == int(check["expected"])


def test_checks_cover_all_ten(numbers):
    assert len(_checks()) == 10


def test_molderegionen_2015_is_the_distriktssenteret_figure(numbers):
    assert numbers["molderegionen"].population_in(2015).total == 62304


def test_alesundregionen_centre_against_surroundings(numbers):
    alesund = numbers["alesundregionen"]
    first, last = alesund.population_in(2014), alesund.population_in(2024)
    assert (first.centre, first.surroundings) == (45747, 33447)
    # 2024: Ålesund (1508) holds Ørskog, Skodje and Sandøy; Haram (1580) is surroundings again.
    assert (last.centre, last.surroundings) == (58509, 27768)
    assert first.comparable and not last.comparable
    assert alesund.population_in(2019).comparable
    assert round(alesund.commuting_in(2017).share_to_centre, 1) == 34.8
    assert round(alesund.commuting_in(2022).share_to_centre, 1) == 49.4
    assert not alesund.commuting_in(2022).comparable


def test_mergers_and_transfers_are_said_not_smoothed(numbers, settings):
    notes = {slug: " ".join(n.notes) for slug, n in numbers.items()}
    assert "Ørskog, Skodje, Haram, Sandøy" in notes["alesundregionen"]  # Haram in (2020)
    assert "no longer holds Haram" in notes["alesundregionen"]  # and out again (2024)
    assert (
        "Orten moved from Sandøy (1546) to Aukra (1547), outside the region"
        in notes["alesundregionen"]
    )
    assert (
        "Orten moved from Sandøy (1546), outside the region, to Aukra (1547)"
        in notes["molderegionen"]
    )
    assert "Vågstranda moved from Rauma (1539) to Vestnes (1535)" in notes["molderegionen"]
    assert "Halsa became part of Heim (5055)" in notes["kristiansundregionen"]
    # Heim holds Hemne and part of Snillfjord: its figures are not the region's.
    kristiansund = numbers["kristiansundregionen"]
    assert kristiansund.population_in(2020).surroundings == 13592
    assert not any(g.unit.code == "5055" for g in kristiansund.growth)
    rauma = next(g for g in numbers["molderegionen"].growth if g.unit.code == "1539")
    assert "Vågstranda" in rauma.note


def test_observers_are_named_not_counted(numbers):
    assert numbers["kristiansundregionen"].observers == ["Aure (1576)"]
    assert numbers["kristiansundregionen"].population_in(2014).total == 24395 + 15063


def test_gaps_are_stated(numbers):
    assert numbers["alesundregionen"].commuting_gaps == [
        "No commuting figures for 2014\u20132016, 2023\u20132024."
    ]


def test_a_region_without_members_on_the_date_has_no_numbers(figures, regions, timeline):
    assert region_numbers(regions["molderegionen"], dt.date(2016, 1, 1), timeline).empty


def test_query_count_does_not_grow_with_members_or_years(
    figures, regions, timeline, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        region_numbers(regions["alesundregionen"], PROGRAMME_END, timeline)


def test_chart_axes_reach_the_largest_value():
    from byregion.indicators.charts import Series, bar_chart

    chart = bar_chart([2023, 2024], [Series("centre", [67520, 58509], "a")])
    assert min(bar["y"] for bar in chart["bars"]) >= 16  # no bar above the plot
    assert chart["y_ticks"][-1]["label"] == "80,000"
