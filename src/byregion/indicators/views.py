"""A region's numbers: its own page, and each table as CSV. Views stay thin: the figures
come from `regions.region_numbers`, the chart geometry from `charts`."""

from __future__ import annotations

import csv
import datetime as dt

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from byregion.core.dates import date_param
from byregion.core.json_ld import as_script
from byregion.networks.models import ProgrammeRegion, Region
from byregion.places.timeline import Timeline

from . import charts
from .models import Indicator
from .regions import RegionNumbers, region_numbers
from .structured_data import TABLES, dataset


def region_and_default_date(slug: str) -> tuple[Region, dt.date, list]:
    """The region and the date its numbers are read for unless one is asked: the last day
    of its programme participation once that has ended (the members then), else today.
    One query when the region takes part in a programme, two when not. Also the
    programmes it takes part in."""
    participations = list(
        ProgrammeRegion.objects.filter(region__slug=slug).select_related("region", "programme")
    )
    today = timezone.localdate()
    if not participations:
        return get_object_or_404(Region, slug=slug), today, []
    ends = [p.left or p.programme.end for p in participations]
    default = today if None in ends else min(max(ends), today)
    return participations[0].region, default, [p.programme for p in participations]


def _numbers(request, slug) -> tuple[RegionNumbers, str, str, list]:
    region, default, programmes = region_and_default_date(slug)
    date, typed, error = date_param(request, default)
    return region_numbers(region, date), typed or default.isoformat(), error, programmes


def _matrix_year(request, numbers: RegionNumbers) -> int | None:
    years = sorted(numbers.matrices)
    if not years:
        return None
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return years[-1]
    return year if year in numbers.matrices else years[-1]


def population_charts(numbers: RegionNumbers) -> dict:
    years = [p.year for p in numbers.population]
    centre, rest = _("Centre"), _("Surroundings")
    return {
        "absolute": charts.bar_chart(
            years,
            [
                charts.Series(centre, [p.centre for p in numbers.population], "a"),
                charts.Series(rest, [p.surroundings for p in numbers.population], "b"),
            ],
        ),
        "indexed": charts.line_chart(
            years,
            [
                charts.Series(centre, [p.centre_index for p in numbers.population], "a"),
                charts.Series(rest, [p.surroundings_index for p in numbers.population], "b"),
            ],
            decimals=1,
        ),
    }


def region(request, slug):
    numbers, typed, error, programmes = _numbers(request, slug)
    year = _matrix_year(request, numbers)
    commuting_years = [c.year for c in numbers.commuting]
    context = {
        "region": numbers.region,
        "json_ld": None if numbers.empty else as_script(dataset(numbers, request.path)),
        "programmes": programmes,
        "numbers": numbers,
        "date_value": typed,
        "error": error,
        "matrix": numbers.matrices.get(year),
        "matrix_years": sorted(numbers.matrices),
        "charts": {
            **population_charts(numbers),
            "growth": charts.change_chart(
                [
                    (f"{g.unit.name} {g.first_year}\u2013{g.last_year}", g.percent)
                    for g in numbers.growth
                    if g.last_year > g.first_year
                ]
            ),
            "commuting": charts.bar_chart(
                commuting_years,
                [
                    charts.Series(
                        _("Surroundings to centre"),
                        [c.surroundings_to_centre for c in numbers.commuting],
                        "a",
                    ),
                    charts.Series(
                        _("Centre to surroundings"),
                        [c.centre_to_surroundings for c in numbers.commuting],
                        "b",
                    ),
                ],
            ),
        },
    }
    return render(request, "indicators/region.html", context)


