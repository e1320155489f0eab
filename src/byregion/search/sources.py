"""How each kind of content becomes a search document (see `search.index`).

Registered here, in the search app, because search depends on the content apps and not
they on it. News, gatherings, sessions, experiences, regions and councils join as their
apps land.
"""

from django.urls import reverse
from django.utils import translation

from byregion.organisations.models import Organisation
from byregion.places.models import Place, PlaceKind

from .index import DocumentData, register


def organisation_document(organisation: Organisation) -> DocumentData:
    with translation.override("nb"):
        kind = organisation.get_kind_display()
        url = organisation.get_absolute_url()
    details = [kind]
    for town in (organisation.visiting_town, organisation.postal_town):
        if town and town not in details:
            details.append(town)
    return DocumentData(
        kind="organisation",
        title=organisation.name,
        url=url,
        summary=organisation.description,
        body=", ".join(details),
        language="nb",
        organisation_id=organisation.pk,
        region_ids=[region.pk for region in organisation.hosted_regions.all()],
    )


def municipality_document(place: Place) -> DocumentData | None:
    if place.kind != PlaceKind.MUNICIPALITY:
        return None
    names = [place.name, *(name for name in place.names.values() if name != place.name)]
    county = place.parent.name if place.parent_id else ""
    period = f"{place.valid_from.year}\u2013{place.valid_to.year if place.valid_to else ''}"
    with translation.override("nb"):
        url = reverse("places:municipality", kwargs={"code": place.code})
    return DocumentData(
        kind="municipality",
        title=f"{place.name_in('nb')} ({place.code})",
        url=url,
        summary=f"Kommune {place.code} i {county}, {period}."
        if county
        else f"Kommune {place.code}, {period}.",
        body=" ".join(dict.fromkeys(names)),
        language="nb",
        date=place.valid_from,
        region_ids=sorted({m.region_id for m in place.region_memberships.all()}),
    )


def register_sources() -> None:
    register(
        Organisation,
        organisation_document,
        queryset=lambda: Organisation.objects.prefetch_related("hosted_regions"),
    )
    register(
        Place,
        municipality_document,
        queryset=lambda: (
            Place.objects.filter(kind=PlaceKind.MUNICIPALITY)
            .select_related("parent")
            .prefetch_related("region_memberships")
        ),
    )
