"""The demo's news: Ålesund kommune's article "Byregionsamling i Ålesund" (March 2017).

The text is the published article's, word for word. Its date is an approximation inside the
window the source allows, and its photo is a placeholder that says so, with the original's
credit. Also the news sections, groups and role accounts to try the rules with.
See docs/developers/demo.md (News).
"""

import datetime as dt
import io
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.utils import translation
from PIL import Image, ImageDraw
from wagtail.rich_text import RichText

from byregion.gatherings.models import GatheringPage
from byregion.images.models import CreditedImage
from byregion.networks.models import Region
from byregion.news.models import NewsArticlePage, NewsIndexPage
from byregion.news.permissions import grant_network_news, grant_news_section
from byregion.organisations.models import Organisation
from byregion.site.models import HomePage
from byregion.themes.models import Theme

OSLO = ZoneInfo("Europe/Oslo")
PUBLISHED = dt.datetime(2017, 3, 15, 12, 0, tzinfo=OSLO)  # approximate, see above
GATHERING_SLUG = "byregionsamling-i-alesund-2017"

TITLE = "Byregionsamling i Ålesund"
SLUG = "byregionsamling-i-alesund"
LEAD = (
    "230 deltakarar frå byregionar i heile landet samlast 22. \u2013 23. mars i Ålesund for å dele "
    "kunnskap og erfaringar."
)
# Escaped so they stay visible: "\u00a0 " (a no-break space, then a space) is in the source,
# and so are the en dashes ("\u2013").
PARAGRAPHS = [
    "Dei 37 byregionane i landet samlast to gonger i året for å bygge nettverk. Her løftast "
    "arbeidet som gjerast ute i byregionane fram, og regionane deler sine erfaringar.",
    "Hovedtema for samlinga i Ålesund er Handlingsrom for næringsretta samfunnsutvikling. "
    "Korleis skal reionane skape større handlingsrom og betre utviklingskapasiteten for å oppnå "
    "meir vekstkraftige byregionar?",
    "Region Ålesund er allereie godt i gang med dette arbeidet. Fredag 10. mars hadde Rådet for "
    "Region Ålesund sitt første møte. Rådet har representantar frå det offentlege - både "
    "fylkeskommune og kommunar, ungdomspolitikarar, ordførarar og administrasjon, forsknings- og "
    "utdanningsmiljø, nærings- og samfunnsliv. Målet med rådet er å samarbeide om å hjelpe "
    "regionen til å rigge seg for framtida, kome med råd og innspel og sjå\u00a0 moglegheitene vi "
    "har for utvikling.",
    "Møre og Romsdal har tre byregionprosjekt \u2013 Molderegionen med kommunane Molde, Aukra, "
    "Eide, Fræna, Nesset, Midsund, Rauma og\u00a0 Vestnes, Kristiansundregionen med kommunane "
    "Kristiansund, Averøy, Gjemnes, Tingvoll, Halsa, Smøla og Aure og Ålesundregionen med "
    "kommunane Giske, Haram, Sandøy, Skodje, Sula, Ørskog og Ålesund.",
    "Byregionprogrammet skal auke kunnskapen om samspelet mellom by og omland for å styrke den "
    "regionale vekstkrafta i desse områda. 37 byregionar med til saman 213 kommunar er med. Det "
    "er Kommunal- og moderniseringsdepartementet som står bak programmet som blir avslutta i "
    "2018. Distriktssenteret driftar eit læringsnettverk for regionane og legg til rette for "
    "kunnskapsdeling mellom dei ved jamlege samlingar.",
    "Den nasjonale samlinga i Ålesund har deltakarar frå Kristiansand i sør til Tromsø i nord, og "
    "deltakarane er både prosjektleiarar, ordførarar, rådmenn, næringssjefar og "
    "næringslivsfolk. Samlinga skal inspirere, utfordre og gje kunnskap.",
]
LAST_SENTENCE = "Her er programmet for byregionsamlinga i Ålesund."
THEMES = ["naeringsretta-samfunnsutvikling", "samspel-by-og-omland"]
REGIONS = ["alesundregionen", "molderegionen", "kristiansundregionen"]

IMAGE_TITLE = "Plasshaldar for fotoet i «Byregionsamling i Ålesund» (generert)"
IMAGE_CREDIT = "Foto: Haavard Ese Eliassen, Distriktssenteret"
IMAGE_ALT = (
    "Plasshaldarbilete utan motiv: flater i blått og grått som liknar eit landskap med "
    "himmel, fjell og sjø. Ikkje det opphavlege fotoet."
)
IMAGE_CAPTION = "Plasshaldar: fotoet frå den opphavlege artikkelen er ikkje med i demoen."

