"""How editors type a date and time in the admin: Wagtail's picker, in the Norwegian way.

Wagtail's `AdminDateTimeInput` writes ISO ("2017-03-22 10:00"), and Django's form field then
reads whatever the admin language's formats allow, so the same box took "22.03.2017 10:00"
in Bokmål and refused it in English, with an error that named no format. `DateTimePanel`
gives a field one format in every language, "22.03.2017 10.00" (as the public pages write
times), in the picker, in the box's placeholder and in the error; ISO and a colon are read
too, so a pasted or old value still works.

Use it in place of `FieldPanel` for a `DateTimeField`: `DateTimePanel("start")`.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets import AdminDateTimeInput

DATETIME_FORMAT = "%d.%m.%Y %H.%M"
TIME_FORMAT = "%H.%M"
INPUT_FORMATS = [
    DATETIME_FORMAT,
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y kl. %H.%M",
    "%d.%m.%Y kl %H.%M",
    "%d.%m.%Y %H.%M.%S",
    "%d.%m.%Y %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S",
]
# Translators: the format of a date and time as typed, for 22.03.2017 10.00
PLACEHOLDER = _("dd.mm.yyyy hh.mm")


class DateTimeInput(AdminDateTimeInput):
    """Wagtail's picker with the Norwegian format and the format as the placeholder."""

    def __init__(self, attrs=None):
        super().__init__(
            attrs={"placeholder": PLACEHOLDER, **(attrs or {})},
            format=DATETIME_FORMAT,
            time_format=TIME_FORMAT,
        )


class DateTimeField(forms.DateTimeField):
    """Reads the formats above in every admin language, and says which one it wants."""

    input_formats = INPUT_FORMATS
    default_error_messages = {
        "invalid": _(
            "Write the date and time as dd.mm.yyyy hh.mm, e.g. 22.03.2017 10.00 "
            "(or use the calendar)."
        ),
    }

    def to_python(self, value):
        if isinstance(value, str):
            value = " ".join(value.split())  # stray or doubled spaces from typing
        return super().to_python(value)


class DateTimePanel(FieldPanel):
    """A `FieldPanel` whose form field is the `DateTimeField` above with its picker."""

    def get_form_options(self):
        options = super().get_form_options()
        if options:
            options.setdefault("widgets", {})[self.field_name] = DateTimeInput
            options.setdefault("field_classes", {})[self.field_name] = DateTimeField
        return options


def as_typed(value) -> str:
    """A stored time as an editor types it, in Norway's time ("22.03.2017 10.00"), for lists."""
    return timezone.localtime(value).strftime(DATETIME_FORMAT) if value else ""
