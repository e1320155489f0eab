"""Public pages: the municipalities on a date, and one code's history."""

import datetime as dt

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from byregion.core.dates import date_param

from .models import PlaceKind
from .timeline import Timeline, places_on


def index(request):
    date, typed, error = date_param(request, timezone.localdate())
    municipalities = list(places_on(date))
    counties = []
    for municipality in municipalities:
        if not counties or counties[-1]["county"] != municipality.parent:
            counties.append({"county": municipality.parent, "municipalities": []})
        counties[-1]["municipalities"].append(municipality)
    return render(
        request,
        "places/index.html",
        {
            "date": date,
            "date_value": typed if error else date.isoformat(),
            "error": error,
            "counties": counties,
            "count": len(municipalities),
            "reform_dates": [
                dt.date(2017, 1, 1),
                dt.date(2018, 1, 1),
                dt.date(2020, 1, 1),
                dt.date(2024, 1, 1),
            ],
        },
    )


def municipality(request, code: str):
    timeline = Timeline.load(PlaceKind.MUNICIPALITY)
    versions = timeline.by_code.get(code)
    if not versions:
        raise Http404(_("No municipality has had code %(code)s.") % {"code": code})
    today = timezone.localdate()
    history = []
    for version in sorted(versions, key=lambda v: v.valid_from):
        changes = [timeline.describe(change) for change in timeline.changes_of(version)]
        now = [] if version.is_valid_on(today) else timeline.map(code, version.valid_from, today)
        last_day = version.valid_to - dt.timedelta(days=1) if version.valid_to else None
        history.append({"version": version, "changes": changes, "now": now, "last_day": last_day})
    return render(
        request,
        "places/municipality.html",
        {"code": code, "history": history, "name": history[-1]["version"].localized_name},
    )
