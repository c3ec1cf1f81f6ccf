# The Grant Rate: build, preview, test and publish the site.
# Every target sets up .venv from the pinned lock first, so a fresh clone
# needs nothing but Python 3.11 and make.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Our plugins, and the packages beside them (the comment service, ...).
PLUGIN_PACKAGES := $(wildcard plugins/*/pyproject.toml */pyproject.toml)
STAMP := $(VENV)/.installed-$(shell cat requirements.lock $(PLUGIN_PACKAGES) | cksum | cut -d' ' -f1)

INPUTDIR := content
OUTPUTDIR := output
CONFFILE := pelicanconf.py
PUBLISHCONF := publishconf.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Pages of a local build link relatively and work at any address; what must
# be absolute (feeds, the sitemap, canonical links) carries the preview's
# address. HOST=0.0.0.0 serves every network, so that address is this
# machine's own, the one a phone on the same network can reach.
ifeq ($(HOST),0.0.0.0)
PREVIEW_HOST := $(or $(firstword $(shell hostname -I 2>/dev/null)),127.0.0.1)
else
PREVIEW_HOST := $(HOST)
endif
PREVIEW_URL := http://$(PREVIEW_HOST):$(PORT)
# The comment intake service (`comments serve`) beside the local preview.
COMMENTS_PORT ?= 8001
# Further settings for a preview and its intake, e.g. SETTINGS='CACHE_PATH="/tmp/c"'.
SETTINGS ?=

# Strict by default: a warning (a broken {filename} link, a missing image,
# a bad comment or chart) fails the build. STRICT=0 relaxes it for drafts.
STRICT ?= 1
ifeq ($(STRICT),1)
PELICANOPTS += --fatal warnings
endif

PELICAN := $(BIN)/pelican
PREVIEW := $(BIN)/python -m pelican.plugins.site_common.preview --host $(HOST) --port $(PORT) --directory $(OUTPUTDIR)
COMMENTS := $(BIN)/comments

# A local preview is addressed as it is served, and its comment form posts to
# the intake started beside it; the intake reads the same settings.
PREVIEW_SETTINGS = SITEURL='"$(PREVIEW_URL)"' FEED_DOMAIN='"$(PREVIEW_URL)"' \
	COMMENTS_ENDPOINT='"http://$(PREVIEW_HOST):$(COMMENTS_PORT)/comments"' $(SETTINGS)
INTAKE = $(COMMENTS) -s $(CONFFILE) \
	$(foreach setting,PATH='"$(INPUTDIR)"' OUTPUT_PATH='"$(OUTPUTDIR)"' $(PREVIEW_SETTINGS),-e $(setting)) \
	serve --host $(HOST) --port $(COMMENTS_PORT)

.PHONY: help venv system-tools mutate html serve devserver comments-server publish deploy clean test test-fast lint golden fuzz bench bench-intake import-wordpress bench-import

help:
	@echo 'make html       build the site into $(OUTPUTDIR)/ (strict)'
	@echo 'make serve      build, then serve on http://$(HOST):$(PORT) with the comment intake on port $(COMMENTS_PORT) (HOST=0.0.0.0 for other devices)'
	@echo 'make devserver  serve, rebuild on every saved file and reload the open page, with the comment intake'
	@echo 'make comments-server  run the comment intake service alone (comments serve)'
	@echo 'make publish    production build with $(PUBLISHCONF)'
	@echo 'make deploy     production build, uploaded to DEPLOY_TARGET (or DEPLOY=github-pages)'
	@echo 'make test       run the whole test suite (browser, validator, accessibility)'
	@echo 'make test-fast  run the fast tier only (no browser, no full builds)'
	@echo 'make golden     rewrite the expected output of the golden-site test'
	@echo 'make fuzz       run the fuzzing tier with FUZZ_SCALE times more cases (default 40)'
	@echo 'make bench      measure build speed against plain Pelican, and the comment intake'
	@echo 'make bench-intake  measure the comment intake alone'
	@echo 'make mutate     mutation testing of the plugins (long)'
	@echo 'make import-wordpress WXR=export.xml [UPLOADS=wp-content/uploads] [ARGS=--dry-run]'
	@echo 'make clean      remove $(OUTPUTDIR)/ and caches'

venv: $(STAMP)

