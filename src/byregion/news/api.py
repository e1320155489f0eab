"""Published news, for the open API (`byregion.api`).

Every answer starts from `listing.published_articles()`, the one queryset of live articles
without a view restriction, so the API lists exactly what the listings and feeds show.
An article is addressed by its organisation and its slug, as on the site: Wagtail keeps a
slug unique only among one section's articles.
"""

import datetime as dt
from typing import Literal

from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils.http import http_date
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from wagtail.images.models import SourceImageIOError

from byregion.core.addresses import absolute
from byregion.core.api.errors import ParameterError
from byregion.core.api.pagination import Cursor
from byregion.networks.models import Region
from byregion.organisations.models import Organisation
from byregion.themes.models import Theme

from .listing import published_articles

router = Router()

# The rendition the API links to: the article page's largest size, the original's proportions.
IMAGE_RENDITION = "width-1600"


class Ref(Schema):
    slug: str
    name: str


class ArticleOut(Schema):
    slug: str
    title: str
    lead: str
    language: str
    organisation: Ref  # the publisher
    themes: list[str]  # theme slugs
    regions: list[Ref]
    first_published_at: dt.datetime | None
    url: str

    @staticmethod
    def resolve_themes(obj) -> list[str]:
        return [theme.slug for theme in obj.themes.all()]

    @staticmethod
    def resolve_regions(obj) -> list[Region]:
        return list(obj.regions.all())

    @staticmethod
    def resolve_url(obj, context) -> str:
        return obj.get_full_url(context["request"]) or ""


class ImageOut(Schema):
    url: str
    width: int
    height: int
    alt: str
    caption: str
    credit: str


class ArticleDetailOut(ArticleOut):
    body: str  # HTML, as the article page shows it
    image: ImageOut | None
    last_published_at: dt.datetime | None

    # `article()` hands over the page with what it rendered attached.
    @staticmethod
    def resolve_body(obj) -> str:
        return obj.body_html

    @staticmethod
    def resolve_image(obj) -> dict | None:
        return obj.image_out


def _articles(renditions=()):
    return published_articles(renditions=renditions).prefetch_related(
        "themes", Prefetch("regions", queryset=Region.objects.order_by("name"))
    )


class ArticleFilters(Schema):
    organisation: str | None = None  # the publisher's slug
    region: str | None = None  # region slug
    theme: str | None = None  # theme slug
    language: Literal["nb", "nn", "en"] | None = None


def _exists(model, parameter: str, slug: str | None, message: str) -> None:
    if slug and not model.objects.filter(slug=slug).exists():
        raise ParameterError(parameter, message % {"slug": slug})


@router.get(
    "",
    response=list[ArticleOut],
    summary="Published news articles, newest first",
    description="Live articles only; drafts, scheduled and restricted articles are left out.",
)
@paginate(Cursor, ordering=("-first_published_at", "-pk"))
def articles(request, filters: Query[ArticleFilters]):
    queryset = _articles()
    _exists(
        Organisation, "organisation", filters.organisation,
        _("No organisation has the address name “%(slug)s”."),
    )  # fmt: skip
    _exists(Region, "region", filters.region, _("No region has the slug “%(slug)s”."))
    _exists(Theme, "theme", filters.theme, _("No theme has the slug “%(slug)s”."))
    if filters.organisation:
        queryset = queryset.filter(organisation__slug=filters.organisation)
    if filters.region:
        queryset = queryset.filter(regions__slug=filters.region)
    if filters.theme:
        queryset = queryset.filter(themes__slug=filters.theme)
    if filters.language:
        queryset = queryset.filter(language=filters.language)
    return queryset


@router.get(
    "/{organisation}/{slug}",
    response=ArticleDetailOut,
    summary="One published article: text as HTML, image with alt text, caption and credit",
    description="Answers with `Last-Modified`: when the article was last published.",
)
def article(request, organisation: str, slug: str, response: HttpResponse):
    found = (
        _articles(renditions=(IMAGE_RENDITION,))
        .filter(organisation__slug=organisation, slug=slug)
        .first()
    )
    if found is None:
        if not Organisation.objects.filter(slug=organisation).exists():
            raise ParameterError(
                "organisation",
                _("No organisation has the address name “%(slug)s”.") % {"slug": organisation},
                status=404,
                where="path",
            )
        raise ParameterError(
            "slug",
            _("No published article of “%(organisation)s” has the address name “%(slug)s”.")
            % {"organisation": organisation, "slug": slug},
            status=404,
            where="path",
        )
    found.body_html = str(found.body)
    found.image_out = None
    if found.main_image:
        image = found.main_image
        try:
            shown = image.get_rendition(IMAGE_RENDITION)
        except SourceImageIOError:
            # The original's file is missing from storage: the page shows nothing better either.
            shown = image
        found.image_out = {
            "url": absolute(shown.url if shown is not image else image.file.url),
            "width": shown.width,
            "height": shown.height,
            "alt": image.description,
            "caption": found.main_image_caption,
            "credit": image.credit,
        }
    if found.last_published_at:
        response["Last-Modified"] = http_date(found.last_published_at.timestamp())
    return found
