"""Django settings, read from the environment.

With nothing set, Byregion runs on SQLite in ./data (the embedded default) with DEBUG on
for local use. Production sets at least SECRET_KEY, ALLOWED_HOSTS, DEBUG=false and usually
DATABASE_URL=postgres://...; `manage.py check --deploy` then passes without warnings.
"""

import datetime as dt
import os
import zoneinfo
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("BYREGION_DATA_DIR", Path.cwd() / "data")).resolve()


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default="SECRET_KEY" not in os.environ)
# Without SECRET_KEY we are on a developer's machine: a fixed, obviously-local key is fine
# there and only there (DEBUG is on). Production must set its own.
LOCAL_SECRET_KEY = "byregion-local-development-key-not-for-production"  # noqa: S105 (public)
SECRET_KEY = os.environ.get("SECRET_KEY", LOCAL_SECRET_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The one public address every absolute URL is written with (core.addresses); locally the
# address `byregion demo` serves on.
SITE_URL = (
    os.environ.get("SITE_URL") or f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
).rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL

INSTALLED_APPS = [
    # Our apps first, so our templates (404, 500, base) take precedence.
    "byregion.core",
    "byregion.images",
    "byregion.places",
    "byregion.organisations",
    "byregion.networks",
    "byregion.themes",
    "byregion.indicators",
    "byregion.gatherings",
    "byregion.registrations",
    "byregion.news",
    "byregion.knowledge",
    "byregion.api",
    "byregion.search",
    "byregion.subscriptions",
    "byregion.site",
    "byregion.demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "byregion.site.users_app.UsersConfig",  # wagtail.users, with our group list
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "ninja",  # so its API docs page uses the bundled Swagger UI, not a CDN
    # The database task queue (BYREGION_TASKS_BACKEND=django_tasks_db.DatabaseBackend and
    # `byregion db_worker`; see TASKS below): its table and its worker command.
    "django_tasks_db",
    # Failed admin sign-ins counted and locked (AXES_* below).
    "axes",
    # django-csp: its checks of CONTENT_SECURITY_POLICY (the middleware is ours, below).
    "csp",
    # Signing in to the admin: allauth's forms, its second factors and single sign-on by
    # OpenID Connect (the sign-in block below; docs/operators/sign-in.md).
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Content-Security-Policy and Permissions-Policy (CONTENT_SECURITY_POLICY below): outside
    # the page cache and the API's 304s, so every answer gets them; it reads X-Frame-Options.
    "byregion.core.security_headers.SecurityHeadersMiddleware",
    # Outside the session and locale middleware: it takes out what they add to Vary.
    "byregion.core.pagecache.VaryMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "byregion.api.middleware.ApiHeadersMiddleware",
    # Outside the page cache, so a stored answer gets its header too.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Outside the page cache: a stored form gets the visitor's own token and cookie.
    "django.middleware.csrf.CsrfViewMiddleware",
    # After the language is chosen (it is part of the key), before anything renders.
    "byregion.core.pagecache.PageCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # The sign-in pages in the visitor's (or the signed-in user's admin) language.
    "byregion.site.accounts.SignInLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # The admin only to a session that passed the second factor its user must have.
    "byregion.site.second_factor.SecondFactorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked sign-in into its answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "byregion.urls"
WSGI_APPLICATION = "byregion.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "byregion.site.context_processors.site_chrome",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'byregion.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # Connections are kept as on PostgreSQL (CONN_MAX_AGE): opening one per request cost
    # about 3 ms of a 7 ms page (SQLite reads the whole schema again on a new connection).
    # WAL lets readers go on while one writer commits; IMMEDIATE makes a write transaction
    # take the write lock at BEGIN, so concurrent writers queue instead of failing midway.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language: Bokmål is the default UI language (no URL prefix); Nynorsk and English live
# under /nn/ and /en/. The URL alone decides the language, so every anonymous visitor of
# one URL gets the same bytes (cacheable). Content carries its own language code.
LANGUAGE_CODE = "nb"
LANGUAGES = [
    ("nb", _("Norwegian Bokmål")),
    ("nn", _("Norwegian Nynorsk")),
    ("en", _("English")),
]
# Each app keeps its own catalogue in <app>/locale (found by Django without listing them).
# byregion/locale holds Wagtail's admin strings that Wagtail leaves untranslated in Bokmål
# and has no Nynorsk for (docs/developers/translations.md); listed here, it wins.
LOCALE_PATHS: list[Path] = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Oslo"
# The admin's time-zone choices: the IANA zones, without the system's own "localtime" file,
# which browsers refuse (the account page logged "Invalid time zone specified: localtime").
WAGTAIL_USER_TIME_ZONES = sorted(zoneinfo.available_timezones() - {"localtime", "posixrules"})

# Wagtail keeps one page tree; each piece of content states its own language (a Nynorsk
# article can sit beside a Bokmål one in the same section), so Wagtail's per-locale trees
# are not used. The content languages are still declared, and the first Locale is "nb".
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_SITE_NAME = "Byregion"
# Slugs are ASCII, with æ, ø and å written out (byregion.core.slugs).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# The admin must not reach outside the site: no avatars from a third party, no update check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILIMAGES_IMAGE_MODEL = "images.CreditedImage"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "txt", "csv"]
# Documents are served by Wagtail's view only (it checks collection privacy and sends them
# as downloads), never raw from /media/documents/; a presentation or report fits in 20 MB.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024


def media_storage(env) -> dict:
    """Where uploaded images and documents live (`STORAGES["default"]`), from the environment
    `env`: a folder (MEDIA_ROOT) without BYREGION_MEDIA_BUCKET; with it, that bucket on S3 or
    an S3-compatible service (django-storages' S3Storage). Image renditions are made and kept
    through the same storage. Images are linked at their public URL (BYREGION_MEDIA_URL, or
    the bucket's own), unsigned; documents are read by Wagtail's view with the credentials
    and never linked in the bucket (WAGTAILDOCS_SERVE_METHOD), so the bucket need only make
    images/ and original_images/ public. Objects get no ACL of their own (the bucket's
    policy decides) and an upload never replaces another of the same name."""
    bucket = env.get("BYREGION_MEDIA_BUCKET", "")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options = {
        "bucket_name": bucket,
        "querystring_auth": False,
        "default_acl": None,
        "file_overwrite": False,
    }
    # Unset: boto3's own (AWS_ACCESS_KEY_ID, AWS_DEFAULT_REGION, a profile, an instance role).
    from_env = {
        "endpoint_url": "BYREGION_MEDIA_ENDPOINT_URL",
        "region_name": "BYREGION_MEDIA_REGION",
        "access_key": "BYREGION_MEDIA_ACCESS_KEY_ID",
        "secret_key": "BYREGION_MEDIA_SECRET_ACCESS_KEY",
        "addressing_style": "BYREGION_MEDIA_ADDRESSING_STYLE",
    }
    options |= {option: env[name] for option, name in from_env.items() if env.get(name)}
    public = env.get("BYREGION_MEDIA_URL", "").rstrip("/")
    if public:
        scheme, _, rest = public.partition("//")
        if scheme not in ("http:", "https:") or not rest:
            from django.core.exceptions import ImproperlyConfigured

            raise ImproperlyConfigured(
                "BYREGION_MEDIA_URL must be an http:// or https:// address, e.g. "
                "https://media.example.org or https://cdn.example.org/byregion."
            )
        options |= {"url_protocol": scheme, "custom_domain": rest}
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", DATA_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
STORAGES = {
    "default": media_storage(os.environ),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
if "custom_domain" in STORAGES["default"].get("OPTIONS", {}):
    # Where pages link images from (the page cache's fingerprint reads it, core/pagecache.py).
    MEDIA_URL = f"{os.environ['BYREGION_MEDIA_URL'].rstrip('/')}/"
WHITENOISE_USE_FINDERS = DEBUG
if DEBUG:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing


def cache_settings(url: str, name: str) -> dict:
    """One cache from CACHE_URL: redis:// (or valkey://, rediss://) for Django's Redis
    cache, shared by every app server; file:///path or nothing for the embedded default, a
    folder shared by `byregion serve`'s workers on one machine; locmem:// for one process.
    The file cache won beside the database cache on SQLite (bench/README.md, "The embedded
    default's shared cache")."""
    if url.startswith(("redis://", "rediss://", "valkey://", "unix://")):
        location = (
            "redis://" + url.removeprefix("valkey://") if url.startswith("valkey://") else url
        )
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"byregion-{name}",
        }
    if url.startswith("locmem://"):
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"byregion-{name}-{url.removeprefix('locmem://')}",
        }
    if url == "" or url.startswith("file://"):
        folder = Path(url.removeprefix("file://") or DATA_DIR / "cache") / name
        return {
            "BACKEND": "byregion.core.caches.FileCache",
            "LOCATION": str(folder),
            # The cache culls a third of its entries when it holds more than this.
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "20000"))},
        }
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "CACHE_URL must start with redis://, rediss://, valkey://, file:// or locmem://."
    )


CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES = {
    # Pages, their generations, rate limits and form keys: shared by all workers and servers.
    "default": cache_settings(CACHE_URL, "default"),
    # Wagtail keeps image renditions (which file serves which size) here when this alias
    # exists, apart from the rest, as its documentation advises.
    "renditions": cache_settings(CACHE_URL, "renditions"),
}

# The whole-page cache (core/pagecache.py; docs/developers/caching.md). The shipped proxy is
# purged on every change and keeps pages until their clock runs out (X-Accel-Expires). A
# shared cache the site cannot purge (a CDN) may keep a public page BYREGION_SHARED_MAX_AGE
# seconds (s-maxage) and serve it stale while it revalidates for
# BYREGION_STALE_WHILE_REVALIDATE more: 0 and 0 by default, so no visitor sees a page older
# than the last change; an operator who puts a CDN in front chooses the delay.
BYREGION_PAGE_CACHE = env_bool("BYREGION_PAGE_CACHE", True)
BYREGION_PAGE_CACHE_ALIAS = "default"
# The reverse proxies to purge on every change (core/proxy.py), e.g. http://127.0.0.1:8080:
# each is sent `PURGE <address>` with the page's Host. Empty: no proxy keeps pages.
BYREGION_PROXY_PURGE_URLS = env_list("BYREGION_PROXY_PURGE_URLS")
BYREGION_SHARED_MAX_AGE = int(os.environ.get("BYREGION_SHARED_MAX_AGE", "0"))
BYREGION_STALE_WHILE_REVALIDATE = int(os.environ.get("BYREGION_STALE_WHILE_REVALIDATE", "0"))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Byregion <noreply@localhost>")
if "EMAIL_HOST" in os.environ:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)

