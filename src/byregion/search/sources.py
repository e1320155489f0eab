"""How each kind of content becomes a search document (see `search.index`).

Registered here, in the search app, because search depends on the content apps and not they
on it. The receivers at the end re-index what a change elsewhere shows. See
docs/developers/search.md (What it does: One index; How content apps contribute).
"""

from django.db.models import Prefetch, Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, PageViewRestriction
from wagtail.rich_text import get_text_for_indexing
from wagtail.signals import page_published, page_unpublished

from byregion.gatherings.models import GatheringPage, Material, Session, Speaker
from byregion.knowledge.models import ExperiencePage
from byregion.networks.models import (
    AgendaItem,
    Council,
    Meeting,
    Membership,
    Programme,
    ProgrammeRegion,
    Region,
)
from byregion.news.models import NewsArticlePage
from byregion.organisations.models import Organisation
from byregion.places.models import Place, PlaceKind
from byregion.themes.models import Theme

from . import files
from .index import DocumentData, index_object, register, registered_models

# The kinds in the order the search page's tabs show them.
KINDS = (
    "news",
    "experience",
    "gathering",
    "session",
    "material",
    "organisation",
    "region",
    "council",
    "programme",
    "meeting",
    "municipality",
)


def _nb(callable_):
    """An address as the Bokmål (unprefixed) URL, whatever language is active."""
    with translation.override("nb"):
        return callable_()


def _is_public(page: Page) -> bool:
    """Live and not behind a view restriction (password, login, groups) on it or above."""
    return page.live and not page.get_view_restrictions().exists()


def _text(*parts) -> str:
    return "\n".join(part for part in parts if part)


def _rich(value) -> str:
    return get_text_for_indexing(str(value)) if value else ""


def _filed_under(page) -> str:
    """What a news article or an experience is filed under: its regions, the programmes
    they are in, and its themes (in Bokmål and Nynorsk). Searched like the text (so
    "byregionane" finds what the City Region Programme's regions shared, and
    "næringsutvikling" what is filed under "Næringsretta samfunnsutvikling"), ranked below
    the title, and never shown as a snippet. Renaming any of them re-indexes the pages
    (the receivers below)."""
    regions = list(page.regions.all())
    names = [region.name for region in regions]
    names += [programme.name for region in regions for programme in region.programmes.all()]
    for theme in page.themes.all():
        names += [theme.name_nb, theme.name_nn]
    return ", ".join(dict.fromkeys(name for name in names if name))


# Content pages -----------------------------------------------------------------------------


def news_document(page: NewsArticlePage) -> DocumentData | None:
    if not _is_public(page):
        return None
    body_field = NewsArticlePage._meta.get_field("body")
    return DocumentData(
        kind="news",
        title=page.title,
        url=_nb(page.get_url),
        summary=page.lead,
        body=_text(
            *body_field.get_searchable_content(page.body),
            page.main_image_caption,
            page.main_image.credit if page.main_image else "",
        ),
        # Its publisher is searched too ("Ålesund kommune" finds Ålesund's news).
        context=_text(page.organisation.name, _filed_under(page)),
        language=page.language,
        date=page.first_published_at,
        organisation_id=page.organisation_id,
        region_ids=[region.pk for region in page.regions.all()],
        theme_ids=[theme.pk for theme in page.themes.all()],
    )


def experience_document(page: ExperiencePage) -> DocumentData | None:
    if not _is_public(page):
        return None
    municipalities = ", ".join(dict.fromkeys(place.name for place in page.municipalities.all()))
    return DocumentData(
        kind="experience",
        title=page.title,
        url=_nb(page.get_url),
        summary=page.summary,
        body=_text(
            _rich(page.what_was_done),
            _rich(page.results),
            _rich(page.lessons),
            municipalities,
        ),
        context=_filed_under(page),
        language=page.language,
        # What the experience is about in time: its period; else when it was published.
        date=page.period_start or page.first_published_at,
        region_ids=[region.pk for region in page.regions.all()],
        theme_ids=[theme.pk for theme in page.themes.all()],
    )


