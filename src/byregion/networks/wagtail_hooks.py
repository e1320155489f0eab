"""The networks admin: programmes, regions (memberships inline), councils (members inline),
meetings (agenda and attachments inline) and sectors, under one "Networks" menu.

Every viewset uses `permissions.NetworkPermissionPolicy`: listings show only what the user
may edit, forms offer only their regions and councils, and an object outside their regions
answers 404 on every per-object view (edit, delete, history, usage).

A meeting is added from its council (the council's "Add meeting" button, or the only council
the editor has), its times are typed with the admin's picker in the Norwegian format
(`core.date_input`), and saving it links to its public page.
"""

from django.http import Http404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_filters import ModelChoiceFilter
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from byregion.core.date_input import DateTimePanel, as_typed

from .forms import (
    AttendanceFormSet,
    CouncilForm,
    CouncilMemberFormSet,
    MeetingForm,
    MembershipForm,
    MembershipFormSet,
    RegionForm,
    initial_council,
)
from .models import Council, Meeting, Programme, Region, Sector
from .permissions import NetworkPermissionPolicy, editable_regions


class FormInlinePanel(InlinePanel):
    """An InlinePanel whose rows use our form and formset classes (rules, not just fields)."""

    def __init__(self, *args, form=None, formset=None, **kwargs):
        self.child_form, self.child_formset = form, formset
        super().__init__(*args, **kwargs)

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs.update(form=self.child_form, formset=self.child_formset)
        return kwargs

    def get_form_options(self):
        options = super().get_form_options()
        formset = options["formsets"][self.relation_name]
        if self.child_form:
            formset["form"] = self.child_form
        if self.child_formset:
            formset["formset"] = self.child_formset
        return options


class ScopedObjectMixin:
    """Per-object views answer 404 for an object outside the user's regions."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not self.permission_policy.user_has_any_permission_for_instance(
            self.request.user, ["change", "delete", "view"], obj
        ):
            raise Http404
        return obj


def scoped(view_class):
    return type(f"Scoped{view_class.__name__}", (ScopedObjectMixin, view_class), {})


class NetworkViewSet(SnippetViewSet):
    search_backend_name = None  # the database's own search: exact, no index to keep fresh
    copy_view_enabled = False
    edit_view_class = scoped(snippet_views.EditView)
    delete_view_class = scoped(snippet_views.DeleteView)
    history_view_class = scoped(snippet_views.HistoryView)
    usage_view_class = scoped(snippet_views.UsageView)

    @cached_property
    def permission_policy(self):
        return NetworkPermissionPolicy(self.model)

    def get_queryset(self, request):
        return self.permission_policy.instances_user_has_any_permission_for(
            request.user, ["change", "delete", "view"]
        )


class ProgrammeViewSet(NetworkViewSet):
    model = Programme
    icon = "list-ul"
    menu_label = _("Programmes")
    search_fields = ["name", "purpose"]
    list_display = ["name", "owner", "operator", "start", "end"]
    list_filter = ["owner", "operator"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("owner"), FieldPanel("operator")]),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("purpose"),
        FieldPanel("language"),
    ]


class RegionFilterSet(WagtailFilterSet):
    class Meta:
        model = Region
        fields = ["kind", "programmes"]


class RegionViewSet(NetworkViewSet):
    model = Region
    icon = "site"
    menu_label = _("Regions")
    search_fields = ["name", "description", "slug"]
    filterset_class = RegionFilterSet
    list_display = ["name", Column("kind", label=_("kind"), accessor="get_kind_display"), "host"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("name"),
                    FieldPanel("slug"),
                    FieldPanel("kind"),
                    FieldPanel("host"),
                    FieldPanel("description"),
                    FieldPanel("language"),
                    MultiFieldPanel(
                        [
                            FieldPanel("contact_name"),
                            FieldPanel("contact_title"),
                            FieldRowPanel(
                                [FieldPanel("contact_email"), FieldPanel("contact_phone")]
                            ),
                        ],
                        heading=_("Contact person"),
                    ),
                    FieldPanel("editor_groups"),
                ],
                heading=_("Region"),
            ),
            ObjectList(
                [
                    FormInlinePanel(
                        "memberships",
                        heading=_("Member municipalities"),
                        form=MembershipForm,
                        formset=MembershipFormSet,
                    )
                ],
                heading=_("Members"),
            ),
        ],
        base_form_class=RegionForm,
    )


class CouncilFilterSet(WagtailFilterSet):
    region = ModelChoiceFilter(
        label=_("region"), queryset=lambda request: editable_regions(request.user)
    )

    class Meta:
        model = Council
        fields = ["region"]


class CouncilEditView(snippet_views.EditView):
    """A council's page in the admin leads to its meetings and to adding one."""

    @cached_property
    def header_buttons(self):
        meetings = Meeting.snippet_viewset
        query = f"?council={self.object.pk}"
        return [
            *super().header_buttons,
            HeaderButton(
                _("Add meeting"),
                url=reverse(meetings.get_url_name("add")) + query,
                icon_name="plus",
            ),
            HeaderButton(
                _("Meetings"),
                url=reverse(meetings.get_url_name("list")) + query,
                icon_name="date",
            ),
        ]


