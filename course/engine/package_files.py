"""Which files make up the helper package readers download: exactly what pyproject.toml declares, and, in a git
checkout, only files git tracks. Whatever else lies in the folder (a ``.env``, an editor's swap file, a file a lesson
wrote) is never published.
"""

from __future__ import annotations

import fnmatch
import subprocess
import tomllib
from pathlib import Path

BUILD_FILES = ("pyproject.toml", "setup.py")  # what pip needs to build the package from the archive


def package_files(project_root: Path) -> list[Path]:
    """The build files and the declared files of the declared packages, sorted, that git tracks (where it can say)."""
    with open(project_root / "pyproject.toml", "rb") as file:
        setuptools = tomllib.load(file).get("tool", {}).get("setuptools", {})
    found = setuptools.get("packages", {}).get("find", {}) if isinstance(setuptools.get("packages"), dict) else {}
    include, exclude = found.get("include", ["*"]), found.get("exclude", [])
    package_data = setuptools.get("package-data", {})
    declared = {project_root / name for name in BUILD_FILES if (project_root / name).is_file()}
    top_level = [path for path in project_root.iterdir() if (path / "__init__.py").is_file()]
    for package_dir in sorted(init.parent for top in top_level for init in top.rglob("__init__.py")):
        dotted = ".".join(package_dir.relative_to(project_root).parts)
        if not _matches(dotted, include) or _matches(dotted, exclude):
            continue
        declared.update(path for path in package_dir.glob("*.py") if path.is_file())
        for pattern in package_data.get(dotted, []) + package_data.get("*", []):
            declared.update(path for path in package_dir.glob(pattern) if path.is_file())
    tracked = _tracked(project_root)
    return sorted(path for path in declared if tracked is None or path in tracked)


def _matches(dotted: str, patterns: list[str]) -> bool:
    return bool(dotted) and any(fnmatch.fnmatchcase(dotted, pattern) for pattern in patterns)


def _tracked(project_root: Path) -> set[Path] | None:
    """The files git tracks under ``project_root``, or None outside a git checkout (or without git)."""
    try:
        listed = subprocess.run(["git", "-C", str(project_root), "ls-files", "-z"], capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return {project_root / name for name in listed.stdout.decode("utf-8").split("\0") if name}
