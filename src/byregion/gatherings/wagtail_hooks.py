"""The admin for gathering programmes: sessions, with their speakers and materials inline.

Sessions are snippets, not parts of the gathering page: saving one is live at once, so
organisers add slides after the gathering without a new revision of its page.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Session


class SessionViewSet(SnippetViewSet):
    model = Session
    icon = "time"
    menu_label = _("Programme sessions")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["title", "gathering", "start", "format", "room", "capacity"]
    list_filter = ["gathering", "format"]
    list_per_page = 50
    search_fields = ["title", "room", "description"]
    search_backend_name = None  # the ORM: sessions are not in the site's search index
    ordering = ["-gathering__start", "start", "room"]
    copy_view_enabled = True

    def get_queryset(self, request):
        return Session.objects.select_related("gathering")


register_snippet(SessionViewSet)
