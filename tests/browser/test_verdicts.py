"""Kept browser verdicts (verdicts.py): a record holds while everything the test used is the same, and no longer."""

from __future__ import annotations

import functools
import shutil
import sys
import threading
import time
import urllib.error
import urllib.request
import types
from pathlib import Path

import pytest

from bench.page_weight import recording_server
from tests.browser.conftest import _PagesHandler, _QuietServer, site_response, takes_only_the_browser
from tests.browser.verdicts import NOT_INPUTS, VerdictStore, fonts_digest

TEST = "tests/browser/test_example.py::test_page[light]"
MACHINE = {"browser": "131.0", "fonts": "abc"}


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "project"
    (root / "tests" / "browser").mkdir(parents=True)
    (root / "tests" / "browser" / "test_example.py").write_text("# the test\n")
    (root / "tutorials_src").mkdir()
    (root / "tutorials_src" / "00_lesson.py").write_text("# %% the lesson\n")
    site = root / "site-built"
    (site / "lessons" / "00_lesson").mkdir(parents=True)
    (site / "lessons" / "00_lesson" / "index.html").write_text("<h1>Lesson</h1>")
    (site / "404.html").write_text("<h1>Not here</h1>")
    return root


def store_for(project: Path, machine: dict = MACHINE, started: float | None = None) -> VerdictStore:
    """A store for ``project``, whose process started now (after the project's files were written)."""
    return VerdictStore(project / ".cache" / "verdicts", project, machine,
                        lambda address: site_response(project / "site-built", address), always=("pyproject.toml",),
                        started=time.time() if started is None else started)


def kept(project: Path, addresses=("/course/lessons/00_lesson/", "/course/nothing/"), opened=()) -> VerdictStore:
    """A store holding TEST's pass, recorded while it asked for ``addresses`` and opened the files ``opened``."""
    store = store_for(project)
    with store.recording() as recording:
        for address in addresses:
            store.asked(address)
        for name in opened:
            (project / name).read_bytes()
    store.keep(TEST, recording, own_module=project / "tests" / "browser" / "test_example.py")
    return store


def test_a_kept_pass_holds_while_nothing_changed_and_a_new_store_reads_it(project):
    kept(project)
    assert store_for(project).unchanged(TEST)
    assert not store_for(project).unchanged(TEST.replace("light", "dark")), "another test has no record"


def test_other_bytes_at_an_address_the_test_asked_for_undo_it(project):
    store = kept(project)
    (project / "site-built" / "lessons" / "00_lesson" / "index.html").write_text("<h1>Lesson, edited</h1>")
    assert not store.unchanged(TEST)


def test_a_page_appearing_where_the_test_met_a_404_or_another_404_page_undoes_it(project):
    store = kept(project)
    (project / "site-built" / "nothing").mkdir()
    (project / "site-built" / "nothing" / "index.html").write_text("<h1>Not here</h1>")  # the same bytes, but a 200
    assert not store.unchanged(TEST)
    shutil.rmtree(project / "site-built" / "nothing")
    store = kept(project)
    (project / "site-built" / "404.html").write_text("<h1>Lost?</h1>")
    assert not store.unchanged(TEST)


def test_an_address_the_test_did_not_ask_for_does_not_matter(project):
    store = kept(project, addresses=["/course/lessons/00_lesson/"])
    (project / "site-built" / "404.html").write_text("<h1>Lost?</h1>")
    assert store.unchanged(TEST)


def test_a_project_file_the_test_opened_counts_and_one_it_did_not_open_does_not(project):
    store = kept(project, opened=["tutorials_src/00_lesson.py"])
    (project / "tutorials_src" / "01_other.py").write_text("# %% another lesson\n")
    assert store.unchanged(TEST)
    (project / "tutorials_src" / "00_lesson.py").write_text("# %% the lesson, edited\n")
    assert not store.unchanged(TEST)


