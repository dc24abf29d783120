"""Gagyo settings. Everything that differs between machines comes from environment variables.

Two modes (``GAGYO_ENV``): ``development`` (the default; ``make run`` and the tests) and
``production`` (``make serve`` and real servers), which refuses to start without an explicit
``SECRET_KEY`` and ``ALLOWED_HOSTS`` and serves hashed, compressed static files.
"""

import os
import secrets
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("GAGYO_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool = False) -> bool:
    """A yes/no variable. A value that is neither (a typo such as ``ture``) is an error, not False."""
    value = os.environ.get(name)
    if value is None:
        return default
    value = value.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={os.environ[name]!r} is not a yes/no value; use one of 1/0, true/false, "
        "yes/no, on/off."
    )


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


GAGYO_ENV = os.environ.get("GAGYO_ENV", "development").strip().lower()
if GAGYO_ENV not in {"development", "production"}:
    raise ImproperlyConfigured(
        f"GAGYO_ENV={GAGYO_ENV!r} is not understood; use 'development' or 'production'."
    )
PRODUCTION = GAGYO_ENV == "production"
# pytest (or `manage.py test`) is running: static files are found without collectstatic.
TESTING = "pytest" in sys.modules or sys.argv[1:2] == ["test"]


def _secret_key() -> str:
    """Use SECRET_KEY if set; otherwise (development only) generate one once into var/."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set in production (GAGYO_ENV=production): a long random value "
            "kept outside the repository, e.g. "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
        )
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production (GAGYO_ENV=production).")
if PRODUCTION and not os.environ.get("ALLOWED_HOSTS", "").strip():
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must be set in production (GAGYO_ENV=production): the comma-separated "
        "host names this site answers to, e.g. ALLOWED_HOSTS=gagyo.example.org."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_filters",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    # Base apps (models and domain services), bottom to top; see docs/architecture.md.
    "directory.core",
    "directory.firms",
    "directory.partners",
    "directory.accounts",
    "directory.changes",
    "directory.search",
    # Feature apps (independent of each other).
    "directory.public",
    "directory.workspace",
    "directory.selfservice",
    "directory.matching",
    "directory.ops",
    "directory.api",
    "directory.dashboard",
    # Demo data and synthetic firms (commands on top of everything).
    "directory.demo",
    "csp",
]

MIDDLEWARE = [
    # First: refuse oversized bodies by Content-Length before anything reads them.
    "directory.ops.middleware.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "directory.ops.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # AxesMiddleware must be last: it turns lockouts into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "directory.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "directory.accounts.context_processors.roles",
            ],
        },
    },
]

WSGI_APPLICATION = "directory.wsgi.application"

# SQLite under var/ by default; PostgreSQL (production) via DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'gagyo.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers wait their turn instead of failing with "database is locked": every
    # transaction takes the write lock when it begins (IMMEDIATE), a writer waits up to
    # SQLITE_BUSY_TIMEOUT seconds for it, and WAL lets readers go on while one writes.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": env_int("SQLITE_BUSY_TIMEOUT", 20),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Tests use a file database (not the in-memory default), as production does, so that
    # concurrency tests run real threads against real locks. One file per test process.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
if os.environ.get("TEST_DATABASE_NAME"):
    # Lets parallel test runs on one PostgreSQL server use separate test databases.
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Brute-force protection (django-axes, see directory/ops/throttle.py). Three counters, each
# with its own limit within the cool-off: one account from one address (a person mistyping),
# one account from any address (distributed guessing) and one address against any account
# (password spraying). A lock lifts by itself after the cool-off; a success clears only the
# account+address counter, so one valid account cannot reset an address's spraying count.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_ACCOUNT_FAILURE_LIMIT = env_int("AXES_ACCOUNT_FAILURE_LIMIT", 20)
AXES_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", 30)
try:
    AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))
except ValueError:
    raise ImproperlyConfigured("AXES_COOLOFF_HOURS must be a number of hours.") from None
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], ["username"], ["ip_address"]]
AXES_HANDLER = "directory.ops.throttle.LoginThrottleHandler"
AXES_RESET_ON_SUCCESS = True
# The client address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT reverse proxies (nginx: 1)
# the address that many hops from the right of X-Forwarded-For.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "directory.ops.throttle.client_ip"

# Email: console by default; SMTP when EMAIL_HOST is set.
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Gagyo <noreply@gagyo.local>")

# Korean first; English and Simplified Chinese under /en/ and /zh-hans/.
LANGUAGE_CODE = "ko"
LANGUAGES = [
    ("ko", _("Korean")),
    ("en", _("English")),
    ("zh-hans", _("Simplified Chinese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Seoul"
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "staticfiles"))
# Static files are served by WhiteNoise (also under gunicorn). In production they are
# collected, content-hashed and compressed (`collectstatic`, run by `make serve`); elsewhere,
# including the tests, they are found in static/ directly, so no collectstatic is needed.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    # WhiteNoise warns about a missing STATIC_ROOT, and warnings are errors in the tests.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Serve uploads from Django (fine for a small deployment; put a web server in front otherwise).
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)

# Logo uploads (see directory/accounts/logos.py). Logos are stored at most 1024 px wide; the
# pixel limit admits a source twice that size (2048 × 2048) and keeps a worker's peak memory
# for the worst accepted logo small (docs/performance.md).
LOGO_MAX_BYTES = env_int("LOGO_MAX_BYTES", 5 * 1024 * 1024)
LOGO_MAX_PIXELS = env_int("LOGO_MAX_PIXELS", 2048 * 2048)

FIRMS_PER_PAGE = 24

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Browser features this site never uses are switched off for it and anything it embeds.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
# Pages for staff and firm members (and the login/account pages) are never stored by
# browsers or shared caches: Cache-Control: private, no-store. Paths without language prefix.
PRIVATE_PATH_PREFIXES = ("/staff/", "/admin/", "/my/", "/accounts/")
# Content-Security-Policy (django-csp): only this site's own scripts, styles and images; no
# inline script or style, no plugins, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# HTTPS=on (behind a TLS-terminating proxy that sets X-Forwarded-Proto): redirect to HTTPS,
# HSTS, secure cookies. SECURE_COOKIES alone turns on only the secure cookies.
HTTPS = env_bool("HTTPS", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS or env_bool("SECURE_COOKIES", False)
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", False)
    # /healthz answers plain HTTP on the loopback for monitors that bypass the proxy.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SILENCED_SYSTEM_CHECKS = []
if not env_bool("HSTS_PRELOAD", False):
    # Preloading is a one-way decision for a whole registrable domain (and impossible for the
    # usual government subdomain); it is opt-in with HSTS_PRELOAD=on, so its warning is off.
    SILENCED_SYSTEM_CHECKS.append("security.W021")

LOG_FORMAT = os.environ.get("LOG_FORMAT", "text").strip().lower()
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r} is not understood; use text or json.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "directory.ops.logs.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Error reporting: only when SENTRY_DSN is set (directory/ops/sentry.py); no personal data sent.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "").strip()
if SENTRY_DSN and not TESTING:
    from directory.ops.sentry import init_sentry

    init_sentry(SENTRY_DSN, environment=os.environ.get("SENTRY_ENVIRONMENT", GAGYO_ENV))

# --- accounts ---
# Invitation links are single-use and expire after this many days.
INVITATION_DAYS = env_int("INVITATION_DAYS", 7)
# Password-reset links expire after this many seconds (Django's default is 3 days).
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 60 * 60 * 24)

# --- matching ---
# Points per part of a firm's match score (see docs/matching.md). Defaults:
#   specialty 40, keywords 30, market 15, readiness 10, never_connected 10.
# Override any of them, e.g. GAGYO_MATCHING_WEIGHTS = {"never_connected": 0} to drop the boost
# for firms not yet connected. Unknown keys raise an error when a match runs.
GAGYO_MATCHING_WEIGHTS: dict[str, float] = {}
# Above this many published firms, a rebuild of the match profiles (a large batch of changes,
# a new day) runs in a background thread (matches meanwhile use the previous index); below,
# at once. An edit of a few firms is always patched in at once (GAGYO_MATCHING_PATCH_LIMIT).
GAGYO_MATCHING_BACKGROUND_ABOVE = env_int("GAGYO_MATCHING_BACKGROUND_ABOVE", 5000)
# Firms changed at once that the match index patches in place (more: a rebuild, in a thread
# above GAGYO_MATCHING_BACKGROUND_ABOVE firms). docs/perf/matching.md.
GAGYO_MATCHING_PATCH_LIMIT = env_int("GAGYO_MATCHING_PATCH_LIMIT", 500)
# Up to this many firms (not archived) the duplicate pair index is built before a server
# answers; above, by the first request for /staff/firms/duplicates/ (docs/perf/stewardship.md).
GAGYO_DUPLICATES_WARM_LIMIT = env_int("GAGYO_DUPLICATES_WARM_LIMIT", 20000)

# Briefing packs: which languages stand in, in order, when a firm has no text in the pack's
# language (field suffixes ko/en/zh). The text shown is marked with its language, e.g. [EN].
GAGYO_PACK_FALLBACKS: dict[str, list[str]] = {"zh": ["en", "ko"], "en": ["ko"], "ko": []}
# The site's public address, for links in downloads (briefing pack XLSX logo links), e.g.
# https://gagyo.example.org; empty: links are site-relative paths (/media/...).
GAGYO_BASE_URL = os.environ.get("GAGYO_BASE_URL", "")

# --- workspace ---
# Engagement attachments (agendas, MOU PDFs) are private: stored outside MEDIA_ROOT and
# streamed to staff by a view after the permission check, never served under /media/.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)
# The follow-ups page and `manage.py followups_due` look this many days ahead.
FOLLOWUPS_DAYS = env_int("FOLLOWUPS_DAYS", 7)
STAFF_PER_PAGE = 25

# Requests whose declared body is larger than this are refused with 413 before they are read
# (directory/ops/middleware.py). The default fits the largest upload plus form overhead.
MAX_REQUEST_BYTES = env_int(
    "MAX_REQUEST_BYTES", max(LOGO_MAX_BYTES, ATTACHMENT_MAX_BYTES) + 1024 * 1024
)

# `manage.py backup` writes archives here unless given --output-dir (see docs/deployment.md).
BACKUP_DIR = Path(os.environ.get("GAGYO_BACKUP_DIR", VAR_DIR / "backups"))
# --- api ---
# The JSON API under /api/ (directory/api/, docs/api.md). Rates are "<n>/<second|minute|hour|day>".
API_THROTTLE_ANON = os.environ.get("API_THROTTLE_ANON", "60/minute")
API_THROTTLE_TOKEN = os.environ.get("API_THROTTLE_TOKEN", "600/minute")
API_PAGE_SIZE = 20
API_MAX_PAGE_SIZE = 100
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "directory.api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": [
        "directory.api.throttling.AnonymousThrottle",
        "directory.api.throttling.TokenThrottle",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "directory.api.schema.ApiAutoSchema",
    "EXCEPTION_HANDLER": "directory.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # Throttle by the connecting address; behind a reverse proxy set API_NUM_PROXIES so the
    # client's address is read from X-Forwarded-For (never trusted otherwise: it is spoofable).
    "NUM_PROXIES": int(os.environ.get("API_NUM_PROXIES", "0")),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Gagyo API",
    "DESCRIPTION": (
        "The Gyeonggi AI cluster directory as JSON: published firms, specialties, clusters and "
        "overseas partners for everyone; engagements, connections and firms for staff tokens."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "StageEnum": "directory.partners.models.Stage",
        "SizeEnum": "directory.firms.models.SizeBand",
    },
}
# --- stewardship (docs/stewardship.md) ---
# Background jobs (large imports) go through django-tasks; its database backend keeps the queue
# in the project's database and `manage.py db_worker` (started by `make run`) runs them.
# GAGYO_TASKS_BACKEND=immediate runs them in the request instead (no worker needed).
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_task_backend = os.environ.get("GAGYO_TASKS_BACKEND", "database")
if _task_backend not in _TASK_BACKENDS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("GAGYO_TASKS_BACKEND must be 'database' or 'immediate'.")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[_task_backend]}}
# Spreadsheet import limits: larger files or more rows are refused with a message.
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(10 * 1024 * 1024)))
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "10000"))
# An XLSX file is a zip: its parts may unpack to at most this much (zip bombs are refused).
IMPORT_MAX_UNPACKED_BYTES = int(os.environ.get("IMPORT_MAX_UNPACKED_BYTES", str(100 * 1024 * 1024)))
