import json
import shutil
from pathlib import Path

import nbformat
import pytest

import course.engine.runner as runner
from course.engine import BuildFailed, BuildSettings, build_lessons
from course.engine.imports import FileDigests, UsedFiles
from course.engine.sources import read_tutorial
from tests.helpers import outputs_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "tutorials"


HELPERS = "HELP = 1\n"
IMPORTING_CELL = "\n# %%\nimport course.helpers\nprint('help:', course.helpers.HELP)\n"


def make_project(root: Path) -> Path:
    """A tiny project: the two fixture lessons (the second imports ``course.helpers``), a package with a data
    file and a module nobody imports, and a requirements file."""
    shutil.copytree(FIXTURES, root / "tutorials_src")
    second = root / "tutorials_src" / "02_second.py"
    second.write_text(second.read_text() + IMPORTING_CELL)
    package = root / "course"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "helpers.py").write_text(HELPERS)
    (package / "unused.py").write_text("UNUSED = 1\n")
    (package / "table.csv").write_text("a\n1\n")
    (root / "requirements.txt").write_text("numpy\n")
    return root


@pytest.fixture(scope="module")
def built_template(tmp_path_factory):
    """The tiny project, built once per module; tests work on copies so each starts from a warm cache."""
    root = make_project(tmp_path_factory.mktemp("template") / "project")
    build(root)
    return root


@pytest.fixture
def project(built_template, tmp_path):
    """A copy of the built project (its cache included: entries do not depend on where the project lives)."""
    shutil.copytree(built_template, tmp_path / "project", symlinks=True)
    return tmp_path / "project"


def settings(root: Path, **overrides) -> BuildSettings:
    values = dict(
        source_dir=root / "tutorials_src",
        cache_dir=root / ".cache" / "tutorials",
        output_dir=root / ".cache" / "executed",
        work_dir=root,
        packages=(root / "course",),
        dependencies=(root / "requirements.txt",),
        jobs=2,
        timeout=60,
    )
    values.update(overrides)
    return BuildSettings(**values)


class KernelCounter:
    """Wraps the executor to count kernels started, by lesson name."""

    def __init__(self, monkeypatch):
        self.started: list[str] = []
        real = runner.execute_tutorial_async

        async def counting(tutorial, **kwargs):
            self.started.append(tutorial.name)
            return await real(tutorial, **kwargs)

        monkeypatch.setattr(runner, "execute_tutorial_async", counting)


def build(root, lines=None, keep_last_good=False, **overrides):
    log = lines.append if lines is not None else lambda _: None
    return build_lessons(settings(root, **overrides), log=log, keep_last_good=keep_last_good)


@pytest.mark.slow
def test_first_build_executes_and_reports_each_lesson(tmp_path):
    root = make_project(tmp_path)
    lines: list[str] = []
    report = build(root, lines)
    assert [result.status for result in report.results] == ["executed", "executed"]
    progress = sorted(line for line in lines if line.startswith("["))
    assert len(progress) == 2
    assert any(line.startswith("[") and "01_first.py  executed" in line and line.endswith(" s") for line in lines)
    assert lines[-1].startswith("Lessons: executed 2 of 2 (0 cached) in ")
    for result in report.results:
        assert result.notebook_path == root / ".cache" / "executed" / f"{result.tutorial.name}.ipynb"
        assert result.notebook_path.exists()


@pytest.mark.slow
def test_the_cache_records_exactly_the_project_files_each_lesson_imported(project):
    manifests = {path.parent.name: json.loads(path.read_text())
                 for path in (project / ".cache" / "tutorials").glob("*/*.json")}
    assert manifests["01_first"]["used"] == {"modules": [], "packages": []}
    assert manifests["02_second"]["used"] == {"modules": ["course/__init__.py", "course/helpers.py"],
                                              "packages": ["course"]}


@pytest.mark.slow  # its project fixture copies a template whose lessons a module fixture executes
def test_second_build_starts_no_kernel(project, monkeypatch):
    counter = KernelCounter(monkeypatch)
    lines: list[str] = []
    report = build(project, lines)
    assert counter.started == []
    assert [result.status for result in report.results] == ["cached", "cached"]
    assert "[1/2] 01_first.py  cached" in lines
    assert lines[-1].startswith("Lessons: executed 0 of 2 (2 cached)")


@pytest.mark.slow
def test_deciding_a_miss_reads_manifests_only(project, monkeypatch):
    """Hits and misses are decided from the small manifests: no kernel, and no stored notebook is opened."""
    import course.engine.cache as cache_module

    (project / "course" / "helpers.py").write_text("HELP = 2\n")
    opened: list[str] = []
    real_read = cache_module.nbformat.read
    monkeypatch.setattr(cache_module.nbformat, "read", lambda path, **kw: opened.append(str(path)) or real_read(path, **kw))
    cache = cache_module.NotebookCache(project / ".cache" / "tutorials")
    tutorial = read_tutorial(project / "tutorials_src" / "02_second.py")
    key = cache_module.cache_key(tutorial, cache_module.environment_digest(
        [project / "requirements.txt"], runner.kernel_fingerprint()))
    assert cache.lookup(tutorial, key, FileDigests(project)) is None
    assert opened == []


