"""How an organisation's details are written on a page, Norwegian style, in one place.

Språkrådet's rules: times with a full stop ("08.00"), a range with an en dash and no
spaces (kl. 08.00, en dash, 15.45); eight-digit phone numbers in pairs ("70 16 20 00")
except mobile numbers and numbers starting with 8, which are written 3-2-3 ("912 34 567",
"800 12 345"); organisation numbers in threes ("942 953 119"). Values are stored compact
(digits, `time`), so every page, feed and export that formats them agrees.
"""

from datetime import time

from django.utils.dates import WEEKDAYS
from django.utils.translation import pgettext
from stdnum.no import orgnr

EN_DASH = "\u2013"
NORWAY = "+47"


def format_time(value: time) -> str:
    return f"{value.hour:02d}.{value.minute:02d}"


def format_hours(opens: time, closes: time) -> str:
    """08.00 to 15.45, written with an en dash; Norwegian puts "kl." in front (a translation)."""
    span = f"{format_time(opens)}{EN_DASH}{format_time(closes)}"
    return pgettext("a span of opening hours; Norwegian puts kl. in front", "%(span)s") % {
        "span": span
    }


def format_day_range(first: int, last: int) -> str:
    """Monday to Friday (weekdays 0 to 4) joined by an en dash; a single day alone."""
    if first == last:
        return str(WEEKDAYS[first])
    return f"{WEEKDAYS[first]}{EN_DASH}{WEEKDAYS[last]}"


def _is_norwegian(number: str) -> bool:
    return len(number) == 8 and number.isdigit()


def format_phone(number: str) -> str:
    """ "70 16 20 00", "912 34 567", "800 12 345"; numbers abroad as stored (+46...)."""
    if not _is_norwegian(number):
        return number
    if number[0] in "489":
        return f"{number[:3]} {number[3:5]} {number[5:]}"
    return " ".join(number[i : i + 2] for i in range(0, 8, 2))


def format_phone_international(number: str) -> str:
    """ "+47 70 16 20 00": for machine-readable data read outside Norway."""
    if _is_norwegian(number):
        return f"{NORWAY} {format_phone(number)}"
    return number


def phone_uri(number: str) -> str:
    """A `tel:` link that works from a phone abroad too."""
    if _is_norwegian(number):
        return f"tel:{NORWAY}{number}"
    return f"tel:{number}"


def format_org_number(number: str) -> str:
    """ "942 953 119" from the stored "942953119"; anything else as it is."""
    if len(number) == 9 and number.isdigit():
        return orgnr.format(number)
    return number


def format_web_address(url: str) -> str:
    """ "https://www.alesund.kommune.no/" as "www.alesund.kommune.no": what people read."""
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            url = url[len(scheme) :]
            break
    return url.rstrip("/")
