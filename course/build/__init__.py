"""Execute and cache the course's lessons. Knows nothing of MkDocs or of what the lessons teach."""

from course.build.errors import BuildFailed, CellError, SourceError, TutorialError
from course.build.runner import BuildReport, BuildSettings, LessonResult, build_lessons

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
