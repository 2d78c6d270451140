"""The language the course's displayed objects speak: English (``"en"``) or Simplified Chinese (``"zh"``).

``set_language`` chooses it for this process; without a call, the environment variable ``COURSE_LANGUAGE``
decides when it names one of ``LANGUAGES``, and English otherwise. Objects that show themselves carry every
language and ask ``current_language()`` only at the moment they are shown.
"""

from __future__ import annotations

import os

__all__ = ["ENVIRONMENT_VARIABLE", "HTML_TAGS", "LANGUAGES", "current_language", "set_language"]

LANGUAGES = ("en", "zh")
ENVIRONMENT_VARIABLE = "COURSE_LANGUAGE"
# The tag HTML marks each language with (a page's <html lang>, an element's lang): plain "zh" says Chinese in
# any script, "zh-Hans" says Simplified Chinese, the script the course is written in.
HTML_TAGS = {"en": "en", "zh": "zh-Hans"}

_chosen: str | None = None


def set_language(code: str) -> None:
    """Show everything from now on in ``code``, one of ``LANGUAGES``; anything else raises ``ValueError``."""
    global _chosen
    if not isinstance(code, str) or code not in LANGUAGES:
        raise ValueError(
            f'set_language accepts "en" (English) or "zh" (Simplified Chinese), not {code!r}.'
        )
    _chosen = code


def current_language() -> str:
    """The last ``set_language`` code; else ``COURSE_LANGUAGE`` when it names a language; else ``"en"``."""
    if _chosen is not None:
        return _chosen
    from_environment = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    return from_environment if from_environment in LANGUAGES else "en"
