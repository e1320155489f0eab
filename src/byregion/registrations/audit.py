"""Who changed a registration, in Wagtail's audit log.

Only the service functions (`services`, `checkin`, `privacy`) write these entries, inside the
transaction of the change they record: a change and its entry commit or roll back together,
and no view, command or admin page logs the same change again. An entry names the
registration by number (its `__str__`) and the actor by user account or kind, never the
person: no names, e-mail addresses or tokens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from .models import Registration

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    Actor = AbstractBaseUser | str

# Actors without a user account. An organiser is their user.
PARTICIPANT = "participant"  # the public form, or the person's own link
RETENTION = "retention"  # `byregion purge-registrations`
SYSTEM = "system"  # code acting for no one (the demo's generated registrations)

ACTIONS = (
    ("registrations.register", _("Registration"), _("Registered")),
    ("registrations.change", _("Change registration"), _("Changed the registration")),
    ("registrations.cancel", _("Cancel registration"), _("Cancelled the registration")),
    (
        "registrations.confirm_email",
        _("Confirm e-mail address"),
        _("Confirmed the e-mail address"),
    ),
    ("registrations.promote", _("Move from waitlist"), _("Moved from the waitlist")),
    ("registrations.check_in", _("Check in"), _("Checked in")),
    ("registrations.check_in_undone", _("Undo check-in"), _("Undid the check-in")),
    ("registrations.export", _("Export registrations"), _("Exported registrations")),
    ("registrations.erase", _("Erase personal data"), _("Erased the personal data")),
    ("registrations.erase_needs", _("Erase needs"), _("Erased dietary and accessibility needs")),
    ("registrations.message", _("E-mail participants"), _("E-mailed the participants")),
    (
        "registrations.questionnaire",
        _("Evaluation questions"),
        _("Changed the evaluation's questions"),
    ),
)


def record(instance, action: str, actor: Actor, **data) -> None:
    """One audit entry: `data` holds counts, states and field names, never personal data."""
    user = None if isinstance(actor, str) else actor
    data = {"by": "organiser" if user is not None else actor, **data}
    if isinstance(instance, Registration):
        # Written inside the seat lock, so as one INSERT: Wagtail's log() would also run
        # full_clean(), a query to check the content type exists.
        ModelLogEntry.objects.bulk_create(
            [
                ModelLogEntry(
                    content_type=ContentType.objects.get_for_model(Registration),
                    object_id=str(instance.pk),
                    label=str(instance),
                    action=action,
                    user=user,
                    data=data,
                    timestamp=timezone.now(),
                )
            ]
        )
    else:
        log(instance=instance, action=action, user=user, data=data)
