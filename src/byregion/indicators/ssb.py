"""Import Statistics Norway's figures: JSON-stat2 (PxWebApi v2's answer) and the shipped CSV.

A file is read row by row into `Record`s; every record is checked, and the import writes
them in one transaction, in batches (bounded memory for SSB's national 03321 matrix of
about 130,000 pairs a year). A problem stops it with one line naming file, record and
field (`StatisticsError`), and nothing is written. Importing the same file twice changes
nothing. See docs/developers/indicators.md.

JSON-stat2 is read by the small reader below rather than pyjstat: pyjstat turns a dataset
into a pandas DataFrame (pandas is a 60 MB dependency the project does not otherwise
need), and its errors say nothing of which record or field was wrong. The part of
JSON-stat2 we read (id, size, dimension categories, value as list or dict) fits in forty
lines, tested against files built in SSB's shape.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import re
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice, product
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from byregion.core import pagecache

from .models import Indicator, Observation, Source

DATA_DIR = Path(__file__).resolve().parent / "data"
SHIPPED_FILES = ("population_07459.csv", "commuting_03321.csv")
PXWEB_API = "https://data.ssb.no/api/pxwebapi/v2"
# SSB's published limits for PxWebApi v2.
MAX_CELLS = 800_000
QUERIES_PER_MINUTE = 30
BATCH = 5_000
CODE = re.compile(r"^(?:K-)?(\d{4})$")
PERIOD = re.compile(r"^(\d{4})(?:K([1-4]))?$")
# As data/SOURCE.md states them: the 07459 files' repository documents NLOD 2.0; for the
# 03321 files only SSB's free reuse with attribution is stated.
SHIPPED_LICENCES = {
    "07459": (
        "Statistics Norway (SSB), free reuse with attribution; Norwegian Licence for Open "
        "Government Data (NLOD) 2.0 as documented by the source repository"
    ),
    "03321": "Statistics Norway (SSB), free reuse with attribution",
}
FETCHED_LICENCE = "Statistics Norway (SSB), CC BY 4.0"


@dataclass(frozen=True)
class Table:
    """What we read from one SSB table: its indicator, the contents code, the dimensions
    holding municipality codes (residence first), and the quarter a year's figure is."""

    indicator: str
    variable: str
    title: str
    geo: tuple[str, ...]
    quarter: int = 0


TABLES = {
    "07459": Table(
        Indicator.POPULATION,
        "Personer1",
        "Population, by region, age, contents and year (1 January)",
        ("Region",),
    ),
    "03321": Table(
        Indicator.COMMUTERS,
        "Sysselsatte",
        "Employed persons 15-74 years (4th quarter), by municipality of work and of residence",
        ("Bokommuen", "ArbstedKomm"),
        quarter=4,
    ),
}


class StatisticsError(Exception):
    """A file that cannot be imported; the message is one line naming where and why."""


@dataclass(frozen=True)
class SourceKey:
    table: str
    variable: str
    title: str
    provenance: str
    licence: str
    retrieved: dt.date | None = None


@dataclass(frozen=True)
class Record:
    indicator: str
    year: int
    quarter: int
    code: str
    to_code: str
    value: int
    source: SourceKey


@dataclass
class ImportResult:
    written: int = 0
    skipped: int = 0  # cells that are not a municipality (country, county) or have no value


def _fail(where: str, field: str, problem: str) -> StatisticsError:
    return StatisticsError(f"{where}: {field}: {problem}")


# The shipped CSV ---------------------------------------------------------------------------

CSV_FORMS = {
    # the value's column -> (indicator, year column, code columns)
    "population_1jan": (Indicator.POPULATION, "year", ("kommunenummer",)),
    "sysselsatte": (
        Indicator.COMMUTERS,
        "year_q4",
        ("bosted_kommunenummer", "arbeidssted_kommunenummer"),
    ),
}


def _integer(where: str, field: str, text: str, low: int, high: int) -> int:
    try:
        value = int(text)
    except (TypeError, ValueError):
        raise _fail(where, field, _("%(value)r is not a whole number") % {"value": text}) from None
    if not low <= value <= high:
        raise _fail(
            where,
            field,
            _("%(value)s is outside %(low)s to %(high)s")
            % {"value": value, "low": low, "high": high},
        )
    return value


