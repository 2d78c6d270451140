from pathlib import Path

import pytest

from course.engine.settings import BuildSettings, SettingsError, mkdocs_options, project_root


@pytest.fixture
def clean_environment(monkeypatch):
    for name in ("COURSE_JOBS", "COURSE_TIMEOUT", "COURSE_FRESH", "COURSE_OUTPUT_LIMIT"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_mkdocs_options_apply_and_the_environment_wins(tmp_path, clean_environment):
    configured = BuildSettings.for_project(tmp_path, {"jobs": 3, "timeout": 42, "fresh": True, "output_limit": 10})
    assert (configured.jobs, configured.timeout, configured.fresh, configured.output_limit) == (3, 42, True, 10)
    clean_environment.setenv("COURSE_JOBS", "1")
    clean_environment.setenv("COURSE_FRESH", "no")
    configured = BuildSettings.for_project(tmp_path, {"jobs": 3, "fresh": True})
    assert (configured.jobs, configured.fresh) == (1, False)


def test_every_folder_is_under_the_project_root_whatever_the_working_directory(tmp_path, clean_environment):
    clean_environment.chdir(tmp_path)
    configured = BuildSettings.for_project(Path("."))
    for folder in (configured.cache_dir, configured.output_dir, configured.source_dir, configured.work_dir):
        assert folder.is_absolute() and folder.is_relative_to(tmp_path.resolve())


@pytest.mark.parametrize(
    ("variable", "value", "accepts"),
    [
        ("COURSE_JOBS", "abc", "a whole number of kernels, 1 or more"),
        ("COURSE_JOBS", "0", "a whole number of kernels, 1 or more"),
        ("COURSE_JOBS", "-1", "a whole number of kernels, 1 or more"),
        ("COURSE_TIMEOUT", "-5", "a whole number of seconds, 1 or more"),
        ("COURSE_TIMEOUT", "0", "a whole number of seconds, 1 or more"),
        ("COURSE_TIMEOUT", "2.5", "a whole number of seconds, 1 or more"),
        ("COURSE_FRESH", "maybe", "1/true/yes/on or 0/false/no/off"),
        ("COURSE_OUTPUT_LIMIT", "lots", "a whole number of bytes, 1 or more"),
    ],
)
def test_an_invalid_variable_gets_one_sentence_naming_it(tmp_path, clean_environment, variable, value, accepts):
    clean_environment.setenv(variable, value)
    with pytest.raises(SettingsError) as caught:
        BuildSettings.for_project(tmp_path)
    assert str(caught.value) == f"{variable}={value!r} is invalid; it accepts {accepts}."


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"jobs": 0}, "mkdocs.yml: 'course: jobs: 0' is invalid; it accepts a whole number of kernels, 1 or more."),
        ({"timeout": True}, "mkdocs.yml: 'course: timeout: True' is invalid; it accepts a whole number of seconds, 1 or more."),
        ({"fresh": "sometimes"}, "mkdocs.yml: 'course: fresh: sometimes' is invalid; it accepts 1/true/yes/on or 0/false/no/off."),
        ({"timout": 5}, "mkdocs.yml: 'course: timout' is not a setting; did you mean 'timeout'?"),
        ({"allowed_scripts": "x.js"}, "mkdocs.yml: 'course: allowed_scripts' accepts a list of site-relative paths."),
    ],
)
def test_an_invalid_mkdocs_option_gets_one_sentence(tmp_path, clean_environment, options, message):
    with pytest.raises(SettingsError) as caught:
        BuildSettings.for_project(tmp_path, options)
    assert str(caught.value) == message


def test_the_command_line_finds_the_project_and_its_options_from_a_subfolder(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: X\nextra:\n  course:\n    timeout: 7\nmarkdown_extensions:\n"
        "  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
    )
    (tmp_path / "docs").mkdir()
    assert project_root(tmp_path / "docs") == tmp_path
    assert mkdocs_options(tmp_path) == {"timeout": 7}
