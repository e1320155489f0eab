"""Parameters several endpoints share, parsed with errors that name them."""

import datetime as dt

from django.utils import timezone

from byregion.core import dates
from byregion.core.api.errors import ParameterError


def parse_date(value: str | None, parameter: str) -> dt.date:
    """`YYYY-MM-DD`, or today (Europe/Oslo) when the parameter is left out."""
    if value in (None, ""):
        return timezone.localdate()
    try:
        return dates.parse_date(value)
    except dates.NotADate as error:
        raise ParameterError(parameter, str(error)) from None


# Row ids are 64-bit (DEFAULT_AUTO_FIELD is BigAutoField); a larger number in a path would
# overflow the database driver instead of simply naming nothing.
MAX_ID = 2**63 - 1


def id_in_range(value: int) -> bool:
    """Whether `value` could be a row id at all (an id out of range names nothing: 404)."""
    return 1 <= value <= MAX_ID
