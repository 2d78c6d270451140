"""Adds one file to the helper package's wheel; pyproject.toml declares everything else.

``course_helpers.pth`` sits beside the package in site-packages, and Python runs its ``import course`` line at
start-up. That sets TensorFlow's quiet logging defaults (see course/__init__.py) before a notebook's first cell
imports TensorFlow, which a plain import of ``course`` placed after ``import keras`` would be too late for.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

STARTUP_FILE = "course_helpers.pth"


class BuildWithStartupFile(build_py):
    def run(self) -> None:
        super().run()
        Path(self.build_lib, STARTUP_FILE).write_text("import course\n", encoding="utf-8")


setup(cmdclass={"build_py": BuildWithStartupFile})