def _presented_theme_ids(sessions) -> list[int]:
    """The themes of the live experiences presented at the given sessions."""
    return sorted(
        set(
            ExperiencePage.themes.through.objects.filter(
                experiencepage__live=True, experiencepage__sessions__in=sessions
            ).values_list("theme_id", flat=True)
        )
    )


def gathering_document(page: GatheringPage) -> DocumentData | None:
    if not _is_public(page):
        return None
    return DocumentData(
        kind="gathering",
        title=page.title,
        url=_nb(page.get_url),
        summary=page.intro,
        body=_text(page.theme, page.place_name, page.audience, _rich(page.body)),
        language=page.language,
        date=page.start,
        organisation_id=page.organiser_id,
        region_ids=[page.host_region_id] if page.host_region_id else [],
        theme_ids=_presented_theme_ids(Session.objects.filter(gathering=page)),
        is_example=page.is_generated,
    )


def _programme_is_made_up(gathering: GatheringPage) -> bool:
    """A generated gathering's sessions, or a real one's example programme."""
    return gathering.is_generated or gathering.programme_is_example


def session_document(session: Session) -> DocumentData | None:
    gathering = session.gathering
    if not _is_public(gathering):
        return None
    speakers = "; ".join(
        ", ".join(
            part for part in (speaker.name, speaker.title, speaker.organisation_label) if part
        )
        for speaker in session.speakers.all()
    )
    return DocumentData(
        kind="session",
        title=session.title,
        url=_nb(session.get_url),
        summary=session.description,
        # Not the gathering's title: every session would match every word of it, and the
        # gathering is a result of its own.
        body=_text(session.room, speakers),
        language=gathering.language,
        date=session.start,
        organisation_id=gathering.organiser_id,
        region_ids=[gathering.host_region_id] if gathering.host_region_id else [],
        theme_ids=_presented_theme_ids([session]),
        is_example=_programme_is_made_up(gathering),
    )


def material_document(material: Material) -> DocumentData | None:
    """A material is found by its title, its session's, and a PDF file's text (read after
    the upload, search/files.py); the result leads to its session's page, where the file
    or link is (with the session's context around it), and the results page links the
    file itself."""
    session = material.session
    gathering = session.gathering
    if not _is_public(gathering):
        return None
    return DocumentData(
        kind="material",
        title=material.title,
        url=_nb(session.get_url),
        body=_text(session.title, files.text_of(material.document_id)),
        language=gathering.language,
        date=session.start,
        organisation_id=gathering.organiser_id,
        region_ids=[gathering.host_region_id] if gathering.host_region_id else [],
        theme_ids=_presented_theme_ids([session]),
        is_example=_programme_is_made_up(gathering),
    )


def index_materials_of_document(document_id: int) -> None:
    """The materials that use an uploaded file, after its text has been read."""
    for material in Material.objects.filter(document_id=document_id).select_related(
        "session__gathering"
    ):
        index_object(material)


# Records ------------------------------------------------------------------------------------


def organisation_document(organisation: Organisation) -> DocumentData:
    with translation.override("nb"):
        kind = organisation.get_kind_display()
        url = organisation.get_absolute_url()
    details = [kind]
    for town in (organisation.visiting_town, organisation.postal_town):
        if town and town not in details:
            details.append(town)
    return DocumentData(
        kind="organisation",
        title=organisation.name,
        url=url,
        summary=organisation.description,
        body=", ".join(details),
        language="nb",
        organisation_id=organisation.pk,
        region_ids=[region.pk for region in organisation.hosted_regions.all()],
    )


def municipality_document(place: Place) -> DocumentData | None:
    if place.kind != PlaceKind.MUNICIPALITY:
        return None
    names = [place.name, *(name for name in place.names.values() if name != place.name)]
    county = place.parent.name if place.parent_id else ""
    period = f"{place.valid_from.year}\u2013{place.valid_to.year if place.valid_to else ''}"
    with translation.override("nb"):
        url = reverse("places:municipality", kwargs={"code": place.code})
    return DocumentData(
        kind="municipality",
        title=f"{place.name_in('nb')} ({place.code})",
        url=url,
        summary=f"Kommune {place.code} i {county}, {period}."
        if county
        else f"Kommune {place.code}, {period}.",
        body=" ".join(dict.fromkeys(names)),
        language="nb",
        date=place.valid_from,
        region_ids=sorted({m.region_id for m in place.region_memberships.all()}),
    )


