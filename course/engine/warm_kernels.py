"""Kernels forked from a warm process: the libraries the lessons import are imported once per build, not once per
lesson.

A kernel that starts from nothing spends about 4 CPU-seconds importing TensorFlow and Keras before a lesson's
first line does any work; ten lessons pay that ten times. Here a build starts one server process (see
kernel_server.py) in the environment and folder its kernels get, it imports the third-party modules the lessons'
code imports, and every kernel is a fork of it: a fresh process with those modules already loaded and nothing
else. The server imports only installed libraries, never the project's own code: each kernel imports that itself,
when and as the lesson does, reading the project's files as they are when the lesson runs. A live preview
keeps its server from one rebuild to the next (course.engine.runner.KeptKernelServer).

Only for the standard ipykernel kernel spec (``python -m ipykernel_launcher``) on Linux; anything else starts
its kernels the usual way. The server's environment must equal the kernel's: the first kernel's environment
and working directory start the server, and a kernel asking for another environment is started the usual way.
"""

from __future__ import annotations

import ast
import asyncio
import json
import logging
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

import nbformat
from jupyter_client.provisioning import LocalProvisioner

SERVER_SCRIPT = Path(__file__).with_name("kernel_server.py")
LAUNCHER = ["-m", "ipykernel_launcher"]  # what the standard kernel spec runs after its Python
SERVER_START_TIMEOUT = 600  # seconds to import the libraries: a busy machine is slow


engine_log = logging.getLogger("course.engine")


class KernelServerError(RuntimeError):
    """The server could not fork a kernel; the message ends with its log."""


