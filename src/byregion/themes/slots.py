"""Places on the theme pages that the apps tagging content with themes fill
(see `core.contributions`).

- `theme_sections`: fillers take `(theme, request)` and return a `Section` of the theme's page
  (its news, experiences, sessions, materials), or None when they have nothing on it.
- `theme_counts`: fillers take the list of themes and return `{theme id: phrase}`, e.g.
  "3 news articles", for the list of themes; one query each.
"""

from byregion.core.contributions import Slot

theme_sections = Slot("theme page")
theme_counts = Slot("theme counts")
