# Two commands on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | sha1sum | cut -c1-12)
SUDO   := $(if $(filter 0,$(shell id -u)),,sudo)
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve check export bench lint chromium clean

# The project itself is installed too (editable): MkDocs finds the build_site plugin by its
# entry point in pyproject.toml.
$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation \
	  -e .
	rm -f $(VENV)/.installed-*
	touch $@

# Browser tests drive Debian's chromium; Playwright's own browser download cannot work here.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

site: $(STAMP)
	$(PY) -m build_site build

serve: $(STAMP)
	$(PY) -m build_site serve

check: $(STAMP)
	$(PY) -m build_site check

export: $(STAMP)
	$(PY) -m build_site export --out build/notices.json

lint: $(STAMP)
	$(PY) -m ruff check build_site tests

test: $(STAMP) chromium lint
	$(PY) -m pytest -q

bench: $(STAMP) chromium
	$(PY) -m build_site.tools.bench

clean:
	rm -rf site docs build
