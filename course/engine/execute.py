"""Execute one lesson in a fresh Jupyter kernel and return the executed notebook and the project files it used.

Every lesson runs the same way, for the site and for the tests: a new kernel on IPC transport (no TCP ports to
race for when lessons run in parallel), forked from a process that has imported the lessons' libraries once
(warm_kernels.py), the project root as working directory, a minimal environment (no secret
of the build's environment reaches a page), TensorFlow's C++ and oneDNN logging silenced, hash seeds and op
determinism fixed, and matplotlib inline at a fixed DPI. Every kernel started is stopped when its lesson
finishes, fails or times out, and when the build is interrupted.
"""

from __future__ import annotations

import asyncio
import atexit
import copy
import os
import signal
import subprocess
import tempfile
import time
import uuid
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import nbformat
from jupyter_client.kernelspec import NoSuchKernel
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

from course.engine.errors import CellError
from course.engine.imports import UsedFiles, parse_recorded, record_imports_code
from course.engine.sources import Tutorial
from course.engine.tracebacks import DIAGNOSE, cell_message, describe_failure, display_path, parse_report
from course.engine.warm_kernels import ForkedKernelProvisioner, WarmKernels, imported_modules

T = TypeVar("T")
KERNEL_NAME = "python3"
HIDDEN_CELL_TIMEOUT = 300  # seconds for the engine's own cells (set-up, import record): a busy machine is slow

# Set in the kernel's environment before Python starts, so they reach TensorFlow's C++ runtime too.
KERNEL_ENVIRONMENT = {
    "TF_CPP_MIN_LOG_LEVEL": "3",  # no INFO/WARNING lines from TensorFlow's C++ side
    "TF_ENABLE_ONEDNN_OPTS": "0",  # the oneDNN notice survives TF_CPP_MIN_LOG_LEVEL; this silences it
    "TF_DETERMINISTIC_OPS": "1",  # the same numbers on every build
    "GRPC_VERBOSITY": "ERROR",
    "PYTHONHASHSEED": "0",
}

# What a kernel inherits from the build's environment: what Python, Jupyter and the libraries need to find their
# files and speak the locale. Everything else (tokens, credentials, CI variables) stays out of reach of lesson code.
INHERITED_VARIABLES = (
    "PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR", "VIRTUAL_ENV",
    "JUPYTER_PATH", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR",
    "MPLCONFIGDIR", "KERAS_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "CUDA_VISIBLE_DEVICES",
)

# Run in the kernel before the lesson's first cell; its outputs are not kept. It configures matplotlib's inline
# backend without importing matplotlib (`%matplotlib inline` would, about 0.4 CPU-seconds per kernel, spent in vain
# on a lesson that draws nothing): the kernel's MPLBACKEND, which ipykernel and the kernel server set, makes
# matplotlib load that backend when a lesson draws its first figure, and the backend then reads this configuration
# and sets itself up as `%matplotlib inline` does.
KERNEL_SETUP = """\
inline_backend = get_ipython().config.InlineBackend
inline_backend.figure_formats = ['png']
inline_backend.rc = {'figure.dpi': 100, 'savefig.dpi': 100}
inline_backend.print_figure_kwargs = {'bbox_inches': 'tight', 'metadata': {'Software': None}}
del inline_backend
"""


# How kernels start and outputs are post-processed, part of the fingerprint: changing either must not reuse
# executions made before.
KERNEL_START = "forked from a server that imported the lessons' libraries"
OUTPUT_PROCESSING = "adjacent streams merged"


def kernel_fingerprint() -> str:
    """Everything about how the engine runs a kernel that can change a lesson's outputs, for the cache key."""
    return f"{KERNEL_NAME}\n{sorted(KERNEL_ENVIRONMENT.items())}\n{KERNEL_SETUP}\n{KERNEL_START}\n{OUTPUT_PROCESSING}"


@dataclass(frozen=True)
class Execution:
    notebook: nbformat.NotebookNode
    seconds: float
    used: UsedFiles = UsedFiles((), ())  # the project files the kernel imported (see imports.py)


def execute_tutorial(tutorial: Tutorial, *, work_dir: Path, timeout: int = 600,
                     packages: tuple[Path, ...] = ()) -> Execution:
    """Execute ``tutorial`` in a new kernel; raise CellError naming the file and line on any failure."""

    async def execute() -> Execution:
        async with WarmKernels(imported_modules([tutorial.notebook])) as kernels:
            return await execute_tutorial_async(tutorial, work_dir=work_dir, timeout=timeout, packages=packages,
                                                kernels=kernels)

    return run_coroutine(execute())


