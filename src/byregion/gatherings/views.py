"""The pages and files below the gathering pages (the routes declared in `models.py`).

Thin: each reads through `programme.py`, builds JSON-LD or iCalendar through their modules,
and renders. Every response is the same for every anonymous visitor.
"""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from byregion.core.addresses import absolute
from byregion.core.json_ld import as_script
from byregion.core.visibility import public
from byregion.networks.models import Programme

from . import ical, structured_data
from . import programme as reads
from .models import GatheringIndexPage, GatheringPage, Session

OG_LOCALES = {"nb": "nb_NO", "nn": "nn_NO", "en": "en_GB"}


def _gathering_urls(request, gathering: GatheringPage) -> dict:
    page_url = gathering.get_url(request)
    return {
        "page_url": page_url,
        # A Wagtail page's URL is its parent's plus its slug: the index without a query.
        "index_url": page_url[: -len(gathering.slug) - 1],
        "programme_url": page_url + gathering.reverse_subpage("programme"),
        "calendar_url": page_url + gathering.reverse_subpage("calendar"),
    }


def _open_graph(url: str, title: str, description: str, language: str) -> dict:
    return {
        "url": absolute(url),
        "title": title,
        "description": description,
        "locale": OG_LOCALES.get(language, "nb_NO"),
    }


def gathering(request, page: GatheringPage):
    urls = _gathering_urls(request, page)
    page_url = absolute(urls["page_url"])
    data = structured_data.gathering_data(page, page_url, settings.SITE_URL)
    return page.render(
        request,
        template="gatherings/gathering_page.html",
        context_overrides={
            **urls,
            "host_organisations": list(page.host_organisations.order_by("name")),
            "has_programme": page.sessions.exists(),
            "json_ld": as_script(data),
            "open_graph": _open_graph(
                urls["page_url"], page.title, data.get("description", ""), page.language
            ),
        },
    )


def programme(request, page: GatheringPage):
    urls = _gathering_urls(request, page)
    return page.render(
        request,
        template="gatherings/programme.html",
        context_overrides={**urls, "programme": reads.gathering_programme(page)},
    )


def session(request, page: GatheringPage, session_id: int):
    try:
        item = reads.programme_session(page, session_id)
    except Session.DoesNotExist:
        raise Http404 from None
    urls = _gathering_urls(request, page)
    session_url = urls["programme_url"] + f"{item.pk}/"
    data = structured_data.session_data(item, absolute(session_url), absolute(urls["page_url"]))
    return page.render(
        request,
        template="gatherings/session.html",
        context_overrides={
            **urls,
            "session": item,
            "session_calendar_url": session_url + "kalender/",
            "json_ld": as_script(data),
            "open_graph": _open_graph(session_url, item.title, item.description, page.language),
        },
    )


def _calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response


def gathering_calendar(request, page: GatheringPage):
    event = ical.gathering_event(page, absolute(page.get_url(request)))
    return _calendar_response(ical.calendar_bytes([event], page.title), page.slug)


def session_calendar(request, page: GatheringPage, session_id: int):
    item = get_object_or_404(Session, gathering=page, pk=session_id)
    item.gathering = page
    url = absolute(page.get_url(request) + f"program/{item.pk}/")
    event = ical.session_event(item, url)
    return _calendar_response(
        ical.calendar_bytes([event], f"{item.title} ({page.title})"),
        f"{page.slug}-{item.pk}",
    )


def gathering_index(request, index: GatheringIndexPage):
    listing = reads.gathering_listing(index, past_page=request.GET.get("page"))
    index_url = index.get_url(request)
    return index.render(
        request,
        template="gatherings/gathering_index_page.html",
        context_overrides={
            "listing": listing,
            "programmes": Programme.objects.filter(gatherings__live=True).distinct(),
            "feed_url": index_url + index.reverse_subpage("feed"),
            "calendar_url": index_url + index.reverse_subpage("calendar"),
        },
    )


def series(request, index: GatheringIndexPage, programme_slug: str):
    programme_row = get_object_or_404(Programme, slug=programme_slug)
    return index.render(
        request,
        template="gatherings/series.html",
        context_overrides={
            "programme": programme_row,
            "listing": reads.programme_series(programme_row),
        },
    )


def index_calendar(request, index: GatheringIndexPage):
    """The subscription feed: every live gathering below the index, as one calendar."""
    gatherings = public(GatheringPage.objects.child_of(index)).order_by("start", "pk")
    events = [ical.gathering_event(g, absolute(g.get_url(request))) for g in gatherings]
    return _calendar_response(ical.calendar_bytes(events, index.title), index.slug)
