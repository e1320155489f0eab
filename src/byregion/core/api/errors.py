"""Errors the API answers with: JSON that names the parameter, in the caller's language.

Every error body has the same shape, so a client handles them in one place:

    {"detail": "<one sentence>", "errors": [{"in": "query", "parameter": "as_of",
                                            "message": "..."}]}
"""

from django.utils.translation import gettext as _
from ninja.errors import HttpError


class ParameterError(HttpError):
    """A parameter's value is malformed or names nothing (400), or names nothing that exists
    (404: an unknown code or slug in the path)."""

    def __init__(self, parameter: str, message: str, *, status: int = 400, where: str = "query"):
        super().__init__(status_code=status, message=message)
        self.parameter = parameter
        self.where = where


def error_body(detail: str, errors: list[dict] | None = None) -> dict:
    return {"detail": detail, "errors": errors or []}


def validation_errors(errors: list[dict]) -> list[dict]:
    """Pydantic's errors as ours: where the bad value was, its name, and what was wrong."""
    result = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", [])]
        where = loc[0] if loc and loc[0] in {"query", "path", "body", "header"} else "query"
        name = loc[-1] if loc else ""
        if name in {"query", "path"} and len(loc) == 1:
            name = ""
        result.append({"in": where, "parameter": name, "message": error.get("msg", "")})
    return result


def invalid_parameters_detail(errors: list[dict]) -> str:
    names = ", ".join(sorted({e["parameter"] for e in errors if e["parameter"]}))
    return _("Invalid parameter: %(names)s.") % {"names": names} if names else _("Invalid request.")
