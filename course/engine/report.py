"""The per-lesson execution-time table that the site publishes, as sphinx-gallery does for its examples."""

from __future__ import annotations

from collections.abc import Callable

from course.engine.runner import BuildReport


def timings_markdown(report: BuildReport, link: Callable[[str], str]) -> str:
    """A Markdown page with one row per lesson, slowest first; ``link(name)`` gives a lesson's page path."""
    rows = sorted(report.results, key=lambda result: -result.seconds)
    total = sum(result.seconds for result in rows)
    lines = [
        "# Execution times",
        "",
        "Every lesson on this site is a program that ran while the site was built. "
        "This table shows how long each took to execute on the build machine, slowest first.",
        "",
        "| Lesson | Source | Execution time |",
        "| --- | --- | ---: |",
    ]
    for result in rows:
        tutorial = result.tutorial
        lines.append(f"| [{tutorial.title}]({link(tutorial.name)}) | `{tutorial.path.name}` | {result.seconds:.1f} s |")
    lines += ["", f"Total: {total:.1f} s of execution for {len(rows)} lessons."]
    return "\n".join(lines) + "\n"
