"""JSON-stat2 datasets in the shape PxWebApi v2 answers, built from the shipped figures."""

import csv
import json
from pathlib import Path

from byregion.indicators.ssb import DATA_DIR


def shipped_rows(name: str) -> list[dict]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def dataset(table: str, dimensions: dict[str, list[str]], values) -> dict:
    """A JSON-stat2 dataset; `values` a list in row-major order or a sparse dict."""
    ids = list(dimensions)
    return {
        "version": "2.0",
        "class": "dataset",
        "label": f"{table}: test dataset built from the shipped figures",
        "source": "Statistics Norway",
        "updated": "2024-02-21T07:00:00Z",
        "id": ids,
        "size": [len(codes) for codes in dimensions.values()],
        "role": {
            "time": ["Tid"],
            "metric": ["ContentsCode"],
            "geo": [i for i in ids if i not in ("Tid", "ContentsCode")],
        },
        "dimension": {
            name: {"label": name, "category": {"index": {c: i for i, c in enumerate(codes)}}}
            for name, codes in dimensions.items()
        },
        "value": values,
        "extension": {"px": {"tableid": table}},
    }


def population(years: list[int]) -> dict:
    """07459 for `years`: the shipped municipalities plus the country ("0", no value)."""
    rows = [r for r in shipped_rows("population_07459.csv") if int(r["year"]) in years]
    codes = ["0", *sorted({r["kommunenummer"] for r in rows})]
    by_cell = {(r["kommunenummer"], r["year"]): int(r["population_1jan"]) for r in rows}
    times = [str(y) for y in years]
    values = [by_cell.get((code, year)) for code in codes for year in times]
    return dataset("07459", {"Region": codes, "ContentsCode": ["Personer1"], "Tid": times}, values)


def commuting(year: int) -> dict:
    rows = [r for r in shipped_rows("commuting_03321.csv") if int(r["year_q4"]) == year]
    codes = sorted({r["bosted_kommunenummer"] for r in rows})
    by_pair = {
        (r["bosted_kommunenummer"], r["arbeidssted_kommunenummer"]): int(r["sysselsatte"])
        for r in rows
    }
    values = [by_pair.get((a, b)) for a in codes for b in codes]
    return dataset(
        "03321",
        {
            "Bokommuen": codes,
            "ArbstedKomm": codes,
            "ContentsCode": ["Sysselsatte"],
            "Tid": [str(year)],
        },
        values,
    )


def write(path: Path, document: dict) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path
