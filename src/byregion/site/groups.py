"""Wagtail's group list with what each group gives and how many are in it.

The issue asked for groups with descriptions. A description typed by hand goes stale the
day someone changes a group's rights, so the list writes one from the rights themselves:
the pages a group may edit (and how), the regions it edits, the organisations whose
registrations it manages, the network-wide rights, and how many other rights it has. The
names put the area first ("Nyheter: …", "Påmelding: …", "Nettsted: …"), so the list,
sorted by name, keeps each area's groups together.

It lives in `site`, above every app whose rights it names; Wagtail takes it as its group
viewset through `site.users_app.UsersConfig`, which INSTALLED_APPS names instead of
"wagtail.users".
"""

from django.db.models import Count, Prefetch
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.models import GroupPagePermission
from wagtail.users.views import groups as wagtail_groups

# Wagtail's page rights in the order an editor thinks of them.
PAGE_RIGHTS = {
    "add_page": _("add"),
    "change_page": _("edit"),
    "publish_page": _("publish"),
    "bulk_delete_page": _("delete with children"),
    "lock_page": _("lock"),
    "unlock_page": _("unlock"),
}
# Rights that reach the whole network, named for what they mean.
NETWORK_RIGHTS = {
    "manage_every_gathering": _("the registrations of every gathering"),
    "change_every_region": _("every region, council and meeting"),
}
# The registration desk's rights, named beside the organisations they apply to.
REGISTRATION_RIGHTS = {
    "view_registration": _("see"),
    "add_registration": _("add"),
    "change_registration": _("edit"),
    "delete_registration": _("erase"),
}
# Rights every admin user's group has, not worth a word.
SILENT = {"access_admin", "add_document", "choose_document"}


def describe(group) -> str:
    """What the group gives, in a line or two, from its rights (prefetched)."""
    parts = []
    pages: dict[str, list[str]] = {}
    for grant in group.page_permissions.all():
        codename = grant.permission.codename
        if codename in PAGE_RIGHTS:
            # Wagtail's tree root has the title "Root": a grant there is the whole site.
            title = grant.page.title if grant.page.depth > 1 else gettext("the whole site")
            pages.setdefault(title, []).append(codename)
    for title, codenames in sorted(pages.items()):
        rights = ", ".join(str(PAGE_RIGHTS[c]) for c in PAGE_RIGHTS if c in codenames)
        parts.append(
            gettext("Pages under “%(page)s”: %(rights)s") % {"page": title, "rights": rights}
        )
    regions = sorted(region.name for region in group.editable_regions.all())
    if regions:
        parts.append(gettext("Edits the regions %(regions)s") % {"regions": ", ".join(regions)})
    codenames = {permission.codename for permission in group.permissions.all()}
    organisations = sorted(o.name for o in group.registration_organisations.all())
    if organisations:
        rights = [str(label) for c, label in REGISTRATION_RIGHTS.items() if c in codenames]
        parts.append(
            gettext("Registrations for the gatherings of %(organisations)s: %(rights)s")
            % {
                "organisations": ", ".join(organisations),
                "rights": ", ".join(rights) or "\N{EN DASH}",
            }
        )
    for codename, meaning in NETWORK_RIGHTS.items():
        if codename in codenames:
            parts.append(capfirst(str(meaning)))
    described = set(NETWORK_RIGHTS) | (set(REGISTRATION_RIGHTS) if organisations else set())
    others = len(codenames - SILENT - described)
    if others:
        parts.append(gettext("%(count)s other rights") % {"count": others})
    return "; ".join(parts) or gettext("Admin access only")


class GroupIndexView(wagtail_groups.IndexView):
    columns = [
        *wagtail_groups.IndexView.columns,
        Column("gives", label=_("What it gives"), accessor=describe),
        Column("members", label=_("Members"), accessor="member_count", sort_key="member_count"),
    ]

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .annotate(member_count=Count("user", distinct=True))
            .prefetch_related(
                Prefetch(
                    "page_permissions",
                    queryset=GroupPagePermission.objects.select_related("page", "permission"),
                ),
                "editable_regions",
                "registration_organisations",
                "permissions",
            )
        )


class GroupViewSet(wagtail_groups.GroupViewSet):
    index_view_class = GroupIndexView
