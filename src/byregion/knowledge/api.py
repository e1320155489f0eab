"""Themes and experiences, for the open API (`byregion.api`)."""

import datetime as dt
from typing import Literal

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from byregion.core.addresses import absolute
from byregion.core.api.errors import ParameterError
from byregion.core.api.pagination import Cursor
from byregion.core.visibility import public
from byregion.networks.models import Region
from byregion.themes.models import Theme

from .models import ExperiencePage

router = Router()


class ThemeOut(Schema):
    slug: str
    name_nb: str
    name_nn: str
    name_en: str


@router.get("/themes", response=list[ThemeOut], summary="The themes the network works on")
def themes(request):
    return list(Theme.objects.order_by("slug"))


class RegionRef(Schema):
    slug: str
    name: str


class MunicipalityRef(Schema):
    code: str
    name: str
    valid_from: dt.date


class ContactOut(Schema):
    organisation: str
    position: str
    name: str | None  # only when the person agreed to be named


class AttachmentOut(Schema):
    title: str
    url: str


class ExperienceOut(Schema):
    slug: str
    title: str
    summary: str
    language: str
    period_start: dt.date | None
    period_end: dt.date | None
    generated: bool  # text written for the demo, not a source
    first_published_at: dt.datetime | None
    regions: list[RegionRef]
    themes: list[str]  # theme slugs
    url: str

    @staticmethod
    def resolve_regions(obj):
        return list(obj.regions.all())

    @staticmethod
    def resolve_themes(obj):
        return [theme.slug for theme in obj.themes.all()]

    @staticmethod
    def resolve_url(obj, context):
        return obj.get_full_url(context["request"]) or ""


class ExperienceDetailOut(ExperienceOut):
    what_was_done: str  # HTML
    results: str
    lessons: str
    municipalities: list[MunicipalityRef]
    contacts: list[ContactOut]
    attachments: list[AttachmentOut]

    @staticmethod
    def resolve_what_was_done(obj):
        return _html(obj.what_was_done)

    @staticmethod
    def resolve_results(obj):
        return _html(obj.results)

    @staticmethod
    def resolve_lessons(obj):
        return _html(obj.lessons)

    @staticmethod
    def resolve_municipalities(obj):
        return [
            {"code": m.code, "name": m.name_in(obj.language), "valid_from": m.valid_from}
            for m in obj.municipalities.all()
        ]

    @staticmethod
    def resolve_contacts(obj):
        return [
            {
                "organisation": c.organisation.name,
                "position": c.position,
                "name": c.person_name if c.person_name and c.name_consent else None,
            }
            for c in obj.contacts.all()
        ]

    @staticmethod
    def resolve_attachments(obj, context):
        return [{"title": a.title, "url": absolute(a.href)} for a in obj.attachments.all()]


def _html(value: str) -> str:
    from wagtail.rich_text import expand_db_html

    return expand_db_html(value) if value else ""


def _experiences():
    return public(ExperiencePage.objects).prefetch_related(
        Prefetch("regions", queryset=Region.objects.order_by("name")), "themes"
    )


class ExperienceFilters(Schema):
    region: str | None = None  # region slug
    theme: str | None = None  # theme slug
    language: Literal["nb", "nn", "en"] | None = None


@router.get(
    "/experiences",
    response=list[ExperienceOut],
    summary="Experiences the regions share, newest first",
)
@paginate(Cursor, ordering=("-first_published_at", "-pk"))
def experiences(request, filters: Query[ExperienceFilters]):
    queryset = _experiences()
    if filters.region:
        if not Region.objects.filter(slug=filters.region).exists():
            raise ParameterError(
                "region", _("No region has the slug “%(slug)s”.") % {"slug": filters.region}
            )
        queryset = queryset.filter(regions__slug=filters.region)
    if filters.theme:
        if not Theme.objects.filter(slug=filters.theme).exists():
            raise ParameterError(
                "theme", _("No theme has the slug “%(slug)s”.") % {"slug": filters.theme}
            )
        queryset = queryset.filter(themes__slug=filters.theme)
    if filters.language:
        queryset = queryset.filter(language=filters.language)
    return queryset


@router.get("/experiences/{slug}", response=ExperienceDetailOut, summary="One experience")
def experience(request, slug: str):
    found = (
        _experiences()
        .filter(slug=slug)
        .prefetch_related("municipalities", "contacts__organisation", "attachments__document")
        .first()
    )
    if found is None:
        raise ParameterError(
            "slug",
            _("No published experience has the address name “%(slug)s”.") % {"slug": slug},
            status=404,
            where="path",
        )
    return found