# Where the footer's accessibility statement link points (Norway publishes these centrally
# per site); empty shows no link.
ACCESSIBILITY_STATEMENT_URL = os.environ.get("ACCESSIBILITY_STATEMENT_URL", "")

# Security: strict by default outside DEBUG; a reverse proxy terminates TLS.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views allow same-origin frames themselves.
# Content-Security-Policy of every public answer (django-csp 4's format; our middleware,
# core/security_headers.py, adds the media address to img-src when images are linked from
# object storage, and gives /admin/ its own relaxations; docs/operators/security-headers.md).
# No inline script or style and no nonce: pages are stored whole and shared by every visitor.
# JSON-LD (<script type="application/ld+json">) is data, which script-src does not govern.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # data:: Designsystemet's stylesheet draws its icons (checkmarks, chevrons) as data: SVG.
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],  # as X_FRAME_OPTIONS, for browsers that read only this
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    # "preload" only marks the header as fit for the browsers' preload list; a site joins
    # that list when its owner submits the domain. Set SECURE_HSTS_PRELOAD=false to drop it.
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_SSL_HOST = os.environ.get("SECURE_SSL_HOST") or None

# The proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated; `*`
# for any): the same list `byregion serve` gives gunicorn (core.clients).
FORWARDED_ALLOW_IPS = env_list("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# How long a change of seats waits for a gathering's lock before the visitor is asked to try
# again (seconds; registrations.services.locked).
BYREGION_REGISTRATION_LOCK_TIMEOUT = float(
    os.environ.get("BYREGION_REGISTRATION_LOCK_TIMEOUT", "5")
)

# Registration attempts allowed ("count/s|m|h|d"), counted in the shared cache: per client
# address (core.clients: X-Forwarded-For only from FORWARDED_ALLOW_IPS; an office behind one
# address registers its colleagues one by one) and per e-mail address (each attempt may send
# a mail to it). Over the limit, the form answers 429 with a translated message.
BYREGION_REGISTRATION_RATE_PER_CLIENT = os.environ.get(
    "BYREGION_REGISTRATION_RATE_PER_CLIENT", "30/h"
)
BYREGION_REGISTRATION_RATE_PER_EMAIL = os.environ.get("BYREGION_REGISTRATION_RATE_PER_EMAIL", "5/h")
# The subscription form (subscriptions.views), counted the same way: per client address and
# per e-mail address (each accepted form mails the address once).
BYREGION_SUBSCRIPTION_RATE_PER_CLIENT = os.environ.get(
    "BYREGION_SUBSCRIPTION_RATE_PER_CLIENT", "20/h"
)
BYREGION_SUBSCRIPTION_RATE_PER_EMAIL = os.environ.get("BYREGION_SUBSCRIPTION_RATE_PER_EMAIL", "3/h")
# How many subscribers one digest task mails (`byregion send-subscriptions` queues one task
# per batch; a task's memory follows this number, not the number of subscribers).
BYREGION_SUBSCRIPTION_BATCH_SIZE = int(os.environ.get("BYREGION_SUBSCRIPTION_BATCH_SIZE", "200"))

# Signing in to the admin (django-axes): AXES_FAILURE_LIMIT failed sign-ins in a row lock the
# account, and as many from one client address lock that address, for AXES_COOLOFF_MINUTES;
# a success resets the count. Counted in the shared cache, by the client address the rate
# limits use (core.clients). The locked answer: site.sign_in.locked (429, translated).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_CACHE = "default"
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "byregion.site.sign_in.address"
AXES_LOCKOUT_CALLABLE = "byregion.site.sign_in.locked"
AXES_VERBOSE = False

# Signing in (docs/operators/sign-in.md): allauth's forms serve the admin's sign-in at
# /accounts/login/ (Wagtail's /admin/login/ redirects there), by username; nobody signs up
# (administrators make the accounts; single sign-on only as each provider allows).
WAGTAILADMIN_LOGIN_URL = "account_login"
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/admin/"
ACCOUNT_ADAPTER = "byregion.site.accounts.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "byregion.site.accounts.SocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_REDIRECT_URL = "/admin/"
# django-axes counts and locks failed sign-ins; allauth's own count would lock differently.
ACCOUNT_RATE_LIMITS = {"login_failed": False}
# Second factors: an authenticator app (TOTP), passkeys (WebAuthn) and recovery codes, the
# codes shown once. Accounts are made by administrators, so their e-mail is not verified by
# allauth; that must not stop an editor from adding a factor.
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_RECOVERY_CODES_SHOW_ONCE = True
MFA_ALLOW_UNVERIFIED_EMAIL = True
MFA_TOTP_ISSUER = WAGTAIL_SITE_NAME
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
# Who must have a second factor before the admin opens (byregion.site.second_factor):
# superusers (BYREGION_MFA_REQUIRED_FOR_SUPERUSERS), members of these groups (by default
# Wagtail's administrators' group, "Moderators" renamed by news migration 0003), users
# with one of these permissions (the registration desk: who sees registrations manages
# them), or everyone with
# BYREGION_MFA_REQUIRED_FOR_ALL.
BYREGION_MFA_REQUIRED_FOR_ALL = env_bool("BYREGION_MFA_REQUIRED_FOR_ALL", False)
BYREGION_MFA_REQUIRED_FOR_SUPERUSERS = env_bool("BYREGION_MFA_REQUIRED_FOR_SUPERUSERS", True)
BYREGION_MFA_REQUIRED_GROUPS = env_list("BYREGION_MFA_REQUIRED_GROUPS", "Nettsted: administratorer")
# Subscribers' addresses (subscriptions.view_subscription) are personal data too.
BYREGION_MFA_REQUIRED_PERMISSIONS = env_list(
    "BYREGION_MFA_REQUIRED_PERMISSIONS",
    "registrations.view_registration,subscriptions.view_subscription",
)


def _origin(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"


def single_sign_on(value: str) -> tuple[dict, dict]:
    """allauth's OpenID Connect apps and our own rules per provider, from
    BYREGION_OIDC_PROVIDERS: a JSON list of {"id", "name", "issuer", "client_id", "secret"}
    with, optionally, "scope" (a list), "token_auth_method", "auth_params" (e.g. acr_values),
    "groups_claim" and "groups" (claim value to a list of Wagtail groups), "create_users",
    "second_factor", "second_factor_acr" and "authorization_origins"
    (docs/operators/sign-in.md). PKCE always."""
    import json

    from django.core.exceptions import ImproperlyConfigured

    try:
        providers = json.loads(value or "[]")
        apps, rules = [], {}
        for provider in providers:
            app_settings = {"server_url": provider["issuer"], "oauth_pkce_enabled": True}
            for key in ("scope", "token_auth_method", "auth_params"):
                if key in provider:
                    app_settings[key] = provider[key]
            apps.append(
                {
                    "provider_id": provider["id"],
                    "name": provider["name"],
                    "client_id": provider["client_id"],
                    "secret": provider.get("secret", ""),
                    "settings": app_settings,
                }
            )
            rules[provider["id"]] = {
                "groups_claim": provider.get("groups_claim", ""),
                "groups": {str(k): list(v) for k, v in provider.get("groups", {}).items()},
                "create_users": bool(provider.get("create_users", False)),
                "second_factor": bool(provider.get("second_factor", False)),
                "second_factor_acr": list(provider.get("second_factor_acr", [])),
                # Where the sign-in page's form may send the browser (CSP form-action): the
                # provider's authorization endpoint, on the issuer's host unless given.
                "authorization_origins": list(
                    provider.get("authorization_origins") or [_origin(provider["issuer"])]
                ),
            }
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise ImproperlyConfigured(
            f"BYREGION_OIDC_PROVIDERS must be a JSON list of providers: {error!r}"
        ) from error
    return {"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": apps}}, rules


SOCIALACCOUNT_PROVIDERS, BYREGION_SINGLE_SIGN_ON = single_sign_on(
    os.environ.get("BYREGION_OIDC_PROVIDERS", "")
)
# Each sign-in takes name and e-mail from the provider; nothing is asked of the user.
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_STORE_TOKENS = False

# The open API's limit per client address ("requests/s|m|h|d"). With several app servers the
# count needs a shared cache (CACHES), or each process counts on its own.
BYREGION_API_RATE = os.environ.get("BYREGION_API_RATE", "120/m")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # Wagtail's background tasks (run at once without a worker) log every start and end.
        "django_tasks": {"level": "WARNING"},
        "wagtail.tasks": {"level": "WARNING"},
    },
}

# Registrations: a held gathering's registrations are anonymised this many days after it
# ended, by `byregion purge-registrations` (run daily in production; see
# docs/registrations.md). Dietary and accessibility needs are erased as soon as it has ended.
BYREGION_REGISTRATION_RETENTION_DAYS = int(
    os.environ.get("BYREGION_REGISTRATION_RETENTION_DAYS", "365")
)
# A mail server that does not answer must not hold a request (mail is sent right after the
# registration's transaction while no task worker runs).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))

# Tasks (django-tasks): registration e-mail, and Wagtail's own background work. The default,
# django-tasks' immediate backend, runs a task in the web process right after the
# transaction that queued it commits: the demo and the tests need no worker, but the
# request waits for the mail. Production sets BYREGION_TASKS_BACKEND to
# django_tasks_db.DatabaseBackend (a queue in the site's database) and runs
# `byregion db_worker` beside the web server; see docs/registrations.md, "E-mail and tasks".
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "BYREGION_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        ),
    }
}
