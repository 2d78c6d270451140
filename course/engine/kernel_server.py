"""The process lessons' kernels are forked from: it imports the lessons' libraries once, then forks a kernel per
lesson, so ten lessons pay for importing TensorFlow and Keras (about 4 CPU-seconds) once instead of ten times.

Run as a script by course.engine.warm_kernels, never imported, so that it holds none of the project's own
modules: each kernel imports those itself, as the lesson does. The server is started in exactly the environment
and working directory a kernel would get. It reads the names of the modules to import from its arguments,
imports those that are installed libraries (standard library or site-packages), prints ``ready``, and then serves
fork requests on a Unix socket: one JSON line ``{"args": [...], "log": path}`` answered with ``{"pid": N}``. It
exits when its standard input closes, that is when the build that started it ends or dies.
"""

import builtins
import importlib
import importlib.util
import json
import os
import selectors
import signal
import site
import socket
import sys
import sysconfig
import traceback

# A kernel started as `python -m ipykernel_launcher` does not have the launcher's folder on its path; this
# script's folder (course/engine) must not be there either, or a lesson could import the engine's modules by
# their bare names. IPython puts the working directory back when the kernel starts, as it always does.
del sys.path[0]


def preload(names: list[str]) -> None:
    """Import each named module that is an installed library (never the project's own code); a module that
    cannot be imported is left for the lesson to import, so its error appears where the lesson imports it."""
    # ipykernel sets this when a kernel starts; set first, matplotlib imported here chooses the same backend.
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    # Some libraries choose defaults at import time by asking IPython's get_ipython() whether they run in a
    # Jupyter kernel (pandas shows 20 columns of a table there, but as many as fit a terminal elsewhere). Every
    # process forked from here will be a kernel, so while importing, get_ipython() answers as a kernel's does.
    builtins.get_ipython = _KernelToBe
    roots = _installed_roots()
    try:
        for name in ["ipykernel.kernelapp", *names]:
            try:
                if _installed(name, roots):
                    importlib.import_module(name)
            except Exception:  # any failure is the lesson's to report, with its own line
                continue
    finally:
        del builtins.get_ipython


class _KernelToBe:
    """What get_ipython() returns while the server imports: a shell that belongs to a kernel."""

    kernel = None
    config = {"IPKernelApp": {}}


def _installed_roots() -> tuple[str, ...]:
    """The folders installed libraries live in: the standard library's and site-packages."""
    roots = {sysconfig.get_path("stdlib"), sysconfig.get_path("platstdlib"), *site.getsitepackages(),
             sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    return tuple(os.path.realpath(root) + os.sep for root in roots if root)


def _installed(name: str, roots: tuple[str, ...]) -> bool:
    """Whether the module's top-level package lies in one of ``roots`` (asking where it is imports nothing, as
    only the top-level name is looked up)."""
    spec = importlib.util.find_spec(name.partition(".")[0])
    if spec is None:
        return False
    places = [spec.origin] if spec.origin and spec.has_location else list(spec.submodule_search_locations or [])
    return bool(places) and all(os.path.realpath(place).startswith(roots) for place in places)


def run_kernel(args: list[str], log_path: str, server_pid: int) -> None:
    """In the forked child: become a kernel exactly as `python -m ipykernel_launcher ARGS` would, then exit."""
    code = 1
    try:
        os.setsid()  # its own process group, as jupyter_client starts kernels: the engine kills the whole group
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # the kernel waits for its own subprocesses
        with open(os.devnull, "rb") as null_in, open(os.devnull, "wb") as null_out, open(log_path, "ab") as log:
            os.dup2(null_in.fileno(), 0)
            os.dup2(null_out.fileno(), 1)
            os.dup2(log.fileno(), 2)
        os.environ["JPY_PARENT_PID"] = str(server_pid)
        sys.argv = [importlib.util.find_spec("ipykernel_launcher").origin, *args]
        from ipykernel import kernelapp

        # The kernel exits if this server goes away (it does when the build ends or dies).
        kernelapp.launch_new_instance(argv=[*args, f"--IPKernelApp.parent_handle={server_pid}"])
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except BaseException:
        traceback.print_exc()
    finally:
        import atexit

        atexit._run_exitfuncs()  # what a process that ends normally runs, without unwinding the server's frames
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def serve(socket_path: str) -> None:
    server_pid = os.getpid()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # kernels are reaped as they exit, no zombies
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(socket_path)
    listener.listen(16)
    events = selectors.DefaultSelector()
    events.register(listener, selectors.EVENT_READ)
    events.register(sys.stdin, selectors.EVENT_READ)
    print("ready", flush=True)
    while True:
        for key, _ in events.select():
            if key.fileobj is sys.stdin:
                if not sys.stdin.buffer.read1(4096):  # the engine closed the pipe or died
                    return
                continue
            connection, _ = listener.accept()
            with connection, connection.makefile("rwb") as stream:
                request = json.loads(stream.readline())
                pid = os.fork()
                if pid == 0:
                    events.close()
                    listener.close()
                    connection.close()
                    run_kernel(request["args"], request["log"], server_pid)
                stream.write(json.dumps({"pid": pid}).encode() + b"\n")
                stream.flush()


if __name__ == "__main__":
    preload(sys.argv[2:])
    serve(sys.argv[1])
