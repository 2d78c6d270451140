"""Execute, cache and render the course's lessons. Imports nothing from MkDocs (it reads ``mkdocs.yml`` as YAML) and
knows nothing of what the lessons teach."""

from course.engine.errors import BuildFailed, CellError, SourceError, TutorialError
from course.engine.runner import BuildReport, LessonResult, build_lessons
from course.engine.settings import BuildSettings, SettingsError

__all__ = [
    "BuildFailed",
    "BuildReport",
    "BuildSettings",
    "CellError",
    "LessonResult",
    "SettingsError",
    "SourceError",
    "TutorialError",
    "build_lessons",
]
