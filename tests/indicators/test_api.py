"""`/api/regions/{slug}/statistics`: the page's numbers as JSON, documented in OpenAPI."""

import pytest

pytestmark = pytest.mark.usefixtures("english")


def test_a_regions_statistics_as_json(client, figures):
    data = client.get("/api/regions/alesundregionen/statistics").json()
    assert data["as_of"] == "2018-12-31"
    population = {p["year"]: p for p in data["population"]}
    assert (population[2014]["centre"], population[2014]["surroundings"]) == (45747, 33447)
    assert (population[2024]["centre"], population[2024]["surroundings"]) == (58509, 27768)
    assert population[2024]["comparable"] is False
    commuting = {c["year"]: c for c in data["commuting"]}
    assert round(commuting[2017]["share_to_centre"], 1) == 34.8
    flows = next(f for f in data["flows"] if f["year"] == 2019)
    sula = flows["codes"].index("1531")
    assert flows["values"][sula][flows["codes"].index("1504")] == 2039
    assert any("Haram" in note for note in data["notes"])
    assert {s["table"] for s in data["sources"]} == {"07459", "03321"}
    molde = client.get("/api/regions/molderegionen/statistics", {"as_of": "2018-12-31"}).json()
    assert next(p for p in molde["population"] if p["year"] == 2015)["total"] == 62304


def test_unknown_region_and_bad_date_are_errors_naming_the_parameter(client, figures):
    missing = client.get("/api/regions/ingen/statistics")
    assert missing.status_code == 404
    assert "ingen" in missing.content.decode()
    bad = client.get("/api/regions/alesundregionen/statistics", {"as_of": "2018-13-01"})
    assert bad.status_code == 400
    assert "as_of" in bad.content.decode()


def test_the_endpoint_is_in_the_openapi_description(client, db):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/regions/{slug}/statistics" in paths
