"""Pages whose slugs kept æ, ø or å get ASCII ones (core.slugs), and their old addresses,
and those of the pages below them, redirect permanently to the new ones.

A redirect is made for each language prefix the pages are served under ("", /nn, /en):
the unprefixed one points at the page (so it follows the page if it moves again), the
prefixed ones at the page's new address in that language. The latest revisions carry the
new slug too, so publishing a draft made before does not bring the old one back. Running it
again finds nothing to do (the slugs are ASCII), and a redirect that exists is not doubled.
"""

from django.conf import settings
from django.db import migrations

from byregion.core.slugs import ascii_slug

STEPLEN = 4  # treebeard's path step in Wagtail's tree


def _normalise(path):
    path = path.strip()
    return path[:-1] if path.endswith("/") and len(path) > 1 else path


def ascii_page_slugs(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Revision = apps.get_model("wagtailcore", "Revision")
    Redirect = apps.get_model("wagtailredirects", "Redirect")
    ContentType = apps.get_model("contenttypes", "ContentType")
    page_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    sites = [(site, site.root_page.url_path) for site in Site.objects.select_related("root_page")]
    prefixes = [""] + [f"/{code}" for code, _name in settings.LANGUAGES if code != "nb"]

    renamed = [p.pk for p in Page.objects.order_by("depth", "path") if not p.slug.isascii()]
    for pk in renamed:  # shallowest first: a page's own url_path is current when it is reached
        page = Page.objects.get(pk=pk)
        parent_path = page.path[:-STEPLEN]
        siblings = Page.objects.filter(path__startswith=parent_path, depth=page.depth).exclude(
            pk=page.pk
        )
        base = ascii_slug(page.slug) or "side"
        slug, number = base, 1
        while siblings.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        old_url_path = page.url_path
        new_url_path = old_url_path[: -len(page.slug) - 1] + slug + "/"

        for moved in Page.objects.filter(path__startswith=page.path).order_by("path"):
            old = moved.url_path
            new = new_url_path + old[len(old_url_path) :]
            Page.objects.filter(pk=moved.pk).update(url_path=new)
            for site, root in sites:  # "/home/nyheter/a/" is "/nyheter/a/" on the site
                if not old.startswith(root) or old == root:
                    continue
                old_public, new_public = "/" + old[len(root) :], "/" + new[len(root) :]
                for prefix in prefixes:
                    old_path = _normalise(prefix + old_public)
                    if Redirect.objects.filter(site=site, old_path=old_path).exists():
                        continue
                    target = {"redirect_page_id": moved.pk} if not prefix else {
                        "redirect_link": prefix + new_public
                    }  # fmt: skip
                    Redirect.objects.create(
                        site=site, old_path=old_path, is_permanent=True, **target
                    )
        Page.objects.filter(pk=page.pk).update(slug=slug)
        revisions = Revision.objects.filter(object_id=str(page.pk))
        if page_type is not None:
            revisions = revisions.filter(base_content_type=page_type)
        for revision in revisions:
            if isinstance(revision.content, dict) and revision.content.get("slug") != slug:
                revision.content = {**revision.content, "slug": slug}
                revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("byregion_core", "0001_proxied_address"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(ascii_page_slugs, migrations.RunPython.noop)]
