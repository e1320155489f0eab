"""Every installation starts with a privacy statement (in Bokmål) that says what this software
stores, linked from the footer. The operator edits it in the admin to fit their own practice."""

from django.db import migrations
from django.utils import timezone

TITLE = "Personvernerklæring"
SLUG = "personvern"
INTRO = "Slik behandler dette nettstedet personopplysninger om deg som leser, redigerer eller melder deg på."
BODY = """
<h2>Kort fortalt</h2>
<ul>
<li>Vi sporer ikke besøkende. Nettstedet bruker ingen analyseverktøy, annonser eller sporingstjenester.</li>
<li>Du får ingen informasjonskapsler (cookies) når du leser nettstedet. Språket velger du i adressen, ikke med en informasjonskapsel.</li>
<li>Alt nettstedet bruker, også skrifter og stilark, hentes fra nettstedet selv. Ingen tredjepart får vite at du har vært her.</li>
</ul>
<h2>Behandlingsansvarlig</h2>
<p>Virksomheten som drifter nettstedet, er behandlingsansvarlig for personopplysningene som behandles her. Kontaktinformasjonen står nederst på hver side.</p>
<h2>Når du besøker nettstedet</h2>
<p>Nettleseren din sender teknisk informasjon til serveren, blant annet IP-adressen din, tidspunktet, adressen du ber om og hvilken nettleser du bruker. Serveren trenger dette for å svare. Opplysningene kan bli lagret i serverens driftslogger en kort tid, for å rette feil og avverge angrep. De brukes ikke til å kartlegge hvem som besøker nettstedet, eller hva den enkelte leser.</p>
<h2>Informasjonskapsler</h2>
<p>Vanlige besøkende får ingen informasjonskapsler. Redaktører som logger inn, får en informasjonskapsel som holder dem innlogget (sessionid). Sider med skjema, som innloggingen, setter i tillegg en informasjonskapsel som beskytter skjemaet mot forfalskede innsendinger (csrftoken). Ingen av dem brukes til noe annet, og ingen inneholder opplysninger om deg.</p>
<h2>Redaktører</h2>
<p>Redaktører har en brukerkonto for å publisere innhold. For hver konto lagres navn, e-postadresse, brukernavn, hvilke rettigheter kontoen har og når den sist ble brukt til å logge inn. Passordet lagres ikke i klartekst, bare som en kryptografisk hash. Nettstedet fører også en historikk over hvem som har opprettet, endret og publisert hvilket innhold, slik at redaksjonen kan følge arbeidet. En konto slettes når personen ikke lenger skal være redaktør.</p>
<h2>Påmelding til samlinger</h2>
<p>Når nettstedet tar i bruk påmelding til samlinger, lagres det du oppgir når du melder deg på: navn, e-postadresse, virksomheten du representerer og svarene dine på spørsmålene i påmeldingsskjemaet. Opplysningene brukes til å gjennomføre samlingen, og deltakerlister er ikke offentlige. Du får en personlig lenke der du kan se, endre og trekke påmeldingen din.</p>
<h2>Dine rettigheter</h2>
<p>Du har rett til å få vite hvilke opplysninger vi har om deg, og til å få en kopi av dem. Du kan be om at feil blir rettet, at opplysninger blir slettet, og at behandlingen blir begrenset. Du kan også protestere mot behandlingen. Vi svarer så raskt vi kan, og senest innen en måned.</p>
<p>Mener du at vi behandler personopplysninger i strid med regelverket, kan du klage til <a href="https://www.datatilsynet.no/">Datatilsynet</a>.</p>
<h2>Kontakt</h2>
<p>Har du spørsmål om personvern på nettstedet, eller vil du bruke rettighetene dine, kontakter du virksomheten som drifter nettstedet. Kontaktinformasjonen står nederst på siden.</p>
"""

STEPLEN = 4  # treebeard's materialised path: 4 base-36 characters per level
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _child_path(parent, last_child):
    if last_child is None:
        number = 1
    else:
        number = int(last_child.path[-STEPLEN:], 36) + 1
    digits = ""
    while number:
        number, remainder = divmod(number, 36)
        digits = ALPHABET[remainder] + digits
    return parent.path + digits.rjust(STEPLEN, "0")


def create_privacy_statement(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("site.HomePage")
    StandardPage = apps.get_model("site.StandardPage")
    SiteChrome = apps.get_model("site.SiteChrome")

    home = HomePage.objects.order_by("path").first()
    if home is None or Page.objects.filter(path__startswith=home.path, slug=SLUG).exists():
        return
    last_child = (
        Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
        .order_by("-path")
        .first()
    )
    page_type, _ = ContentType.objects.get_or_create(app_label="site", model="standardpage")
    now = timezone.now()
    page = StandardPage.objects.create(
        title=TITLE,
        draft_title=TITLE,
        slug=SLUG,
        content_type=page_type,
        path=_child_path(home, last_child),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}{SLUG}/",
        locale_id=home.locale_id,
        live=True,
        first_published_at=now,
        last_published_at=now,
        language="nb",
        intro=INTRO,
        body=BODY.strip(),
    )
    Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)
    for site in Site.objects.filter(root_page_id=home.pk):
        SiteChrome.objects.update_or_create(site=site, defaults={"privacy_page": page})


def remove_privacy_statement(apps, schema_editor):
    Page = apps.get_model("wagtailcore.Page")
    HomePage = apps.get_model("site.HomePage")
    StandardPage = apps.get_model("site.StandardPage")
    for page in StandardPage.objects.filter(slug=SLUG, title=TITLE):
        StandardPage.objects.filter(pk=page.pk).delete()
        home = HomePage.objects.filter(path=page.path[:-STEPLEN]).first()
        if home is not None:
            Page.objects.filter(pk=home.pk).update(numchild=max(home.numchild - 1, 0))


class Migration(migrations.Migration):
    dependencies = [
        ("site", "0003_standardpage_sitechrome"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(create_privacy_statement, remove_privacy_statement)]
