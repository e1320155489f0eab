"""schema.org `Event` as JSON-LD for a gathering and for each session of it.

A gathering whose times of day are not known gives dates only (ISO 8601 dates are valid
`startDate` values). Its status maps onto schema.org's EventStatusType: a cancelled
gathering is `EventCancelled`, every other one `EventScheduled` (schema.org has no status
for "held"; search engines read the dates for that).
"""

from django.utils import timezone
from django.utils.html import strip_tags

from .models import GatheringPage, GatheringStatus, Session

SCHEMA = "https://schema.org/"


def _when(value, dates_only: bool) -> str:
    local = timezone.localtime(value)
    return local.date().isoformat() if dates_only else local.isoformat()


def _location(gathering: GatheringPage) -> dict | None:
    if not (gathering.venue_name or gathering.venue_address or gathering.town):
        return None
    place = {"@type": "Place", "name": gathering.place_name or gathering.venue_address}
    address = {"@type": "PostalAddress", "addressCountry": "NO"}
    if gathering.venue_address:
        address["streetAddress"] = gathering.venue_address
    if gathering.town:
        address["addressLocality"] = gathering.town
    place["address"] = address
    return place


def _organisation(organisation, base_url: str) -> dict:
    return {
        "@type": "Organization",
        "name": organisation.name,
        "url": organisation.website or base_url + organisation.get_absolute_url(),
    }


def gathering_data(gathering: GatheringPage, page_url: str, base_url: str) -> dict:
    """`base_url` is the site's scheme and host, for the organisations' own pages."""
    status = "EventCancelled" if gathering.status == GatheringStatus.CANCELLED else "EventScheduled"
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": page_url,
        "url": page_url,
        "name": gathering.title,
        "startDate": _when(gathering.start, gathering.dates_only),
        "endDate": _when(gathering.end, gathering.dates_only),
        "eventStatus": SCHEMA + status,
        "eventAttendanceMode": SCHEMA + "OfflineEventAttendanceMode",
        "inLanguage": gathering.language,
    }
    description = gathering.intro or strip_tags(gathering.body).strip() or gathering.theme
    if description:
        data["description"] = description
    if gathering.theme:
        data["about"] = gathering.theme
    location = _location(gathering)
    if location:
        data["location"] = location
    if gathering.organiser:
        data["organizer"] = _organisation(gathering.organiser, base_url)
    if gathering.audience:
        data["audience"] = {"@type": "Audience", "audienceType": gathering.audience}
    if gathering.capacity:
        data["maximumAttendeeCapacity"] = gathering.capacity
    return data


def session_data(session: Session, session_url: str, gathering_url: str) -> dict:
    gathering = session.gathering
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": session_url,
        "url": session_url,
        "name": session.title,
        "startDate": _when(session.start, False),
        "endDate": _when(session.end, False),
        "eventStatus": SCHEMA
        + ("EventCancelled" if gathering.status == GatheringStatus.CANCELLED else "EventScheduled"),
        "eventAttendanceMode": SCHEMA + "OfflineEventAttendanceMode",
        "inLanguage": gathering.language,
        "superEvent": {"@type": "Event", "@id": gathering_url, "name": gathering.title},
    }
    if session.description:
        data["description"] = session.description
    location = _location(gathering)
    if location:
        if session.room:
            location = {**location, "name": f"{session.room}, {location['name']}"}
        data["location"] = location
    # A speaker shown by role only is no Person: schema.org's Person needs a name.
    performers = [
        {"@type": "Person", "name": speaker.name, "jobTitle": speaker.title}
        for speaker in session.speakers.all()
        if speaker.name
    ]
    if performers:
        data["performer"] = performers
    if session.capacity:
        data["maximumAttendeeCapacity"] = session.capacity
    return data
