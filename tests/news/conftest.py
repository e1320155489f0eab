"""The news tree built in code: the index below the home page, sections for Ålesund kommune
and Distriktssenteret (with their groups and workflows), and a helper that publishes articles."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.core.files.images import ImageFile
from PIL import Image
from wagtail.rich_text import RichText

from byregion.images.models import CreditedImage
from byregion.news.models import NewsArticlePage, NewsIndexPage
from byregion.news.permissions import grant_network_news, grant_news_section
from byregion.organisations.models import Organisation, OrganisationKind, norwegian_slug
from tests.pages import home_page

OSLO = ZoneInfo("Europe/Oslo")


def parse(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def make_image(title="Bilde", credit="Foto: Ola Nordmann, Ålesund kommune", alt="Ei hamn"):
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), (90, 120, 150)).save(buffer, format="JPEG")
    image = CreditedImage(title=title, credit=credit, description=alt)
    image.file = ImageFile(io.BytesIO(buffer.getvalue()), name="bilde.jpg")
    image.save()
    return image


def organisation(name, kind=OrganisationKind.MUNICIPALITY) -> Organisation:
    existing = Organisation.objects.filter(name=name).first()
    return existing or Organisation.objects.create(name=name, slug=norwegian_slug(name), kind=kind)


class NewsTree:
    def __init__(self):
        self.home = home_page()
        self.index = self.home.add_child(
            instance=NewsIndexPage(title="Nyheter", slug="nyheter", language="nb")
        )
        self.index.save_revision().publish()
        self.alesund = organisation("Ålesund kommune")
        self.molde = organisation("Molde kommune")
        self.operator = organisation("Distriktssenteret", OrganisationKind.DIRECTORATE)
        self.alesund_writers, self.alesund_editors = grant_news_section(self.alesund)
        self.molde_writers, self.molde_editors = grant_news_section(self.molde)
        grant_news_section(self.operator)
        self.network_editors = grant_network_news()
        self.alesund_section = self.alesund.news_section
        self.molde_section = self.molde.news_section
        self.operator_section = self.operator.news_section
        self._day = 0

    def article(self, section=None, title="Ei nyheit", publish=True, **fields):
        """An article in `section` (Ålesund's by default), published a day after the last."""
        section = section or self.alesund_section
        self._day += 1
        fields.setdefault("lead", f"Ingress til {title}.")
        fields.setdefault("language", "nn")
        body = fields.pop("body", "<p>Brødtekst.</p>")
        themes = fields.pop("themes", [])
        regions = fields.pop("regions", [])
        article = section.add_child(
            instance=NewsArticlePage(
                title=title,
                body=[("paragraph", RichText(body))],
                first_published_at=dt.datetime(2017, 1, 1, 12, tzinfo=OSLO)
                + dt.timedelta(days=self._day),
                live=publish,
                **fields,
            )
        )
        article.themes.set(themes)
        article.regions.set(regions)
        revision = article.save_revision()
        if publish:
            revision.publish()
        return NewsArticlePage.objects.get(pk=article.pk)


@pytest.fixture
def news_tree(db) -> NewsTree:
    return NewsTree()
