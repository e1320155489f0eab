"""Every public content type is in the index, and follows its content: publishing and
unpublishing pages, saving and deleting records, and the changes elsewhere documents show."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from byregion.gatherings.models import Material, MaterialKind, Session, Speaker
from byregion.knowledge.models import ExperienceIndexPage, ExperiencePage
from byregion.networks.models import AgendaItem, Council, Meeting, Membership, Region
from byregion.places.models import Place
from byregion.search.index import rebuild
from byregion.search.models import Document
from byregion.search.query import search
from byregion.themes.models import Theme
from tests.gatherings.conftest import (  # noqa: F401  (fixtures: gathering and what it needs)
    gathering,
    gathering_index,
    make_session,
    operator,
    oslo,
    programme,
)
from tests.news.conftest import news_tree  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def documents(model, **filters):
    content_type = ContentType.objects.get_for_model(model)
    return Document.objects.filter(content_type=content_type, **filters)


def document_of(obj) -> Document | None:
    return documents(type(obj)._meta.concrete_model, object_id=obj.pk).first()


def test_a_published_article_is_indexed_with_its_facets_and_unpublishing_removes_it(news_tree):  # noqa: F811
    theme = Theme.objects.get(slug="stadutvikling")
    region = Region.objects.create(name="Ålesundregionen", slug="alesundregionen")
    article = news_tree.article(
        title="Byregionsamling i Ålesund",
        body="<p>Næringsutvikling i byregionane.</p>",
        themes=[theme],
        regions=[region],
    )
    document = document_of(article)
    assert (document.kind, document.language, document.url) == ("news", "nn", article.url)
    assert document.organisation_id == news_tree.alesund.pk
    assert document.date == article.first_published_at
    assert f"t{theme.pk}" in document.facet_terms.split()
    assert f"r{region.pk}" in document.facet_terms.split()
    assert [h.title for h in search("byregionsamlinga", themes=[theme.pk]).hits] == [
        "Byregionsamling i Ålesund"
    ]
    assert search("næringsutviklinga", regions=[region.pk], kinds="news").total == 1

    article.title = "Utkast som ikkje er publisert"
    article.save_revision()  # a draft changes nothing
    assert document_of(article).title == "Byregionsamling i Ålesund"

    article.unpublish()
    assert document_of(article) is None
    assert search("byregionsamling").total == 0


def test_a_view_restriction_above_an_article_takes_it_out_of_the_index_and_back(news_tree):  # noqa: F811
    from wagtail.models import PageViewRestriction

    article = news_tree.article(title="Intern samling for redaksjonen")
    assert document_of(article) is not None
    restriction = PageViewRestriction.objects.create(
        page=article.get_parent(), restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert document_of(article) is None
    restriction.delete()
    assert document_of(article) is not None


def test_a_view_restriction_on_a_gathering_takes_its_programme_too(gathering):  # noqa: F811
    from wagtail.models import PageViewRestriction

    opening = Session.objects.get(gathering=gathering, title="Opning")
    assert document_of(gathering) is not None and document_of(opening) is not None
    restriction = PageViewRestriction.objects.create(
        page=gathering, restriction_type=PageViewRestriction.LOGIN
    )
    assert document_of(gathering) is None and document_of(opening) is None
    restriction.delete()
    assert document_of(gathering) is not None and document_of(opening) is not None


def test_a_draft_article_is_not_indexed_and_deleting_removes_a_published_one(news_tree):  # noqa: F811
    draft = news_tree.article(title="Kladd om samlinga", publish=False)
    assert document_of(draft) is None
    article = news_tree.article(title="Publisert om samlinga")
    assert document_of(article) is not None
    Page.objects.get(pk=article.pk).delete()
    assert document_of(article) is None


@pytest.fixture
def experience_index(db):
    from tests.pages import home_page

    home = home_page()
    page = home.add_child(
        instance=ExperienceIndexPage(title="Erfaringer", slug="erfaringer", language="nb")
    )
    page.save_revision().publish()
    return page


def make_experience(parent, title, *, themes=(), sessions=(), publish=True, **fields):
    page = ExperiencePage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        language="nn",
        summary=fields.pop("summary", f"Om {title}."),
        period_start=dt.date(2017, 1, 1),
        live=publish,
        **fields,
    )
    page.themes = list(themes)
    page.sessions = list(sessions)
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return ExperiencePage.objects.get(pk=page.pk)


def test_an_experience_is_indexed_when_published_and_removed_when_unpublished(
    experience_index,
):
    theme = Theme.objects.get(slug="samspel-by-og-omland")
    page = make_experience(
        experience_index,
        "Betre kollektivtransport",
        themes=[theme],
        what_was_done="<p>Kommunane samordna rutene.</p>",
    )
    document = document_of(page)
    assert (document.kind, document.language) == ("experience", "nn")
    assert document.date.date() == dt.date(2017, 1, 1)
    assert search("kommunene", themes=[theme.pk]).total == 1  # Bokmål finds Nynorsk
    page.unpublish()
    assert document_of(page) is None


def test_pages_are_found_by_the_regions_programmes_and_themes_they_are_filed_under(
    experience_index,
    programme,  # noqa: F811
):
    from byregion.networks.models import ProgrammeRegion

    theme = Theme.objects.get(slug="naeringsretta-samfunnsutvikling")
    region = Region.objects.create(name="Ålesundregionen", slug="alesundregionen")
    ProgrammeRegion.objects.create(programme=programme, region=region, joined=dt.date(2017, 1, 1))
    page = make_experience(experience_index, "Kollektivtransport", themes=[theme])
    page.regions = [region]
    page.save_revision().publish()

    def found(query):
        return [hit.title for hit in search(query, kinds="experience").hits]

    assert found("ålesundregionen") == ["Kollektivtransport"]
    assert found(programme.name) == ["Kollektivtransport"]
    assert found("næringsrettet") == ["Kollektivtransport"]  # the theme's Nynorsk name
    assert programme.name not in document_of(page).body  # searched, never a snippet
    # Renaming any of the three re-indexes the page under the new name.
    region.name = "Region Ålesund"
    region.save()
    assert "ålesundregion" not in document_of(page).body_terms.split()
    assert found("region ålesund") == ["Kollektivtransport"]
    theme.name_nn = theme.name_nb = "Kystkultur"
    theme.save()
    assert found("kystkulturen") == ["Kollektivtransport"] and found("næringsrettet") == []
    programme.name = "Distriktsprogrammet"
    programme.save()
    assert found("distriktsprogrammet") == ["Kollektivtransport"]


def test_a_gathering_its_sessions_and_materials_follow_publishing(gathering):  # noqa: F811
    opening = Session.objects.get(gathering=gathering, title="Opning")
    slides = Material.objects.get(session=opening)
    assert document_of(gathering).kind == "gathering"
    assert document_of(gathering).organisation_id == gathering.organiser_id
    session_doc = document_of(opening)
    assert (session_doc.kind, session_doc.url) == ("session", opening.get_url())
    assert "Kari Nordmann" in session_doc.body  # speakers are on the public session page
    material_doc = document_of(slides)
    assert (material_doc.kind, material_doc.title, material_doc.url) == (
        "material", "Lysark", opening.get_url()
    )  # fmt: skip
    assert documents(Session).count() == Session.objects.filter(gathering=gathering).count()

    gathering.unpublish()
    assert document_of(gathering) is None
    assert not documents(Session).exists()
    assert not documents(Material).exists()

    gathering.save_revision().publish()
    assert document_of(opening) is not None
    assert document_of(slides) is not None


def test_sessions_materials_and_speakers_are_indexed_when_saved_and_removed_when_deleted(
    gathering,  # noqa: F811
):
    session = make_session(
        gathering, "Bustad i sentrum", oslo(2027, 4, 15, 9), oslo(2027, 4, 15, 10)
    )
    assert search("bustad", kinds="session").total == 1
    assert search("boliger", kinds="session").total == 1  # Nynorsk bustad = Bokmål bolig

    material = Material.objects.create(
        session=session, title="Rapport om bustadmarknaden", kind=MaterialKind.LINK,
        url="https://example.org/rapport",
    )  # fmt: skip
    assert [h.url for h in search("rapport", kinds="material").hits] == [session.get_url()]

    Speaker.objects.create(session=session, title="Planleggar")
    assert "Planleggar" in document_of(session).body

    session.title = "Bustadpolitikk"
    session.save()
    assert "Bustadpolitikk" in document_of(material).body  # the material names its session

    material.delete()
    assert document_of(material) is None
    session.delete()
    assert document_of(session) is None


def test_a_session_takes_the_themes_of_the_experiences_presented_at_it(
    gathering,  # noqa: F811
    experience_index,
):
    theme = Theme.objects.get(slug="regional-mobilisering")
    opening = Session.objects.get(gathering=gathering, title="Opning")
    slides = Material.objects.get(session=opening)
    assert search("opning", themes=[theme.pk]).total == 0

    page = make_experience(experience_index, "Mobilisering", themes=[theme], sessions=[opening])
    assert f"t{theme.pk}" in document_of(opening).facet_terms.split()
    assert f"t{theme.pk}" in document_of(slides).facet_terms.split()
    assert f"t{theme.pk}" in document_of(gathering).facet_terms.split()
    assert search("opning", themes=[theme.pk]).counts == {"session": 1, "material": 1}

    page.unpublish()
    assert f"t{theme.pk}" not in document_of(opening).facet_terms.split()

    page.save_revision().publish()
    assert f"t{theme.pk}" in document_of(opening).facet_terms.split()
    Page.objects.get(pk=page.pk).delete()
    assert f"t{theme.pk}" not in document_of(opening).facet_terms.split()


def test_regions_councils_programmes_and_meetings_are_indexed(programme):  # noqa: F811
    place = Place.objects.create(
        kind="municipality", code="1504", name="Ålesund", valid_from=dt.date(2017, 1, 1)
    )
    region = Region.objects.create(name="Ålesundregionen", slug="alesundregionen", language="nn")
    Membership.objects.create(region=region, municipality=place, valid_from=dt.date(2017, 1, 1))
    assert "Ålesund" in document_of(region).body  # members named
    assert f"r{region.pk}" in document_of(place).facet_terms.split()
    assert document_of(programme).kind == "programme"

    council = Council.objects.create(
        region=region, name="Rådet for Region Ålesund", slug="radet", mandate="Gi råd om vekst."
    )
    meeting = Meeting.objects.create(
        council=council, start=oslo(2017, 3, 10, 10), end=oslo(2017, 3, 10, 14)
    )
    assert document_of(council).url == council.get_absolute_url()
    assert document_of(meeting).title == "Rådet for Region Ålesund"
    AgendaItem.objects.create(meeting=meeting, title="Strategi for næringsutvikling")
    assert search("næringsutviklinga", kinds="meeting").total == 1
    assert search("rådet", regions=[region.pk]).counts == {"council": 1, "meeting": 1}

    meeting.delete()
    assert document_of(meeting) is None
    region.name = "Region Ålesund"
    region.save()
    assert document_of(region).title == "Region Ålesund"


def test_a_rebuild_writes_the_same_documents_as_the_signals(gathering):  # noqa: F811
    before = sorted(Document.objects.values_list("kind", "object_id", "title", "facet_terms"))
    rebuild()
    after = sorted(Document.objects.values_list("kind", "object_id", "title", "facet_terms"))
    assert after == before
    assert {kind for kind, *_ in after} >= {"gathering", "session", "material", "organisation"}


def test_an_articles_themes_link_to_their_theme_pages(client, news_tree):  # noqa: F811
    theme = Theme.objects.get(slug="stadutvikling")
    article = news_tree.article(title="Om staden", themes=[theme])
    html = client.get(article.url).content.decode()
    assert 'href="/tema/stadutvikling/"' in html


def test_renaming_an_organisation_re_indexes_its_news(news_tree):  # noqa: F811
    """A news document is searched by its publisher's name too, so renaming the
    organisation must reach its articles without `rebuild-search-index`."""
    news_tree.article(title="Byregionsamling")
    news_tree.article(title="Anna sak", section=news_tree.molde_section)

    def found(query):
        return [hit.title for hit in search(query, kinds="news").hits]

    assert found("Ålesund kommune") == ["Byregionsamling"]
    organisation = news_tree.alesund
    organisation.name = "Sunnmørsbyen"
    organisation.save()
    assert found("sunnmørsbyen") == ["Byregionsamling"]
