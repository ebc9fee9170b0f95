"""Django settings for Plenary, read from the environment.

PLENARY_MODE is `production` (the default), `demo` or `test`. Production refuses to start without
SECRET_KEY; the demo and the tests use a throw-away key.
"""

import datetime
import ipaddress
import json
import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
MODE = os.environ.get("PLENARY_MODE", "production")
if MODE not in {"production", "demo", "test"}:
    raise ImproperlyConfigured(
        f"PLENARY_MODE={MODE!r} is not a mode Plenary knows: use production, demo or test."
    )


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a yes/no value: use 1 or 0.")


DEBUG = env_flag("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if MODE == "production":
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Plenary runs in production mode unless PLENARY_MODE says "
            "otherwise; set SECRET_KEY to a long random string (or use `plenary demo`)."
        )
    SECRET_KEY = "insecure-" + MODE + "-key-never-use-in-production"

ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h] or (
    ["*"] if MODE != "production" else []
)
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

DATA_DIR = Path(os.environ.get("PLENARY_DATA_DIR", BASE_DIR / "var"))

INSTALLED_APPS = [
    # Django's admin, behind django-otp's second factor (plenary/admin_site.py).
    "plenary.admin_site.OperatorsAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    # Django's own form templates, found through TEMPLATES (FORM_RENDERER below).
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    # For its bundled Swagger UI: /api/docs is served from our static files, not a CDN.
    "ninja",
    "plenary.audit",
    "plenary.outbox",
    "plenary.process",
    "plenary.decisions",
    "plenary.positions",
    "plenary.text",
    "plenary.treaty",
    "plenary.participation",
    "plenary.advocacy",
    "plenary.notifications",
    "plenary.scenarios",
    "plenary.api",
    "plenary.operations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "plenary.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session: a public page from the cache costs about what a static file costs.
    "plenary.page_cache.PublicPageCache",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Anonymous POSTs and uploads are limited, whatever the view (plenary/rate_limits.py).
    "plenary.rate_limits.RateLimitMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "plenary.middleware.DomainErrorMiddleware",
    "plenary.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "plenary.urls"
WSGI_APPLICATION = "plenary.wsgi.application"
ASGI_APPLICATION = "plenary.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "plenary" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "plenary.my_work.my_work_in_header",
            ],
            # |unlocalize everywhere, for numbers that are not shown (USE_THOUSAND_SEPARATOR).
            "builtins": ["django.templatetags.l10n"],
            "libraries": {"page_cache": "plenary.page_cache"},
        },
    },
]

# Forms render with the site's templates (forms/fields.html, see plenary/forms.py).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{DATA_DIR / 'plenary.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's SQLite backend, keeping connections open from one request to the next
    # (plenary/sqlite_pool/base.py says why).
    DATABASES["default"]["ENGINE"] = "plenary.sqlite_pool"
    # WAL lets readers continue while one writer commits; IMMEDIATE avoids lock upgrades failing.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# How long a CDN or the reverse proxy may hold a public page (plenary/page_cache.py); the app's
# own cache keeps it until the record changes.
PUBLIC_CACHE_SECONDS = int(os.environ.get("PUBLIC_CACHE_SECONDS", "10"))

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Each app server process keeps a pool of open connections (psycopg_pool): a request takes
    # one rather than opening its own, which costs PostgreSQL a new process each time.
    # DATABASE_POOL_SIZE=0 turns it off (then DATABASE_CONN_MAX_AGE applies). A connection
    # is checked before it is handed out, so the app recovers by itself after the database
    # was unreachable; a request waits at most DATABASE_POOL_TIMEOUT (3 s) for one (then it is a
    # 503: the database is unreachable, or so busy that the page would come too late anyway).
    DATABASE_POOL_SIZE = int(os.environ.get("DATABASE_POOL_SIZE", "10"))
    DATABASE_POOL_TIMEOUT = float(os.environ.get("DATABASE_POOL_TIMEOUT", "3"))
    if DATABASE_POOL_SIZE:
        if DATABASES["default"]["CONN_MAX_AGE"]:
            raise ImproperlyConfigured(
                "DATABASE_CONN_MAX_AGE keeps a connection per thread and DATABASE_POOL_SIZE a "
                "pool per process: set DATABASE_POOL_SIZE=0 to use the former."
            )
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
        # With the options DATABASE_URL gives (sslmode, application_name, ...).
        DATABASES["default"]["OPTIONS"] = DATABASES["default"].get("OPTIONS", {}) | {
            "pool": {
                "min_size": 2,
                "max_size": DATABASE_POOL_SIZE,
                "timeout": DATABASE_POOL_TIMEOUT,
            }
        }

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "plenary.shared_cache.SharedRedisCache", "LOCATION": REDIS_URL}
    }

# The live room's channel layer: in memory on one machine, Redis across several app servers.
CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
        "CONFIG": {"hosts": [REDIS_URL]},
    }
    if REDIS_URL
    else {"BACKEND": "channels.layers.InMemoryChannelLayer"}
}

