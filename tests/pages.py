"""What tests that build their own content start from: Wagtail's page tree, and the rows
migrations seed (which live-server tests lose when they empty the database)."""

from importlib import import_module

from django.apps import apps
from wagtail.models import Collection, Locale, Page, Site

from byregion.registrations.models import RoleCategory
from byregion.site.models import HomePage


def home_page() -> HomePage:
    """The home page: migration 0002's, or (in a flushed live-server database) made here,
    with the root collection images and documents go in."""
    home = HomePage.objects.first()
    if home is None:
        locale, _ = Locale.objects.get_or_create(language_code="nb")
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=locale)
        )
        home = root.add_child(instance=HomePage(title="Byregion", slug="home", locale=locale))
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "root_page": home, "site_name": "Byregion"},
        )
    if Collection.get_first_root_node() is None:  # Wagtail's migration makes it; flush not
        Collection.add_root(name="Root")
    return home


def role_categories() -> dict[str, RoleCategory]:
    """The participants' role categories by name, as migration 0002 seeds them (seeded
    again when a live-server test emptied the database)."""
    if not RoleCategory.objects.exists():
        import_module("byregion.registrations.migrations.0002_seed_role_categories").seed(
            apps, None
        )
    return {role.name: role for role in RoleCategory.objects.all()}


def sitemap_files(client) -> list[str]:
    """sitemap.xml is an index; the addresses (path and query) of the files it names."""
    from urllib.parse import urlsplit

    from defusedxml import ElementTree as ET

    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    files = []
    for loc in root.iter(f"{namespace}loc"):
        parts = urlsplit(loc.text)
        files.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return files


def sitemap_text(client) -> str:
    """Every file the sitemap index names, one after the other."""
    bodies = []
    for address in sitemap_files(client):
        response = client.get(address)
        assert response.status_code == 200, address
        bodies.append(response.content.decode())
    return "\n".join(bodies)
