"""The helper package readers download holds what pyproject.toml declares and git tracks, and nothing else."""

from __future__ import annotations

import io
import re
import subprocess
import tomllib
import zipfile
from pathlib import Path

from course.engine.downloads import package_archive
from course.engine.package_files import package_files
from tests.conftest import PROJECT_ROOT

PYPROJECT = """\
[project]
name = "helpers"
version = "1"
[tool.setuptools.packages.find]
include = ["course*"]
exclude = ["course.engine", "course.engine.*"]
[tool.setuptools.package-data]
course = ["data/*.csv"]
"""


def make_project(root: Path) -> Path:
    files = {
        "pyproject.toml": PYPROJECT,
        "setup.py": "from setuptools import setup\nsetup()\n",
        "course/__init__.py": "",
        "course/data/__init__.py": "",
        "course/data/table.csv": "a\n1\n",
        "course/engine/__init__.py": "",
        "course/engine/build.py": "BUILD = True\n",
        "tests/__init__.py": "",
        "tests/test_x.py": "",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def archive_names(root: Path) -> list[str]:
    return zipfile.ZipFile(io.BytesIO(package_archive(root))).namelist()


def test_only_declared_packages_and_data_are_selected_without_git(tmp_path):
    root = make_project(tmp_path / "project")
    (root / "course" / "notes.txt").write_text("not package data")
    assert [path.relative_to(root).as_posix() for path in package_files(root)] == [
        "course/__init__.py", "course/data/__init__.py", "course/data/table.csv", "pyproject.toml", "setup.py",
    ]


def test_planted_secrets_swap_files_and_untracked_files_never_reach_the_archive(tmp_path):
    root = make_project(tmp_path / "project")
    git(root, "init", "-q")
    git(root, "add", ".")
    (root / "course" / ".env").write_text("API_TOKEN=s3cr3t\n")
    (root / "course" / ".__init__.py.swp").write_bytes(b"b0VIM 9.0")
    (root / "course" / "data" / "written_by_a_lesson.csv").write_text("x\n2\n")  # declared pattern, untracked
    (root / "course" / "scratch.py").write_text("print('untracked')\n")
    names = archive_names(root)
    assert names == ["course-helpers/course/__init__.py", "course-helpers/course/data/__init__.py",
                     "course-helpers/course/data/table.csv", "course-helpers/pyproject.toml",
                     "course-helpers/setup.py"]
    assert all(b"s3cr3t" not in zipfile.ZipFile(io.BytesIO(package_archive(root))).read(name) for name in names)


def test_the_real_archive_is_the_learners_package_without_the_build_engine():
    names = archive_names(PROJECT_ROOT)
    assert "course-helpers/pyproject.toml" in names and "course-helpers/course/__init__.py" in names
    assert "course-helpers/course/data/concrete.csv" in names
    assert not [name for name in names if "/course/engine/" in name or "__pycache__" in name]
    assert not [name for name in names if Path(name).name.startswith(".")]


def test_the_package_has_its_own_name_and_the_runtime_pins_of_requirements_txt():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    assert project["name"] not in ("course", "course-helpers") and "course" in project["name"]
    pins = {line.split(";")[0].strip(): line.strip() for line in (PROJECT_ROOT / "requirements.txt").read_text().splitlines()
            if "==" in line and not line.startswith("#")}
    for requirement in project["dependencies"]:
        pin = requirement.split(";")[0].strip()
        assert pin in pins, f"{pin} is not pinned in requirements.txt"
        assert requirement.replace("'", '"') == pins[pin], f"{requirement} differs from requirements.txt's {pins[pin]}"


def pythons_a_library_installs_on(name: str) -> set[str]:
    """The Python versions 3.8 to 3.16 that the installed library ``name`` accepts: its Requires-Python, and for a
    compiled library (whose wheels exist only for the versions it was built for) the versions its classifiers list.
    A pure-Python library's classifiers are only what its authors tested, so they do not narrow it."""
    from importlib import metadata

    from packaging.specifiers import SpecifierSet

    found = metadata.distribution(name)
    accepted = SpecifierSet(found.metadata["Requires-Python"] or "")
    versions = {f"3.{minor}" for minor in range(8, 17) if f"3.{minor}" in accepted}
    compiled = "Root-Is-Purelib: false" in (found.read_text("WHEEL") or "")
    listed = {classifier.rsplit(" ", 1)[-1] for classifier in found.metadata.get_all("Classifier") or []
              if classifier.startswith("Programming Language :: Python :: 3.")}
    return versions & listed if compiled and listed else versions


def test_the_package_admits_the_pythons_all_its_pins_install_on_and_the_home_pages_name_them():
    """pip refuses the package on another Python with one clear line, instead of failing to find a pinned library;
    the home pages' install steps name the same versions."""
    from packaging.requirements import Requirement
    from packaging.specifiers import SpecifierSet

    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    admitted = {f"3.{minor}" for minor in range(8, 17) if f"3.{minor}" in SpecifierSet(project["requires-python"])}
    every_pin = set(admitted)
    for line in project["dependencies"]:
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate():
            every_pin &= pythons_a_library_installs_on(requirement.name)
    assert admitted == every_pin, f"requires-python admits {sorted(admitted)}; the pins install on {sorted(every_pin)}"
    for page in ("docs/index.md", "docs/zh/index.md"):
        text = (PROJECT_ROOT / page).read_text(encoding="utf-8")
        install_steps = text.split("```sh\npython3 -m venv keras-course")[0].rstrip().rsplit("\n\n", 1)[-1]
        named = set(re.findall(r"\b3\.1\d\b", install_steps))
        assert named == admitted, f"{page} names Python {sorted(named)} before its install steps; {sorted(admitted)} work"