def imported_modules(notebooks: Iterable[nbformat.NotebookNode]) -> list[str]:
    """The modules the notebooks' code cells import at top level, in order of first appearance.

    Cells that are not plain Python (IPython magics, shell escapes) are read without those lines.
    """
    names: dict[str, None] = {}
    for notebook in notebooks:
        for cell in notebook.cells:
            if cell.cell_type != "code":
                continue
            for node in _parse(cell.source).body:
                if isinstance(node, ast.Import):
                    names.update((alias.name, None) for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    names[node.module] = None
    return list(names)


def _parse(source: str) -> ast.Module:
    try:
        return ast.parse(source)
    except SyntaxError:
        python = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!")))
        try:
            return ast.parse(python)
        except SyntaxError:
            return ast.Module(body=[], type_ignores=[])


class WarmKernels:
    """One build's kernel server: started with the first kernel, closed by ``close`` (or ``async with``)."""

    def __init__(self, modules: Iterable[str] = ()):
        self.modules = list(modules)
        # A plain process, not an asyncio one: a live preview keeps the server from one build (one event loop) to
        # the next (see course.engine.runner.KeptKernelServer).
        self._server: subprocess.Popen | None = None
        self._started_with: tuple | None = None
        self._folder: tempfile.TemporaryDirectory | None = None
        self._lock: asyncio.Lock | None = None
        self._lock_loop: asyncio.AbstractEventLoop | None = None

    async def __aenter__(self) -> WarmKernels:
        return self

    async def __aexit__(self, *exc) -> None:
        self.close()

    @staticmethod
    def supported(cmd: list[str]) -> bool:
        """Whether a kernel command can be served: the standard ipykernel spec, on Linux."""
        return sys.platform == "linux" and hasattr(os, "fork") and cmd[1:3] == LAUNCHER

    async def fork(self, cmd: list[str], *, env: dict[str, str], cwd: str, log_path: str) -> int | None:
        """Start the kernel ``cmd`` as a fork of the server; its pid, or None when it must be started the usual
        way (unsupported command, or an environment other than the server's)."""
        if not self.supported(cmd):
            return None
        loop = asyncio.get_running_loop()
        if self._lock is None or self._lock_loop is not loop:  # an asyncio lock serves one event loop
            self._lock, self._lock_loop = asyncio.Lock(), loop
        async with self._lock:
            if self._server is None and self._folder is None:
                await self._start(cmd[0], env, str(cwd))
        if self._server is None or _launch_identity(cmd[0], env, cwd) != self._started_with:
            return None
        try:
            reader, writer = await asyncio.open_unix_connection(self._socket_path)
            writer.write(json.dumps({"args": cmd[3:], "log": log_path}).encode() + b"\n")
            await writer.drain()
            reply = await reader.readline()
            writer.close()
            return int(json.loads(reply)["pid"])
        except (OSError, ValueError, KeyError) as error:
            raise KernelServerError(f"the kernel server could not start a kernel ({error}){self._log_tail()}") from None

    @property
    def _socket_path(self) -> str:
        assert self._folder is not None
        return os.path.join(self._folder.name, "server.sock")

    async def _start(self, python: str, env: dict[str, str], cwd: str) -> None:
        """Start the server; if it cannot start, say so once and leave every kernel to start the usual way."""
        self._folder = tempfile.TemporaryDirectory(prefix="course-kernels-")
        log = open(os.path.join(self._folder.name, "server.log"), "wb")
        try:
            self._server = subprocess.Popen(
                [python, str(SERVER_SCRIPT), self._socket_path, *self.modules],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                env=env, cwd=cwd, start_new_session=True,  # Ctrl-C reaches the build, which stops the server
            )
        except OSError as error:
            engine_log.warning("The kernel server could not start (%s: %s); kernels start the usual way.",
                               python, error.strerror or error)
            return
        finally:
            log.close()
        assert self._server.stdout is not None
        reading = asyncio.get_running_loop().run_in_executor(None, self._server.stdout.readline)
        try:
            line, problem = await asyncio.wait_for(reading, SERVER_START_TIMEOUT), "stopped"
        except asyncio.TimeoutError:  # the reading thread ends when the server is stopped below
            line, problem = b"", f"was not ready after {SERVER_START_TIMEOUT} s"
        if line.strip() != b"ready":
            engine_log.warning("The kernel server %s while importing the lessons' libraries; kernels start "
                               "the usual way.%s", problem, self._log_tail())
            self._stop_server()
            return
        self._started_with = _launch_identity(python, env, cwd)

    def _log_tail(self, lines: int = 5) -> str:
        if self._folder is None:
            return ""
        try:
            text = Path(self._folder.name, "server.log").read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            return ""
        return ("\n  kernel server log: " + " | ".join(text.splitlines()[-lines:])) if text else ""

    def close(self) -> None:
        """Stop the server (the kernels are the engine's to stop) and remove its socket."""
        self._stop_server()
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None

    @property
    def running(self) -> bool:
        """Whether the server is up and can fork kernels."""
        return self._server is not None and self._server.poll() is None

    def _stop_server(self) -> None:
        server, self._server = self._server, None
        if server is not None and server.poll() is None:
            assert server.stdin is not None
            server.stdin.close()  # the server's signal to exit
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        if server is not None and server.stdout is not None:
            server.stdout.close()


def _launch_identity(python: str, env: dict[str, str], cwd: str) -> tuple:
    """What a kernel forked from the server must share with it: the Python, the folder and the environment."""
    return python, str(cwd), tuple(sorted(env.items()))


class ForkedKernelProvisioner(LocalProvisioner):
    """jupyter_client's local provisioner, but the kernel process is forked by a WarmKernels server."""

    warm: WarmKernels | None = None

    async def launch_kernel(self, cmd: list[str], **kwargs):
        log_path = getattr(kwargs.get("stderr"), "name", None)  # the kernel's log file, which the fork reopens
        pid = None
        if self.warm is not None and isinstance(log_path, str):
            pid = await self.warm.fork(cmd, env=kwargs["env"], cwd=kwargs.get("cwd") or os.getcwd(), log_path=log_path)
        if pid is None:
            return await super().launch_kernel(cmd, **kwargs)
        self.process = ForkedProcess(pid)
        self.pid = self.pgid = pid  # the kernel leads its own process group
        self.cwd = kwargs.get("cwd")
        return self.connection_info


class ForkedProcess:
    """What jupyter_client uses of subprocess.Popen, for a kernel that is the server's child, not ours."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None and not _running(self.pid):
            self.returncode = 0  # the server reaps its kernels; the exit status is not ours to read
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError(f"kernel {self.pid} still running")
            time.sleep(0.05)
        return self.returncode or 0

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


def _running(pid: int) -> bool:
    """Whether the process exists and has not exited (a zombie waiting for its parent counts as exited)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            state = stat.read().rsplit(b")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in (b"Z", b"X")
