"""A gathering's statistics: one named read function, a fixed number of queries.

Counts come from one grouped query over registrations (region, county, role category,
status, attendance), so the cost does not grow with the number of participants, and they
stay correct after retention anonymises the people: what is counted is never erased.

Geographic spread is told by home municipality and county as the participants gave them,
and by position: the latitude of each home municipality's administrative centre, from the
data file `places/data/municipality-centres.json` (keyed on the municipality version: code
and first day), read once per process. Southernmost and northernmost are the home
municipalities with the lowest and highest latitude among those whose position is known;
those with no recorded position are listed as such, never guessed.

The public view (`private=False`) never shows a count of people from 1 to 4: such a cell
reads "fewer than 5" (`Suppressed`), so nobody from a small municipality or a rare role is
recognisable. Since the totals are public (the gathering page tells seats left), a lone
small cell in a table could be worked out as the total minus the rest; `_protect` then
hides the next smallest cells too ("hidden"), until no hidden cell can be pinned from
the total, what is shown, and what the rules themselves tell (a "fewer than 5" is 1 to 4,
a "hidden" one at least 5 and at most the smallest shown). The reasoning, and what it
does not cover, is in docs/developers/registrations.md (Statistics).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db.models import Count, Q
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .models import Dietary, Registration, Status

MIN_COUNT = 5  # the smallest count of people the public statistics show


@dataclass(frozen=True)
class Suppressed:
    """A count the public view does not show: from 1 to 4 ("fewer than 5"), or a larger one
    hidden so that those cannot be worked out from the totals ("hidden")."""

    under_five: bool

    def __str__(self) -> str:
        return _("fewer than 5") if self.under_five else _("hidden")


Figure = int | Suppressed


@dataclass
class Row:
    label: str
    registered: Figure = 0
    attended: Figure = 0
    unknown: bool = False


CENTRES_FILE = Path(__file__).resolve().parents[1] / "places" / "data" / "municipality-centres.json"


@dataclass(frozen=True)
class Position:
    """Where a municipality's administrative centre lies (WGS 84 degrees) and the source."""

    latitude: float
    longitude: float
    centre: str
    source: str


@functools.cache
def municipality_centres() -> dict[tuple[str, dt.date], Position]:
    """The shipped positions, keyed on (code, valid_from) of the municipality version."""
    document = json.loads(CENTRES_FILE.read_text(encoding="utf-8"))
    return {
        (row["code"], dt.date.fromisoformat(row["validFrom"])): Position(
            float(row["latitude"]), float(row["longitude"]), row["centre"], row["source"]
        )
        for row in document["centres"]
    }


@dataclass
class Home:
    """A home municipality: its name, how many registered from it, and its position if known."""

    name: str
    registered: Figure = 0
    position: Position | None = None
    county: str = ""


@dataclass
class GatheringStatistics:
    registered: Figure = 0
    waitlisted: Figure = 0
    cancelled: Figure = 0
    attended: Figure = 0
    by_region: list[Row] = field(default_factory=list)
    by_county: list[Row] = field(default_factory=list)
    by_role: list[Row] = field(default_factory=list)
    municipalities: list[str] = field(default_factory=list)
    # Home municipalities with a known position, north to south; and those without one.
    homes_by_latitude: list[Home] = field(default_factory=list)
    homes_without_position: list[Home] = field(default_factory=list)
    # Private: totals for caterers and hosts, never who.
    dietary: list[Row] = field(default_factory=list)
    accessibility_needs: int = 0

    @property
    def counties(self) -> int:
        """Counties represented (those not given are not a county)."""
        return sum(1 for row in self.by_county if not row.unknown)

    @property
    def northernmost(self) -> Home | None:
        return self.homes_by_latitude[0] if self.homes_by_latitude else None

    @property
    def southernmost(self) -> Home | None:
        return self.homes_by_latitude[-1] if self.homes_by_latitude else None

    @property
    def max_registered(self) -> int:
        rows = self.by_region + self.by_county + self.by_role
        return max((row.registered for row in rows if isinstance(row.registered, int)), default=0)

    @property
    def suppressed(self) -> bool:
        """Whether the public view hides any figure (the page then says why)."""
        figures = [self.registered, self.waitlisted, self.attended]
        for row in self.by_region + self.by_county + self.by_role:
            figures += [row.registered, row.attended]
        figures += [home.registered for home in self.homes_by_latitude]
        figures += [home.registered for home in self.homes_without_position]
        return any(isinstance(figure, Suppressed) for figure in figures)