def _code(where: str, field: str, text: str) -> str:
    found = CODE.match(text or "")
    if not found:
        raise _fail(
            where, field, _("%(value)r is not a municipality code (4 digits)") % {"value": text}
        )
    return found.group(1)


def read_csv(path: Path) -> Iterator[Record]:
    """The shipped CSV forms (see data/SOURCE.md), one record per row."""
    try:
        handle = open(path, encoding="utf-8", newline="")  # noqa: SIM115 (closed below)
    except FileNotFoundError:
        raise StatisticsError(_("%(file)s: no such file") % {"file": path}) from None
    with handle:
        reader = csv.DictReader(handle)
        columns = reader.fieldnames or []
        form = next((CSV_FORMS[c] for c in columns if c in CSV_FORMS), None)
        if form is None:
            raise StatisticsError(
                _("%(file)s: line 1: header: neither population_1jan nor sysselsatte")
                % {"file": path}
            )
        indicator, year_column, code_columns = form
        value_column = next(c for c in columns if c in CSV_FORMS)
        table_code = "07459" if indicator == Indicator.POPULATION else "03321"
        table = TABLES[table_code]
        for missing in [year_column, *code_columns, "ssb_table"]:
            if missing not in columns:
                raise StatisticsError(
                    _("%(file)s: line 1: %(field)s: column missing")
                    % {"file": path, "field": missing}
                )
        sources: dict[tuple, SourceKey] = {}
        for number, row in enumerate(reader, start=2):
            where = _("%(file)s: line %(line)s") % {"file": path, "line": number}
            if not (row.get("ssb_table") or "").startswith(table_code):
                raise _fail(where, "ssb_table", _("not table %(table)s") % {"table": table_code})
            year = _integer(where, year_column, row[year_column], 1900, 2100)
            codes = [_code(where, column, row[column]) for column in code_columns]
            value = _integer(where, value_column, row[value_column], 0, 10**12)
            origin = (row.get("source_repo"), row.get("source_commit"), row.get("source_path"))
            if origin not in sources:
                repo, commit, file = origin
                provenance = f"github.com/{repo}, commit {commit}, {file}" if repo else str(path)
                sources[origin] = SourceKey(
                    table_code,
                    table.variable,
                    table.title,
                    provenance,
                    SHIPPED_LICENCES[table_code],
                )
            yield Record(
                indicator,
                year,
                table.quarter,
                codes[0],
                codes[1] if len(codes) > 1 else "",
                value,
                sources[origin],
            )


# JSON-stat2 --------------------------------------------------------------------------------


def _categories(where: str, dimension: dict, name: str) -> list[str]:
    """A dimension's category codes in their index order."""
    try:
        index = dimension[name]["category"]["index"]
    except (KeyError, TypeError):
        raise _fail(where, f"dimension.{name}.category.index", _("missing")) from None
    if isinstance(index, list):
        return [str(code) for code in index]
    if isinstance(index, dict):
        return [str(code) for code, _position in sorted(index.items(), key=lambda item: item[1])]
    raise _fail(where, f"dimension.{name}.category.index", _("neither a list nor an object"))