def region_document(region: Region) -> DocumentData:
    members = ", ".join(
        dict.fromkeys(membership.municipality.name for membership in region.memberships.all())
    )
    return DocumentData(
        kind="region",
        title=region.name,
        url=_nb(region.get_absolute_url),
        summary=region.description,
        body=_text(
            region.host.name if region.host_id else "",
            members,
            ", ".join(programme.name for programme in region.programmes.all()),
        ),
        language=region.language,
        organisation_id=region.host_id,
        region_ids=[region.pk],
    )


def council_document(council: Council) -> DocumentData:
    return DocumentData(
        kind="council",
        title=council.name,
        url=_nb(council.get_absolute_url),
        summary=council.mandate,
        body=council.region.name,
        language=council.language,
        date=council.term_start,
        organisation_id=council.region.host_id,
        region_ids=[council.region_id],
    )


def programme_document(programme: Programme) -> DocumentData:
    return DocumentData(
        kind="programme",
        title=programme.name,
        url=_nb(programme.get_absolute_url),
        summary=programme.purpose,
        body=_text(
            programme.owner.name,
            programme.operator.name if programme.operator_id else "",
            ", ".join(region.name for region in programme.regions.all()),
        ),
        language=programme.language,
        date=programme.start,
        organisation_id=programme.owner_id,
        region_ids=[region.pk for region in programme.regions.all()],
    )


def meeting_document(meeting: Meeting) -> DocumentData:
    """Every meeting has a public page (planned, held or cancelled alike)."""
    council = meeting.council
    return DocumentData(
        kind="meeting",
        title=meeting.display_title,
        url=_nb(meeting.get_absolute_url),
        summary=", ".join(part for part in (meeting.venue_name, meeting.venue_address) if part),
        body=_text(
            council.name,
            *(_text(item.title, item.description) for item in meeting.agenda_items.all()),
        ),
        language=council.language,
        date=meeting.start,
        organisation_id=council.region.host_id,
        region_ids=[council.region_id],
    )


def register_sources() -> None:
    register(
        NewsArticlePage,
        news_document,
        queryset=lambda: (
            NewsArticlePage.objects.live()
            .select_related("organisation", "main_image")
            .prefetch_related("regions__programmes", "themes")
        ),
    )
    register(
        ExperiencePage,
        experience_document,
        queryset=lambda: ExperiencePage.objects.live().prefetch_related(
            "regions__programmes", "themes", "municipalities"
        ),
    )
    register(GatheringPage, gathering_document, queryset=lambda: GatheringPage.objects.live())
    register(
        Session,
        session_document,
        queryset=lambda: (
            Session.objects.filter(gathering__live=True)
            .select_related("gathering")
            .prefetch_related(
                Prefetch("speakers", queryset=Speaker.objects.select_related("organisation"))
            )
        ),
    )
    register(
        Material,
        material_document,
        queryset=lambda: Material.objects.filter(session__gathering__live=True).select_related(
            "session__gathering"
        ),
    )
    register(
        Organisation,
        organisation_document,
        queryset=lambda: Organisation.objects.prefetch_related("hosted_regions"),
    )
    register(
        Region,
        region_document,
        queryset=lambda: Region.objects.select_related("host").prefetch_related(
            "programmes",
            Prefetch("memberships", queryset=Membership.objects.select_related("municipality")),
        ),
    )
    register(Council, council_document, queryset=lambda: Council.objects.select_related("region"))
    register(
        Programme,
        programme_document,
        queryset=lambda: Programme.objects.select_related("owner", "operator").prefetch_related(
            "regions"
        ),
    )
    register(
        Meeting,
        meeting_document,
        queryset=lambda: Meeting.objects.select_related("council__region").prefetch_related(
            "agenda_items"
        ),
    )
    register(
        Place,
        municipality_document,
        queryset=lambda: (
            Place.objects.filter(kind=PlaceKind.MUNICIPALITY)
            .select_related("parent")
            .prefetch_related("region_memberships")
        ),
    )
    _connect_followers()


