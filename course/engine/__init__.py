"""Execute and cache the course's lessons. Knows nothing of MkDocs or of what the lessons teach."""

from course.engine.errors import BuildFailed, CellError, SourceError, TutorialError
from course.engine.runner import BuildReport, BuildSettings, LessonResult, build_lessons

__all__ = [
    "BuildFailed",
    "BuildReport",
    "BuildSettings",
    "CellError",
    "LessonResult",
    "SourceError",
    "TutorialError",
    "build_lessons",
]
