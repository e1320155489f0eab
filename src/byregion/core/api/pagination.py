"""Cursor pagination whose every failure is a 400 naming `cursor`, never a 500.

Ninja's `CursorPagination` keeps listings stable while rows are added (no page drifts) and
costs one query per page. A cursor is opaque to clients but only base64 of a query string,
so a hand-made one can carry a position of the wrong type or an offset out of range: those
become the same clear error as a cursor that is not base64 at all.
"""

import pydantic
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import CursorPagination

from byregion.core.api.errors import ParameterError

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


class Cursor(CursorPagination):
    def __init__(self, *, ordering, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE, **kwargs):
        super().__init__(
            ordering=ordering, page_size=page_size, max_page_size=max_page_size, **kwargs
        )

    def paginate_queryset(self, queryset, pagination, request, **params):
        try:
            return super().paginate_queryset(queryset, pagination, request, **params)
        except (
            NinjaValidationError,
            pydantic.ValidationError,
            DjangoValidationError,
            ValueError,
            TypeError,
            OverflowError,
        ):
            raise ParameterError(
                "cursor",
                _("The cursor is not one this API gave out. Start again without it."),
            ) from None
