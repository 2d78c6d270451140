"""The helper package as a reader installs it: quiet TensorFlow from the first cell, and (marker `learner`) the
whole install from what the site publishes, reproducing the site's outputs."""

from __future__ import annotations

import os
import subprocess
import sys

import course
from course.engine.execute import KERNEL_ENVIRONMENT


def test_the_package_sets_the_build_kernels_tensorflow_environment():
    assert course.QUIET_TENSORFLOW, "the package quiets TensorFlow"
    assert {name: KERNEL_ENVIRONMENT[name] for name in course.QUIET_TENSORFLOW} == course.QUIET_TENSORFLOW


def test_importing_the_package_sets_defaults_and_keeps_the_readers_own_values():
    probe = "import os, course; print(os.environ['TF_CPP_MIN_LOG_LEVEL'], os.environ['TF_DETERMINISTIC_OPS'])"
    environment = {name: value for name, value in os.environ.items() if not name.startswith(("TF_", "GRPC_"))}
    environment["TF_CPP_MIN_LOG_LEVEL"] = "1"
    result = subprocess.run([sys.executable, "-c", probe], env=environment, capture_output=True, text=True,
                            check=True)
    assert result.stdout.split() == ["1", "1"]
