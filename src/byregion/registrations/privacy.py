"""A person's rights and the retention rule: export, erase, anonymise, purge.

Apart from `services` (seats) because they follow the privacy rules rather than the seat
rules; erasing a live registration frees its seat under the same gathering lock. Each
operation logs itself, with its actor, and never what it exported or erased.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from byregion.gatherings.models import GatheringPage

from . import audit
from .models import Registration, Status, new_token
from .services import cancel_locked, locked

# Everything that says who a person is or what they need; what stays (region, municipality,
# role category, status, attendance) is what the statistics count.
PERSONAL_FIELDS = {
    "name": "",
    "email": "",
    "previous_email": "",
    "phone": "",
    "organisation": None,
    "organisation_name": "",
    "position": "",
    "dietary": [],
    "dietary_other": "",
    "accessibility": "",
    "public_consent": False,
    "email_confirmed_at": None,
}


def anonymise(registration: Registration, *, actor: audit.Actor) -> None:
    """Erase a person from a registration, keeping what statistics count. A live
    registration is cancelled first, so its seat goes to the next in line."""
    with locked(registration.gathering_id) as gathering:
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.is_anonymised:
            return
        if registration.status != Status.CANCELLED and not gathering.has_ended():
            cancel_locked(registration, gathering, actor=actor, notify=False)
        now = timezone.now()
        Registration.objects.filter(pk=registration.pk).update(
            **{**PERSONAL_FIELDS, "email": f"anonymised-{registration.pk}@invalid"},
            token=new_token(),
            anonymised_at=now,
            needs_erased_at=now,
            updated=now,
        )
        audit.record(registration, "registrations.erase", actor)


def delete(registration: Registration, *, actor: audit.Actor) -> None:
    """Delete a registration outright (an organiser's choice), freeing its seat first."""
    with locked(registration.gathering_id) as gathering:
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != Status.CANCELLED:
            cancel_locked(registration, gathering, actor=actor, notify=False)
        audit.record(registration, "wagtail.delete", actor)
        registration.delete()


def erase_needs(registrations, *, actor: audit.Actor) -> int:
    """Erase dietary and accessibility needs (possibly health data) of these registrations;
    logged once per gathering, with the count."""
    pending = registrations.filter(needs_erased_at__isnull=True)
    with transaction.atomic():
        counts = _count_by_gathering(pending)
        erased = pending.update(
            dietary=[], dietary_other="", accessibility="", needs_erased_at=timezone.now()
        )
        for gathering in GatheringPage.objects.filter(pk__in=counts):
            audit.record(gathering, "registrations.erase_needs", actor, count=counts[gathering.pk])
    return erased


def _count_by_gathering(registrations) -> dict[int, int]:
    rows = registrations.order_by().values("gathering_id").annotate(n=Count("id"))
    return {row["gathering_id"]: row["n"] for row in rows}


def purge(*, now=None, retention_days: int) -> dict[str, int]:
    """Retention: needs are erased once a gathering has ended; everything personal is
    anonymised `retention_days` after it ended. Returns counts, never names."""
    now = now or timezone.now()
    ended = Registration.objects.filter(gathering__end__lt=now)
    needs = erase_needs(ended, actor=audit.RETENTION)
    expired = ended.filter(
        gathering__end__lt=now - dt.timedelta(days=retention_days),
        anonymised_at__isnull=True,
    )
    count = 0
    for registration in list(expired.only("pk", "gathering_id")):
        anonymise(registration, actor=audit.RETENTION)
        count += 1
    return {"needs_erased": needs, "anonymised": count}


def personal_data(registration: Registration, *, actor: audit.Actor) -> dict:
    """All we hold about one person's registration, for their own export or an organiser's.
    Logged as an export (that it happened and by whom; not what it held)."""
    registration = Registration.objects.select_related(
        "gathering", "role", "region", "municipality", "organisation"
    ).get(pk=registration.pk)
    audit.record(registration, "registrations.export", actor)
    return {
        "gathering": registration.gathering.title,
        "status": registration.status,
        "name": registration.name,
        "email": registration.email,
        "phone": registration.phone,
        "organisation": registration.organisation_name,
        "position": registration.position,
        "role_category": registration.role.name if registration.role else "",
        "home_region": registration.region.name if registration.region else "",
        "home_municipality": registration.municipality.name if registration.municipality else "",
        "sessions": [
            {"title": c.session.title, "start": c.session.start.isoformat(), "status": c.status}
            for c in registration.session_choices.select_related("session")
        ],
        "dietary": registration.dietary,
        "dietary_other": registration.dietary_other,
        "accessibility": registration.accessibility,
        "public_consent": registration.public_consent,
        "email_confirmed": (
            registration.email_confirmed_at.isoformat() if registration.email_confirmed_at else None
        ),
        "check_in_code": registration.check_in_code,
        "registered": registration.created.isoformat(),
        "confirmed": registration.confirmed_at.isoformat() if registration.confirmed_at else None,
        "cancelled": registration.cancelled_at.isoformat() if registration.cancelled_at else None,
        "checked_in": (
            registration.checked_in_at.isoformat() if registration.checked_in_at else None
        ),
        # Only that they answered: the answers are not linked to anyone (`evaluation`).
        "evaluation_answered": registration.evaluated,
    }


def record_export(registrations, spreadsheet_format: str, *, actor: audit.Actor) -> None:
    """An organiser's spreadsheet of registrations (Wagtail writes it): logged against each
    gathering it includes, with the format and how many."""
    counts = _count_by_gathering(registrations)
    with transaction.atomic():
        for gathering in GatheringPage.objects.filter(pk__in=counts):
            audit.record(
                gathering,
                "registrations.export",
                actor,
                format=spreadsheet_format,
                count=counts[gathering.pk],
            )