def test_files_opened_outside_the_recording_or_the_project_or_in_output_folders_are_not_inputs(project, tmp_path):
    store = store_for(project)
    (project / "tutorials_src" / "00_lesson.py").read_bytes()  # before the recording
    (project / NOT_INPUTS[0]).mkdir()
    (project / NOT_INPUTS[0] / "cached").write_text("")
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("")
    (project / "tests" / "__pycache__").mkdir()
    (project / "tests" / "__pycache__" / "conftest.pyc").write_bytes(b"")
    with store.recording() as recording:
        outside.read_text()
        (project / NOT_INPUTS[0] / "cached").read_text()
        (project / "tests" / "__pycache__" / "conftest.pyc").read_bytes()
        (project / "tests" / "browser" / "test_example.py").read_text()
    assert recording.opened == {"tests/browser/test_example.py"}


def test_a_loaded_project_module_counts_but_test_files_of_other_folders_do_not(project, monkeypatch):
    for name, path in [("example_helper", "course_helper.py"), ("test_elsewhere", "tests/test_elsewhere.py")]:
        (project / path).write_text("VALUE = 1\n")
        module = types.ModuleType(name)
        module.__file__ = str(project / path)
        monkeypatch.setitem(sys.modules, name, module)
    store = kept(project)
    (project / "tests" / "test_elsewhere.py").write_text("VALUE = 2\n")
    assert store.unchanged(TEST)
    (project / "course_helper.py").write_text("VALUE = 2\n")
    assert not store.unchanged(TEST)


def test_another_test_file_of_the_folder_counts_only_when_the_tests_own_file_imports_it(project, monkeypatch):
    """Each process imports every test file it collects; editing one that the test does not import keeps its pass."""
    for name in ("test_other", "test_helped"):
        path = project / "tests" / "browser" / f"{name}.py"
        path.write_text("VALUE = 1\n")
        module = types.ModuleType(f"tests.browser.{name}")
        module.__file__ = str(path)
        monkeypatch.setitem(sys.modules, module.__name__, module)
    own = project / "tests" / "browser" / "test_example.py"
    own.write_text("from tests.browser.test_helped import VALUE\n")
    store = kept(project)
    (project / "tests" / "browser" / "test_other.py").write_text("VALUE = 2\n")
    assert store.unchanged(TEST)
    (project / "tests" / "browser" / "test_helped.py").write_text("VALUE = 2\n")
    assert not store.unchanged(TEST)
    own.write_text("from .test_other import VALUE  # relative, this time\n")
    store = kept(project)
    (project / "tests" / "browser" / "test_other.py").write_text("VALUE = 3\n")
    assert not store.unchanged(TEST)


def test_a_file_changed_after_the_process_started_keeps_no_pass(project):
    started = time.time() - 60  # the file below was written after this process started
    store = store_for(project, started=started)
    with store.recording() as recording:
        (project / "tutorials_src" / "00_lesson.py").read_bytes()
    store.keep(TEST, recording, own_module=project / "tests" / "browser" / "test_example.py")
    assert not store.unchanged(TEST)


def test_the_files_every_verdict_depends_on_count_unopened(project):
    (project / "pyproject.toml").write_text("[tool.pytest.ini_options]\n")
    store = kept(project)
    assert store.unchanged(TEST)
    (project / "pyproject.toml").write_text("[tool.pytest.ini_options]\nfilterwarnings = ['error']\n")
    assert not store.unchanged(TEST)


def test_another_browser_or_machine_undoes_it_and_so_does_forgetting(project):
    kept(project)
    assert not store_for(project, {**MACHINE, "browser": "132.0"}).unchanged(TEST)
    store = store_for(project)
    store.forget(TEST)
    assert not store.unchanged(TEST)


def test_a_damaged_record_is_no_record(project):
    store = kept(project)
    [record] = (project / ".cache" / "verdicts").glob("*.json")
    record.write_text("{not json")
    assert not store.unchanged(TEST)