def _place_name(names: dict | None, official: str | None) -> str:
    language = (get_language() or "nb").split("-")[0]
    names = names or {}
    return names.get(language) or names.get("nb") or official or ""


def gathering_statistics(gathering, *, private: bool = False) -> GatheringStatistics:
    """Registrations and attendance by region, county and role category. One query; two
    with `private` (dietary and accessibility totals for the organisers)."""
    rows = (
        Registration.objects.filter(gathering=gathering)
        .values(
            "status",
            "region__name",
            "role__name",
            "role__name_nb",
            "role__name_nn",
            "role__sort_order",
            "municipality__name",
            "municipality__names",
            "municipality__code",
            "municipality__valid_from",
            "municipality__parent__name",
            "municipality__parent__names",
        )
        .annotate(count=Count("id"), attended=Count("id", filter=Q(checked_in_at__isnull=False)))
    )
    stats = GatheringStatistics()
    language = (get_language() or "nb").split("-")[0]
    regions: dict[str, Row] = {}
    counties: dict[str, Row] = {}
    roles: dict[tuple, Row] = {}
    municipalities = set()
    homes: dict[tuple, Home] = {}
    centres = municipality_centres()
    unknown = _("Not given")
    for row in rows:
        if row["status"] == Status.WAITLISTED:
            stats.waitlisted += row["count"]
            continue
        if row["status"] == Status.CANCELLED:
            stats.cancelled += row["count"]
            continue
        stats.registered += row["count"]
        stats.attended += row["attended"]
        region = row["region__name"] or unknown
        county = (
            _place_name(row["municipality__parent__names"], row["municipality__parent__name"])
            or unknown
        )
        role_name = {"nb": row["role__name_nb"], "nn": row["role__name_nn"]}.get(language) or (
            row["role__name"] or unknown
        )
        role_key = (row["role__sort_order"] if row["role__name"] else 10_000, role_name)
        for table, key, label in (
            (regions, region, region),
            (counties, county, county),
            (roles, role_key, role_name),
        ):
            entry = table.setdefault(key, Row(label, unknown=label == unknown))
            entry.registered += row["count"]
            entry.attended += row["attended"]
        if row["municipality__name"]:
            name = _place_name(row["municipality__names"], row["municipality__name"])
            municipalities.add(name)
            version = (row["municipality__code"], row["municipality__valid_from"])
            home = homes.setdefault(
                version, Home(name, position=centres.get(version), county=county)
            )
            home.registered += row["count"]

    def by_size(table):
        return sorted(table.values(), key=lambda r: (r.label == unknown, -r.registered, r.label))

    stats.by_region = by_size(regions)
    stats.by_county = by_size(counties)
    stats.by_role = [roles[key] for key in sorted(roles)]
    stats.municipalities = sorted(municipalities)
    located = [home for home in homes.values() if home.position is not None]
    stats.homes_by_latitude = sorted(located, key=lambda home: (-home.position.latitude, home.name))
    stats.homes_without_position = sorted(
        (home for home in homes.values() if home.position is None), key=lambda home: home.name
    )
    if private:
        _add_needs(gathering, stats)
    else:
        _suppress_small_counts(stats, unknown)
    return stats


def _safe(hidden: list[int], smallest_shown: int | None) -> bool:
    """Whether no hidden count under MIN_COUNT can be pinned by someone who knows the table's
    total, every shown cell, and these rules: a "fewer than 5" cell is 1 to 4; a "hidden" one
    is at least 5 and, being chosen smallest first, at most the smallest shown cell."""
    small = [v for v in hidden if v < MIN_COUNT]
    n_small, n_large, total = len(small), len(hidden) - len(small), sum(hidden)
    if not n_small:
        return True
    if not n_large:  # the small cells' sum is known: each is pinned if all are 1 or all 4
        return n_small >= 2 and n_small < total < (MIN_COUNT - 1) * n_small
    large_most = total if smallest_shown is None else smallest_shown * n_large
    lowest = max(n_small, total - large_most)
    highest = min((MIN_COUNT - 1) * n_small, total - MIN_COUNT * n_large)
    return highest > lowest  # the small cells' sum has two values or more: none is pinned


