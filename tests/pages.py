"""Wagtail's page tree for tests that build their own content."""

from wagtail.models import Collection, Locale, Page, Site

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
