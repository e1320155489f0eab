"""Validation and normalisation of the numbers people type into an organisation's form.

People copy numbers as they see them printed ("942 953 119", "+47 70 16 20 00"); we store
them compact and say, in the field's own words, what is wrong when one cannot be right.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import InvalidChecksum, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.no import orgnr

PHONE_SEPARATORS = re.compile(r"[\s.\-()/]")
NORWEGIAN_PHONE = re.compile(r"\d{8}")
PHONE_ABROAD = re.compile(r"\+\d{7,15}")
POSTCODE = re.compile(r"\d{4}")


def compact_org_number(value: str) -> str:
    return orgnr.compact(value)


def validate_org_number(value: str) -> None:
    """Brønnøysund's nine digits with a modulus 11 check digit (python-stdnum's rule)."""
    try:
        orgnr.validate(value)
    except InvalidLength as error:
        raise ValidationError(
            _("Organisation number: it must have 9 digits; %(value)s has %(count)d."),
            code="invalid_length",
            params={"value": value, "count": len(compact_org_number(value))},
        ) from error
    except InvalidChecksum as error:
        raise ValidationError(
            _(
                "Organisation number: %(value)s has a wrong check digit. Check the number "
                "in the Central Coordinating Register for Legal Entities."
            ),
            code="invalid_checksum",
            params={"value": orgnr.format(value)},
        ) from error
    except StdnumError as error:
        raise ValidationError(
            _("Organisation number: use digits only, e.g. 942 953 119."),
            code="invalid_format",
        ) from error


def compact_phone(value: str) -> str:
    """ "70 16 20 00", "+47 70162000" and "0047 70 16 20 00" all become "70162000"."""
    value = PHONE_SEPARATORS.sub("", value)
    if value.startswith("00"):
        value = "+" + value[2:]
    if value.startswith("+47") and len(value) == 11:
        value = value[3:]
    return value


def validate_phone(value: str) -> None:
    if not (NORWEGIAN_PHONE.fullmatch(value) or PHONE_ABROAD.fullmatch(value)):
        raise ValidationError(
            _(
                "Phone number: enter 8 digits for a Norwegian number, e.g. 70 16 20 00, "
                "or + and the country code for a number abroad."
            ),
            code="invalid_phone",
        )


def validate_postcode(value: str) -> None:
    if not POSTCODE.fullmatch(value):
        raise ValidationError(
            _("Postcode: a Norwegian postcode has 4 digits, e.g. 6003."), code="invalid_postcode"
        )
