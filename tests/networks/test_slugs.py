"""A snippet's slug typed with æ, ø or å is written out (issue 16, item 10)."""

from tests.networks.test_admin import post_region


def test_a_snippets_slug_typed_with_the_letters_is_written_out(client, operator_editor, regions):
    """Snippets' slugs were refused with æøå (Django's SlugField is ASCII) while Wagtail's
    script kept them in the box; now the box and the server write them out."""
    region = regions["molderegionen"]
    response = post_region(client, operator_editor, region, [], slug="romsdal-og-møre")
    assert response.status_code == 302, response.context["form"].errors
    region.refresh_from_db()
    assert region.slug == "romsdal-og-more"
