"""A region's numbers in the open API (`byregion.api`): the same read as the page
(`regions.region_numbers`), so the API and the page never disagree."""

import datetime as dt

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from byregion.core.api.errors import ParameterError
from byregion.core.api.params import parse_date
from byregion.networks.models import Region

from .regions import region_numbers
from .views import region_and_default_date

router = Router()


class StatisticsFilters(Schema):
    as_of: str | None = None


class PopulationOut(Schema):
    year: int
    centre: int | None
    surroundings: int | None
    total: int | None
    centre_index: float | None
    surroundings_index: float | None
    comparable: bool


class GrowthOut(Schema):
    code: str
    name: str
    is_centre: bool
    made_of: list[str]  # the member codes on `as_of` it holds
    first_year: int
    first: int
    last_year: int
    last: int
    note: str


class CommutingOut(Schema):
    year: int
    surroundings_to_centre: int
    surroundings_employed: int
    share_to_centre: float | None
    centre_to_surroundings: int
    centre_employed: int
    into_centre: int
    comparable: bool


class FlowsOut(Schema):
    year: int
    codes: list[str]  # rows (residence) and columns (work), in this order
    values: list[list[int | None]]


class SourceOut(Schema):
    table: str
    variable: str
    title: str
    provenance: str
    licence: str
    retrieved: dt.date | None


class StatisticsOut(Schema):
    region: str
    name: str
    as_of: dt.date
    observers: list[str]
    population: list[PopulationOut]
    growth: list[GrowthOut]
    commuting: list[CommutingOut]
    flows: list[FlowsOut]
    notes: list[str]
    gaps: list[str]
    sources: list[SourceOut]


@router.get(
    "/regions/{slug}/statistics",
    response=StatisticsOut,
    summary="A region's numbers: population and commuting, centre against surroundings",
    description="Statistics Norway's tables 07459 (population on 1 January) and 03321 "
    "(employed persons by municipality of residence and of work, 4th quarter), summed over "
    "the region's members of `as_of` (YYYY-MM-DD; default the last day of the region's "
    "programme period, or today) in each year's municipality codes. `comparable` is false "
    "for a year whose centre or surroundings are made of other members than the first "
    "year's; `notes` say why. Observers are not counted. Source: Statistics Norway.",
)
def statistics(request, slug: str, filters: Query[StatisticsFilters]):
    if not Region.objects.filter(slug=slug).exists():
        raise ParameterError(
            "slug",
            _("No region has the slug “%(slug)s”.") % {"slug": slug},
            status=404,
            where="path",
        )
    region, default, _programmes = region_and_default_date(slug)
    as_of = parse_date(filters.as_of, "as_of") if filters.as_of else default
    numbers = region_numbers(region, as_of)
    return {
        "region": region.slug,
        "name": region.name,
        "as_of": as_of,
        "observers": numbers.observers,
        "population": [{**vars(p), "total": p.total} for p in numbers.population],
        "growth": [
            {
                "code": g.unit.code,
                "name": g.unit.name,
                "is_centre": g.unit.is_centre,
                "made_of": list(g.unit.sources),
                "first_year": g.first_year,
                "first": g.first,
                "last_year": g.last_year,
                "last": g.last,
                "note": g.note,
            }
            for g in numbers.growth
        ],
        "commuting": [{**vars(c), "share_to_centre": c.share_to_centre} for c in numbers.commuting],
        "flows": [
            {
                "year": m.year,
                "codes": [u.code for u in m.units],
                "values": [values for _unit, values in m.rows],
            }
            for m in numbers.matrices.values()
        ],
        "notes": numbers.notes,
        "gaps": numbers.commuting_gaps,
        "sources": [s for sources in numbers.sources.values() for s in sources],
    }