def test_the_site_server_answers_are_read_as_it_serves_them(project):
    site = project / "site-built"
    assert site_response(site, "/course/lessons/00_lesson/") == (200, site / "lessons" / "00_lesson" / "index.html")
    assert site_response(site, "/course/lessons/00_lesson") == (200, site / "lessons" / "00_lesson" / "index.html")
    page = site_response(site, "/course/lessons/00_lesson/")
    assert site_response(site, "/course/lessons/00_lesson/?q=relu#x") == page
    assert site_response(site, "/course/../../etc/passwd") == (404, site / "404.html")
    assert site_response(site, "/lessons/00_lesson/") == (404, site / "404.html"), "outside the published path"
    assert site_response(site, "/course/lessons/") == (404, site / "404.html"), "a folder without an index file"
    assert site_response(site, "/course/404.html/") == (404, site / "404.html"), "a file's address with a slash"
    (site / "404.html").unlink()
    assert site_response(site, "/course/nothing/") == (404, None)


ADDRESSES = ["/", "/lessons/00_lesson/", "/lessons/00_lesson", "/lessons/", "/lessons/notes.txt",
             "/lessons/notes.txt/", "/nothing/", "/%2e%2e/%2e%2e/etc/passwd", "/lessons/00_lesson/?q=1"]


def answer(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_the_model_of_the_server_answers_as_the_server_does(project):
    """site_response against the site server, and against the page-weight server (at the root, its 404 page
    Python's own) as weighing_server reports its addresses."""
    site = project / "site-built"
    (site / "lessons" / "notes.txt").write_text("notes")
    server = _QuietServer(("127.0.0.1", 0), functools.partial(_PagesHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        for address in [f"/course{address}" for address in ADDRESSES] + ["/elsewhere/"]:
            status, body = answer(f"http://127.0.0.1:{server.server_address[1]}{address}")
            expected_status, path = site_response(site, address)
            assert (status, body) == (expected_status, path.read_bytes() if path else body), address
    finally:
        server.shutdown()
    with recording_server(site) as (base_url, _):
        for address in ADDRESSES:
            status, body = answer(base_url + address[1:])
            expected_status, path = site_response(site, "/course/" + address.lstrip("/"))
            assert status == expected_status and (status == 404 or body == path.read_bytes()), address


def test_fonts_count_by_name_and_size(tmp_path):
    (tmp_path / "a.ttf").write_bytes(b"font")
    before = fonts_digest((str(tmp_path),))
    (tmp_path / "a.ttf").write_bytes(b"tnof")
    assert fonts_digest((str(tmp_path),)) == before, "the same name and size"
    (tmp_path / "b.ttf").write_bytes(b"font")
    assert fonts_digest((str(tmp_path),)) != before


def test_only_tests_that_take_the_browser_and_their_parameters_alone_qualify():
    def page_test(site_url, visit, path): ...
    def browser_test(browser): ...
    def reads_the_built_site(built_site, browser): ...
    def no_browser(tmp_path): ...
    assert takes_only_the_browser(page_test, {"path"})
    assert takes_only_the_browser(browser_test, set())
    assert not takes_only_the_browser(page_test, set()), "path is no parameter here, so a fixture"
    assert not takes_only_the_browser(reads_the_built_site, set())
    assert not takes_only_the_browser(no_browser, set())


def run_once(store: VerdictStore, passes: bool, fresh: bool = False) -> str:
    """What store.run does with TEST: "skipped", or "ran" (asking for the lesson page, then passing or failing)."""
    try:
        with store.run(TEST, Path("tests/browser/test_example.py"), lambda: passes, fresh=fresh):
            store.asked("/course/lessons/00_lesson/")
    except pytest.skip.Exception:
        return "skipped"
    return "ran"


def test_a_pass_is_skipped_next_time_a_failure_never_and_a_fresh_run_runs_it(project):
    store = store_for(project)
    assert run_once(store, passes=True) == "ran"
    assert run_once(store, passes=True) == "skipped"
    assert run_once(store, passes=True, fresh=True) == "ran"
    assert run_once(store, passes=False, fresh=True) == "ran"
    assert run_once(store, passes=True) == "ran", "a failure drops the record of the pass before it"
    (project / "site-built" / "lessons" / "00_lesson" / "index.html").write_text("<h1>Lesson, edited</h1>")
    assert run_once(store, passes=False) == "ran"
    assert run_once(store, passes=True) == "ran", "a failure is never kept"
    assert run_once(store, passes=True) == "skipped"
