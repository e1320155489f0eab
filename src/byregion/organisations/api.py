"""The organisation directory, for the open API (`byregion.api`): what the pages show."""

import datetime as dt

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from byregion.core.addresses import absolute
from byregion.core.api.errors import ParameterError
from byregion.core.api.pagination import Cursor

from .models import HoursException, Organisation, OrganisationKind

router = Router()


class AddressOut(Schema):
    street: str
    postcode: str
    town: str


class HoursOut(Schema):
    weekday: int  # 0 = Monday
    opens: dt.time
    closes: dt.time


class ExceptionOut(Schema):
    date: dt.date
    label: str
    closed: bool
    opens: dt.time | None
    closes: dt.time | None


class OrganisationOut(Schema):
    slug: str
    name: str
    kind: str
    org_number: str
    municipality_code: str | None
    website: str
    established: dt.date | None
    dissolved: dt.date | None
    url: str

    @staticmethod
    def resolve_municipality_code(obj) -> str | None:
        return obj.municipality.code if obj.municipality_id else None

    @staticmethod
    def resolve_url(obj, context) -> str:
        return absolute(reverse("organisations:detail", args=[obj.slug]))


class OrganisationDetailOut(OrganisationOut):
    description: str
    phone: str
    email: str
    postal_address: AddressOut | None
    visiting_address: AddressOut | None
    switchboard_hours: list[HoursOut]
    opening_hours: list[HoursOut]
    exceptions: list[ExceptionOut]  # from today on

    @staticmethod
    def resolve_switchboard_hours(obj):
        return list(obj.switchboard_hours.all())

    @staticmethod
    def resolve_opening_hours(obj):
        return list(obj.opening_hours.all())

    @staticmethod
    def resolve_exceptions(obj):
        return obj.upcoming_exceptions


class OrganisationFilters(Schema):
    kind: OrganisationKind | None = None
    municipality: str | None = None  # a municipality code


@router.get("", response=list[OrganisationOut], summary="Organisations, by name")
@paginate(Cursor, ordering=("name", "pk"))
def organisations(request, filters: Query[OrganisationFilters]):
    queryset = Organisation.objects.select_related("municipality")
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.municipality:
        queryset = queryset.filter(municipality__code=filters.municipality)
    return queryset


@router.get(
    "/{slug}",
    response=OrganisationDetailOut,
    summary="One organisation with its contact details and hours",
)
def organisation(request, slug: str):
    today = timezone.localdate()
    found = (
        Organisation.objects.filter(slug=slug)
        .select_related("municipality")
        .prefetch_related(
            "switchboard_hours",
            "opening_hours",
            Prefetch(
                "hours_exceptions",
                queryset=HoursException.objects.filter(date__gte=today).order_by("date"),
                to_attr="upcoming_exceptions",
            ),
        )
        .first()
    )
    if found is None:
        raise ParameterError(
            "slug",
            _("No organisation has the address name “%(slug)s”.") % {"slug": slug},
            status=404,
            where="path",
        )
    return found