# What a change elsewhere shows ------------------------------------------------------------------


def _index_session(session: Session) -> None:
    """A session and its materials (they name it and share its themes)."""
    index_object(session)
    for material in Material.objects.filter(session=session).select_related("session"):
        index_object(material)


def _index_sessions(session_ids) -> None:
    """Sessions whose themes may have changed, their materials and their gatherings."""
    sessions = list(Session.objects.filter(pk__in=set(session_ids)).select_related("gathering"))
    for session in sessions:
        _index_session(session)
    for gathering in {session.gathering_id: session.gathering for session in sessions}.values():
        index_object(gathering)


def _experience_session_ids(page) -> list[int]:
    return list(
        ExperiencePage.sessions.through.objects.filter(experiencepage_id=page.pk).values_list(
            "session_id", flat=True
        )
    )


def _experience_changed(sender, instance, **kwargs):
    """Published or unpublished: the sessions it was presented at gain or lose its themes."""
    if isinstance(instance, ExperiencePage):
        _index_sessions(_experience_session_ids(instance))


def _experience_links_changed(sender, instance, action, pk_set=None, **kwargs):
    """An experience's sessions or themes committed (when it is published): the sessions
    added or removed, and those it keeps when its themes change."""
    if not isinstance(instance, ExperiencePage) or not action.startswith("post_"):
        return
    session_ids = set(_experience_session_ids(instance))
    if sender is ExperiencePage.sessions.through and pk_set:
        session_ids |= set(pk_set)
    _index_sessions(session_ids)


def _experience_deleting(sender, instance, **kwargs):
    instance._search_session_ids = _experience_session_ids(instance)


def _experience_deleted(sender, instance, **kwargs):
    _index_sessions(getattr(instance, "_search_session_ids", ()))


def _gathering_changed(sender, instance, **kwargs):
    """A gathering published or unpublished takes its programme with it."""
    if isinstance(instance, GatheringPage):
        for session in Session.objects.filter(gathering=instance).select_related("gathering"):
            _index_session(session)


def _session_saved(sender, instance, raw=False, **kwargs):
    # From the database: in the admin's form the session's own `materials` are the form's,
    # not yet saved (they are indexed as each is saved, after the session).
    if not raw:
        for material in Material.objects.filter(session=instance):
            index_object(material)


def _session_part_changed(sender, instance, raw=False, **kwargs):
    """A speaker saved or removed: the session's text names its speakers."""
    if raw:
        return
    session = Session.objects.filter(pk=instance.session_id).first()
    if session is not None:
        index_object(session)


def _member_changed(sender, instance, raw=False, **kwargs):
    """A membership saved or removed: the region's text names its municipalities, and the
    municipality's document its regions."""
    if raw:
        return
    region = Region.objects.filter(pk=instance.region_id).first()
    if region is not None:
        index_object(region)
    place = Place.objects.filter(pk=instance.municipality_id).first()
    if place is not None:
        index_object(place)


def _agenda_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    meeting = Meeting.objects.filter(pk=instance.meeting_id).first()
    if meeting is not None:
        index_object(meeting)


def _index_filed_under(regions=(), themes=()) -> None:
    """The live news and experiences filed under any of these regions or themes (their
    text names them: `_filed_under`)."""
    for model in (NewsArticlePage, ExperiencePage):
        pages = model.objects.live().filter(
            Q(regions__in=list(regions)) | Q(themes__in=list(themes))
        )
        for page in pages.distinct().prefetch_related("regions__programmes", "themes"):
            index_object(page)


def _region_saved(sender, instance, raw=False, **kwargs):
    """A region renamed or given another host: its councils and meetings show both, and
    the pages filed under it name it."""
    if raw:
        return
    for council in instance.councils.all():
        index_object(council)
        for meeting in council.meetings.all():
            index_object(meeting)
    _index_filed_under(regions=[instance])


def _theme_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _index_filed_under(themes=[instance])