class CouncilViewSet(NetworkViewSet):
    model = Council
    edit_view_class = scoped(CouncilEditView)
    icon = "group"
    menu_label = _("Councils")
    search_fields = ["name", "mandate"]
    filterset_class = CouncilFilterSet
    list_display = ["name", "region", "term_start", "term_end"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("region"),
                    FieldPanel("name"),
                    FieldPanel("slug"),
                    FieldPanel("mandate"),
                    FieldRowPanel([FieldPanel("term_start"), FieldPanel("term_end")]),
                    FieldPanel("language"),
                    FieldPanel("source_note"),
                ],
                heading=_("Council"),
            ),
            ObjectList(
                [
                    FormInlinePanel(
                        "members",
                        heading=_("Members"),
                        formset=CouncilMemberFormSet,
                        panels=[
                            FieldPanel("position"),
                            FieldPanel("organisation"),
                            FieldRowPanel([FieldPanel("sector"), FieldPanel("role")]),
                            FieldRowPanel(
                                [FieldPanel("person_name"), FieldPanel("name_is_public")]
                            ),
                        ],
                    )
                ],
                heading=_("Members"),
            ),
        ],
        base_form_class=CouncilForm,
    )


class MeetingFilterSet(WagtailFilterSet):
    council = ModelChoiceFilter(
        label=_("council"),
        queryset=lambda request: Council.objects.filter(
            region__in=editable_regions(request.user).values("pk")
        ),
    )

    class Meta:
        model = Meeting
        fields = ["status", "council"]


def meeting_label(meeting) -> str:
    return f"{meeting.display_title}, {as_typed(meeting.start)}"


def success_words(meeting) -> dict:
    """Wagtail's "Meeting '…' created." with the time as typed, not the ISO of `__str__`."""
    return {"object": meeting_label(meeting), "model_name": Meeting._meta.verbose_name}


def public_page_button(meeting):
    return messages.button(meeting.get_absolute_url(), _("See the public page"), new_window=True)


class MeetingIndexView(snippet_views.IndexView):
    @cached_property
    def columns(self):
        """The title links to the meeting and falls back to the council's name (an empty
        title means that); the time is written as it is typed, not as ISO."""
        columns = super().columns
        columns[0] = self._get_title_column("title", accessor="display_title")
        return columns

    @cached_property
    def add_url(self):
        """Listing one council's meetings, "Add meeting" adds one to that council."""
        add_url, council = super().add_url, self.request.GET.get("council", "")
        return f"{add_url}?council={council}" if add_url and council.isdigit() else add_url


class MeetingCreateView(snippet_views.CreateView):
    def get_initial(self):
        initial = super().get_initial()
        if council := initial_council(self.request.user, self.request.GET.get("council")):
            initial["council"] = council.pk
        return initial

    def get_success_message(self, instance):
        return capfirst(self.success_message % success_words(instance))

    def get_success_buttons(self):
        return [*super().get_success_buttons(), public_page_button(self.object)]


class MeetingEditView(snippet_views.EditView):
    def get_success_message(self):
        return capfirst(self.success_message % success_words(self.object))

    def get_success_buttons(self):
        return [*super().get_success_buttons(), public_page_button(self.object)]

    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                _("See the public page"),
                url=self.object.get_absolute_url(),
                icon_name="link-external",
                attrs={"target": "_blank", "rel": "noopener"},
            ),
        ]


class MeetingViewSet(NetworkViewSet):
    model = Meeting
    icon = "date"
    menu_label = _("Meetings")
    search_fields = ["title", "venue_name", "venue_address"]
    filterset_class = MeetingFilterSet
    index_view_class = MeetingIndexView
    add_view_class = MeetingCreateView
    edit_view_class = scoped(MeetingEditView)
    list_display = [
        "title",
        Column(
            "start", label=capfirst(_("starts")), accessor=lambda meeting: as_typed(meeting.start)
        ),
        "council",
        Column("status", accessor="get_status_display"),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("council"),
            FieldPanel("title"),
            FieldRowPanel([DateTimePanel("start"), DateTimePanel("end")]),
            FieldRowPanel([FieldPanel("venue_name"), FieldPanel("venue_address")]),
            FieldPanel("status"),
            InlinePanel("agenda_items", heading=_("Agenda")),
            FieldPanel("minutes"),
            InlinePanel("attachments", heading=_("Attachments")),
            FormInlinePanel(
                "attendance",
                heading=_("Attendance"),
                formset=AttendanceFormSet,
                help_text=_(
                    "Who came, seat by seat, recorded with the minutes. A seat is shown by "
                    "its position and organisation, and by the person's name only where "
                    "they agreed to it."
                ),
            ),
        ],
        base_form_class=MeetingForm,
    )


class SectorViewSet(NetworkViewSet):
    model = Sector
    icon = "tag"
    menu_label = _("Sectors")
    search_fields = ["name", "name_nn", "name_en"]
    list_display = ["name", "name_nn", "name_en", "sort_order"]
    panels = [
        FieldPanel("name"),
        FieldPanel("name_nn"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("sort_order"),
    ]


class NetworksGroup(SnippetViewSetGroup):
    items = (ProgrammeViewSet, RegionViewSet, CouncilViewSet, MeetingViewSet, SectorViewSet)
    menu_icon = "site"
    menu_label = _("Networks")
    menu_order = 250


register_snippet(NetworksGroup)
