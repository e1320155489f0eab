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


@dataclass
class Row:
    label: str
    registered: int = 0
    attended: int = 0
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
    registered: int = 0
    position: Position | None = None


@dataclass
class GatheringStatistics:
    registered: int = 0
    waitlisted: int = 0
    cancelled: int = 0
    attended: int = 0
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
        return max((row.registered for row in rows), default=0)


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
            home = homes.setdefault(version, Home(name, position=centres.get(version)))
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
    return stats


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
