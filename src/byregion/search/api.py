"""`GET /api/search`: the search page's answers as JSON, for the open API (`byregion.api`).

The same `search.query.search()` as the page, with the same parameters and the same
meaning: `q`, `type`, `region`, `theme`, `organisation` (slugs), `language`, `from`, `to`
(inclusive dates) and `page` / `page_size`. Results are ranked, so they are paged by number
rather than by cursor; `next` and `previous` are links, as in every list of this API.
Every bad value is a 400 naming its parameter, in the caller's language.
"""

import datetime as dt

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from byregion.core.addresses import absolute
from byregion.core.api.errors import ParameterError
from byregion.core.api.params import parse_date
from byregion.networks.models import Region
from byregion.organisations.models import Organisation
from byregion.themes.models import Theme

from .query import MAX_PER_PAGE, search
from .sources import KINDS
from .views import MAX_QUERY_LENGTH

router = Router()

MAX_PAGE = 10_000


class SnippetPart(Schema):
    text: str
    match: bool  # a word that matched the query, in whatever form


class HitOut(Schema):
    type: str
    title: str
    title_parts: list[SnippetPart]
    snippet: str
    snippet_parts: list[SnippetPart]
    url: str
    language: str
    date: dt.datetime | None
    organisation: str | None  # the publisher's slug


class SearchOut(Schema):
    query: str
    total: int
    counts: dict[str, int]  # matches per type under every filter but the type
    # Counting stops past 2,000 matches: then `total` is a floor ("over 2,000"), and so is
    # the count of every type named in `floor_counts`.
    total_is_floor: bool
    floor_counts: list[str]
    order: str  # "relevance", or "recent" for words found almost everywhere
    # "Did you mean": the query with unknown words corrected (found fewer than three);
    # corrected: these are its results (the query found nothing); relaxed: nothing had
    # every word, these have some of them.
    suggestion: str | None
    corrected: bool
    relaxed: bool
    page: int
    pages: int
    results: list[HitOut]
    next: str | None
    previous: str | None


def _parts(highlighted) -> list[dict]:
    return [{"text": text, "match": marked} for text, marked in highlighted.parts]


def _by_slug(model, parameter: str, slug: str | None, message: str):
    if not slug:
        return None
    found = model.objects.filter(slug=slug).first()
    if found is None:
        raise ParameterError(parameter, message % {"slug": slug})
    return found


def _page_link(request, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return absolute(f"{request.path}?{query.urlencode()}")


@router.get(
    "/search",
    response=SearchOut,
    summary="Search everything the site publishes",
    description=(
        "Norwegian-aware search over news, experiences, gatherings, sessions, materials, "
        "organisations, regions, councils, programmes, meetings and municipalities: Bokmål "
        "and Nynorsk forms of a word find each other. Types: " + ", ".join(KINDS) + "."
    ),
)
def search_endpoint(
    request,
    q: str = Query(..., description="The words to search for (at most 500 characters)"),
    type: str | None = Query(None, description="One type: " + ", ".join(KINDS)),
    region: str | None = Query(None, description="A region's slug"),
    theme: str | None = Query(None, description="A theme's slug"),
    organisation: str | None = Query(None, description="An organisation's slug"),
    language: str | None = Query(None, description="The text's language: nb, nn or en"),
    date_from: str | None = Query(None, alias="from", description="First day, YYYY-MM-DD"),
    date_to: str | None = Query(None, alias="to", description="Last day, YYYY-MM-DD"),
    page: int = Query(1, ge=1, le=MAX_PAGE),
    page_size: int = Query(10, ge=1, le=MAX_PER_PAGE),
):
    if not q.strip():
        raise ParameterError("q", _("Write something to search for."))
    if len(q) > MAX_QUERY_LENGTH:
        raise ParameterError(
            "q", _("Write at most %(count)d characters.") % {"count": MAX_QUERY_LENGTH}
        )
    if type and type not in KINDS:
        raise ParameterError(
            "type",
            _("“%(value)s” is not a type. Choose one of: %(types)s.")
            % {"value": type, "types": ", ".join(KINDS)},
        )
    if language and language not in ("nb", "nn", "en"):
        raise ParameterError(
            "language",
            _("“%(value)s” is not a language. Choose nb, nn or en.") % {"value": language},
        )
    region_obj = _by_slug(Region, "region", region, _("No region has the slug “%(slug)s”."))
    theme_obj = _by_slug(Theme, "theme", theme, _("No theme has the slug “%(slug)s”."))
    organisation_obj = _by_slug(
        Organisation,
        "organisation",
        organisation,
        _("No organisation has the slug “%(slug)s”."),
    )
    start = parse_date(date_from, "from") if date_from else None
    end = parse_date(date_to, "to") if date_to else None
    if start and end and end < start:
        raise ParameterError("to", _("The end date is before the start date."))

    results = search(
        q,
        kinds=type or (),
        regions=[region_obj.pk] if region_obj else (),
        themes=[theme_obj.pk] if theme_obj else (),
        organisation=organisation_obj.pk if organisation_obj else None,
        language=language,
        date_from=start,
        date_to=end,
        page=page,
        per_page=page_size,
    )
    ids = {hit.organisation_id for hit in results.hits if hit.organisation_id}
    slugs = dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "slug")) if ids else {}
    return {
        "query": q,
        "total": results.total,
        "counts": results.counts,
        "total_is_floor": results.count_is_lower_bound,
        "floor_counts": sorted(results.capped_kinds),
        "order": results.order,
        "suggestion": results.suggestion or None,
        "corrected": results.corrected,
        "relaxed": results.relaxed,
        "page": results.page,
        "pages": results.pages,
        "results": [
            {
                "type": hit.kind,
                "title": hit.title,
                "title_parts": _parts(hit.title_marked),
                "snippet": hit.snippet.text,
                "snippet_parts": _parts(hit.snippet),
                "url": absolute(hit.url),
                "language": hit.language,
                "date": hit.date,
                "organisation": slugs.get(hit.organisation_id),
            }
            for hit in results.hits
        ],
        "next": _page_link(request, page + 1) if results.has_next else None,
        "previous": _page_link(request, min(page - 1, results.pages))
        if page > 1 and results.total
        else None,
    }