def _rows(table: str, numbers: RegionNumbers, year: int | None) -> list[list]:
    if table == "population":
        head = [
            _("Year"),
            _("Centre"),
            _("Surroundings"),
            _("Total"),
            _("Centre, index"),
            _("Surroundings, index"),
            _("Comparable with the first year"),
        ]
        return [head] + [
            [
                p.year,
                p.centre,
                p.surroundings,
                p.total,
                p.centre_index,
                p.surroundings_index,
                _("yes") if p.comparable else _("no"),
            ]
            for p in numbers.population
        ]
    if table == "growth":
        head = [
            _("Code"),
            _("Municipality"),
            _("Made up of"),
            _("First year"),
            _("Population"),
            _("Last year"),
            _("Population"),
            _("Change"),
            _("Change, per cent"),
            _("Note"),
        ]
        return [head] + [
            [
                g.unit.code,
                g.unit.name,
                g.unit.made_of,
                g.first_year,
                g.first,
                g.last_year,
                g.last,
                g.change,
                None if g.percent is None else round(g.percent, 1),
                g.note,
            ]
            for g in numbers.growth
        ]
    if table == "commuting":
        head = [
            _("Year"),
            _("Surroundings' employed residents working in the centre"),
            _("Surroundings' employed residents"),
            _("Share, per cent"),
            _("Centre's employed residents working in the surroundings"),
            _("Centre's employed residents"),
            _("Working in the centre, living elsewhere"),
            _("Comparable with the first year"),
        ]
        return [head] + [
            [
                c.year,
                c.surroundings_to_centre,
                c.surroundings_employed,
                None if c.share_to_centre is None else round(c.share_to_centre, 1),
                c.centre_to_surroundings,
                c.centre_employed,
                c.into_centre,
                _("yes") if c.comparable else _("no"),
            ]
            for c in numbers.commuting
        ]
    matrix = numbers.matrices.get(year)
    if matrix is None:
        return [[_("No commuting figures.")]]
    head = [_("Living in / working in")] + [f"{u.name} ({u.code})" for u in matrix.units]
    return [head] + [[f"{u.name} ({u.code})", *values] for u, values in matrix.rows]


def region_csv(request, slug, table):
    if table not in TABLES:
        raise Http404
    numbers, _typed, _error, _programmes = _numbers(request, slug)
    year = _matrix_year(request, numbers)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    suffix = f"-{year}" if table == "flows" and year else ""
    response["Content-Disposition"] = (
        f'attachment; filename="{numbers.region.slug}-{table}{suffix}.csv"'
    )
    writer = csv.writer(response)
    for row in _rows(table, numbers, year):
        writer.writerow(["" if v is None else v for v in row])
    sources = numbers.sources.get(
        Indicator.POPULATION if table in ("population", "growth") else Indicator.COMMUTERS, []
    )
    for table_code in sorted({s.table for s in sources}):
        writer.writerow([_("Source: Statistics Norway, table %(table)s") % {"table": table_code}])
    return response


def _side_by_side(request, slug) -> dict:
    """The programme's regions side by side for one year, each as its members were on the
    last day of its participation (or today while it runs)."""
    participations = list(
        ProgrammeRegion.objects.filter(programme__slug=slug)
        .select_related("region", "programme")
        .order_by("region__name")
    )
    if not participations:
        raise Http404
    programme = participations[0].programme
    today = timezone.localdate()
    timeline = Timeline.kept()
    rows = []
    for participation in participations:
        end = participation.left or programme.end
        date = min(end, today) if end else today
        rows.append(region_numbers(participation.region, date, timeline))
    years = sorted({p.year for numbers in rows for p in numbers.population})
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    if year not in years:
        year = max((c.year for n in rows for c in n.commuting), default=None) or (
            years[-1] if years else None
        )
    regions = []
    for numbers in rows:
        population = numbers.population_in(year) if year else None
        first = numbers.population[0] if numbers.population else None
        growth = None
        if population and first and first.total and population.total is not None:
            growth = 100 * (population.total - first.total) / first.total
        regions.append(
            {
                "numbers": numbers,
                "population": population,
                "first": first,
                "growth": growth,
                "commuting": numbers.commuting_in(year) if year else None,
            }
        )
    return {"programme": programme, "regions": regions, "year": year, "years": years}


def programme(request, slug):
    return render(request, "indicators/programme.html", _side_by_side(request, slug))


def programme_csv(request, slug):
    context = _side_by_side(request, slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{context["programme"].slug}-regions-{context["year"]}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Region"),
            _("Year"),
            _("Centre"),
            _("Surroundings"),
            _("Total"),
            _("Change since the first year"),
            _("Share, per cent"),
            _("Centre to surroundings"),
            _("Into the centre from anywhere"),
            _("Comparable with the first year"),
        ]
    )
    for row in context["regions"]:
        p, c = row["population"], row["commuting"]
        writer.writerow(
            [
                row["numbers"].region.name,
                context["year"],
                *(["", "", ""] if p is None else [p.centre, p.surroundings, p.total]),
                "" if row["growth"] is None else round(row["growth"], 1),
                "" if c is None or c.share_to_centre is None else round(c.share_to_centre, 1),
                "" if c is None else c.centre_to_surroundings,
                "" if c is None else c.into_centre,
                "" if p is None else (_("yes") if p.comparable else _("no")),
            ]
        )
    for table in ("07459", "03321"):
        writer.writerow([_("Source: Statistics Norway, table %(table)s") % {"table": table}])
    return response
