# The course site's commands. Everything runs from .venv, which the first command creates.
# make serve | serve-zh | build | build-fresh | test | test-fresh | test-learner | bench | dev | clean

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OS_RELEASE ?= /etc/os-release
# The browsers the browser tests look for on PATH, in this order, when CHROME_BIN is not set (tests/browser/conftest.py).
BROWSERS := chromium chromium-browser google-chrome

.PHONY: serve serve-zh build build-fresh test test-fresh test-learner bench dev chromium clean

serve: $(VENV)/.runtime
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# The Chinese edition (mkdocs.zh.yml) previewed alone; its language selector's English links need the full build.
serve-zh: $(VENV)/.runtime
	$(BIN)/mkdocs serve -f mkdocs.zh.yml --dev-addr 127.0.0.1:8001

# English into site/, then Chinese into site/zh/ (it executes nothing: it reuses the English build's outputs).
build: $(VENV)/.runtime
	$(BIN)/mkdocs build --strict
	$(BIN)/mkdocs build --strict -f mkdocs.zh.yml

build-fresh: $(VENV)/.runtime
	COURSE_FRESH=1 $(BIN)/mkdocs build --strict
	$(BIN)/mkdocs build --strict -f mkdocs.zh.yml

# Everything except the learner's install, which takes minutes of downloads (test-learner). Lessons execute when
# their inputs changed, as in the site build, and a browser test that passed runs again only when something it used
# changed (tests/browser/verdicts.py); test-fresh executes every lesson again (compared with the cached run) and
# runs every browser test.
# Four workers on any number of cores: much of the suite waits on Chromium and kernels rather than computing.
# worksteal: a worker that runs out of tests takes some from another's queue, so no worker is left with a long
# tail of tests while the others wait (pytest-xdist's default hands each worker its share in advance).
PYTEST := $(BIN)/python -m pytest -n 4 --dist worksteal

test: $(VENV)/.dev chromium
	$(PYTEST) -m "not learner"

test-fresh: $(VENV)/.dev chromium
	COURSE_FRESH=1 $(PYTEST) -m "not learner"

# A fresh virtualenv, the helper package the site publishes, and the exercise notebook run as a reader would.
test-learner: $(VENV)/.dev
	$(BIN)/python -m pytest -m learner

bench: $(VENV)/.dev chromium
	$(BIN)/python -m bench

# The test tools alone, for running pytest by hand (README: one lesson's tests, the quick set).
dev: $(VENV)/.dev

# A browser for the browser tests (Playwright drives it; it never downloads a browser of its own): CHROME_BIN, or
# the first of $(BROWSERS) on PATH. Only on Debian is one installed for you (Ubuntu's chromium package is a snap stub).
chromium:
	@[ -n "$$CHROME_BIN" ] && exit 0; \
	for name in $(BROWSERS); do command -v $$name >/dev/null 2>&1 && exit 0; done; \
	if grep -qx 'ID=debian' $(OS_RELEASE) 2>/dev/null && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; \
	else \
	  echo "The browser tests need Chromium or Google Chrome: install one so that chromium, chromium-browser or google-chrome is on PATH, or set CHROME_BIN to its path."; \
	  exit 1; \
	fi

$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	touch $@

# The checkout goes on .venv's path through a .pth file rather than an install: no build step, no setuptools
# banner, and edits to course/ are seen at once. Its second line keeps Material's end-of-life notice out of
# every mkdocs command run from .venv, `make` or not.
$(VENV)/.runtime: $(VENV)/.created requirements.txt
	$(BIN)/python -m pip install --quiet -r requirements.txt
	printf '%s\n%s\n' "$(CURDIR)" "import os; os.environ.setdefault('NO_MKDOCS_2_WARNING', '1')" \
	  > "$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))')/course-project.pth"
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

clean:
	rm -rf site .cache
