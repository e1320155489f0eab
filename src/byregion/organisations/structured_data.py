"""schema.org `Organization` as JSON-LD, for search engines and anyone reading our pages.

Regular opening hours go in `openingHoursSpecification`, this week's exceptions beside them
with `validFrom`/`validThrough` (a closed day as opening and closing at 00:00, the form
search engines read); the switchboard's hours belong to its `contactPoint`, not to the organisation.
"""

from django.utils.safestring import SafeString

from byregion.core.json_ld import as_script

from .formatting import format_phone_international
from .hours import Hours, summarise
from .models import Address, Organisation

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Brønnøysund's organisation number, as PEPPOL names the scheme (ISO 6523 ICD 0192).
ORG_NUMBER_SCHEME = "NO:ORGNR"


def _time(value) -> str:
    return value.strftime("%H:%M")


def _postal_address(address: Address) -> dict:
    return {
        "@type": "PostalAddress",
        "streetAddress": address.street,
        "postalCode": address.postcode,
        "addressLocality": address.town,
        "addressCountry": "NO",
    }


def _weekly(rows) -> list[dict]:
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [f"https://schema.org/{DAYS[d]}" for d in range(run.first, run.last + 1)],
            "opens": _time(run.hours.opens),
            "closes": _time(run.hours.closes),
        }
        for run in summarise(rows)
    ]


def _exception(day, hours: Hours | None) -> dict:
    return {
        "@type": "OpeningHoursSpecification",
        "name": day.label,
        "validFrom": day.date.isoformat(),
        "validThrough": day.date.isoformat(),
        "opens": _time(hours.opens) if hours else "00:00",
        "closes": _time(hours.closes) if hours else "00:00",
    }


def organisation_data(organisation: Organisation, page_url: str) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": page_url,
        "name": organisation.name,
        "url": organisation.website or page_url,
    }
    if organisation.org_number:
        data["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": ORG_NUMBER_SCHEME,
            "value": organisation.org_number,
        }
    if organisation.description:
        data["description"] = organisation.description
    addresses = [a for a in (organisation.visiting_address, organisation.postal_address) if a]
    if addresses:
        data["address"] = [_postal_address(address) for address in addresses]
    if organisation.phone:
        data["telephone"] = format_phone_international(organisation.phone)
    if organisation.email:
        data["email"] = organisation.email
    week = organisation.this_week
    if week.has_opening_hours:
        data["openingHoursSpecification"] = _weekly(organisation.opening_hours.all()) + [
            _exception(day, day.opening) for day in week.days if day.is_exception
        ]
    if organisation.phone and week.has_switchboard_hours:
        data["contactPoint"] = {
            "@type": "ContactPoint",
            "contactType": "switchboard",
            "telephone": data["telephone"],
            "hoursAvailable": _weekly(organisation.switchboard_hours.all())
            + [_exception(day, day.switchboard) for day in week.days if day.is_exception],
        }
    if organisation.established:
        data["foundingDate"] = organisation.established.isoformat()
    if organisation.dissolved:
        data["dissolutionDate"] = organisation.dissolved.isoformat()
    return data


def organisation_json_ld(organisation: Organisation, page_url: str) -> SafeString:
    """The JSON-LD text, safe to put between <script type="application/ld+json"> tags."""
    return as_script(organisation_data(organisation, page_url))
