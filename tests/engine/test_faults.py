"""Faults planted in a build: each gives its one-sentence outcome, and no kernel process is left behind."""

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import nbformat
import pytest

from course.engine import BuildFailed, BuildSettings, build_lessons
from course.engine.execute import KERNEL_NAME

HEADER = "# %% [markdown]\n# # Case\n# A test lesson.\n\n"


def kernel_processes(ancestor: int) -> list[int]:
    """Kernel processes descending from ``ancestor`` (other builds on the machine do not count): kernels
    started as ``ipykernel_launcher`` and kernels forked by a kernel server."""
    return [pid for pid, role in _engine_processes(ancestor).items() if role == "kernel"]


def server_processes(ancestor: int) -> list[int]:
    """Kernel servers (course/engine/kernel_server.py) descending from ``ancestor``."""
    return [pid for pid, role in _engine_processes(ancestor).items() if role == "server"]


def _engine_processes(ancestor: int) -> dict[int, str]:
    """Each kernel and kernel server descending from ``ancestor``, by its role.

    Kernels run in a session of their own (jupyter_client starts them so, the kernel server's children call
    setsid), which tells them from a process that a kernel or the server has just forked to start a program: until
    it does, it shows the command of its parent, and on a busy machine the sampling tests met one now and then."""
    parents, commands, leads_session = {}, {}, set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                parents[int(entry.name)] = int(fields[1])
                if int(fields[3]) == int(entry.name):
                    leads_session.add(int(entry.name))
                commands[int(entry.name)] = (entry / "cmdline").read_bytes()
            except (OSError, IndexError, ValueError):
                continue

    def descends(pid: int) -> bool:
        while pid > 1:
            pid = parents.get(pid, 0)
            if pid == ancestor:
                return True
        return False

    def serves(pid: int) -> bool:
        return b"kernel_server.py" in commands.get(pid, b"")

    roles = {}
    for pid, command in commands.items():
        if not descends(pid):
            continue
        started = b"ipykernel_launcher" in command or (serves(pid) and serves(parents.get(pid, 0)))
        if started and pid in leads_session:
            roles[pid] = "kernel"
        elif serves(pid) and not serves(parents.get(pid, 0)):
            roles[pid] = "server"
    return roles


def project(root: Path, lessons: dict[str, str]) -> BuildSettings:
    (root / "tutorials_src").mkdir(parents=True)
    for name, body in lessons.items():
        (root / "tutorials_src" / f"{name}.py").write_text(HEADER + body)
    return BuildSettings(source_dir=root / "tutorials_src", cache_dir=root / ".cache" / "tutorials",
                         output_dir=root / ".cache" / "executed", work_dir=root, jobs=1, timeout=60)


def failure(settings: BuildSettings, **overrides) -> str:
    with pytest.raises(BuildFailed) as caught:
        build_lessons(BuildSettings(**{**settings.__dict__, **overrides}), log=lambda _: None)
    assert kernel_processes(os.getpid()) == []
    return str(caught.value)


@pytest.mark.slow
def test_at_most_jobs_kernels_run_and_none_survive_the_build(tmp_path):
    settings = project(tmp_path, {f"0{n}_sleep": "# %%\nimport time\ntime.sleep(2)\n" for n in range(1, 4)})
    before = kernel_processes(os.getpid())
    seen, done = [], threading.Event()

    def watch():
        while not done.is_set():
            seen.append(len(kernel_processes(os.getpid())))
            time.sleep(0.2)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        build_lessons(settings, log=lambda _: None)
    finally:
        done.set()
        watcher.join()
    assert before == []
    assert max(seen) == 1  # jobs=1: one kernel at a time, and there was one
    assert kernel_processes(os.getpid()) == []
    assert server_processes(os.getpid()) == []  # the kernel server ends with the build


@pytest.mark.slow
def test_a_looping_lesson_stops_at_the_timeout_and_its_kernel_is_stopped(tmp_path):
    settings = project(tmp_path, {"01_loop": "# %%\nwhile True:\n    pass\n"})  # spinning: it never waits
    message = failure(settings, timeout=1)
    assert "tutorials_src/01_loop.py, line 6 (cell 2) ran past the 1 s per-cell timeout" in message


