import shutil
from pathlib import Path

import nbformat
import pytest

import course.engine.runner as runner
from course.engine import BuildFailed, BuildSettings, build_lessons

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "tutorials"


@pytest.fixture
def project(tmp_path):
    """A tiny project: the two fixture lessons, a package folder and a requirements file."""
    shutil.copytree(FIXTURES, tmp_path / "tutorials_src")
    (tmp_path / "course").mkdir()
    (tmp_path / "course" / "helpers.py").write_text("HELP = 1\n")
    (tmp_path / "requirements.txt").write_text("numpy\n")
    return tmp_path


def settings(root: Path, **overrides) -> BuildSettings:
    values = dict(
        source_dir=root / "tutorials_src",
        cache_dir=root / ".cache" / "tutorials",
        output_dir=root / ".cache" / "executed",
        work_dir=root,
        dependencies=(root / "course", root / "requirements.txt"),
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


def test_first_build_executes_and_reports_each_lesson(project):
    lines: list[str] = []
    report = build(project, lines)
    assert [result.status for result in report.results] == ["executed", "executed"]
    progress = sorted(line for line in lines if line.startswith("["))
    assert len(progress) == 2
    assert any(line.startswith("[") and "01_first.py  executed" in line and line.endswith(" s") for line in lines)
    assert lines[-1].startswith("Lessons: executed 2 of 2 (0 cached) in ")
    for result in report.results:
        assert result.notebook_path == project / ".cache" / "executed" / f"{result.tutorial.name}.ipynb"
        assert result.notebook_path.exists()


def test_second_build_starts_no_kernel(project, monkeypatch):
    build(project)
    counter = KernelCounter(monkeypatch)
    lines: list[str] = []
    report = build(project, lines)
    assert counter.started == []
    assert [result.status for result in report.results] == ["cached", "cached"]
    assert "[1/2] 01_first.py  cached" in lines
    assert lines[-1].startswith("Lessons: executed 0 of 2 (2 cached)")


def test_prose_edit_rerenders_without_a_kernel(project, monkeypatch):
    build(project)
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


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (edit_second_lesson_code, ["02_second"]),
        (lambda root: (root / "course" / "helpers.py").write_text("HELP = 2\n"), ["01_first", "02_second"]),
        (lambda root: (root / "course" / "table.csv").write_text("a\n1\n"), ["01_first", "02_second"]),
        (lambda root: (root / "requirements.txt").write_text("numpy==2.0\n"), ["01_first", "02_second"]),
    ],
    ids=["code-cell-of-one-lesson", "package-file", "data-file", "requirements"],
)
def test_changes_execute_exactly_what_they_affect(project, monkeypatch, change, expected):
    build(project)
    change(project)
    counter = KernelCounter(monkeypatch)
    report = build(project)
    assert sorted(counter.started) == expected
    assert sorted(result.tutorial.name for result in report.results if result.status == "executed") == expected


def test_fresh_ignores_the_cache(project, monkeypatch):
    build(project)
    counter = KernelCounter(monkeypatch)
    build(project, fresh=True)
    assert sorted(counter.started) == ["01_first", "02_second"]


def test_damaged_cache_entry_is_executed_again(project, monkeypatch):
    build(project)
    for entry in (project / ".cache" / "tutorials" / "02_second").glob("*.ipynb"):
        entry.write_text("{")
    counter = KernelCounter(monkeypatch)
    report = build(project)
    assert counter.started == ["02_second"]
    assert report.results[1].status == "executed"


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


def test_a_failing_lesson_fails_the_build_and_the_others_are_cached(project, monkeypatch):
    broken = project / "tutorials_src" / "03_broken.py"
    broken.write_text("# %% [markdown]\n# # Broken\n# Fails.\n\n# %%\n1 / 0\n")
    lines: list[str] = []
    with pytest.raises(BuildFailed) as caught:
        build(project, lines)
    message = str(caught.value)
    assert message.startswith("1 lesson failed to build:")
    assert f"{broken}, cell 2 (line 5) raised ZeroDivisionError: division by zero" in message
    assert any("03_broken.py  FAILED" in line for line in lines)
    assert not (project / ".cache" / "executed" / "03_broken.ipynb").exists()
    broken.unlink()
    counter = KernelCounter(monkeypatch)
    build(project)
    assert counter.started == []


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


def test_live_preview_keeps_the_last_good_notebook_of_a_failing_lesson(project):
    build(project)
    source = project / "tutorials_src" / "02_second.py"
    source.write_text(source.read_text() + "\n# %%\nraise RuntimeError('half-written edit')\n")
    lines: list[str] = []
    report = build(project, lines, keep_last_good=True)
    stale = report.results[1]
    assert stale.status == "stale"
    assert "raised RuntimeError: half-written edit" in stale.error
    assert "random:" in stale.notebook_path.read_text()
    assert "half-written" not in stale.notebook_path.read_text()
    assert "1 failed and shown as last built" in lines[-1]


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
    cache.store("01_quick", "key", read_tutorial(quick).notebook, 300.0)
    assert _expected_seconds(cache, read_tutorial(quick)) == 300.0
