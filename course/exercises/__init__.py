"""Exercise checking for the course: the ``____`` blank, ``Question`` and the ``CheckResult`` it returns.

Exercises live in submodules (``course.exercises.deep_neural_networks``) and declare their questions as data;
``check()`` never raises and returns a result that shows itself in Jupyter and in a terminal.
"""

from course.exercises.placeholder import ____, is_blank
from course.exercises.question import MISSING, Question
from course.exercises.result import CORRECT, INCORRECT, NOT_ATTEMPTED, CheckResult, Hint, Solution

__all__ = [
    "CORRECT",
    "INCORRECT",
    "MISSING",
    "NOT_ATTEMPTED",
    "CheckResult",
    "Hint",
    "Question",
    "Solution",
    "____",
    "is_blank",
]
