"""The admin form for an organisation."""

from wagtail.admin.forms import WagtailAdminModelForm

from .formatting import EN_DASH


def municipality_version_label(municipality) -> str:
    """ "Ålesund (1504) 1977-2019": a code has several versions, so say which one."""
    until = municipality.valid_to.year - 1 if municipality.valid_to else ""
    return f"{municipality} {municipality.valid_from.year}{EN_DASH}{until}"


class OrganisationForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "municipality" in self.fields:
            self.fields["municipality"].label_from_instance = municipality_version_label