def run_coroutine(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run ``coroutine`` to completion from synchronous code, even where an event loop is already running.

    A caller may sit inside a running loop (Jupyter, or a test session that drives a browser with Playwright);
    asyncio.run refuses to nest, so the coroutine then gets a loop of its own in a worker thread.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(asyncio.run, coroutine).result()


async def execute_tutorial_async(tutorial: Tutorial, *, work_dir: Path, kernels: WarmKernels, timeout: int = 600,
                                 packages: tuple[Path, ...] = ()) -> Execution:
    """The coroutine behind execute_tutorial, so several lessons can run concurrently on one event loop.

    The kernel is forked by ``kernels`` (one server for all the lessons of a build). ``packages`` are the
    project's package folders: after the last cell the kernel reports which of their modules it imported.
    """
    notebook = copy.deepcopy(tutorial.notebook)
    notebook.metadata["kernelspec"] = {"name": KERNEL_NAME, "display_name": "Python 3", "language": "python"}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="course-kernel-") as socket_dir:
        manager = AsyncKernelManager(kernel_name=KERNEL_NAME, transport="ipc", ip=str(Path(socket_dir) / "k"))
        manager.connection_file = str(Path(socket_dir) / "connection.json")
        client = NotebookClient(
            notebook,
            km=manager,
            timeout=timeout,
            allow_errors=False,
            record_timing=False,
            resources={"metadata": {"path": str(work_dir)}},
            shutdown_kernel="immediate",
        )
        kernel_log_path = Path(socket_dir) / "kernel.log"
        index, failure = -1, None
        _LIVE_KERNELS.add(manager)
        try:
            with kernel_log_path.open("wb") as kernel_log:  # the kernel's own stderr, kept out of the build log
                await _start_kernel(manager, tutorial, work_dir, kernel_log, kernels)
                # Not nbclient's async_setup_kernel: its SIGINT/SIGTERM handlers belong to one notebook at a time
                # and would swallow Ctrl-C while several lessons run; stopping is done here and in the runner.
                await client.async_start_new_kernel_client()
                await _run_hidden(client, KERNEL_SETUP)
                try:
                    for index, cell in enumerate(notebook.cells):
                        await client.async_execute_cell(cell, index)
                except CellExecutionError as error:
                    failure = (error, await _diagnose(client))
                else:
                    used = parse_recorded(await _run_hidden(client, record_imports_code(packages)), work_dir)
        except CellTimeoutError:
            reason = f"ran past the {timeout} s per-cell timeout (raise it with COURSE_TIMEOUT or timeout in mkdocs.yml)"
            raise CellError(cell_message(tutorial, index, None, reason, work_dir)) from None
        except DeadKernelError as error:
            log_tail = _tail(kernel_log_path)
            raise CellError(cell_message(tutorial, index, None, f"killed the kernel ({error}){log_tail}", work_dir)) from None
        except RuntimeError as error:  # the kernel died while starting
            where = display_path(tutorial.path, work_dir)
            raise CellError(f"{where}: the kernel failed: {error}{_tail(kernel_log_path)}") from None
        finally:
            if client.kc is not None:
                client.kc.stop_channels()
            await _stop_kernel(manager)
    if failure is not None:
        error, report = failure
        counts = {cell.execution_count: number for number, cell in enumerate(notebook.cells)
                  if cell.get("execution_count")}
        fallback = f"{error.ename}: {error.evalue}" if error.ename else "an error"
        raise CellError(describe_failure(tutorial, index, report, counts, work_dir, fallback))
    _drop_volatile_metadata(notebook)
    # A print's text and its newline can reach the notebook as one stream output or two, depending on when the
    # kernel flushes (a busy machine splits them): merged, two runs give the same outputs.
    merge_adjacent_streams(notebook)
    return Execution(notebook, time.perf_counter() - started, used)


def merge_adjacent_streams(notebook: nbformat.NotebookNode) -> None:
    """Join each run of consecutive stream outputs with the same name (stdout, stderr) into one, in place; the
    order of outputs is kept (unlike nbclient's coalesce_streams, which gathers a cell's whole stdout first)."""
    for cell in notebook.cells:
        merged = []
        for output in cell.get("outputs", []):
            previous = merged[-1] if merged else None
            if (output.get("output_type") == "stream" and previous is not None
                    and previous.get("output_type") == "stream" and previous.get("name") == output.get("name")):
                previous["text"] += output["text"]
            else:
                merged.append(output)
        if "outputs" in cell:
            cell.outputs = merged


