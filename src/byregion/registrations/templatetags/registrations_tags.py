from django import template
from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse

from byregion.core import pagecache

from ..ical import qr_svg
from ..models import Registration, Status
from ..services import registration_window, seats_tag

register = template.Library()


def _counts() -> dict:
    return {
        "confirmed": Count("id", filter=Q(status=Status.CONFIRMED)),
        "waitlisted": Count("id", filter=Q(status=Status.WAITLISTED)),
    }


def read_registration_counts(gatherings) -> None:
    """The counts of several gatherings in one query, kept on each (`registration_counts`),
    so their `registration_summary` reads none: for a list that shows each one's status line
    (the home page's next gatherings) at the cost of one query, not one per gathering."""
    gatherings = list(gatherings)
    if not gatherings:
        return
    pagecache.depends_on(*(seats_tag(gathering.pk) for gathering in gatherings))
    rows = (
        Registration.objects.filter(gathering__in=gatherings)
        .order_by()
        .values("gathering")
        .annotate(**_counts())
    )
    by_gathering = {row.pop("gathering"): row for row in rows}
    for gathering in gatherings:
        gathering.registration_counts = by_gathering.get(
            gathering.pk, {"confirmed": 0, "waitlisted": 0}
        )


@register.simple_tag
def registration_summary(gathering):
    """Seats taken, seats left and whether the form is open: one query (none when the counts
    were read beforehand with `read_registration_counts`)."""
    pagecache.depends_on(seats_tag(gathering.pk))
    counts = getattr(gathering, "registration_counts", None)
    if counts is None:
        counts = Registration.objects.filter(gathering=gathering).aggregate(**_counts())
    capacity = gathering.capacity
    seats_left = None if capacity is None else max(capacity - counts["confirmed"], 0)
    try:
        url = reverse("registrations:register", args=[gathering.slug])
    except NoReverseMatch:
        url = ""
    return {
        **counts,
        "capacity": capacity,
        "seats_left": seats_left,
        "full": seats_left == 0,
        "window": registration_window(gathering),
        "url": url,
    }


@register.filter
def qr(value):
    from django.utils.safestring import mark_safe

    return mark_safe(qr_svg(str(value)))


BAR_ROW = 30
BAR_MAX = 200


@register.filter
def bar_y(index):
    return int(index) * BAR_ROW


@register.filter
def bar_height(count):
    return max(int(count), 1) * BAR_ROW


@register.filter
def bar_width(value, maximum):
    """Bar length in SVG units; a non-zero value always shows at least a sliver. A count
    the public view hides (`statistics.Suppressed`) draws no bar: its length would tell."""
    if not maximum or not isinstance(value, int):
        return 0
    return max(round(BAR_MAX * int(value) / int(maximum)), 1 if value else 0)


@register.filter
def described_widget(field):
    """The field's widget tied to its description and error (aria-describedby), marked
    invalid when it has errors, so screen readers announce both."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-help")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    attrs = {"aria-describedby": " ".join(ids)} if ids else {}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)
