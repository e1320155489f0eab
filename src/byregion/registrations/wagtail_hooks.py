"""Registrations in Wagtail's admin: a searchable, filterable, exportable list, role
categories, each gathering's overview and check-in, and audit-logged actions."""

from django.forms import modelform_factory
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views.generic import CreateView, DeleteView, IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from . import admin_views, services
from .models import Registration, RoleCategory, new_idempotency_key


class RegistrationIndexView(IndexView):
    def as_spreadsheet(self, queryset, spreadsheet_format):
        """Exports are logged against each gathering they include (who, when, how many)."""
        for gathering_id, count in _count_by_gathering(queryset).items():
            registration = queryset.filter(gathering_id=gathering_id).first()
            log(
                instance=registration.gathering,
                action="registrations.export",
                user=self.request.user,
                data={"format": spreadsheet_format, "count": count},
            )
        return super().as_spreadsheet(queryset, spreadsheet_format)


def _count_by_gathering(queryset) -> dict[int, int]:
    from django.db.models import Count

    rows = queryset.order_by().values("gathering_id").annotate(n=Count("id"))
    return {row["gathering_id"]: row["n"] for row in rows}


class RegistrationCreateView(CreateView):
    def save_instance(self):
        """An organiser's manual add goes through the same rules (capacity, waitlist order),
        though outside the registration window."""
        data = dict(self.form.cleaned_data)
        gathering = data.pop("gathering")
        instance = services.register(
            gathering, data, idempotency_key=new_idempotency_key(), by_organiser=True
        )
        log(instance=instance, action="wagtail.create", content_changed=True)
        return instance


class RegistrationDeleteView(DeleteView):
    def delete_action(self):
        """Deleting frees the seat first, so the waitlist moves up."""
        services.cancel(self.object, notify=False)
        super().delete_action()


class RegistrationViewSet(ModelViewSet):
    model = Registration
    icon = "group"
    name = "registration_records"
    menu_label = _("Registrations")
    index_view_class = RegistrationIndexView
    add_view_class = RegistrationCreateView
    delete_view_class = RegistrationDeleteView
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
    list_filter = ["gathering", "status", "region", "role"]
    search_fields = ["name", "email", "organisation_name", "check_in_code"]
    list_export = [
        "gathering", "status", "name", "email", "phone", "organisation_name", "position",
        "role", "region", "municipality", "public_consent", "created", "confirmed_at",
        "cancelled_at", "checked_in_at",
    ]  # fmt: skip
    export_filename = "registrations"
    form_fields = [
        "gathering", "name", "email", "phone", "organisation", "organisation_name",
        "position", "role", "region", "municipality", "accessibility", "public_consent",
    ]  # fmt: skip
    ordering = ["-created"]

    def get_form_class(self, for_update=False):
        """Editing corrects details only: moving a registration to another gathering would
        bypass both gatherings' seat counts, so the gathering is chosen only when adding."""
        fields = [f for f in self.form_fields if not (for_update and f == "gathering")]
        return modelform_factory(
            self.model, formfield_callback=self.formfield_for_dbfield, fields=fields
        )

    def get_queryset(self, request):
        return Registration.objects.select_related("gathering", "role", "region", "municipality")


class RoleCategoryViewSet(ModelViewSet):
    model = RoleCategory
    icon = "tag"
    name = "role_categories"
    menu_label = _("Role categories")
    form_fields = ["name_nb", "name_nn", "name", "sort_order"]
    list_display = ["name_nb", "name_nn", "name", "sort_order"]


class GatheringsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("registrations.view_registration")


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
    for action, label, message in (
        ("registrations.export", _("Export registrations"), _("Exported registrations")),
        ("registrations.message", _("E-mail participants"), _("E-mailed the participants")),
        ("registrations.check_in", _("Check in"), _("Checked in")),
        ("registrations.cancel", _("Cancel registration"), _("Cancelled the registration")),
        ("registrations.promote", _("Move from waitlist"), _("Moved from the waitlist")),
        ("registrations.erase", _("Erase personal data"), _("Erased the personal data")),
    ):
        actions.register_action(action, label, message)
