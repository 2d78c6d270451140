# The course site's commands. Everything runs from .venv, which the first command creates.
# make serve | build | build-fresh | test | bench | clean

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build build-fresh test bench chromium clean

serve: $(VENV)/.runtime
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(VENV)/.runtime
	$(BIN)/mkdocs build --strict

build-fresh: $(VENV)/.runtime
	COURSE_FRESH=1 $(BIN)/mkdocs build --strict

test: $(VENV)/.dev chromium
	$(BIN)/python -m pytest

bench: $(VENV)/.dev
	$(BIN)/python -m bench

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser of its own).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	touch $@

$(VENV)/.runtime: $(VENV)/.created requirements.txt pyproject.toml
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

clean:
	rm -rf site .cache
