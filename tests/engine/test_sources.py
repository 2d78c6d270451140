from pathlib import Path

import pytest

from course.engine.errors import SourceError
from course.engine.sources import find_tutorials, read_tutorial

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "tutorials"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_title_description_and_cell_lines():
    tutorial = read_tutorial(FIXTURES / "01_first.py")
    assert tutorial.name == "01_first"
    assert tutorial.title == "First fixture"
    assert tutorial.description.startswith("A lesson that needs no TensorFlow")
    assert tutorial.cell_lines[:2] == (1, 5)
    lines = (FIXTURES / "01_first.py").read_text().splitlines()
    assert all(lines[line - 1].startswith("# %%") for line in tutorial.cell_lines)


def test_a_description_wrapped_over_lines_is_read_whole_up_to_the_blank_line(tmp_path):
    path = write(tmp_path, "01_a.py", "# %% [markdown]\n# # Title\n#\n# How `fit` lowers the loss: minibatches, and the\n"
                                      "# learning rate.\n#\n# The lesson's first paragraph.\n")
    assert read_tutorial(path).description == "How `fit` lowers the loss: minibatches, and the learning rate."


def test_chinese_wrapped_over_lines_joins_without_a_space(tmp_path):
    path = write(tmp_path, "01_a.py", "# %% [markdown]\n# # 标题\n# 损失函数、梯度下降，\n# 以及 Keras 的 `fit`。\n")
    assert read_tutorial(path).description == "损失函数、梯度下降，以及 Keras 的 `fit`。"


def test_finds_sources_in_reading_order(tmp_path):
    for name in ("02_b.py", "01_a.py", "notes.txt"):
        write(tmp_path, name, "")
    assert [path.name for path in find_tutorials(tmp_path)] == ["01_a.py", "02_b.py"]


def test_missing_folder_is_reported(tmp_path):
    with pytest.raises(SourceError, match="does not exist"):
        find_tutorials(tmp_path / "nowhere")


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("layers.py", "# %% [markdown]\n# # T\n# d\n", "must be named NN_topic.py"),
        ("01_Layers.py", "# %% [markdown]\n# # T\n# d\n", "must be named NN_topic.py"),
        ("01_a.py", "# %%\nprint(1)\n", "first cell must be a Markdown cell"),
        ("01_a.py", "# %% [markdown]\n# Title without hash\n# d\n", "must start with the lesson title"),
        ("01_a.py", "# %% [markdown]\n# # Title\n", "followed by a paragraph describing the lesson"),
        ("01_a.py", "# %% [markdown]\n# # Title\n# ## A heading, not a description\n", "followed by a paragraph"),
    ],
)
def test_invalid_sources_get_a_message_naming_the_file(tmp_path, name, text, message):
    path = write(tmp_path, name, text)
    with pytest.raises(SourceError) as caught:
        read_tutorial(path)
    assert message in str(caught.value)
    assert str(path) in str(caught.value)


def test_undecodable_source_is_reported(tmp_path):
    path = tmp_path / "01_a.py"
    path.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(SourceError, match="cannot read"):
        read_tutorial(path)