AUTH_USER_MODEL = "process.User"
# django-axes first: it refuses a sign-in from a locked-out person and place before any password
# is checked; Django's own backend then checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failed sign-ins lock out a user name from one address (not the name everywhere, which would
# let anyone lock the chair out, nor the address alone, which a delegation's office shares).
AXES_FAILURE_LIMIT = int(os.environ.get("SIGN_IN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("SIGN_IN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# The client's real address (plenary/client_address.py): X-Forwarded-For is read only from
# these proxies (addresses or networks, comma-separated), never from anyone else.
TRUSTED_PROXIES = [p.strip() for p in os.environ.get("TRUSTED_PROXIES", "").split(",") if p.strip()]
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES: {_proxy!r} is not an address or a network "
            "(e.g. 10.0.0.5 or 10.0.0.0/24)."
        ) from None
AXES_CLIENT_IP_CALLABLE = "plenary.client_address.client_address"
# How often one address, or one account, may do something (plenary/rate_limits.py), counted in
# the cache that every app server shares. One definition of each limit.
RATE_LIMITS = {
    # Signing in (each step), on top of the lock-out above.
    "sign-in": {"address": "60/10m", "account": "20/10m"},
    # Every POST by someone not signed in, whatever it is.
    "anonymous-post": {"address": "120/m"},
    # The analysis endpoints: a package search runs a solver for up to 2 s.
    "analysis": {"address": "20/m", "account": "30/m"},
    # Word uploads and files: each is opened and checked, within bounds.
    "upload": {"address": "30/h", "account": "60/h"},
    # For the account pages (sign-up, password reset): by address, and by the address asked.
    "sign-up": {"address": "10/h"},
    "password-reset": {"address": "10/h", "account": "5/h"},
}
# An operator may change any of them: RATE_LIMITS='{"analysis": {"address": "60/m"}}'.
try:
    _changed = json.loads(os.environ.get("RATE_LIMITS", "{}"))
    for _scope, _rates in _changed.items():
        if _scope not in RATE_LIMITS or not set(_rates) <= {"address", "account"}:
            raise ValueError(_scope)
        for _rate in _rates.values():
            if not re.fullmatch(r"[0-9]+/[0-9]*[smhd]", _rate):
                raise ValueError(_rate)
        RATE_LIMITS[_scope] = _rates
except (ValueError, AttributeError, TypeError) as _error:
    raise ImproperlyConfigured(
        f"RATE_LIMITS is not a limit Plenary knows ({_error}): give JSON such as "
        '{"analysis": {"address": "60/m", "account": "100/m"}}, with scopes from '
        f"{', '.join(RATE_LIMITS)}."
    ) from None
# The secretariat and the chair confirm their sign-in with a TOTP code (plenary/signin.py);
# only the local demo lets them in with the password alone, so that visitors can try them.
SECOND_FACTOR_FOR_PROCESS_ROLES = MODE != "demo"
OTP_TOTP_ISSUER = "Plenary"
# An enrollment code from `plenary otp-enrollment` works once, for this long.
OTP_ENROLLMENT_HOURS = int(os.environ.get("OTP_ENROLLMENT_HOURS", "72"))
API_TOKEN_LIFETIME_DAYS = int(os.environ.get("API_TOKEN_LIFETIME_DAYS", "90"))
# An invitation link (a new account's first password) works once, for this long; a password
# reset link for PASSWORD_RESET_TIMEOUT (Django's, three days).
INVITATION_DAYS = int(os.environ.get("INVITATION_DAYS", "7"))
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if MODE == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The six official languages of the United Nations, in the UN's order; English is the source.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
# Remember a chosen language for a year; the first visit follows the browser's Accept-Language.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [BASE_DIR / "plenary" / "locale"]
FORMAT_MODULE_PATH = ["plenary.formats"]
# Numbers shown on pages are grouped the language's way (1,234 in English, Arabic and Chinese;
# 1 234 in French, Russian and Spanish).
# Numbers that are not shown (ids and lock versions in forms, links and data attributes) must
# say |unlocalize in templates; tests/i18n/test_numbers.py checks that they do.
USE_THOUSAND_SEPARATOR = True
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "static/"
# Demo and tests serve straight from the finders; production serves collectstatic output.
STATIC_ROOT = DATA_DIR / "static" if MODE == "production" else None
STATICFILES_DIRS = [
    BASE_DIR / "plenary" / "static",
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if MODE == "production"
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = MODE != "production"
MEDIA_ROOT = DATA_DIR / "media"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# A request body other than files (forms, API JSON; a submission is at most 200,000 characters)
# is refused over 2.5 MB, with a 400 that says so. Uploaded files over 2.5 MB wait on disk, not
# in memory, until their size is checked (drafts: 10 MB, plenary/text/services/versions.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = 5

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if MODE == "production":
    SESSION_COOKIE_SECURE = env_flag("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", False)
    if env_flag("BEHIND_TLS_PROXY"):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

NINJA_PAGINATION_PER_PAGE = 200

# Email for notifications. Without EMAIL_HOST, production keeps notifications in the inbox only
# (nothing is marked emailed, so setting EMAIL_HOST later sends them); the demo prints them.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", bool(EMAIL_HOST))
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Plenary <plenary@localhost>")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
NOTIFY_BY_EMAIL = bool(EMAIL_HOST) or MODE != "production"
# The site's public address, for the links in emails; required in production (a system check).
SITE_URL = os.environ.get("SITE_URL", "" if MODE == "production" else "http://127.0.0.1:8000")

# The worker (`plenary worker`): how often an idle worker looks for events, and how long
# handled events are kept.
WORKER_POLL_SECONDS = float(os.environ.get("WORKER_POLL_SECONDS", "0.25"))
OUTBOX_RETENTION_DAYS = int(os.environ.get("OUTBOX_RETENTION_DAYS", "30"))
# An email claimed by a worker that died before sending it waits this long for another.
EMAIL_CLAIM_SECONDS = int(os.environ.get("EMAIL_CLAIM_SECONDS", "600"))