def read_jsonstat(
    document: object, source: str, *, retrieved: dt.date | None = None, provenance: str = ""
) -> tuple[Iterator[Record], ImportResult]:
    """The records of one JSON-stat2 dataset from a known SSB table (TABLES).

    Municipality codes are the geographic dimensions' 4-digit codes (an optional "K-" is
    dropped); other codes there (the country "0", counties) are skipped and counted, and so
    are cells without a value (null). Dimensions other than time, contents and geography (sex,
    age) are summed, as SSB's own totals are.
    """
    where = source
    if not isinstance(document, dict) or document.get("class") != "dataset":
        raise _fail(where, "class", _('not a JSON-stat2 dataset (class "dataset")'))
    extension = document.get("extension") or {}
    table_code = str((extension.get("px") or {}).get("tableid") or "")
    if table_code not in TABLES:
        raise _fail(
            where,
            "extension.px.tableid",
            _("%(value)r is not a table Byregion reads (%(known)s)")
            % {"value": table_code, "known": ", ".join(TABLES)},
        )
    table = TABLES[table_code]
    ids, sizes = document.get("id"), document.get("size")
    dimension = document.get("dimension")
    if not (isinstance(ids, list) and isinstance(sizes, list) and len(ids) == len(sizes)):
        raise _fail(where, "id/size", _("missing or of different lengths"))
    if not isinstance(dimension, dict):
        raise _fail(where, "dimension", _("missing"))
    role = document.get("role") or {}
    time_dimension = (role.get("time") or ["Tid"])[0]
    metric = (role.get("metric") or ["ContentsCode"])[0]
    for name in (*table.geo, time_dimension, metric):
        if name not in ids:
            raise _fail(where, "id", _("no dimension %(name)s") % {"name": name})
    categories = [_categories(where, dimension, name) for name in ids]
    for name, codes, size in zip(ids, categories, sizes, strict=True):
        if len(codes) != size:
            raise _fail(where, f"size.{name}", _("does not match the categories"))
    if table.variable not in categories[ids.index(metric)]:
        raise _fail(where, f"dimension.{metric}", _("no %(code)s") % {"code": table.variable})
    values = document.get("value")
    total = math.prod(sizes)
    if isinstance(values, list):
        if len(values) != total:
            raise _fail(
                where,
                "value",
                _("%(found)s values for %(cells)s cells") % {"found": len(values), "cells": total},
            )
        value_at = values.__getitem__
    elif isinstance(values, dict):

        def value_at(position, values=values):
            return values.get(str(position))
    else:
        raise _fail(where, "value", _("neither a list nor an object"))

    key = SourceKey(
        table_code,
        table.variable,
        str(document.get("label") or table.title)[:300],
        provenance or source,
        FETCHED_LICENCE,
        retrieved,
    )
    result = ImportResult()

    def records() -> Iterator[Record]:
        sums: dict[tuple, int] = {}
        axes = [range(size) for size in sizes]
        geo_at = [ids.index(name) for name in table.geo]
        time_at, metric_at = ids.index(time_dimension), ids.index(metric)
        for position, point in enumerate(product(*axes)):
            if categories[metric_at][point[metric_at]] != table.variable:
                continue
            value = value_at(position)
            codes = [CODE.match(categories[i][point[i]]) for i in geo_at]
            if value is None or not all(codes):
                result.skipped += 1
                continue
            period = categories[time_at][point[time_at]]
            found = PERIOD.match(period)
            if not found:
                raise _fail(
                    f"{where}: value[{position}]",
                    f"dimension.{time_dimension}",
                    _("%(value)r is not a year or quarter (2019, 2019K4)") % {"value": period},
                )
            if not isinstance(value, int | float) or value < 0 or value != int(value):
                raise _fail(
                    f"{where}: value[{position}]",
                    "value",
                    _("%(value)r is not a count") % {"value": value},
                )
            year, quarter = int(found.group(1)), int(found.group(2) or table.quarter)
            cell = (year, quarter, *(c.group(1) for c in codes))
            sums[cell] = sums.get(cell, 0) + int(value)
        for (year, quarter, code, *rest), value in sums.items():
            yield Record(table.indicator, year, quarter, code, rest[0] if rest else "", value, key)

    return records(), result


def load_json(path: Path) -> object:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StatisticsError(_("%(file)s: no such file") % {"file": path}) from None
    except UnicodeDecodeError:
        raise StatisticsError(_("%(file)s: not UTF-8 text") % {"file": path}) from None
    except json.JSONDecodeError as error:
        raise StatisticsError(
            _("%(file)s: not valid JSON (line %(line)s, column %(column)s: %(reason)s)")
            % {"file": path, "line": error.lineno, "column": error.colno, "reason": error.msg}
        ) from None


# Writing -----------------------------------------------------------------------------------


