"""Command line: build the lessons without MkDocs and, on request, print a lesson's outputs as text.

    python -m course.engine                 # bring every lesson's executed notebook up to date (uses the cache)
    python -m course.engine --fresh         # ignore the cache
    python -m course.engine --show 02       # then print the outputs of lessons whose names start with 02
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

from course.engine import BuildFailed, BuildSettings, TutorialError, build_lessons
from course.engine.drift import last_report
from course.engine.settings import mkdocs_options, project_root, read_environment


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course.engine", description=__doc__.splitlines()[0])
    parser.add_argument("--fresh", action="store_true", help="execute every lesson, ignoring the cache")
    parser.add_argument("--jobs", help="kernels to run at once (default: one per core)")
    parser.add_argument("--show", metavar="PREFIX", action="append", default=[],
                        help="print the cells and outputs of lessons whose names start with PREFIX")
    parser.add_argument("--drift", action="store_true",
                        help="print which cells' outputs changed in the last build that re-executed lessons; "
                             "builds nothing")
    args = parser.parse_args(argv)
    if args.drift:
        root = project_root(Path.cwd())
        lines = last_report(BuildSettings.for_project(root, mkdocs_options(root)).cache_dir)
        print("\n".join(lines) if lines else "No build has re-executed a lesson it had executed before.")
        return 0
    overrides = {"fresh": True} if args.fresh else {}
    status = 0
    try:
        if args.jobs is not None:
            overrides.update(read_environment({"COURSE_JOBS": args.jobs}))  # the same check as the variable's
        root = project_root(Path.cwd())
        settings = BuildSettings.for_project(root, mkdocs_options(root), **overrides)
        results = build_lessons(settings).results
    except BuildFailed as error:
        print(error, file=sys.stderr)
        results, status = error.results, 1
    except TutorialError as error:
        print(error, file=sys.stderr)
        return 1
    for result in results:
        if any(result.tutorial.name.startswith(prefix) for prefix in args.show):
            print(notebook_as_text(nbformat.read(result.notebook_path, as_version=4)))
    return status


def notebook_as_text(notebook: nbformat.NotebookNode) -> str:
    """A plain-text view of cells and outputs, for authors reading what a lesson printed."""
    parts = []
    for number, cell in enumerate(notebook.cells, start=1):
        tags = cell.metadata.get("tags", [])
        parts.append(f"----- cell {number} [{cell.cell_type}]{' tags=' + ','.join(tags) if tags else ''}")
        parts.append(cell.source)
        for output in cell.get("outputs", []):
            if output.output_type == "stream":
                parts.append(f">>> {output.name}:\n{output.text.rstrip()}")
            elif output.output_type == "error":
                parts.append(f">>> error: {output.ename}: {output.evalue}")
            else:
                data = output.get("data", {})
                alt = output.get("metadata", {}).get("image/png", {}).get("alt") or output.get("metadata", {}).get("alt")
                kinds = ", ".join(sorted(data))
                text = data.get("text/plain", "")
                parts.append(f">>> {output.output_type} [{kinds}]" + (f" alt={alt!r}" if alt else "") + f"\n{text}")
    return "\n".join(parts)


if __name__ == "__main__":
    sys.exit(main())
