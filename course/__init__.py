"""Helpers for the Deep Neural Networks course: the data, plots and exercise checker the lessons import.

Importing the package quiets TensorFlow's C++ logging the way the site's build does, unless the environment already
says otherwise. The installed package imports it at interpreter start-up (``course_helpers.pth``), so a notebook
gets these before its first ``import keras``; variables set later than TensorFlow's import would be ignored.
"""

import os

# The same values the build's kernels get (course/engine/execute.py); a test keeps the two in step.
QUIET_TENSORFLOW = {
    "TF_CPP_MIN_LOG_LEVEL": "3",  # no INFO or WARNING lines from TensorFlow's C++ side
    "TF_ENABLE_ONEDNN_OPTS": "0",  # no oneDNN notice, and the numbers the site shows
    "TF_DETERMINISTIC_OPS": "1",  # the same numbers on every run
    "GRPC_VERBOSITY": "ERROR",
}

for _name, _value in QUIET_TENSORFLOW.items():
    os.environ.setdefault(_name, _value)
