"""Admin forms: the rules of `membership` and `permissions` applied where editors type.

Wagtail validates the parent form and every inline row before it saves anything, and saves
them in one transaction, so a refused row leaves the stored region as it was and the form
shows every row as typed.
"""

from django import forms
from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.forms import WagtailAdminModelForm

from . import membership as rules
from .models import Council, CouncilMember, CouncilRole, Membership
from .permissions import can_edit_everything, editable_regions


class MembershipForm(WagtailAdminModelForm):
    """A membership typed as a municipality code; the form finds the version valid then."""

    municipality = forms.CharField(
        label=_("Municipality code"),
        max_length=4,
        help_text=_("Four digits, as valid on the first day, e.g. 1504 for Ålesund in 2017."),
    )

    class Meta:
        model = Membership
        fields = ["municipality", "kind", "is_centre", "valid_from", "valid_to", "source_note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.municipality_id and not self.is_bound:
            self.initial["municipality"] = self.instance.municipality.code

    def clean(self):
        cleaned = super().clean()
        code, start = cleaned.get("municipality"), cleaned.get("valid_from")
        if isinstance(code, str) and code and start:
            try:
                cleaned["municipality"] = rules.resolve_municipality(code, start)
            except forms.ValidationError as error:
                self.add_error("municipality", error.message_dict["municipality"])
                cleaned.pop("municipality", None)
        elif isinstance(code, str):
            cleaned.pop("municipality", None)
        return cleaned


class MembershipFormSet(BaseChildFormSet):
    """Refuses two rows of the same municipality whose periods overlap."""

    def clean(self):
        super().clean()
        rows = []
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.errors:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            data = form.cleaned_data
            if not data.get("municipality") or not data.get("valid_from"):
                continue
            row = Membership(
                municipality=data["municipality"],
                valid_from=data["valid_from"],
                valid_to=data.get("valid_to"),
            )
            row.form = form
            rows.append(row)
        for earlier, later in rules.overlapping(rows):
            later.form.add_error("valid_from", rules.overlap_message(earlier, later))


def region_groups(region=None):
    """The groups a region's "editor groups" offers: those that give nothing but the admin
    (and its documents), as `permissions.make_region_editor_group` makes them, and any the
    region has already. News groups, registration desks, the operator's editors and
    Wagtail's "Editors" and "Moderators" carry rights of their own (pages, registrations,
    every region) and would make no sense, or a silent widening, as a region's editors."""
    other_rights = Permission.objects.exclude(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    carrying = Group.objects.filter(
        Q(permissions__in=other_rights) | Q(page_permissions__isnull=False)
    ).values("pk")
    offered = ~Q(pk__in=carrying)
    if region is not None and region.pk:
        offered |= Q(editable_regions=region)
    return Group.objects.filter(offered).distinct().order_by("name")


class RegionForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "editor_groups" in self.fields:
            self.fields["editor_groups"].queryset = region_groups(self.instance)
        # A region's own editors may not change who edits it (nor lock themselves out).
        if "editor_groups" in self.fields and not can_edit_everything(self.for_user):
            self.fields["editor_groups"].disabled = True


class CouncilForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "region" in self.fields and self.for_user is not None:
            self.fields["region"].queryset = editable_regions(self.for_user)


class CouncilMemberFormSet(BaseChildFormSet):
    """A council has at most one chair and one deputy chair."""

    def clean(self):
        super().clean()
        seen = {}
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.errors:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            role = form.cleaned_data.get("role")
            if role in (CouncilRole.CHAIR, CouncilRole.DEPUTY):
                if role in seen:
                    form.add_error(
                        "role",
                        _("The council already has a chair in another row.")
                        if role == CouncilRole.CHAIR
                        else _("The council already has a deputy chair in another row."),
                    )
                seen[role] = form


def editable_councils(user):
    return Council.objects.filter(region__in=editable_regions(user).values("pk"))


class MeetingForm(WagtailAdminModelForm):
    """Offers only the user's councils. (No `Meta` of its own: one here replaced Wagtail's,
    and with it the admin's widgets, the date-time picker and the document chooser.)"""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "council" in self.fields and self.for_user is not None:
            self.fields["council"].queryset = editable_councils(self.for_user).select_related(
                "region"
            )


def initial_council(user, asked: str | None) -> Council | None:
    """The council a new meeting starts with: the one asked for (`?council=`, from the
    council's page) if the user may edit it, else the user's only council, if they have one."""
    councils = editable_councils(user)
    if asked and asked.isdigit():
        return councils.filter(pk=asked).first()
    only = list(councils[:2])
    return only[0] if len(only) == 1 else None


class AttendanceFormSet(BaseChildFormSet):
    """A meeting's attendance: rows name seats of the meeting's own council, each once. A
    meeting saved with another council keeps no row for a seat that is not in it."""

    def add_fields(self, form, index):
        """Every row, the blank one the page copies included, offers the council's seats."""
        super().add_fields(form, index)
        council_id = getattr(self.instance, "council_id", None)
        seats = CouncilMember.objects.select_related("organisation").order_by("sort_order", "pk")
        if "member" in form.fields:
            form.fields["member"].queryset = (
                seats.filter(council_id=council_id) if council_id else seats
            )

    def clean(self):
        super().clean()
        council = getattr(self.instance, "council", None)
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.errors:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            member = form.cleaned_data.get("member")
            if member is None:
                continue
            if council is not None and member.council_id != council.pk:
                form.add_error("member", _("This seat is on another council."))
            elif member.pk in seen:
                form.add_error("member", _("This seat is already in another row."))
            seen.add(member.pk)
