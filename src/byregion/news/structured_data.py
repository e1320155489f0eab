"""schema.org `NewsArticle` as JSON-LD, and the image that previews an article when shared.

Search engines read the JSON-LD; social media and chat apps read the Open Graph tags in
templates/news/news_article_page.html. Both use the same 1200 by 630 rendition (the size
Open Graph readers ask for), made once and then cached by Wagtail.
"""

from django.utils.safestring import SafeString

from byregion.core.addresses import absolute
from byregion.core.json_ld import as_script

SHARE_IMAGE = "fill-1200x630-c100"


def share_image_url(article, request) -> str:
    if not article.main_image:
        return ""
    return absolute(article.main_image.get_rendition(SHARE_IMAGE).url)


def article_data(article, request, themes=None) -> dict:
    """`themes`: the article's themes when the caller has read them already."""
    url = article.get_full_url(request)
    organisation = {
        "@type": "Organization",
        "name": article.organisation.name,
        "url": absolute(article.organisation.get_absolute_url()),
    }
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": url,
        "mainEntityOfPage": url,
        "url": url,
        "headline": article.title,
        "description": article.lead,
        "inLanguage": article.language,
        "author": organisation,
        "publisher": organisation,
    }
    if article.first_published_at:
        data["datePublished"] = article.first_published_at.isoformat()
    if article.last_published_at:
        data["dateModified"] = article.last_published_at.isoformat()
    if article.main_image:
        data["image"] = {
            "@type": "ImageObject",
            "url": share_image_url(article, request),
            "caption": article.main_image_caption or article.main_image.description,
            "creditText": article.main_image.credit,
        }
    # In the article's language: the keywords describe the text, not the page around it.
    keywords = [
        getattr(theme, f"name_{article.language}", "") or theme.name
        for theme in (article.themes.all() if themes is None else themes)
    ]
    if keywords:
        data["keywords"] = keywords
    return data


def article_json_ld(article, request, themes=None) -> SafeString:
    """The JSON-LD text, safe to put between <script type="application/ld+json"> tags."""
    return as_script(article_data(article, request, themes))
