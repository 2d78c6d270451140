"""Execute one lesson in a fresh Jupyter kernel and return the executed notebook.

Every lesson runs the same way, for the site and for the tests: a new kernel on IPC transport (no TCP ports to
race for when lessons run in parallel), the project root as working directory, TensorFlow's C++ and oneDNN
logging silenced, hash seeds and op determinism fixed, and matplotlib inline at a fixed DPI.
"""

from __future__ import annotations

import asyncio
import copy
import os
import subprocess
import tempfile
import time
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
from course.engine.sources import Tutorial

T = TypeVar("T")
KERNEL_NAME = "python3"

# Set in the kernel's environment before Python starts, so they reach TensorFlow's C++ runtime too.
KERNEL_ENVIRONMENT = {
    "TF_CPP_MIN_LOG_LEVEL": "3",  # no INFO/WARNING lines from TensorFlow's C++ side
    "TF_ENABLE_ONEDNN_OPTS": "0",  # the oneDNN notice survives TF_CPP_MIN_LOG_LEVEL; this silences it
    "TF_DETERMINISTIC_OPS": "1",  # the same numbers on every build
    "GRPC_VERBOSITY": "ERROR",
    "PYTHONHASHSEED": "0",
}

# Run in the kernel before the lesson's first cell; its outputs are not kept.
KERNEL_SETUP = """\
%matplotlib inline
%config InlineBackend.figure_formats = ['png']
%config InlineBackend.rc = {'figure.dpi': 100, 'savefig.dpi': 100}
%config InlineBackend.print_figure_kwargs = {'bbox_inches': 'tight', 'metadata': {'Software': None}}
"""


@dataclass(frozen=True)
class Execution:
    notebook: nbformat.NotebookNode
    seconds: float


def execute_tutorial(tutorial: Tutorial, *, work_dir: Path, timeout: int = 600) -> Execution:
    """Execute ``tutorial`` in a new kernel; raise CellError naming the file and cell on any failure."""
    return run_coroutine(execute_tutorial_async(tutorial, work_dir=work_dir, timeout=timeout))


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


async def execute_tutorial_async(tutorial: Tutorial, *, work_dir: Path, timeout: int = 600) -> Execution:
    """The coroutine behind execute_tutorial, so several lessons can run concurrently on one event loop."""
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
            # Only Python-level output reaches the page: C++ libraries (TensorFlow's absl logging writes
            # "All log messages before absl::InitializeLog()..." whatever TF_CPP_MIN_LOG_LEVEL says) write to
            # the process's stderr, which goes to the kernel log instead.
            extra_arguments=["--IPKernelApp.capture_fd_output=False"],  # the notebook is done; a graceful shutdown only costs time
        )
        kernel_log_path = Path(socket_dir) / "kernel.log"
        index = -1
        try:
            with kernel_log_path.open("wb") as kernel_log:  # the kernel's own stderr, kept out of the build log
                async with client.async_setup_kernel(
                    env=_kernel_environment(), cwd=str(work_dir), stdout=subprocess.DEVNULL, stderr=kernel_log
                ):
                    await _run_setup(client)
                    for index, cell in enumerate(notebook.cells):
                        await client.async_execute_cell(cell, index)
        except NoSuchKernel:
            raise CellError(
                f"{tutorial.path}: no Jupyter kernel named '{KERNEL_NAME}' is installed; "
                f"install ipykernel in this environment (make installs it from requirements.txt)."
            ) from None
        except CellTimeoutError:
            raise CellError(_cell_message(tutorial, index, f"ran past the {timeout} s per-cell timeout")) from None
        except CellExecutionError as error:
            reason = f"raised {error.ename}: {error.evalue}" if error.ename else "raised an error"
            raise CellError(_cell_message(tutorial, index, reason)) from None
        except DeadKernelError as error:
            log_tail = _tail(kernel_log_path)
            raise CellError(_cell_message(tutorial, index, f"killed the kernel ({error}){log_tail}")) from None
        except RuntimeError as error:  # the kernel could not start, or died while starting
            raise CellError(f"{tutorial.path}: the kernel failed: {error}{_tail(kernel_log_path)}") from None
    _drop_volatile_metadata(notebook)
    return Execution(notebook, time.perf_counter() - started)


async def _run_setup(client: NotebookClient) -> None:
    # nbclient writes each executed cell back into the notebook at its index, so the setup cell gets a
    # temporary place at the end of the notebook and is removed again.
    cells = client.nb.cells
    cells.append(nbformat.v4.new_code_cell(KERNEL_SETUP))
    try:
        await client.async_execute_cell(cells[-1], len(cells) - 1, store_history=False)
    finally:
        cells.pop()


def _kernel_environment() -> dict[str, str]:
    environment = dict(os.environ)
    environment.update(KERNEL_ENVIRONMENT)
    return environment


def _cell_message(tutorial: Tutorial, index: int, reason: str) -> str:
    line = tutorial.cell_line(index)
    where = f"{tutorial.path}, cell {index + 1}" + (f" (line {line})" if line else "")
    code = tutorial.notebook.cells[index].source if 0 <= index < len(tutorial.notebook.cells) else ""
    quoted = "\n".join(f"    {text}" for text in code.splitlines()[:12])
    return f"{where} {reason}\n{quoted}".rstrip()


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
