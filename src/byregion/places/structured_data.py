"""schema.org JSON-LD for a municipality code's page: the code's latest version as an
`AdministrativeArea`, identified by its code and contained in its county.

Only what KLASS records is stated: the official name, the names in other languages as
`alternateName`, the code, the county. schema.org has no property for "ceased on" or "merged
into" an administrative area, so the page's history and "today" links are left to the HTML.
"""

from django.urls import reverse

from byregion.core.addresses import absolute


def _area(place, request) -> dict:
    url = absolute(reverse("places:municipality", args=[place.code]))
    data = {
        "@type": "AdministrativeArea",
        "@id": url,
        "name": place.name,
        "identifier": place.code,
        "url": url,
    }
    others = sorted({name for name in place.names.values() if name and name != place.name})
    if others:
        data["alternateName"] = others
    if place.parent_id:
        data["containedInPlace"] = {
            "@type": "AdministrativeArea",
            "name": place.parent.name,
            "identifier": place.parent.code,
        }
    return data


def municipality_data(history: list[dict], request) -> dict:
    """`history`: the page's versions, oldest first, each with its `version`."""
    return {"@context": "https://schema.org", **_area(history[-1]["version"], request)}
