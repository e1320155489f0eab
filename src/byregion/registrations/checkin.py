"""Check-in on the day: a confirmed participant arrives (and a mistaken check-in is undone).

Apart from `services` because it changes no seats, but under the same gathering lock, so a
check-in and a cancellation of the same person cannot cross, and logged as every change is.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from byregion.gatherings.models import GatheringPage

from . import audit
from .models import Registration, Status
from .services import locked


class CheckInError(ValidationError):
    pass


def check_in(gathering: GatheringPage, code_or_registration, *, actor: audit.Actor) -> Registration:
    """Mark a confirmed participant as arrived, by registration or by the code in their QR.

    Checking in twice is harmless (the first time is kept, and logged once)."""
    if isinstance(code_or_registration, Registration):
        lookup = Q(pk=code_or_registration.pk)
    else:
        code = "".join(ch for ch in str(code_or_registration).upper() if ch.isalnum())
        lookup = Q(check_in_code=code)
    with locked(gathering.pk):
        registration = (
            Registration.objects.select_for_update().filter(lookup, gathering=gathering).first()
        )
        if registration is None:
            raise CheckInError(_("No registration for this gathering has that code."))
        if registration.status != Status.CONFIRMED:
            raise CheckInError(
                _("This registration is %(status)s, not confirmed.")
                % {"status": registration.get_status_display()}
            )
        if registration.checked_in_at is None:
            registration.checked_in_at = timezone.now()
            registration.save(update_fields=["checked_in_at", "updated"])
            audit.record(registration, "registrations.check_in", actor)
        return registration


def find(gathering: GatheringPage, text: str):
    """What the desk's one field was given: (the registration whose check-in code it is,
    None) for a scanned or typed code, else (None, the not-cancelled registrations whose
    name contains it, by name, at most 50)."""
    text = text.strip()
    code = "".join(ch for ch in text.upper() if ch.isalnum())
    people = Registration.objects.filter(gathering=gathering, anonymised_at__isnull=True)
    if code:
        registration = people.filter(check_in_code=code).first()
        if registration is not None:
            return registration, None
    if not text:
        return None, []
    matches = (
        people.exclude(status=Status.CANCELLED)
        .filter(name__icontains=text)
        .select_related("region")
        .order_by("name")[:50]
    )
    return None, list(matches)


def undo_check_in(
    gathering: GatheringPage, registration: Registration, *, actor: audit.Actor
) -> Registration:
    """Take back a check-in made by mistake (the person has not arrived after all). Undoing
    one that was not made is harmless, and not logged."""
    with locked(gathering.pk):
        registration = (
            Registration.objects.select_for_update()
            .filter(pk=registration.pk, gathering=gathering)
            .first()
        )
        if registration is None:
            raise CheckInError(_("No registration for this gathering has that code."))
        if registration.checked_in_at is not None:
            registration.checked_in_at = None
            registration.save(update_fields=["checked_in_at", "updated"])
            audit.record(registration, "registrations.check_in_undone", actor)
        return registration
