# SMW: the README's commands. `make demo` runs the app, `make test` runs every test.
SHELL := /bin/bash
PORT ?= 8000
# uv from PATH when it works, else as a module of the machine's Python (installed on first use).
UV := $(shell if uv --version >/dev/null 2>&1; then echo uv; else echo "python3 -m uv"; fi)
RUN := $(UV) run --frozen --no-sync
PY := $(RUN) python

.PHONY: install demo serve test check lint format messages restore-check chromium pdflibs clamav vnu bench wrk stop clean

install:  ## Install Python 3.12 dependencies from the lockfile into .venv
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet --user uv \
		|| python3 -m pip install --quiet --user --break-system-packages uv
	@$(UV) sync --frozen --quiet

# SMW_DEMO=true: the demo may run tasks in-process without a broker. manage.py starts the
# embedded PostgreSQL under var/ when DATABASE_URL is unset.
demo: export SMW_DEMO := true
demo: install pdflibs  ## Embedded PostgreSQL (unless DATABASE_URL is set), demo data, serve on :$(PORT)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py seed_demo
	@echo "SMW runs at http://127.0.0.1:$(PORT)/ (logins in README.md, password smw-demo-2026)"
	SMW_REQUIRE_2FA=$${SMW_REQUIRE_2FA:-false} $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The browser tests seed the demo once and keep it committed while they run, so they get a
# pytest run of their own. Both runs select tests by path and marker (never exit code 5, "no
# tests"); the first run that fails fails `make test`. Without DATABASE_URL both use the
# embedded PostgreSQL under var/, started here; SMW_DEMO=true, since tests are never production.
test: export SMW_DEMO := true
test: export STATICFILES_BACKEND := django.contrib.staticfiles.storage.StaticFilesStorage
test: install chromium pdflibs clamav vnu  ## The whole suite (PostgreSQL + Redis when DATABASE_URL/CELERY_BROKER_URL are set)
	DATABASE_URL="$$($(PY) -m smw.database url)" && export DATABASE_URL \
		&& $(RUN) pytest -m "not browser" -n auto \
		&& $(RUN) pytest -m browser tests/browser

check: install  ## Lint, current Django idioms, migrations in sync, and the deployment checklist
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	git ls-files -z '*.py' | xargs -0 $(RUN) django-upgrade --target-version 6.1 --check
	# Not production: the migrations need no master key of the dossier text (SMW_DATA_KEY).
	SMW_DEMO=true $(PY) manage.py makemigrations --check --dry-run
	DEBUG=false SMW_SECURE=true SMW_REQUIRE_2FA=true ALLOWED_HOSTS=smw.example.nl \
		DATABASE_URL=postgres://smw:not-a-secret@db.example.nl:5432/smw \
		CELERY_BROKER_URL=redis://redis.example.nl:6379/0 \
		EMAIL_URL=smtp+tls://smw:not-a-secret@smtp.example.nl:587 \
		SECRET_KEY="$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')" \
		SMW_DATA_KEY="$$(python3 -c 'import base64, secrets; print(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())')" \
		$(PY) manage.py check --deploy --fail-level WARNING

lint: check

format: install
	$(RUN) ruff check --fix .
	$(RUN) ruff format .

messages: install  ## Refresh and compile the Dutch catalogue
	$(PY) manage.py makemessages -l nl --no-obsolete --ignore=.venv --ignore=var
	$(PY) manage.py compilemessages --ignore=.venv

# docs/operations.md: a backup counts once it has been restored. DATABASE_URL's database (its role
# needs CREATEDB), or the embedded one; the restored copy is dropped afterwards.
restore-check: install  ## Dump the database, restore it into a new one, compare rows, migrations, the append-only log
	$(PY) -m smw.restore_check

chromium:  ## Debian's Chromium for the browser tests (Playwright cannot download browsers)
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
		else echo "Install Debian's chromium (sudo apt-get install chromium) for the browser tests"; exit 1; fi; }

# The virus-scan tests start a clamd of their own (tests/clamd.py: a temporary configuration,
# and a signature database holding the EICAR test file's, so no freshclam and no network); they
# fail, never skip, without the binary. Debian's package starts no service here.
clamav:  ## Debian's clamav-daemon, for the tests of the virus scan of uploaded documents
	@{ command -v clamd || test -x /usr/sbin/clamd; } >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq \
			&& DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
				clamav-daemon >/dev/null; \
		else echo "Install Debian's clamav-daemon (sudo apt-get install clamav-daemon) for the tests"; exit 1; fi; }

# The tests check every page the demo logins reach with the W3C Nu HTML checker: npm's vnu-jar
# (its own download of a Java runtime skipped), run with the machine's Java.
VNU_VERSION := 26.9.27
vnu:  ## The W3C Nu HTML checker (npm's vnu-jar under var/vnu, Debian's Java), for the tests
	@command -v java >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq \
			&& DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
				default-jre-headless >/dev/null; \
		else echo "Install Java (sudo apt-get install default-jre-headless) for the HTML checks"; exit 1; fi; }
	@test -f var/vnu/node_modules/vnu-jar/build/dist/vnu.jar || npm install --silent --no-save \
		--no-audit --no-fund --ignore-scripts --prefix var/vnu vnu-jar@$(VNU_VERSION) >/dev/null

# WeasyPrint embeds fonts with HarfBuzz's subsetter when it is there, else with fontTools: the
# same PDF, two to three times slower (0.57 against 0.25 s for a registration) and a warning.
# Best effort: without root it says how, and everything still works.
pdflibs:  ## Debian's libharfbuzz-subset0, for fast PDFs
	@ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset || { \
		if [ "$$(id -u)" = 0 ]; then apt-get install -y -qq libharfbuzz-subset0 >/dev/null 2>&1 \
			|| { apt-get update -qq && apt-get install -y -qq libharfbuzz-subset0 >/dev/null; } \
			|| echo "libharfbuzz-subset0 not installed: PDFs are made more slowly"; \
		else echo "For fast PDFs: sudo apt-get install libharfbuzz-subset0"; fi; }

# Seeds smw_bench_small (scale 0.1) and smw_bench_large (scale 1) once, on the DATABASE_URL
# server or the embedded PostgreSQL, then measures on gunicorn, Redis and two Celery workers.
# About ten minutes; docs/performance.md explains the figures. Never part of `make test`.
# SMW_BENCH installs the bench app (seed_bench, /bench/ping/) for everything it runs.
bench: install wrk pdflibs  ## The performance benchmark: var/bench/results.json and a table
	SMW_BENCH=true $(PY) -m bench.run

wrk:  ## Debian's wrk, the load generator of `make bench`
	@command -v wrk >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null; \
		else echo "Install Debian's wrk (sudo apt-get install wrk) for the benchmark"; exit 1; fi; }

stop:  ## Stop the embedded PostgreSQL under var/
	@$(PY) -m smw.database stop

clean: stop
	rm -rf var/pgdata var/static