async def _start_kernel(manager: AsyncKernelManager, tutorial: Tutorial, work_dir: Path, kernel_log,
                        kernels: WarmKernels) -> None:
    try:
        manager.kernel_id = str(uuid.uuid4())
        manager.provisioner = ForkedKernelProvisioner(kernel_id=manager.kernel_id, kernel_spec=manager.kernel_spec,
                                                      parent=manager)
        manager.provisioner.warm = kernels
        await manager.start_kernel(
            env=kernel_environment(work_dir), cwd=str(work_dir), stdout=subprocess.DEVNULL, stderr=kernel_log,
            # Only Python-level output reaches the page: C++ libraries (TensorFlow's absl logging writes
            # "All log messages before absl::InitializeLog()..." whatever TF_CPP_MIN_LOG_LEVEL says) write to
            # the process's stderr, which goes to the kernel log instead.
            extra_arguments=["--IPKernelApp.capture_fd_output=False"],
        )
    except NoSuchKernel:
        raise CellError(
            f"{display_path(tutorial.path, work_dir)}: no Jupyter kernel named '{KERNEL_NAME}' is installed; "
            f"install ipykernel in this environment (make installs it from requirements.txt)."
        ) from None
    except OSError as error:  # a kernelspec whose interpreter is gone, or one that cannot be executed
        command = " ".join(manager.kernel_spec.argv[:1]) if manager.kernel_spec else KERNEL_NAME
        raise CellError(
            f"{display_path(tutorial.path, work_dir)}: the Jupyter kernel '{KERNEL_NAME}' cannot start because its program {command} "
            f"fails ({error.strerror or error}); reinstall it with `python -m ipykernel install --sys-prefix`."
        ) from None


async def _run_hidden(client: NotebookClient, code: str) -> str:
    """Run ``code`` in the kernel outside the lesson (not in its history or counts), with the longer of the lesson's
    timeout and HIDDEN_CELL_TIMEOUT; return what it printed."""
    # nbclient writes each executed cell back into the notebook at its index, so the cell gets a temporary
    # place at the end of the notebook and is removed again.
    cells, lesson_timeout = client.nb.cells, client.timeout
    cells.append(nbformat.v4.new_code_cell(code))
    client.timeout = max(lesson_timeout or 0, HIDDEN_CELL_TIMEOUT)  # a short lesson timeout must not cut set-up
    try:
        await client.async_execute_cell(cells[-1], len(cells) - 1, store_history=False)
        return "".join(output.get("text", "") for output in cells[-1].outputs if output.get("name") == "stdout")
    finally:
        cells.pop()
        client.timeout = lesson_timeout


async def _diagnose(client: NotebookClient) -> dict | None:
    """Ask the kernel where the last exception came from; None when it cannot say."""
    try:
        return parse_report(await asyncio.wait_for(_run_hidden(client, DIAGNOSE), 30))
    except Exception:  # a kernel that cannot answer still leaves the cell-level message
        return None


async def _stop_kernel(manager: AsyncKernelManager) -> None:
    """Stop the kernel now; if that is interrupted too, kill its process group."""
    try:
        if manager.has_kernel:
            await manager.shutdown_kernel(now=True)
    except BaseException:
        _kill(manager)
        raise
    finally:
        _LIVE_KERNELS.discard(manager)


_LIVE_KERNELS: set[AsyncKernelManager] = set()


def _kill(manager: AsyncKernelManager) -> None:
    process = getattr(getattr(manager, "provisioner", None), "process", None)
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGKILL)  # kernels lead their own process group (start_new_session)
    except OSError:
        process.kill()


def kill_live_kernels() -> None:
    """Kill every kernel still running, without an event loop: for exit and termination signals."""
    for manager in list(_LIVE_KERNELS):
        _kill(manager)
        _LIVE_KERNELS.discard(manager)


atexit.register(kill_live_kernels)


def kernel_environment(work_dir: Path) -> dict[str, str]:
    """The kernel's whole environment: the inherited basics, the course's settings and the project on the path."""
    environment = {name: os.environ[name] for name in INHERITED_VARIABLES if name in os.environ}
    environment.update(KERNEL_ENVIRONMENT)
    environment["PYTHONPATH"] = str(work_dir)  # the project's own `course` package, whatever else is installed
    # No __pycache__ written into the project: under `mkdocs serve` a new .pyc in a watched folder (course/) started
    # a second rebuild after each one that executed a lesson. Not in the kernel fingerprint: it changes no output.
    environment["PYTHONDONTWRITEBYTECODE"] = "1"
    return environment


def _tail(log_path: Path, lines: int = 5) -> str:
    try:
        text = log_path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""
    return ("\n  kernel log: " + " | ".join(text.splitlines()[-lines:])) if text else ""


def _drop_volatile_metadata(notebook: nbformat.NotebookNode) -> None:
    """Remove what differs between identical runs (timings, kernel ids), so builds compare equal."""
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    notebook.metadata.pop("widgets", None)