def _protect(values: list[int], forced: set[int] = frozenset()) -> tuple[set[int], bool]:
    """The cells of one table (whose total is public) to hide: those from 1 to 4, those
    `forced`, and then the smallest others until `_safe`. Also whether that was enough
    (when every cell is hidden and it is not, the total must go too)."""
    hidden = {i for i, v in enumerate(values) if 0 < v < MIN_COUNT} | set(forced)
    while hidden:
        rest = [i for i, v in enumerate(values) if i not in hidden and v > 0]
        smallest = min((values[i] for i in rest), default=None)
        if _safe([values[i] for i in hidden], smallest):
            break
        if not rest:
            return hidden, False
        hidden.add(min(rest, key=lambda i: values[i]))
    return hidden, True


def _figure(value: int, hide: bool) -> Figure:
    if value and (hide or value < MIN_COUNT):
        return Suppressed(under_five=value < MIN_COUNT)
    return value


def _suppress_small_counts(stats: GatheringStatistics, unknown: str) -> None:
    """The public view: see the module's docstring. Computed on the exact counts, in
    memory, after the one query."""
    totals_safe = {"registered": True, "attended": True}

    def protect_rows(rows: list[Row], forced: set[int] = frozenset()) -> None:
        registered, safe = _protect([r.registered for r in rows], forced)
        totals_safe["registered"] &= safe
        # A row whose registrations are hidden hides its attendance too (it would bound them).
        attended, safe = _protect(
            [r.attended for r in rows], {i for i in registered if rows[i].attended}
        )
        totals_safe["attended"] &= safe
        for i, row in enumerate(rows):
            row.registered = _figure(row.registered, i in registered)
            row.attended = _figure(row.attended, i in attended)

    # Home municipalities add up to their county's row: protect each county's homes first;
    # a county whose homes cannot be protected is hidden in the county table.
    homes = stats.homes_by_latitude + stats.homes_without_position
    county_rows = {row.label: i for i, row in enumerate(stats.by_county)}
    forced_counties = set()
    for county in {home.county for home in homes}:
        group = [home for home in homes if home.county == county]
        hidden, safe = _protect([home.registered for home in group])
        if not safe and county in county_rows:
            forced_counties.add(county_rows[county])
        for i, home in enumerate(group):
            home.registered = _figure(home.registered, i in hidden)

    protect_rows(stats.by_region)
    protect_rows(stats.by_county, forced_counties)
    protect_rows(stats.by_role)
    stats.registered = _figure(stats.registered, not totals_safe["registered"])
    stats.attended = _figure(stats.attended, not totals_safe["attended"])
    stats.waitlisted = _figure(stats.waitlisted, False)
    stats.cancelled = _figure(stats.cancelled, False)

    def public_order(row: Row):
        # Shown rows by size; hidden ones by name, so their order tells nothing of their size.
        hidden = isinstance(row.registered, Suppressed)
        return (row.label == unknown, hidden, 0 if hidden else -row.registered, row.label)

    stats.by_region.sort(key=public_order)
    stats.by_county.sort(key=public_order)


def _add_needs(gathering, stats: GatheringStatistics) -> None:
    counter: Counter = Counter()
    other = 0
    accessibility = 0
    needs = Registration.objects.filter(gathering=gathering, status=Status.CONFIRMED).values_list(
        "dietary", "dietary_other", "accessibility"
    )
    for dietary, dietary_other, access in needs:
        counter.update(dietary or [])
        other += bool(dietary_other)
        accessibility += bool(access)
    labels = dict(Dietary.choices)
    stats.dietary = [Row(str(labels.get(k, k)), n) for k, n in sorted(counter.items())]
    if other:
        stats.dietary.append(Row(_("other needs (see the list)"), other))
    stats.accessibility_needs = accessibility