def _write(records: Iterable[Record], result: ImportResult) -> None:
    """Upsert the records in batches; the caller holds the transaction."""
    sources: dict[SourceKey, Source] = {}
    iterator = iter(records)
    while batch := list(islice(iterator, BATCH)):
        rows = []
        for record in batch:
            source = sources.get(record.source)
            if source is None:
                key = record.source
                source, _created = Source.objects.update_or_create(
                    table=key.table,
                    variable=key.variable,
                    provenance=key.provenance,
                    defaults={
                        "title": key.title,
                        "licence": key.licence,
                        "retrieved": key.retrieved,
                    },
                )
                sources[key] = source
            rows.append(
                Observation(
                    indicator=record.indicator,
                    year=record.year,
                    quarter=record.quarter,
                    code=record.code,
                    to_code=record.to_code,
                    value=record.value,
                    source=source,
                )
            )
        Observation.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["indicator", "year", "quarter", "code", "to_code"],
            update_fields=["value", "source"],
        )
        result.written += len(rows)
    # bulk_create sends no signals: the pages showing figures are stale now.
    pagecache.bump()


def import_files(paths: Iterable[Path | str]) -> ImportResult:
    """Import CSV (shipped form) and JSON-stat2 files, all or nothing."""
    result = ImportResult()
    with transaction.atomic():
        for path in map(Path, paths):
            if path.suffix.lower() == ".csv":
                _write(read_csv(path), result)
            else:
                records, counts = read_jsonstat(load_json(path), str(path))
                _write(records, result)
                result.skipped += counts.skipped
    return result


def import_shipped() -> ImportResult:
    """The figures Byregion ships (data/SOURCE.md): the demo's statistics."""
    return import_files(DATA_DIR / name for name in SHIPPED_FILES)


# Fetching from PxWebApi v2 ----------------------------------------------------------------


def plan_queries(
    sizes: dict[str, int], periods: list[str], time_dimension: str = "Tid"
) -> list[list[str]]:
    """The periods per query so that no query asks for more than MAX_CELLS cells."""
    per_period = math.prod(size for name, size in sizes.items() if name != time_dimension)
    if per_period > MAX_CELLS:
        raise StatisticsError(
            _("one period of the table has %(cells)s cells, more than SSB's %(limit)s a query")
            % {"cells": per_period, "limit": MAX_CELLS}
        )
    step = max(1, MAX_CELLS // per_period)
    return [periods[i : i + step] for i in range(0, len(periods), step)]


def fetch_and_import(
    table_code: str,
    periods: list[str],
    *,
    opener: Callable[[str], bytes] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> ImportResult:
    """Ask PxWebApi v2 for a table's municipalities and `periods` (all codes of the
    geographic dimensions, the table's contents code), within SSB's limits: at most
    MAX_CELLS cells a query and QUERIES_PER_MINUTE queries a minute. Every answer is read
    before anything is written."""
    if table_code not in TABLES:
        raise StatisticsError(
            _("%(value)r is not a table Byregion reads (%(known)s)")
            % {"value": table_code, "known": ", ".join(TABLES)}
        )
    table = TABLES[table_code]
    opener = opener or _open
    pause = 60 / QUERIES_PER_MINUTE
    base = f"{PXWEB_API}/tables/{table_code}"
    metadata = json.loads(opener(f"{base}/metadata?lang=no&outputFormat=json-stat2"))
    # Dimensions not asked for (sex, age) are eliminated by SSB: one cell each.
    sizes = dict(zip(metadata["id"], metadata["size"], strict=True))
    sizes = {name: sizes[name] for name in table.geo}
    answers = []
    for chunk in plan_queries(sizes, periods):
        sleep(pause)
        query = {f"valueCodes[{name}]": "*" for name in table.geo}
        query["valueCodes[ContentsCode]"] = table.variable
        query["valueCodes[Tid]"] = ",".join(chunk)
        url = f"{base}/data?lang=no&outputFormat=json-stat2&" + urllib.parse.urlencode(query)
        answers.append((url, json.loads(opener(url))))
    result = ImportResult()
    today = dt.date.today()
    with transaction.atomic():
        for url, document in answers:
            records, counts = read_jsonstat(document, url, retrieved=today, provenance=base)
            _write(records, result)
            result.skipped += counts.skipped
    return result


def _open(url: str) -> bytes:  # pragma: no cover - the network, for operators only
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310 (https, a constant base)
    with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
        return response.read()