INDEX_INTRO = "Nyheter fra kommunene og organisasjonene i nettverkene."
ROLE_ACCOUNTS = {"redaktor-alesund": "editors", "skribent-alesund": "writers"}


def placeholder_jpeg() -> bytes:
    """A calm 1600 by 900 picture of bands of colour (sky, hills, fjord): no text, no people."""
    width, height = 1600, 900
    picture = Image.new("RGB", (width, height), (196, 214, 228))
    draw = ImageDraw.Draw(picture)
    for y in range(0, 480):  # sky, lighter towards the horizon
        shade = 196 + y * 40 // 480
        draw.line([(0, y), (width, y)], fill=(shade - 30, shade - 10, min(shade + 10, 255)))
    draw.polygon(
        [(0, 520), (260, 330), (520, 470), (820, 300), (1120, 460), (1400, 360), (1600, 430),
         (1600, 600), (0, 600)],
        fill=(98, 112, 128),
    )  # fmt: skip
    draw.rectangle([(0, 590), (width, height)], fill=(58, 94, 122))  # the fjord
    for y in range(620, height, 36):
        draw.line([(120, y), (width - 120, y)], fill=(74, 110, 138), width=3)
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def placeholder_image() -> CreditedImage:
    image = CreditedImage.objects.filter(title=IMAGE_TITLE).first()
    if image is None:
        image = CreditedImage(title=IMAGE_TITLE, credit=IMAGE_CREDIT, description=IMAGE_ALT)
        image.file = ImageFile(
            io.BytesIO(placeholder_jpeg()), name="byregionsamling-plasshaldar.jpg"
        )
        image.save()
    return image


def programme_url() -> str:
    """The address of the gathering's programme page, or "" before gatherings exist."""
    gathering = GatheringPage.objects.live().filter(slug=GATHERING_SLUG).first()
    if gathering is None:
        return ""
    # Stored in the text, so without a UI-language prefix (Bokmål's addresses have none).
    with translation.override(settings.LANGUAGE_CODE):
        return f"{gathering.get_url()}program/"


def body_html(programme: str) -> str:
    last = f'<a href="{programme}">{LAST_SENTENCE}</a>' if programme else LAST_SENTENCE
    return "".join(f"<p>{paragraph}</p>" for paragraph in [*PARAGRAPHS, last])


def news_index(home: HomePage) -> NewsIndexPage:
    index = NewsIndexPage.objects.filter(slug="nyheter").first()
    if index is None:
        index = home.add_child(
            instance=NewsIndexPage(
                title="Nyheter", slug="nyheter", language="nb", intro=INDEX_INTRO
            )
        )
        index.save_revision().publish()
    return index


def role_accounts(writers, editors) -> None:
    groups = {"writers": writers, "editors": editors}
    User = get_user_model()
    for username, role in ROLE_ACCOUNTS.items():
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.set_unusable_password()
            user.save()
        user.groups.add(groups[role])


def load() -> None:
    """Idempotent: a second run changes nothing (unless the gathering has appeared since)."""
    news_index(HomePage.objects.get())
    alesund = Organisation.objects.get(slug="alesund-kommune")
    grant_network_news()
    grant_news_section(Organisation.objects.get(slug="distriktssenteret"))
    writers, editors = grant_news_section(alesund)
    role_accounts(writers, editors)
    section = alesund.news_section

    wanted = body_html(programme_url())
    article = NewsArticlePage.objects.filter(slug=SLUG).first()
    if article is None:
        article = section.add_child(
            instance=NewsArticlePage(
                title=TITLE,
                slug=SLUG,
                language="nn",
                lead=LEAD,
                main_image=placeholder_image(),
                main_image_caption=IMAGE_CAPTION,
                body=[("paragraph", RichText(wanted))],
                first_published_at=PUBLISHED,
            )
        )
    elif [(block.block_type, block.value.source) for block in article.body] == [
        ("paragraph", wanted)
    ]:
        return
    else:
        article.body = [("paragraph", RichText(wanted))]
    article.themes.set(Theme.objects.filter(slug__in=THEMES))
    article.regions.set(Region.objects.filter(slug__in=REGIONS))
    article.gatherings.set(GatheringPage.objects.filter(slug=GATHERING_SLUG))
    article.save_revision().publish()
    # The text is as of March 2017: publishing it here is not an update of it.
    NewsArticlePage.objects.filter(pk=article.pk).update(
        first_published_at=PUBLISHED, last_published_at=PUBLISHED
    )
