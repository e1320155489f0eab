"""Norwegian counties and municipalities over time.

A `Place` row is one *version* of a unit: a code with a name, valid from one date up to (not
including) another, as Statistics Norway's KLASS classifications 104 (counties) and 131
(municipalities) publish them. Codes are reused and units are renamed, merged, split and
moved between counties, so a code alone never identifies a unit: (kind, code, date) does.

`PlaceChange` rows are KLASS's change rows, one per (old version -> new version) pair on a
date; a merge is several rows into one new version, a split several rows out of one old
version. The questions asked of them live in `places.timeline`.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class PlaceKind(models.TextChoices):
    COUNTY = "county", _("county")
    MUNICIPALITY = "municipality", _("municipality")


# Languages a place name may be recorded in, ISO 639 codes: Bokmål, Nynorsk, Northern,
# Lule and Southern Sámi, Kven.
NAME_LANGUAGES = ("nb", "nn", "se", "smj", "sma", "fkv")


class PlaceQuerySet(models.QuerySet):
    def valid_on(self, date):
        return self.filter(valid_from__lte=date).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=date)
        )

    def current(self):
        return self.valid_on(timezone.localdate())


class Place(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=PlaceKind.choices)
    code = models.CharField(_("code"), max_length=4)
    name = models.CharField(
        _("official name"),
        max_length=200,
        help_text=_('As Statistics Norway publishes it, e.g. "Trøndelag - Trööndelage".'),
    )
    names = models.JSONField(
        _("names by language"),
        default=dict,
        blank=True,
        help_text=_("Names in Bokmål (nb), Nynorsk (nn), Sámi (se, smj, sma) and Kven (fkv)."),
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(
        _("valid to"), null=True, blank=True, help_text=_("First day it is no longer valid.")
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("county"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        limit_choices_to={"kind": PlaceKind.COUNTY},
    )

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "code", "valid_from"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "code", "valid_from"], name="place_unique_version"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="place_valid_period",
            ),
        ]
        indexes = [models.Index(fields=["kind", "valid_from", "valid_to"])]

    def __str__(self):
        return f"{self.localized_name} ({self.code})"

    def name_in(self, language: str | None) -> str:
        """The name in `language` if one is recorded, else the official name."""
        language = (language or "").split("-")[0]
        return self.names.get(language) or self.names.get("nb") or self.name

    @property
    def localized_name(self) -> str:
        return self.name_in(get_language())

    def is_valid_on(self, date) -> bool:
        return self.valid_from <= date and (self.valid_to is None or date < self.valid_to)


class CountyManager(models.Manager.from_queryset(PlaceQuerySet)):
    def get_queryset(self):
        return super().get_queryset().filter(kind=PlaceKind.COUNTY)


class MunicipalityManager(models.Manager.from_queryset(PlaceQuerySet)):
    def get_queryset(self):
        return super().get_queryset().filter(kind=PlaceKind.MUNICIPALITY)


class County(Place):
    objects = CountyManager()

    class Meta:
        proxy = True
        verbose_name = _("county")
        verbose_name_plural = _("counties")


class Municipality(Place):
    objects = MunicipalityManager()

    class Meta:
        proxy = True
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")


class ChangeKind(models.TextChoices):
    MERGE = "merge", _("merge")
    SPLIT = "split", _("split")
    TRANSFER = "transfer", _("transfer to another county")
    RENUMBER = "renumber", _("renumbering")
    RENAME = "rename", _("rename")
    CREATED = "created", _("created")
    CEASED = "ceased", _("ceased")


class PlaceChange(models.Model):
    """One KLASS change row: `old` became (part of) `new` on `date`.

    `kind` is classified on import from all rows of the same date: several rows into one
    new version is a merge, several out of one old version a split, one to one a transfer
    (county changed), renumbering (code changed) or rename (only the name changed).
    """

    kind = models.CharField(_("kind"), max_length=16, choices=ChangeKind.choices)
    date = models.DateField(_("date"), db_index=True)
    old = models.ForeignKey(
        Place,
        verbose_name=_("before"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="changes_out",
    )
    new = models.ForeignKey(
        Place,
        verbose_name=_("after"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="changes_in",
    )
    territory_from = models.ManyToManyField(
        Place,
        verbose_name=_("territory from"),
        blank=True,
        related_name="+",
        help_text=_(
            "Where a split's parts are known: the earlier units whose territory makes up "
            "this part. Left empty, a split answers with every part."
        ),
    )
    source = models.TextField(_("source"), blank=True)

    class Meta:
        ordering = ["date", "old__code", "new__code"]
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        constraints = [
            models.UniqueConstraint(fields=["date", "old", "new"], name="placechange_unique"),
            models.CheckConstraint(
                condition=Q(old__isnull=False) | Q(new__isnull=False),
                name="placechange_has_a_side",
            ),
        ]

    def __str__(self):
        return f"{self.date}: {self.old or '—'} → {self.new or '—'}"