def _programme_saved(sender, instance, raw=False, **kwargs):
    """A programme renamed: its regions and the pages filed under them name it."""
    if raw:
        return
    regions = list(instance.regions.all())
    for region in regions:
        index_object(region)
    _index_filed_under(regions=regions)


def _organisation_saved(sender, instance, raw=False, **kwargs):
    """An organisation renamed: its live news articles are searched by its name."""
    if raw:
        return
    articles = NewsArticlePage.objects.live().filter(organisation=instance)
    for page in articles.select_related("organisation", "main_image").prefetch_related(
        "regions__programmes", "themes"
    ):
        index_object(page)


def _council_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        for meeting in instance.meetings.all():
            index_object(meeting)


def _participation_changed(sender, instance, raw=False, **kwargs):
    """A region joined or left a programme: both name the other, and the pages filed
    under the region name its programmes."""
    if raw:
        return
    for model, pk in ((Programme, instance.programme_id), (Region, instance.region_id)):
        obj = model.objects.filter(pk=pk).first()
        if obj is not None:
            index_object(obj)
    _index_filed_under(regions=[instance.region_id])


def _restriction_changed(sender, instance, raw=False, **kwargs):
    """A view restriction (password, login, groups) added, changed or removed: the page and
    every live page below it leave the index or come back (`_is_public`), gatherings with
    their programmes."""
    if raw:
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:
        return
    searchable = tuple(registered_models())
    for descendant in page.get_descendants(inclusive=True).live().specific().iterator():
        if isinstance(descendant, searchable):
            index_object(descendant)
        if isinstance(descendant, GatheringPage):
            _gathering_changed(GatheringPage, descendant)


def _connect_followers() -> None:
    uid = "byregion_search_sources_"
    page_published.connect(_experience_changed, sender=ExperiencePage, dispatch_uid=uid + "e1")
    page_unpublished.connect(_experience_changed, sender=ExperiencePage, dispatch_uid=uid + "e2")
    for through in (ExperiencePage.sessions.through, ExperiencePage.themes.through):
        m2m_changed.connect(
            _experience_links_changed, sender=through, dispatch_uid=uid + through.__name__
        )
    pre_delete.connect(_experience_deleting, sender=ExperiencePage, dispatch_uid=uid + "e3")
    post_delete.connect(_experience_deleted, sender=ExperiencePage, dispatch_uid=uid + "e4")
    page_published.connect(_gathering_changed, sender=GatheringPage, dispatch_uid=uid + "g1")
    page_unpublished.connect(_gathering_changed, sender=GatheringPage, dispatch_uid=uid + "g2")
    post_save.connect(_session_saved, sender=Session, dispatch_uid=uid + "s1")
    post_save.connect(_session_part_changed, sender=Speaker, dispatch_uid=uid + "s2")
    post_delete.connect(_session_part_changed, sender=Speaker, dispatch_uid=uid + "s3")
    post_save.connect(_member_changed, sender=Membership, dispatch_uid=uid + "r1")
    post_delete.connect(_member_changed, sender=Membership, dispatch_uid=uid + "r2")
    post_save.connect(_region_saved, sender=Region, dispatch_uid=uid + "r3")
    post_save.connect(_theme_saved, sender=Theme, dispatch_uid=uid + "t1")
    post_save.connect(_programme_saved, sender=Programme, dispatch_uid=uid + "p3")
    post_save.connect(_council_saved, sender=Council, dispatch_uid=uid + "c1")
    post_save.connect(_organisation_saved, sender=Organisation, dispatch_uid=uid + "o1")
    post_save.connect(_participation_changed, sender=ProgrammeRegion, dispatch_uid=uid + "p1")
    post_delete.connect(_participation_changed, sender=ProgrammeRegion, dispatch_uid=uid + "p2")
    post_save.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid=uid + "v1")
    post_delete.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid=uid + "v2")
    post_save.connect(_agenda_changed, sender=AgendaItem, dispatch_uid=uid + "m1")
    post_delete.connect(_agenda_changed, sender=AgendaItem, dispatch_uid=uid + "m2")
