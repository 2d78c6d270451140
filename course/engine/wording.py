"""The few sentences the build itself adds to pages (download buttons, generated tables, notices), per edition.

Lesson prose comes from the sources and hand-written pages from ``docs/``; these are the only words the engine
writes, so each edition has them in its own language. ``words(language)`` falls back to English.
"""

from __future__ import annotations

from types import MappingProxyType

_WORDS = {
    "en": {
        "downloads": "Downloads",
        "notebook": "Notebook (.ipynb)",
        "notebook.title": "The lesson as a Jupyter notebook, with its outputs",
        "source": "Source (.py)",
        "source.title": "The jupytext source the site executes",
        "exercise": "Exercise notebook",
        "exercise.title": "The exercise with its answers blanked, for you to fill in",
        "solution": "Solution",
        "block.code": "Code cell {number}",
        "block.output": "Output of code cell {number}",
        "block.output.alone": "Output",
        "block.message": "Message",
        "block.example": "Code example {number}",
        "copy": "Copy the code",
        "copied": "Copied",
        "permalink": "Permanent link",
        "table.number": "#",  # a screen reader names each number's column: an empty header named it nothing
        "table.lesson": "Lesson",
        "table.covers": "What it covers",
        "times.title": "Execution times",
        "times.intro": "Every lesson on this site is a program that ran while the site was built. "
                       "This table shows how long each took to execute on the build machine, slowest first.",
        "times.source": "Source",
        "times.time": "Execution time",
        "times.seconds": "{seconds:.1f} s",
        "times.total": "Total: {total:.1f} s of execution for {count} lessons.",
        "stale": "This lesson failed to build; the page shows the last version that did",
        "figure": "[figure: {text}]",
        "untranslated": "",
        "learner.language": "",
    },
    "zh": {
        "downloads": "下载",
        "notebook": "笔记本（.ipynb）",
        "notebook.title": "本课的 Jupyter 笔记本，带输出",
        "source": "源文件（.py）",
        "source.title": "本课中文版的 jupytext 源文件，代码取自网站执行的英文源文件",
        "exercise": "练习笔记本",
        "exercise.title": "答案已留空的练习，供你自己填写",
        "solution": "参考答案",
        "block.code": "代码单元格 {number}",
        "block.output": "代码单元格 {number} 的输出",
        "block.output.alone": "输出",
        "block.message": "消息",
        "block.example": "代码示例 {number}",
        "copy": "复制代码",
        "copied": "已复制",
        "permalink": "永久链接",
        "table.number": "序号",
        "table.lesson": "课程",
        "table.covers": "内容",
        "times.title": "执行时间",
        "times.intro": "本站每一课都是一个程序，在构建网站时实际运行过。下表列出每课在构建机器上的执行时间，"
                       "从慢到快排列。中文版与英文版展示的是同一次运行的输出。",
        "times.source": "源文件",
        "times.time": "执行时间",
        "times.seconds": "{seconds:.1f} 秒",
        "times.total": "合计：{count} 课共执行 {total:.1f} 秒。",
        "stale": "本课构建失败；本页显示的是最近一次构建成功的版本",
        "figure": "（图：{text}）",
        "untranslated": "本课还没有中文译文，下面是英文原文（代码和输出与中文版其他各课一样，来自同一次运行）。",
        "learner.language": "# 让练习的检查结果、提示和参考答案说明用中文显示\n"
                            "from course.exercises import set_language\n\nset_language(\"zh\")",
    },
}


def words(language: str) -> MappingProxyType:
    """The build's sentences in ``language`` (English for a language the course does not publish)."""
    return MappingProxyType(_WORDS.get(language, _WORDS["en"]))