@pytest.mark.slow
def test_prose_edit_rerenders_without_a_kernel(project, monkeypatch):
    source = project / "tutorials_src" / "01_first.py"
    source.write_text(source.read_text().replace("must not reach the page", "stays off the page"))
    counter = KernelCounter(monkeypatch)
    report = build(project)
    assert counter.started == []
    published = nbformat.read(report.results[0].notebook_path, as_version=4)
    assert "stays off the page" in published.cells[2].source
    assert "sum: 45" in published.cells[3].outputs[0].text


def edit_second_lesson_code(root: Path) -> None:
    path = root / "tutorials_src" / "02_second.py"
    path.write_text(path.read_text().replace("random.seed(1)", "random.seed(2)"))


def write(relative: str, text: str = "x\n"):
    def change(root: Path) -> None:
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text)
    return change


@pytest.mark.slow
@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (edit_second_lesson_code, ["02_second"]),
        (write("course/helpers.py", "HELP = 2\n"), ["02_second"]),
        (write("course/table.csv", "a\n2\n"), ["02_second"]),
        (write("course/new_data.json", "{}"), ["02_second"]),
        (write("requirements.txt", "numpy==2.0\n"), ["01_first", "02_second"]),
        (write("course/unused.py", "UNUSED = 2\n"), []),
        (write("course/README.md"), []),
        (write("course/NOTES.rst"), []),
        (write("course/.helpers.py.swp"), []),
        (write("course/helpers.py~"), []),
        (write("course/.env", "API_TOKEN=x\n"), []),
        (write("course/#helpers.py#"), []),
        (write("course/__pycache__/helpers.cpython-311.pyc"), []),
    ],
    ids=["code-cell-of-one-lesson", "imported-module", "data-file", "new-data-file", "requirements",
         "module-nobody-imports", "readme", "docs", "swap-file", "backup-file", "hidden-file", "emacs-autosave",
         "pycache"],
)
def test_changes_execute_exactly_what_they_affect(project, monkeypatch, change, expected):
    change(project)
    counter = KernelCounter(monkeypatch)
    report = build(project)
    assert sorted(counter.started) == expected
    assert sorted(result.tutorial.name for result in report.results if result.status == "executed") == expected


@pytest.mark.slow
def test_undoing_an_edit_executes_nothing(project, monkeypatch):
    helpers = project / "course" / "helpers.py"
    helpers.write_text("HELP = 2\n")
    counter = KernelCounter(monkeypatch)
    build(project)
    assert counter.started == ["02_second"]
    helpers.write_text(HELPERS)
    report = build(project)
    assert counter.started == ["02_second"]  # no second execution
    assert "help: 1" in report.results[1].notebook_path.read_text()


@pytest.mark.slow
def test_each_lesson_keeps_its_two_newest_entries_and_the_previous_one_is_readable(project):
    from course.engine.cache import NotebookCache

    helpers = project / "course" / "helpers.py"
    for value in (2, 3):
        helpers.write_text(f"HELP = {value}\n")
        report = build(project)
    entries = sorted((project / ".cache" / "tutorials" / "02_second").glob("*.ipynb"))
    assert len(entries) == 2
    current = report.results[1].entry
    previous = NotebookCache(project / ".cache" / "tutorials").previous("02_second", current)
    assert previous is not None and previous.id != current
    assert "help: 2" in nbformat.writes(previous.notebook)


@pytest.mark.slow
def test_fresh_ignores_the_cache(project, monkeypatch):
    counter = KernelCounter(monkeypatch)
    build(project, fresh=True)
    assert sorted(counter.started) == ["01_first", "02_second"]


@pytest.mark.slow
def test_damaged_cache_entry_is_executed_again(project, monkeypatch):
    for entry in (project / ".cache" / "tutorials" / "02_second").glob("*.ipynb"):
        entry.write_text("{")
    counter = KernelCounter(monkeypatch)
    report = build(project)
    assert counter.started == ["02_second"]
    assert report.results[1].status == "executed"


@pytest.mark.slow
def test_parallel_build_equals_serial_build(tmp_path):
    outputs = {}
    for jobs in (1, 2):
        root = tmp_path / f"jobs{jobs}"
        shutil.copytree(FIXTURES, root / "tutorials_src")
        report = build(root, jobs=jobs)
        outputs[jobs] = [
            nbformat.writes(nbformat.read(result.notebook_path, as_version=4)).replace(str(root), "ROOT")
            for result in report.results
        ]
    assert outputs[1] == outputs[2]


@pytest.mark.slow
def test_a_failing_lesson_fails_the_build_and_the_others_are_cached(project, monkeypatch):
    broken = project / "tutorials_src" / "03_broken.py"
    broken.write_text("# %% [markdown]\n# # Broken\n# Fails.\n\n# %%\n1 / 0\n")
    lines: list[str] = []
    with pytest.raises(BuildFailed) as caught:
        build(project, lines)
    message = str(caught.value)
    assert message.startswith("1 lesson failed to build:")
    assert "tutorials_src/03_broken.py, line 6 (cell 2) raised ZeroDivisionError: division by zero" in message
    assert any("03_broken.py  FAILED" in line for line in lines)
    assert not (project / ".cache" / "executed" / "03_broken.ipynb").exists()
    broken.unlink()
    counter = KernelCounter(monkeypatch)
    build(project)
    assert counter.started == []


