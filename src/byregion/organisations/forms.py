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
        # Who manages the organisation's registrations is a grant of rights over people's
        # data: only a user who may change groups (and so grant any right) may change it.
        user = getattr(self, "for_user", None)
        if "registration_groups" in self.fields and not (
            user is not None and user.has_perm("auth.change_group")
        ):
            self.fields["registration_groups"].disabled = True
