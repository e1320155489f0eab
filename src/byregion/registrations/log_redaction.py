"""Keep personal links and the admin's searches for people out of logs.

A personal link's path (/pamelding/<signed token>/...) is the key to a person's
registration, and what an organiser searches for in the admin (`?q=`) is usually a name.
Django logs paths on errors and refusals (django.request, django.security.*), and the
server's access log logs every request; this filter replaces both with "…" in those
records before any handler sees them. Attached in `RegistrationsConfig.ready()`.
"""

import logging
import re

PERSONAL_LINK = re.compile(r"(/pamelding/)[^/\s\"'?]+")
# What an organiser searched for in the admin is usually a person's name.
ADMIN_SEARCH = re.compile(r"(/admin/[^\s\"'?]*\?(?:[^\s\"'#]*&)?q=)[^&\s\"'#]*")
LOGGERS = (
    "django.request",
    "django.server",
    "django.security.csrf",
    "django.security.SuspiciousOperation",
    "gunicorn.access",
    "gunicorn.error",
)


def redact(value):
    if isinstance(value, str):
        return ADMIN_SEARCH.sub(r"\1…", PERSONAL_LINK.sub(r"\1…", value))
    return value


class RedactPersonalLinks(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.msg)
        if isinstance(record.args, dict):
            # In place: gunicorn's access log passes its own dict type (SafeAtoms).
            for key, value in list(record.args.items()):
                record.args[key] = redact(value)
        elif isinstance(record.args, tuple):
            record.args = tuple(redact(value) for value in record.args)
        return True


def install() -> None:
    redactor = RedactPersonalLinks()
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactPersonalLinks) for f in logger.filters):
            logger.addFilter(redactor)
