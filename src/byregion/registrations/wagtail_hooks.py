"""Registrations in Wagtail's admin: a searchable, filterable, exportable list, role
categories, each gathering's overview and check-in. Adding, editing, deleting and exporting
go through the services, which log them (`audit`). Every view holds only the gatherings
the user manages (`permissions`); another organiser's registration answers 404."""

import csv
import datetime as dt

from django.core.exceptions import ValidationError
from django.forms import modelform_factory
from django.http import Http404
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, HistoryView, IndexView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.views.mixins import Echo
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import ModelLogEntry

from . import admin_views, audit, privacy, services
from .models import Registration, RoleCategory, new_idempotency_key
from .permissions import in_scope, manageable_gatherings, may, registrations_for
from .spreadsheets import CSV_BOM, CSV_DELIMITER, cell_value, safe_cell


class InScope:
    """A per-object view of a registration outside the user's gatherings answers 404."""

    def get_object(self, *args, **kwargs):
        registration = super().get_object(*args, **kwargs)
        if not in_scope(self.request.user, registration):
            raise Http404
        return registration


def _managed_gatherings(request):
    return manageable_gatherings(request.user).order_by("-start", "-pk")


class RegistrationFilterSet(WagtailFilterSet):
    """The gathering filter offers only the user's gatherings (their titles included)."""

    gathering = ModelChoiceFilter(label=_("gathering"), queryset=_managed_gatherings)
    status = ChoiceFilter(label=_("status"), choices=Registration._meta.get_field("status").choices)

    class Meta:
        model = Registration
        fields = ["gathering", "status", "region", "role"]


class RegistrationIndexView(IndexView):
    def get_base_queryset(self):
        """The user's gatherings' registrations only: the list, its search and its exports."""
        return registrations_for(self.request.user, "view").select_related(
            "gathering", "role", "region", "municipality"
        )

    def as_spreadsheet(self, queryset, spreadsheet_format):
        """Exports are logged against each gathering they include (who, when, how many)."""
        privacy.record_export(queryset, spreadsheet_format, actor=self.request.user)
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def get_filename(self):
        """ "pameldinger-<gathering's slug>-<its first day>" for one gathering, else the
        day's date: a file that says what it holds, in ASCII for every system."""
        prefix = slugify(str(_("registrations")))
        gathering = self.filters.form.cleaned_data.get("gathering") if self.filters else None
        if gathering is not None:
            day = timezone.localtime(gathering.start).date() if gathering.start else None
            return "-".join(filter(None, [prefix, gathering.slug, day and day.isoformat()]))
        return f"{prefix}-{timezone.localdate().isoformat()}"

    def to_row_dict(self, item):
        """Choices by their label in the user's language (a status reads "bekreftet")."""
        row = super().to_row_dict(item)
        for field in row:
            display = getattr(item, f"get_{field}_display", None)
            if display is not None:
                row[field] = display()
        return row

    def preprocess_field_value(self, field, value, export_format):
        """Local times to the minute, "Ja"/"Nei" (`spreadsheets.cell_value`); and free text
        is the participants' own: never a formula in CSV or Excel (`spreadsheets.safe_cell`)."""
        value = cell_value(value, text=export_format == self.FORMAT_CSV)
        return safe_cell(super().preprocess_field_value(field, value, export_format))

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        """Every text cell is written as a string (openpyxl's data type "s"), never a formula;
        date-time cells show as the Norwegian admin writes them."""
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format=None):
            if isinstance(cell.value, str):
                cell.data_type = "s"
            elif isinstance(cell.value, dt.datetime):
                cell.number_format = "dd.mm.yyyy hh:mm"
            yield cell

    def stream_csv(self, queryset):
        """UTF-8 with a byte-order mark, semicolon-separated (`spreadsheets`)."""
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export, delimiter=CSV_DELIMITER)
        yield CSV_BOM.encode()
        yield writer.writerow(
            {field: self.get_heading(queryset, field) for field in self.list_export}
        )
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response


class ThroughServices:
    """Wagtail's create and edit views save through the services, which hold the lock, run
    the transaction and write the audit entry (so the view neither wraps them in its own
    transaction nor logs). A busy lock or a broken rule shows the form again, input kept."""

    def form_valid(self, form):
        self.form = form
        try:
            self.object = self.save_instance()
        except services.Busy as error:
            form.add_error(None, str(error.message))
            self.produced_error_message = error.message
            response = self.form_invalid(form)
            response.status_code = 503
            response["Retry-After"] = str(error.retry_after)
            return response
        except ValidationError as error:
            for field, messages in getattr(error, "error_dict", {None: error.error_list}).items():
                form.add_error(field if field in form.fields else None, messages)
            self.produced_error_message = " ".join(error.messages)
            return self.form_invalid(form)
        response = self.save_action()
        return self.run_after_hook() or response


class RegistrationCreateView(ThroughServices, CreateView):
    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        form.fields["gathering"].queryset = _managed_gatherings(self.request)
        return form

    def save_instance(self):
        """An organiser's manual add goes through the same rules (capacity, waitlist order),
        though outside the registration window."""
        data = dict(self.form.cleaned_data)
        gathering = data.pop("gathering")
        return services.register(
            gathering,
            data,
            idempotency_key=new_idempotency_key(),
            actor=self.request.user,
            by_organiser=True,
        )


