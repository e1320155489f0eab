"""schema.org JSON-LD: a region as a `Place` made of its municipalities, a meeting as an
`Event`. Only what the records hold is stated; an empty field is left out, not guessed."""

from django.utils import timezone

from .models import Meeting, MeetingStatus


def region_data(region, places, page_url: str) -> dict:
    """`places`: the municipality versions the region covers on the day the page is about."""
    data = {
        "@context": "https://schema.org",
        "@type": "Place",
        "@id": page_url,
        "name": region.name,
        "url": page_url,
    }
    if region.description:
        data["description"] = region.description
    if places:
        data["containsPlace"] = [
            {
                "@type": "AdministrativeArea",
                "name": place.name_in(region.language),
                "identifier": place.code,
                **(
                    {
                        "containedInPlace": {
                            "@type": "AdministrativeArea",
                            "name": place.parent.name_in(region.language),
                            "identifier": place.parent.code,
                        }
                    }
                    if place.parent_id
                    else {}
                ),
            }
            for place in places
        ]
    return data


def meeting_data(meeting: Meeting, page_url: str, council_url: str) -> dict:
    council = meeting.council
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": page_url,
        "name": meeting.display_title,
        "url": page_url,
        "inLanguage": council.language,
        "startDate": timezone.localtime(meeting.start).isoformat(),
        "eventStatus": "https://schema.org/EventCancelled"
        if meeting.status == MeetingStatus.CANCELLED
        else "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "organizer": {"@type": "Organization", "name": council.name, "url": council_url},
    }
    if meeting.end:
        data["endDate"] = timezone.localtime(meeting.end).isoformat()
    if meeting.venue_name or meeting.venue_address:
        location = {"@type": "Place", "name": meeting.venue_name or meeting.venue_address}
        if meeting.venue_address:
            location["address"] = meeting.venue_address
        data["location"] = location
    items = [item.title for item in meeting.agenda_items.all()]
    if items:
        data["description"] = "; ".join(items)
    return data
