"""Wagtail's pages are found by `site.serving` (the route kept in the cache, the page read in
one query), by Wagtail's own rules: each path is checked against Wagtail's walk
(`Page.route_for_request`), and what Wagtail's serve view adds (view restrictions) still
holds.
"""

import datetime as dt

import pytest
from django.core.cache import caches
from django.test import RequestFactory
from wagtail.models import Page, PageViewRestriction

from byregion.core import pages
from byregion.gatherings.models import GatheringPage
from byregion.networks.models import Programme
from byregion.site import serving
from tests.gatherings.conftest import make_gathering, make_index, make_session, oslo
from tests.news.conftest import NewsTree

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    """News (an index, sections, articles), gatherings (a routable index and routable
    pages, one with a session), an unpublished section with a live article below it, an
    unpublished article, and a gathering whose slug is one of its index's own routes."""
    news = NewsTree()
    news.article(title="Ei nyheit", slug="ei-nyheit")
    news.article(title="Eit utkast", slug="eit-utkast", publish=False)
    news.molde_section.unpublish()
    news.article(section=news.molde_section, title="Under utkast", slug="under-utkast")
    index = make_index()
    gathering = make_gathering(index, "samlinga")
    make_session(gathering, "Opning", oslo(2027, 4, 14, 10), oslo(2027, 4, 14, 11))
    make_gathering(index, "feed")  # the index's route /samlinger/feed/ comes first
    draft = make_gathering(index, "utkastet")
    draft.unpublish()
    Programme.objects.create(
        name="Byregionprogrammet", slug="byregionprogrammet", owner=news.operator,
        operator=news.operator, start=dt.date(2014, 1, 1),
    )  # fmt: skip
    return news


PATHS = [
    "",
    "nyheter/",
    "nyheter/alesund-kommune/",
    "nyheter/alesund-kommune/ei-nyheit/",
    "nyheter/alesund-kommune/eit-utkast/",  # unpublished: 404
    "nyheter/molde-kommune/",  # unpublished: 404
    "nyheter/molde-kommune/under-utkast/",  # live below an unpublished page: served
    "nyheter/finst-ikkje/",
    "nyheter/alesund-kommune/ei-nyheit/meir/",
    "samlinger/",
    "samlinger/feed/",
    "samlinger/kalender/",
    "samlinger/serie/byregionprogrammet/",
    "samlinger/samlinga/",
    "samlinger/samlinga/program/",
    "samlinger/samlinga/kalender/",
    "samlinger/samlinga/ukjend/",
    "samlinger/utkastet/",  # unpublished routable page: 404
    "samlinger/utkastet/program/",
    "finst-ikkje/",
]


def _described(result):
    if result is None:
        return None
    page, args, kwargs = result
    args = list(args)
    if args and callable(args[0]):  # a routable page's view, bound to the page
        args[0] = args[0].__func__
    return (page.pk, type(page), args, kwargs)


def test_every_path_leads_where_wagtail_s_walk_leads(tree, client):
    factory = RequestFactory()
    for path in PATHS:
        ours = serving.route(factory.get(f"/{path}"), path)
        again = serving.route(factory.get(f"/{path}"), path)  # from the cache
        wagtails = Page.route_for_request(factory.get(f"/{path}"), path)
        assert _described(ours) == _described(wagtails), path
        assert _described(again) == _described(wagtails), path
        expected = 200 if wagtails is not None else 404
        assert client.get(f"/{path}").status_code == expected, path


def test_a_route_to_nowhere_is_not_kept(tree, settings):
    cache = caches[settings.BYREGION_PAGE_CACHE_ALIAS]
    assert serving.route(RequestFactory().get("/"), "finst-ikkje/") is None  # keeps the site
    before = len(cache._cache)
    for n in range(20):
        assert serving.route(RequestFactory().get("/"), f"finst-ikkje-{n}/") is None
    assert len(cache._cache) == before


def test_the_page_is_served_with_its_parents_and_what_it_shows(tree, django_assert_num_queries):
    path = "nyheter/alesund-kommune/ei-nyheit/"
    serving.route(RequestFactory().get("/"), path).page.get_view_restrictions()  # kept now
    with django_assert_num_queries(1):
        page = serving.route(RequestFactory().get("/"), path).page
        assert page.organisation.name == "Ålesund kommune"  # joined
        assert page.get_parent().get_parent().slug == "nyheter"
        assert not page.get_view_restrictions()


def test_a_restricted_page_what_is_below_it_and_its_aliases_ask_for_the_password(tree, client):
    article = "/nyheter/alesund-kommune/ei-nyheit/"
    assert "Ei nyheit" in client.get(article).content.decode()  # kept: no restriction
    secret = tree.article(section=tree.operator_section, title="Løyndom", slug="loyndom")
    alias = secret.create_alias(update_slug="kopi-av-loyndom")
    for page in (tree.alesund_section, secret):
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="hemmeleg"
        )
    restricted = [
        "/nyheter/alesund-kommune/",
        article,
        "/nyheter/distriktssenteret/loyndom/",
        "/nyheter/distriktssenteret/kopi-av-loyndom/",
    ]
    for path in [*restricted, "/nyheter/distriktssenteret/", "/nyheter/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert ('name="password"' in response.content.decode()) == (path in restricted), path
    # The rule agrees with Wagtail's on every page: a restriction on the page or above it,
    # and for an alias, on the page it is an alias of (not above that one).
    for page in Page.objects.all():
        expected = Page.get_view_restrictions(page).exists()
        assert pages.may_be_restricted(page) == expected, page.url_path
    assert alias.alias_of_id == secret.pk


def test_a_moved_page_is_found_at_its_new_address_at_once(tree, client):
    gathering = GatheringPage.objects.get(slug="samlinga")
    assert client.get("/samlinger/samlinga/program/").status_code == 200
    gathering.slug = "samlinga-2027"
    gathering.save_revision().publish()
    assert client.get("/samlinger/samlinga-2027/program/").status_code == 200
    assert client.get("/samlinger/samlinga/program/").status_code in (301, 404)