@pytest.mark.slow
def test_a_50_megabyte_print_stops_the_build_naming_file_and_cell(tmp_path):
    settings = project(tmp_path, {"01_flood": "# %%\nx = 1\n\n# %%\nprint('x' * 50_000_000)\n"})
    message = failure(settings)
    assert "tutorials_src/01_flood.py, line 9 (cell 3) has 50.0 MB of output, above the 2.0 MB limit" in message
    assert not (tmp_path / ".cache" / "executed" / "01_flood.ipynb").exists()


@pytest.mark.slow
def test_the_output_limit_is_a_setting(tmp_path):
    settings = project(tmp_path, {"01_small": "# %%\nprint('x' * 2000)\n"})
    assert "above the 0.0 MB limit" in failure(settings, output_limit=1000)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("display", "problem"),
    [
        ("HTML(\"<script src='https://example.com/x.js'></script>\")", "loads <script src=\"https://example.com/x.js\">"),
        ("HTML(\"<img src='https://example.com/x.png'>\")", "loads <img src=\"https://example.com/x.png\">"),
        ("HTML(\"<link rel='stylesheet' href='//cdn.example.com/x.css'>\")", "loads <link href=\"//cdn.example.com/x.css\">"),
        ("HTML(\"<iframe src='https://example.com'></iframe>\")", "loads <iframe src=\"https://example.com\">"),
        ("HTML(\"<style>@font-face {src: url(https://example.com/f.woff)}</style>\")", "loads from another host (url(https://"),
        ("HTML(\"<script>document.title = 'x'</script>\")", "has a <script> tag (inline code) that is not on the allow-list"),
        ("Javascript(\"document.title = 'x'\")", "displays application/javascript, which the site does not run"),
    ],
    ids=["remote-script", "remote-image", "remote-stylesheet", "iframe", "font", "inline-script", "javascript"],
)
def test_outputs_that_load_from_another_host_or_run_scripts_stop_the_build(tmp_path, display, problem):
    settings = project(tmp_path, {"01_remote": f"# %%\nfrom IPython.display import HTML, Javascript, display\ndisplay({display})\n"})
    message = failure(settings)
    assert f"tutorials_src/01_remote.py, line 6 (cell 2) {problem}" in message


@pytest.mark.slow
def test_an_allowed_script_is_published(tmp_path):
    settings = project(tmp_path, {"01_widget": "# %%\nfrom IPython.display import HTML, display\n"
                                                "display(HTML(\"<script src='assets/widget.js'></script>\"))\n"})
    report = build_lessons(BuildSettings(**{**settings.__dict__, "allowed_scripts": ("assets/widget.js",)}),
                           log=lambda _: None)
    assert "assets/widget.js" in report.results[0].notebook_path.read_text()


@pytest.mark.slow
def test_published_tracebacks_name_library_files_by_their_package_path(tmp_path):
    settings = project(tmp_path, {"01_error": '# %% tags=["raises-exception"]\nimport numpy as np\n'
                                              "np.linalg.inv(np.zeros((2, 2)))\n"})
    report = build_lessons(settings, log=lambda _: None)
    published = report.results[0].notebook_path.read_text()
    assert "numpy/linalg/" in published
    assert "site-packages" not in published and sys.prefix not in published and str(tmp_path) not in published


@pytest.mark.slow
def test_a_cache_entry_with_other_code_cells_is_a_miss(tmp_path, caplog):
    settings = project(tmp_path, {"01_one": "# %%\nprint(1)\n"})
    build_lessons(settings, log=lambda _: None)
    [entry] = (tmp_path / ".cache" / "tutorials" / "01_one").glob("*.ipynb")
    forged = nbformat.read(entry, as_version=4)
    forged.cells[1].source = "print('forged')"
    nbformat.write(forged, entry)
    lines: list[str] = []
    with caplog.at_level(logging.WARNING, logger="course.engine"):
        build_lessons(settings, log=lines.append)
    assert "its code cells differ from the lesson's" in caplog.text and str(entry) in caplog.text
    assert lines[-1].startswith("Lessons: executed 1 of 1")


