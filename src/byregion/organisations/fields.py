"""Model fields that store a number compact however it was typed."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.db import models

from . import validators


class CompactFormField(forms.CharField):
    """Compacts before validating, so "942 953 119" is not refused for being 11 characters."""

    def __init__(self, *, compact, **kwargs):
        self.compact = compact
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return self.compact(value) if value else value


class CompactCharField(models.CharField):
    """Subclasses set `compact` and validators whose pattern bounds the length."""

    compact = staticmethod(str.strip)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The format validator already explains a wrong length in the field's own words;
        # Django's generic "at most 9 characters" beside it would only confuse.
        self.validators[:] = [v for v in self.validators if not isinstance(v, MaxLengthValidator)]

    def to_python(self, value):
        value = super().to_python(value)
        return self.compact(value) if value else value

    def formfield(self, **kwargs):
        # The typed text may be longer than the stored one; the model's validators still
        # check the compact value, so max_length keeps its meaning in the database.
        defaults = {"form_class": CompactFormField, "compact": self.compact, "max_length": None}
        return super().formfield(**{**defaults, **kwargs})


class OrganisationNumberField(CompactCharField):
    """A Norwegian organisation number: stored as 9 digits, typed with or without spaces."""

    default_validators = [validators.validate_org_number]
    compact = staticmethod(validators.compact_org_number)

    def __init__(self, *args, **kwargs):
        kwargs["max_length"] = 9
        super().__init__(*args, **kwargs)


class PhoneNumberField(CompactCharField):
    """A phone number: 8 digits in Norway, "+" and digits abroad."""

    default_validators = [validators.validate_phone]
    compact = staticmethod(validators.compact_phone)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 16)
        super().__init__(*args, **kwargs)