@pytest.mark.slow
def test_an_invalid_source_fails_before_any_kernel_starts(project, monkeypatch):
    (project / "tutorials_src" / "03_bad.py").write_text("# %%\nprint('no header')\n")
    counter = KernelCounter(monkeypatch)
    with pytest.raises(BuildFailed, match="first cell must be a Markdown cell"):
        build(project)
    assert counter.started == []


def test_settings_read_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("COURSE_JOBS", "3")
    monkeypatch.setenv("COURSE_TIMEOUT", "42")
    monkeypatch.setenv("COURSE_FRESH", "1")
    configured = BuildSettings.for_project(tmp_path)
    assert (configured.jobs, configured.timeout, configured.fresh) == (3, 42, True)
    assert configured.source_dir == tmp_path / "tutorials_src"


@pytest.mark.slow
def test_live_preview_keeps_the_last_good_notebook_of_a_failing_lesson(project):
    source = project / "tutorials_src" / "02_second.py"
    good = source.read_text()
    source.write_text(good + "\n# %%\nraise RuntimeError('half-written edit')\n")
    lines: list[str] = []
    report = build(project, lines, keep_last_good=True)
    stale = report.results[1]
    assert stale.status == "stale"
    assert "raised RuntimeError: half-written edit" in stale.error
    assert "random:" in stale.notebook_path.read_text()
    assert "half-written" not in stale.notebook_path.read_text()
    assert "1 failed and shown as last built" in lines[-1]
    # Undoing the edit finds the last good run in the cache: the failure did not prune it away.
    source.write_text(good)
    assert [result.status for result in build(project, keep_last_good=True).results] == ["cached", "cached"]


@pytest.mark.slow
def test_live_preview_still_fails_a_lesson_that_never_built(project):
    (project / "tutorials_src" / "03_broken.py").write_text("# %% [markdown]\n# # Broken\n# Fails.\n\n# %%\n1 / 0\n")
    with pytest.raises(BuildFailed, match="ZeroDivisionError"):
        build(project, keep_last_good=True)


def test_lessons_that_train_start_first_when_nothing_is_known(tmp_path):
    from course.engine.cache import NotebookCache
    from course.engine.runner import _expected_seconds
    from course.engine.sources import read_tutorial

    quick = tmp_path / "01_quick.py"
    quick.write_text("# %% [markdown]\n# # Quick\n# Prints.\n\n# %%\nprint(1)\n")
    slow = tmp_path / "02_slow.py"
    slow.write_text("# %% [markdown]\n# # Slow\n# Trains.\n\n# %%\nhistory = model.fit(x, y)\n")
    cache = NotebookCache(tmp_path / "cache")
    assert _expected_seconds(cache, read_tutorial(slow)) > _expected_seconds(cache, read_tutorial(quick))
    cache.store("01_quick", "key", UsedFiles((), ()), FileDigests(tmp_path), read_tutorial(quick).notebook, 300.0)
    assert _expected_seconds(cache, read_tutorial(quick)) == 300.0


@pytest.mark.slow
def test_a_live_preview_forks_each_rebuilds_kernel_from_one_kept_server_until_the_libraries_change(project,
                                                                                                   monkeypatch):
    """Under `mkdocs serve` (``kernel_server``), a code edit's kernel is a fork of the server an earlier rebuild
    started, which stays up; other libraries (another environment digest) get a new server and stop the old."""
    from course.engine.warm_kernels import WarmKernels, _running

    servers: list[int] = []
    start = WarmKernels._start

    async def recording_start(self, *args):
        await start(self, *args)
        servers.append(self._server.pid)

    monkeypatch.setattr(WarmKernels, "_start", recording_start)
    lesson = project / "tutorials_src" / "01_first.py"
    source = lesson.read_text()
    kept = runner.KeptKernelServer()
    try:
        parents = []
        for edit in (1, 2, 3):
            if edit == 3:
                monkeypatch.setattr(runner, "environment_digest", lambda *args: "other library versions")
            lesson.write_text(source + f"\n# %%\nimport os\nprint('edit {edit} parent', os.getppid())\n")
            report = build_lessons(settings(project), log=lambda line: None, kernel_server=kept)
            first = report.results[0]
            assert first.status == "executed" and f"edit {edit} parent" in outputs_text(first.executed)
            parents.append(int(outputs_text(first.executed).split(f"edit {edit} parent")[1].split()[0]))
            if edit == 2:
                assert len(servers) == 1 and _running(servers[0]), "the server is kept between rebuilds"
        assert len(servers) == 2
        assert parents == [servers[0], servers[0], servers[1]], "each kernel is a fork of the kept server"
        assert not _running(servers[0]), "the server of the earlier libraries was stopped"
    finally:
        kept.close()
    assert not _running(servers[-1])