# Builds the lesson of the project at argv[1] and prints what the site would be rendered from.
UNSTORED_BUILD = """
import sys
from pathlib import Path
import nbformat
from course.engine import BuildSettings, build_lessons
root = Path(sys.argv[1])
settings = BuildSettings(source_dir=root / "tutorials_src", cache_dir=root / ".cache" / "tutorials",
                         output_dir=root / ".cache" / "executed", work_dir=root, jobs=1, timeout=60)
[result] = build_lessons(settings, log=lambda _: None).results
print(result.status, result.notebook_path)
print(repr(nbformat.read(result.notebook_path, as_version=4).cells[1].outputs[0].text))
"""


@pytest.mark.slow
def test_a_cache_that_cannot_be_written_builds_without_storing_with_one_warning_and_leaves_nothing_behind(tmp_path):
    """The lesson is published into a temporary folder, which goes when the build's process ends."""
    project(tmp_path, {"01_one": "# %%\nprint(1)\n"})
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "tutorials").write_text("a file where the cache folder should be")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {**os.environ, "TMPDIR": str(temporary), "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    build = subprocess.run([sys.executable, "-c", UNSTORED_BUILD, str(tmp_path)], capture_output=True, text=True,
                           env=env, timeout=120)
    assert build.returncode == 0, build.stderr
    status, published = build.stdout.splitlines()[0].split(" ", 1)
    assert status == "executed" and Path(published).is_relative_to(temporary), build.stdout
    assert build.stdout.splitlines()[1] == repr("1\n")
    assert build.stderr.count("cannot be written") == 1, build.stderr
    assert list(temporary.iterdir()) == [], "the temporary folder outlived the build"


def test_a_broken_kernelspec_gets_one_sentence(tmp_path, monkeypatch):
    spec = tmp_path / "jupyter" / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text('{"argv": ["/no/such/python", "-m", "ipykernel_launcher", "-f", '
                                      '"{connection_file}"], "display_name": "Broken", "language": "python"}')
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    settings = project(tmp_path / "p", {"01_one": "# %%\nprint(1)\n"})
    message = failure(settings)
    assert ("the Jupyter kernel 'python3' cannot start because its program /no/such/python fails "
            "(No such file or directory); reinstall it with `python -m ipykernel install --sys-prefix`.") in message


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_an_interrupted_build_stops_its_kernels(tmp_path, signum):
    # A cell that never ends, sleeping rather than spinning: what is under test is the build's own handling of
    # the signal, and a spinning cell would take a core from the other tests for the seconds it runs.
    project(tmp_path, {"01_loop": "# %%\nimport time\nprint('started', flush=True)\n"
                                  "while True:\n    time.sleep(0.1)\n"})
    (tmp_path / "mkdocs.yml").write_text("site_name: X\n")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    # The build gets Ctrl-C as in a terminal: a test run started in the background by a shell without job control
    # has it ignored, and a process inherits that. -X faulthandler: a build that does not stop is made to show where
    # each of its threads waits (SIGABRT).
    as_in_a_terminal = ("import runpy, signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
                        "runpy.run_module('course.engine', run_name='__main__', alter_sys=True)")
    stderr = (tmp_path / "stderr.txt").open("w")
    build = subprocess.Popen([sys.executable, "-X", "faulthandler", "-c", as_in_a_terminal], cwd=tmp_path, env=env,
                             stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        deadline = time.monotonic() + 120
        while not kernel_processes(build.pid) and time.monotonic() < deadline:
            time.sleep(0.3)
        kernels = kernel_processes(build.pid)
        assert kernels, "the build never started a kernel"
        servers = server_processes(build.pid)
        time.sleep(3)  # the looping cell is running
        build.send_signal(signum)
        try:
            build.wait(timeout=60)
        except subprocess.TimeoutExpired:
            dispositions = [line for line in Path(f"/proc/{build.pid}/status").read_text().splitlines()
                            if line.startswith(("SigBlk", "SigIgn", "SigCgt"))]
            build.send_signal(signal.SIGABRT)
            time.sleep(2)
            pytest.fail(f"the build did not stop within 60 s of {signum.name} ({', '.join(dispositions)}):\n"
                        + (tmp_path / "stderr.txt").read_text()[-6000:])
    finally:
        build.kill()
        stderr.close()
    time.sleep(1)
    assert [pid for pid in kernels if Path(f"/proc/{pid}").exists()] == []
    assert [pid for pid in servers if Path(f"/proc/{pid}").exists()] == []