# The pinned lock first, then our plugins as editable packages in Pelican's
# plugin namespace (pelican.plugins.*), built with the locked setuptools.
$(STAMP): requirements.lock $(PLUGIN_PACKAGES)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation \
		$(foreach package,$(dir $(PLUGIN_PACKAGES)),-e $(package))
	rm -f $(VENV)/.installed-*
	touch $@

html: venv
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

# Ctrl-C stops the site server and the intake together (scripts/with-intake).
# Our preview server answers a missing page with the site's 404 page.
serve: PELICANOPTS += -e $(PREVIEW_SETTINGS)
serve: html
	scripts/with-intake $(INTAKE) -- $(PREVIEW)

# One long-lived process builds, serves and rebuilds on every saved file; the
# pages it serves reload themselves when a build changes them (see README,
# "The live preview"). The comment intake runs beside it.
LIVE_PREVIEW := $(BIN)/python -m pelican.plugins.live_preview --host $(HOST) --port $(PORT)
devserver: venv
	scripts/with-intake $(INTAKE) -- \
		$(LIVE_PREVIEW) -- $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -e $(PREVIEW_SETTINGS) PREVIEW_RELOAD=true

comments-server: venv
	$(INTAKE)

publish: venv
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(PUBLISHCONF) $(PELICANOPTS)

# Always strict, from committed sources only: see scripts/deploy.
# DEPLOY_TARGET=host:path for rsync over SSH, or DEPLOY=github-pages.
DEPLOY ?= rsync
deploy: venv
	@DEPLOY='$(DEPLOY)' DEPLOY_TARGET='$(DEPLOY_TARGET)' DEPLOY_CNAME='$(DEPLOY_CNAME)' GHP_IMPORT=$(BIN)/ghp-import \
		scripts/deploy $(OUTPUTDIR) -- $(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(PUBLISHCONF) --fatal warnings

# The checkers the tests drive outside Python: axe-core and the Nu HTML
# Checker, pinned in package-lock.json. --ignore-scripts: vnu-jar's install
# script would download a Java runtime; the system's Java is used instead.
NODE_STAMP := node_modules/.installed

$(NODE_STAMP): package-lock.json | system-tools
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# Chromium, Java, Node, Hugo and rsync, from Debian's packages when missing (see the script).
system-tools:
	@scripts/system-tools

test: venv system-tools $(NODE_STAMP) lint
	$(BIN)/python -m pytest

# ruff's checks as configured in pyproject.toml (the formatter is configured there too).
lint: venv
	$(BIN)/ruff check .

# Rewrite the expected output of the golden-site test after a deliberate change
# to the markup; review the diff of tests/golden-site/expected/ before committing it.
golden: venv
	$(BIN)/python -m tests.golden
	cd plugins/data_charts && ../../$(BIN)/python -m tests.golden_drawings

test-fast: venv
	$(BIN)/python -m pytest -m "not slow"

# Mutation testing of our packages' code (scripts/mutate.py); the long run.
# `make mutate MUTATE=data_charts` takes one package; MUTATE_WORKERS=1 tests one
# mutant at a time (default: one a CPU core).
mutate: venv
	$(BIN)/python scripts/mutate.py $(MUTATE)

# The fuzzing tests also run in `make test`, with a small budget; here each
# property gets FUZZ_SCALE times as many generated cases.
FUZZ_SCALE ?= 40
fuzz: venv
	FUZZ_SCALE=$(FUZZ_SCALE) $(BIN)/python -m pytest -p no:cacheprovider plugins/*/tests/test_fuzz*.py comment_service/tests/test_fuzz*.py

bench: venv system-tools
	$(BIN)/python -m bench
	$(BIN)/python -m bench.intake

bench-intake: venv
	$(BIN)/python -m bench.intake

# Bring a WordPress export into content/ (see README, "Moving from WordPress").
# ARGS passes options: --dry-run, --force, --post-types=TYPE, --keep-pingbacks.
import-wordpress: venv
	@test -n "$(WXR)" || { echo 'usage: make import-wordpress WXR=export.xml [UPLOADS=folder] [ARGS=...]'; exit 2; }
	$(BIN)/wordpress-import "$(WXR)" $(if $(UPLOADS),--uploads "$(UPLOADS)") --settings $(CONFFILE) $(ARGS)

# Time and memory of importing a generated 2,000-post, 20,000-comment export.
bench-import: venv
	$(BIN)/python -m bench.wordpress

clean:
	rm -rf $(OUTPUTDIR) cache __pycache__ .pytest_cache test-artifacts
