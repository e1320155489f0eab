"""The public directory: a list of organisations by kind, and a page per organisation."""

from django.http import Http404
from django.shortcuts import render

from byregion.core.addresses import absolute

from . import directory
from .models import Organisation, OrganisationKind
from .structured_data import organisation_json_ld


def organisation_list(request):
    kind = request.GET.get("kind")
    if kind not in OrganisationKind.values:
        kind = None
    page = directory.organisation_page(kind=kind, page=request.GET.get("page"))
    return render(
        request,
        "organisations/organisation_list.html",
        {
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2),
            "kind": kind,
            "kinds": directory.kind_counts(),
        },
    )


def organisation_detail(request, slug):
    try:
        organisation = directory.organisation_with_contact(slug)
    except Organisation.DoesNotExist:
        raise Http404 from None
    page_url = absolute(organisation.get_absolute_url())
    return render(
        request,
        "organisations/organisation_detail.html",
        {"organisation": organisation, "json_ld": organisation_json_ld(organisation, page_url)},
    )
