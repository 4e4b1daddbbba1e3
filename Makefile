# The two commands a new engineer needs: `make run` and `make test`.
# Everything the project needs on a fresh machine is installed from here.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM := /usr/bin/chromium

.PHONY: run test install messages catalogs chromium lint check-migrations pytest test-postgres test-fault fuzz bench bench-http clean

$(BIN)/.installed: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e ".[test]"
	touch $@

install: $(BIN)/.installed

# Translation catalogs are compiled, not committed; msgfmt comes from gettext.
messages: install
	@command -v msgfmt >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext)
	$(MANAGE) compilemessages --ignore=.venv -v 0

# After changing UI strings: refresh every app's ja and en catalogs, then translate the new
# msgstrs. No locations and no wrapping, so that two branches adding strings merge cleanly
# (.gitattributes merges catalogs as a union; tests/portal/test_catalogs.py checks the result).
APPS := portal home places events volunteers support consult
catalogs: install
	for app in $(APPS); do (cd $$app && ../$(BIN)/python ../manage.py makemessages -l ja -l en --no-obsolete --no-location --no-wrap -v 0) || exit 1; done

# A Japanese font too: without one the browser tests would measure layouts (320 px, 200 %
# zoom, touch targets) with empty boxes instead of the glyphs residents see.
chromium:
	@test -x $(CHROMIUM) || (apt-get update -qq && apt-get install -y -qq chromium)
	@fc-list :lang=ja | grep -q . || (apt-get update -qq && apt-get install -y -qq fonts-noto-cjk)

# `make run` serves the demo as a city would see it: DEBUG off (the portal's own error pages,
# WhiteNoise for static files) and no autoreloader, which polls every file of the virtualenv
# (about 14 % of a core while idle). `DEBUG=1 make run` for development: Django's debug
# pages and the reloader. --nostatic: WhiteNoise serves static files in both modes.
RUNSERVER_OPTIONS := --nostatic $(if $(filter 1 true yes on,$(DEBUG)),,--noreload)

run: messages
	mkdir -p var
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) load_districts
	$(MANAGE) sync_site
	$(MANAGE) load_demo
	$(MANAGE) analyze_database -v 0
	$(MANAGE) create_demo_admin
	$(MANAGE) runserver $(RUNSERVER_OPTIONS) $(HOST):$(PORT)

# check_sources: no merge-conflict marker in any tracked file, every stylesheet parses,
# every template compiles (portal/source_checks.py).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) check_sources

check-migrations: install
	$(MANAGE) makemigrations --check --dry-run -v 1 --settings=portal.settings.test

# Two runs: the tests that need no browser on both cores (pytest-xdist), then the browser tests
# and journeys in one process, since they share one served portal (tests/browser/server.py).
# Exit status 5 (nothing selected, e.g. PYTEST_ARGS=tests/home) is not a failure.
pytest: install messages chromium
	$(BIN)/pytest -n 2 --durations=25 -m "not browser and not journey" $(PYTEST_ARGS) || [ $$? -eq 5 ]
	$(BIN)/pytest --durations=10 -m "browser or journey" $(PYTEST_ARGS) || [ $$? -eq 5 ]

test: lint check-migrations pytest

# The same suite against the PostgreSQL that runs on every machine of this project.
# Each run gets its own database name, so parallel runs never share one. The browser tests
# and the journeys check what a browser sees (HTML, policies, keyboard), the same on both
# databases: they run in `make test` only, and the server on PostgreSQL is exercised by
# `make test-fault`. So do the property-based tests of public routes and forms (marker
# `fuzz`): the bounds they check are the views'.
test-postgres: install messages
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_$$$$ $(BIN)/pytest -n 2 --durations=25 -m "not browser and not journey and not fuzz" $(PYTEST_ARGS)

# Load and fault tests (tests/fault/, marker `fault`): their own PostgreSQL, Redis and SMTP
# sink, gunicorn with the production settings; about three minutes. Every other pytest run
# deselects them. FAULT_LOAD_SECONDS (default 60) shortens the load test.
test-fault: install messages
	$(BIN)/pytest -m fault tests/fault $(PYTEST_ARGS)

# Property-based tests of every public route and form (tests/fuzz/, marker `fuzz`) with 1,000
# random examples per target instead of CI's 50 derandomised ones; prints the example and
# status counts of each target. About half an hour on the 2-core machine.
fuzz: install messages
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -m fuzz tests/fuzz $(PYTEST_ARGS)

# Benchmarks print figures; they are never timed tests. See bench/ and docs/benchmarks.md.
# `make bench` measures in one process (places, events); `make bench-http` measures pages
# under load through gunicorn with wrk, against a static-file ceiling, on SQLite and
# PostgreSQL (BENCH_HTTP_ARGS="--database sqlite --duration 5"; see bench/http_load.py).
bench: messages
	$(BIN)/python bench/places.py
	$(BIN)/python bench/events.py

bench-http: messages
	@command -v wrk >/dev/null || (apt-get install -y -qq wrk || (apt-get update -qq && apt-get install -y -qq wrk))
	$(BIN)/python bench/http_load.py $(BENCH_HTTP_ARGS)

clean:
	rm -rf $(VENV) var .pytest_cache
	find . -name '*.mo' -path '*/locale/*' -delete
