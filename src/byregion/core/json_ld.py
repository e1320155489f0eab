"""schema.org data as the text of a `<script type="application/ld+json">` element.

Every app's structured data goes through `as_script`: inside <script> a "</script>" in a
name would end the element early, so the characters HTML reads there are escaped the way
JSON allows (a reader's JSON parser gives back the same text).
"""

import json

from django.utils.safestring import SafeString, mark_safe

SCRIPT_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def as_script(data: dict) -> SafeString:
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(SCRIPT_ESCAPES))
