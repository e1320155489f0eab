"""Who may write and publish news where: groups, page permissions and the approval workflow.

Writers submit, editors publish, per organisation's section; the operator's editors publish
anywhere. `grant_news_section` and `grant_network_news` are idempotent, so running them
again repairs a group's rights.
See docs/developers/news.md (Permissions).
"""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from byregion.organisations.models import Organisation

from .models import NewsIndexPage, NewsSectionPage

WRITER_PAGE_PERMISSIONS = ("add_page", "change_page")
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
# Writers and editors upload and choose images and documents in the shared library.
MEDIA_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
)
NETWORK_EDITORS = "Nyheter: redaktører for hele nettverket"


def _group(name: str, page, page_permissions) -> Group:
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin",
                                                 codename="access_admin"))  # fmt: skip
    for codename in page_permissions:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    # Wagtail's migrations make the root collection; a flushed database (live-server tests)
    # has none, and images need one too.
    root_collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    for app_label, codename in MEDIA_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=root_collection,
            permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
        )
    return group


def news_index() -> NewsIndexPage:
    index = NewsIndexPage.objects.first()
    if index is None:
        raise ImproperlyConfigured(
            "There is no news index page yet: add one (slug 'nyheter') below the home page."
        )
    return index


def ensure_news_section(organisation: Organisation) -> NewsSectionPage:
    """The organisation's news section, made and published below the index if missing."""
    section = NewsSectionPage.objects.filter(organisation=organisation).first()
    if section is not None:
        return section
    section = news_index().add_child(
        instance=NewsSectionPage(
            title=organisation.name, slug=organisation.slug, organisation=organisation
        )
    )
    section.save_revision().publish()
    return section


@transaction.atomic
def grant_network_news() -> Group:
    """The operator's editors: publish on the whole news index (every section)."""
    return _group(NETWORK_EDITORS, news_index(), EDITOR_PAGE_PERMISSIONS)


@transaction.atomic
def grant_news_section(organisation: Organisation) -> tuple[Group, Group]:
    """The organisation's (writers, editors), its section and the section's workflow."""
    section = ensure_news_section(organisation)
    writers = _group(f"Nyheter: skribenter, {organisation.name}", section, WRITER_PAGE_PERMISSIONS)
    editors = _group(f"Nyheter: redaktører, {organisation.name}", section, EDITOR_PAGE_PERMISSIONS)
    network_editors = grant_network_news()

    task, _created = GroupApprovalTask.objects.get_or_create(
        name=f"Godkjenning av nyheter, {organisation.name}"
    )
    task.groups.add(editors, network_editors)
    workflow, _created = Workflow.objects.get_or_create(
        name=f"Nyheter fra {organisation.name}", defaults={"active": True}
    )
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=section, defaults={"workflow": workflow})
    return writers, editors
