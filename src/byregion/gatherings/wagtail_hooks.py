"""The admin for gathering programmes: sessions, with their speakers and materials inline.

Sessions are snippets, not parts of the gathering page: saving one is live at once, so
organisers add slides after the gathering without a new revision of its page.
"""

from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from byregion.core.date_input import as_typed

from .models import GatheringPage, Session


class SessionViewSet(SnippetViewSet):
    model = Session
    icon = "time"
    menu_label = _("Programme sessions")
    menu_order = 210
    add_to_admin_menu = True
    list_display = [
        "title",
        "gathering",
        # As an editor types it ("14.04.2027 10.00"), not the database's ISO form.
        Column("start", label=capfirst(_("starts")), accessor=lambda s: as_typed(s.start)),
        "format",
        "room",
        "capacity",
    ]
    list_filter = ["gathering", "format"]
    list_per_page = 50
    search_fields = ["title", "room", "description"]
    search_backend_name = None  # the ORM: sessions are not in the site's search index
    ordering = ["-gathering__start", "start", "room"]
    copy_view_enabled = True

    def get_queryset(self, request):
        return Session.objects.select_related("gathering")


register_snippet(SessionViewSet)


@hooks.register("register_page_header_buttons")
def programme_sessions_button(page, user, view_name=None, next_url=None):
    """On a gathering's page in the admin: a way to its sessions, which live outside the page."""
    if page.specific_class and issubclass(page.specific_class, GatheringPage):
        url = reverse(Session.snippet_viewset.get_url_name("list")) + f"?gathering={page.pk}"
        yield Button(_("Programme sessions"), url, icon_name="time", priority=60)
