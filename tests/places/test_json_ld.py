"""A municipality code's page carries JSON-LD a search engine reads as an administrative area."""

import json
import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def _json_ld(html: str) -> dict:
    (text,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(text)


def test_a_municipality_is_an_administrative_area_in_its_county(client, snapshot_timeline):
    html = client.get("/kommuner/1508/").content.decode()
    data = _json_ld(html)
    assert data["@type"] == "AdministrativeArea"
    assert data["identifier"] == "1508"
    assert data["name"] == "Ålesund"
    assert data["url"] == f"{settings.SITE_URL}/kommuner/1508/"
    assert data["containedInPlace"] == {
        "@type": "AdministrativeArea", "name": "Møre og Romsdal", "identifier": "15",
    }  # fmt: skip
    assert f'<link rel="canonical" href="{settings.SITE_URL}/kommuner/1508/">' in html


def test_names_in_other_languages_are_alternate_names(client, snapshot_timeline):
    from byregion.places.models import Place

    # The shipped snapshot has no Sámi or Kven names in these counties; give one here.
    Place.objects.filter(code="1508").update(names={"nb": "Ålesund", "se": "Ålesund-se"})
    data = _json_ld(client.get("/nn/kommuner/1508/").content.decode())
    assert data["name"] == "Ålesund"
    assert data["alternateName"] == ["Ålesund-se"]
    assert data["url"] == f"{settings.SITE_URL}/nn/kommuner/1508/"


def test_a_ceased_code_describes_its_last_version(client, snapshot_timeline):
    data = _json_ld(client.get("/en/kommuner/1523/").content.decode())
    assert data["name"] == "Ørskog"
    assert data["containedInPlace"]["identifier"] == "15"
    assert "</script" not in json.dumps(data)
