"""Public pages: the regions, a programme, a region over time, a council and its meetings.

Views stay thin: the answers come from `membership` and `councils`; a view picks the dates
and hands the results to a template.
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from byregion.core import pagecache
from byregion.core.addresses import absolute
from byregion.core.dates import date_param
from byregion.core.json_ld import as_script
from byregion.places.timeline import Timeline

from . import councils, membership
from .ical import meeting_calendar, subscription
from .models import Council, Meeting, Programme, ProgrammeRegion, Region
from .slots import region_sections
from .structured_data import meeting_data, region_data


def _date_param(request, default: dt.date) -> tuple[dt.date, str, str]:
    """The date asked for (?date=YYYY-MM-DD), the text to put back in the field (the
    default's when nothing was typed), an error."""
    date, typed, error = date_param(request, default)
    return date, typed or default.isoformat(), error


def index(request):
    programmes = list(Programme.objects.select_related("owner", "operator"))
    regions = list(Region.objects.prefetch_related("programmes"))
    return render(request, "networks/index.html", {"programmes": programmes, "regions": regions})


def _programme_default_date(programme: Programme) -> dt.date:
    """The programme's last day, or today while it runs."""
    today = timezone.localdate()
    return min(programme.end, today) if programme.end else today


def programme(request, slug):
    programme = get_object_or_404(Programme.objects.select_related("owner", "operator"), slug=slug)
    date, typed, error = _date_param(request, _programme_default_date(programme))
    participations = list(
        ProgrammeRegion.objects.filter(programme=programme).select_related("region")
    )
    figures = membership.programme_figures(programme, date)
    for participation in participations:
        participation.counts = figures.by_region.get(participation.region_id)
    in_period = programme.start <= date and (programme.end is None or date <= programme.end)
    return render(
        request,
        "networks/programme.html",
        {
            "programme": programme,
            "participations": participations,
            "figures": figures,
            "date_value": typed,
            "error": error,
            "in_period": in_period,
        },
    )


def _region_then(participations: list[ProgrammeRegion]) -> dt.date | None:
    """The last day of the region's latest programme participation, if it has ended."""
    ends = [p.left or p.programme.end for p in participations]
    if not ends or None in ends:
        return None
    return max(ends)


def _region_and_participations(slug) -> tuple[Region, list[ProgrammeRegion]]:
    """The region (with its host) and its programme participations: one query when it takes
    part in a programme (the region comes joined to them), two when it does not."""
    participations = list(
        ProgrammeRegion.objects.filter(region__slug=slug).select_related(
            "region__host", "programme"
        )
    )
    if not participations:
        return get_object_or_404(Region.objects.select_related("host"), slug=slug), []
    region = participations[0].region
    for participation in participations:
        participation.region = region
    return region, participations


def region(request, slug):
    region, participations = _region_and_participations(slug)
    today = timezone.localdate()
    programme_end = _region_then(participations)
    default_then = min(programme_end, today) if programme_end else today
    then, typed, error = _date_param(request, default_then)
    timeline = Timeline.kept()
    members_then = membership.members_on(region, then)
    now = membership.members_in_codes_of(region, then, today, timeline, members_then)
    changes = membership.member_changes(members_then, then, today, timeline)
    page_url = absolute(region.get_absolute_url())
    return render(
        request,
        "networks/region.html",
        {
            "region": region,
            "participations": participations,
            "then": then,
            "today": today,
            "is_programme_end": then == programme_end,
            "date_value": typed,
            "error": error,
            "members_then": members_then,
            "now": now,
            "changes": changes,
            "councils": councils.region_councils(region),
            # What the apps above show of the region (gatherings, news): networks/slots.py.
            "sections": region_sections.collect(region, request),
            "json_ld": as_script(region_data(region, [m.place for m in now.members], page_url)),
        },
    )


def council(request, region, slug):
    try:
        page = councils.council_page(region, slug)
    except Council.DoesNotExist:
        raise Http404 from None
    return render(request, "networks/council.html", {"page": page, "council": page.council})


def _meeting(region, council, pk) -> Meeting:
    try:
        return councils.meeting_page(region, council, pk)
    except Meeting.DoesNotExist:
        raise Http404 from None


def meeting(request, region, council, pk):
    meeting = _meeting(region, council, pk)
    page_url = absolute(meeting.get_absolute_url())
    council_url = absolute(meeting.council.get_absolute_url())
    return render(
        request,
        "networks/meeting.html",
        {
            "meeting": meeting,
            "council": meeting.council,
            "is_upcoming": _is_upcoming(meeting),
            "json_ld": as_script(meeting_data(meeting, page_url, council_url)),
        },
    )


def meeting_ics(request, region, council, pk):
    meeting = _meeting(region, council, pk)
    page_url = absolute(meeting.get_absolute_url())
    body = meeting_calendar(meeting, page_url)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    local = timezone.localtime(meeting.start)
    response["Content-Disposition"] = f'attachment; filename="meeting-{local:%Y-%m-%d}.ics"'
    return response


def _subscription(name: str, meetings, filename: str) -> HttpResponse:
    """A calendar to subscribe to (not a download): shown inline, so a calendar program
    given the address reads it. One query for the meetings, one for their agendas."""
    meetings = meetings.select_related("council__region").prefetch_related("agenda_items")
    body = subscription(
        name, meetings.order_by("start", "pk"), lambda m: absolute(m.get_absolute_url())
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def council_ics(request, region, slug):
    council = get_object_or_404(
        Council.objects.select_related("region"), region__slug=region, slug=slug
    )
    return _subscription(
        f"{council.name} ({council.region.name})", council.meetings.all(), f"{council.slug}.ics"
    )


def region_councils_ics(request, slug):
    region = get_object_or_404(Region, slug=slug)
    return _subscription(
        _("Councils of %(region)s") % {"region": region.name},
        Meeting.objects.filter(council__region=region),
        f"{region.slug}-councils.ics",
    )


def _is_upcoming(meeting) -> bool:
    ends = meeting.end or meeting.start
    pagecache.changes_at(ends)
    return ends >= timezone.now()
