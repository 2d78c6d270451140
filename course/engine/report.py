"""The per-lesson execution-time table that the site publishes, as sphinx-gallery does for its examples."""

from __future__ import annotations

from collections.abc import Callable

from course.engine.runner import BuildReport
from course.engine.wording import words


def timings_markdown(report: BuildReport, link: Callable[[str], str], language: str = "en") -> str:
    """A Markdown page with one row per lesson, slowest first; ``link(name)`` gives a lesson's page path."""
    rows = sorted(report.results, key=lambda result: -result.seconds)
    total = sum(result.seconds for result in rows)
    say = words(language)
    lines = [
        f"# {say['times.title']}",
        "",
        say["times.intro"],
        "",
        f"| {say['table.lesson']} | {say['times.source']} | {say['times.time']} |",
        "| --- | --- | ---: |",
    ]
    for result in rows:
        tutorial = result.tutorial
        seconds = say["times.seconds"].format(seconds=result.seconds)  # the unit the total is in, too
        lines.append(f"| [{tutorial.title}]({link(tutorial.name)}) | `{tutorial.path.name}` | {seconds} |")
    lines += ["", say["times.total"].format(total=total, count=len(rows))]
    return "\n".join(lines) + "\n"