class RegistrationEditView(InScope, ThroughServices, EditView):
    def save_instance(self):
        """Corrections go through the same service as the participant's own changes."""
        return services.update(
            self.object, dict(self.form.cleaned_data), actor=self.request.user, notify=False
        )


class RegistrationDeleteView(InScope, DeleteView):
    def delete_action(self):
        """Deleting frees the seat first, so the waitlist moves up."""
        privacy.delete(self.object, actor=self.request.user)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except services.Busy as error:
            return admin_views.busy(self.request, error, self.request.get_full_path())


class RegistrationViewSet(ModelViewSet):
    model = Registration
    icon = "group"
    name = "registration_records"
    menu_label = _("Registrations")
    index_view_class = RegistrationIndexView
    add_view_class = RegistrationCreateView
    edit_view_class = RegistrationEditView
    delete_view_class = RegistrationDeleteView
    history_view_class = type("RegistrationHistoryView", (InScope, HistoryView), {})
    usage_view_class = type("RegistrationUsageView", (InScope, UsageView), {})
    copy_view_enabled = False  # a copy would carry another person's details into a new one
    filterset_class = RegistrationFilterSet
    list_display = [
        TitleColumn(
            "name",
            label=_("name"),
            get_url=lambda r: reverse("registrations_admin:manage", args=[r.pk]),
        ),
        "gathering",
        "status",
        "organisation_name",
        "role",
        "region",
        "created",
        "checked_in_at",
    ]
    search_fields = ["name", "email", "organisation_name", "check_in_code"]
    list_export = [
        "gathering", "status", "name", "email", "phone", "organisation_name", "position",
        "role", "region", "municipality", "public_consent", "email_confirmed_at", "created",
        "confirmed_at", "cancelled_at", "checked_in_at",
    ]  # fmt: skip
    form_fields = [
        "gathering", "name", "email", "phone", "organisation", "organisation_name",
        "position", "role", "region", "municipality", "accessibility", "public_consent",
    ]  # fmt: skip
    ordering = ["-created", "-pk"]

    def get_form_class(self, for_update=False):
        """Editing corrects details only: moving a registration to another gathering would
        bypass both gatherings' seat counts, so the gathering is chosen only when adding."""
        fields = [f for f in self.form_fields if not (for_update and f == "gathering")]
        return modelform_factory(
            self.model, formfield_callback=self.formfield_for_dbfield, fields=fields
        )


class RoleCategoryViewSet(ModelViewSet):
    model = RoleCategory
    icon = "tag"
    name = "role_categories"
    menu_label = _("Role categories")
    form_fields = ["name_nb", "name_nn", "name", "sort_order"]
    list_display = ["name_nb", "name_nn", "name", "sort_order"]


class GatheringsMenuItem(MenuItem):
    def is_shown(self, request):
        return may(request.user, "view")


class RegistrationsGroup(ViewSetGroup):
    menu_label = _("Registrations")
    menu_icon = "group"
    menu_order = 250
    items = (RegistrationViewSet, RoleCategoryViewSet)

    def get_submenu_items(self):
        items = super().get_submenu_items()
        items.insert(
            0,
            GatheringsMenuItem(
                _("Gatherings and check-in"),
                reverse("registrations_admin:gatherings"),
                icon_name="date",
                name="registration-gatherings",
            ),
        )
        return items


@hooks.register("register_admin_viewset")
def register_viewsets():
    return RegistrationsGroup()


admin_urls = [
    path("", admin_views.gatherings, name="gatherings"),
    path("gathering/<int:gathering_id>/", admin_views.gathering, name="gathering"),
    path("gathering/<int:gathering_id>/message/", admin_views.message, name="message"),
    path("gathering/<int:gathering_id>/check-in/", admin_views.check_in, name="check_in"),
    path(
        "gathering/<int:gathering_id>/evaluation/",
        admin_views.evaluation_results,
        name="evaluation",
    ),
    path(
        "gathering/<int:gathering_id>/evaluation/questions/",
        admin_views.evaluation_questions,
        name="evaluation_questions",
    ),
    path(
        "gathering/<int:gathering_id>/evaluation/compare/",
        admin_views.evaluation_compare,
        name="evaluation_compare",
    ),
    path(
        "gathering/<int:gathering_id>/evaluation.<str:fmt>",
        admin_views.evaluation_export,
        name="evaluation_export",
    ),
    path("registration/<int:pk>/", admin_views.manage, name="manage"),
    path("registration/<int:pk>/export/", admin_views.export_person, name="export_person"),
    path("registration/<int:pk>/<str:action>/", admin_views.act, name="act"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "registration-desk/",
            include((admin_urls, "registrations_admin"), namespace="registrations_admin"),
        )
    ]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_model(Registration, ModelLogEntry)
    for action, label, message in audit.ACTIONS:
        actions.register_action(action, label, message)
