"""How lessons are built: where they come from and go, and the knobs authors turn (jobs, timeout, fresh,
output_limit; allowed_scripts and language in ``mkdocs.yml`` only).

The knobs are read from a mapping (the ``extra: course:`` block of ``mkdocs.yml``) and then from the
``COURSE_JOBS``, ``COURSE_TIMEOUT``, ``COURSE_FRESH`` and ``COURSE_OUTPUT_LIMIT`` environment variables, which win.
Every value is validated; a bad one raises SettingsError with one sentence naming where it came from and what it
accepts.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from course.engine.errors import TutorialError

DEFAULT_TIMEOUT = 600
DEFAULT_OUTPUT_LIMIT = 2_000_000  # bytes of output one cell may publish
SOURCE_LANGUAGE = "en"  # the lessons are written, and executed, in English
EDITIONS = (SOURCE_LANGUAGE, "zh")  # the languages the site is published in
TRUE_WORDS = ("1", "true", "yes", "on")
FALSE_WORDS = ("0", "false", "no", "off", "")


class SettingsError(TutorialError):
    """A build setting has a value the build cannot use."""


@dataclass(frozen=True)
class BuildSettings:
    """Where lessons come from and go, and how they run. ``for_project`` applies mkdocs.yml and COURSE_* values."""

    source_dir: Path
    cache_dir: Path
    output_dir: Path  # executed notebooks with current prose, the files the site renders
    work_dir: Path  # the kernels' working directory and the project root that recorded paths are relative to
    packages: tuple[Path, ...] = ()  # project packages: what a lesson imports from them is part of its cache key
    dependencies: tuple[Path, ...] = ()  # files every lesson's key covers (requirements.txt)
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    timeout: int = DEFAULT_TIMEOUT
    fresh: bool = False  # ignore the cache (results are still stored)
    output_limit: int = DEFAULT_OUTPUT_LIMIT
    allowed_scripts: tuple[str, ...] = ()  # site-relative script sources an HTML output may load
    language: str = "en"  # the edition being built; any other than English reuses the English executions

    @property
    def translation_dir(self) -> Path | None:
        """Where this edition's translated lesson sources live (``tutorials_src/zh``), or None for English."""
        return None if self.language == SOURCE_LANGUAGE else self.source_dir / self.language

    @property
    def translation_output_dir(self) -> Path | None:
        """Where this edition's lesson notebooks are published (beside the English ones, never over them)."""
        return None if self.language == SOURCE_LANGUAGE else self.output_dir.parent / self.language / self.output_dir.name

    @classmethod
    def for_project(cls, root: Path, options: Mapping | None = None, **overrides) -> BuildSettings:
        """The project's layout under ``root`` (absolute, whatever the working directory), then ``options``
        (mkdocs.yml), then the COURSE_* environment, then ``overrides`` (the command line)."""
        root = Path(root).resolve()
        values = {
            "source_dir": root / "tutorials_src",
            "cache_dir": root / ".cache" / "tutorials",
            "output_dir": root / ".cache" / "executed" / "lessons",
            "work_dir": root,
            "packages": (root / "course",),
            "dependencies": (root / "requirements.txt",),
        }
        values.update(read_options(options or {}))
        values.update(read_environment(os.environ))
        values.update(overrides)
        return cls(**values)


# name in mkdocs.yml -> (environment variable, parser, what it accepts)
def _positive_int(text: str) -> int | None:
    try:
        value = int(str(text).strip())
    except ValueError:
        return None
    return value if value > 0 else None


def _boolean(text: str) -> bool | None:
    word = str(text).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


SETTINGS = {
    "jobs": ("COURSE_JOBS", _positive_int, "a whole number of kernels, 1 or more"),
    "timeout": ("COURSE_TIMEOUT", _positive_int, "a whole number of seconds, 1 or more"),
    "fresh": ("COURSE_FRESH", _boolean, "1/true/yes/on or 0/false/no/off"),
    "output_limit": ("COURSE_OUTPUT_LIMIT", _positive_int, "a whole number of bytes, 1 or more"),
}


def read_options(options: Mapping) -> dict:
    """Validate the ``extra: course:`` block of mkdocs.yml; unknown names are refused with a suggestion."""
    if not isinstance(options, Mapping):
        raise SettingsError("mkdocs.yml: 'extra: course:' must be a block of name: value settings.")
    values = {}
    for name, value in options.items():
        if name == "allowed_scripts":
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                raise SettingsError("mkdocs.yml: 'course: allowed_scripts' accepts a list of site-relative paths.")
            values[name] = tuple(value)
            continue
        if name == "language":
            if value not in EDITIONS:
                raise SettingsError(f"mkdocs.yml: 'course: language: {value}' is invalid; it accepts "
                                    f"{' or '.join(EDITIONS)}.")
            values[name] = value
            continue
        if name not in SETTINGS:
            known = [*SETTINGS, "allowed_scripts", "language"]
            close = difflib.get_close_matches(str(name), known, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"it accepts {', '.join(known)}."
            raise SettingsError(f"mkdocs.yml: 'course: {name}' is not a setting; {hint}")
        _, parse, accepts = SETTINGS[name]
        parsed = parse(value) if not isinstance(value, bool) or name == "fresh" else None
        if parsed is None:
            raise SettingsError(f"mkdocs.yml: 'course: {name}: {value}' is invalid; it accepts {accepts}.")
        values[name] = parsed
    return values


def read_environment(environment: Mapping[str, str]) -> dict:
    """The COURSE_* variables that are set, validated. An empty one is left out, except COURSE_FRESH, for which
    empty means false."""
    values = {}
    for name, (variable, parse, accepts) in SETTINGS.items():
        text = environment.get(variable)
        if text is None or (text.strip() == "" and name != "fresh"):
            continue
        parsed = parse(text)
        if parsed is None:
            raise SettingsError(f"{variable}={text!r} is invalid; it accepts {accepts}.")
        values[name] = parsed
    return values


def project_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` holding mkdocs.yml, so the cache lands in the same place
    whatever folder the command is run from."""
    for folder in [start, *start.parents]:
        if (folder / "mkdocs.yml").is_file():
            return folder
    return start


def mkdocs_options(root: Path) -> dict:
    """The ``extra: course:`` block of mkdocs.yml (the settings the site build uses), or nothing."""
    try:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_LenientLoader) or {}
    except (OSError, yaml.YAMLError):
        return {}
    return (config.get("extra") or {}).get("course") or {}


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing its !!python/... and !ENV tags (they become None)."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)
