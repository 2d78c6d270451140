"""Which lines of a lesson's code a page leaves out: the glue statements, which only feed the page's prose.

A lesson records the numbers its prose quotes with ``glue("name", value)`` (from ``course.glue``). Such a
statement computes nothing the lesson goes on to use, and the prose already shows its value, so on the page it
is bookkeeping between the lines a reader came for. The downloaded notebook and source keep every line.
"""

from __future__ import annotations

import ast
import re

# The import of glue, alone on its line, with or without a comment after it (the lessons say what glue is for).
GLUE_IMPORT = re.compile(r"from course\.glue import glue\s*(#.*)?")


def glue_statement_lines(code: str, *, with_import: bool = False) -> set[int]:
    """The 1-based lines of ``code`` held by its statements ``glue(...)`` that record a value without showing it
    (no ``display=True``), at any depth, and by the loops and conditionals that hold nothing else, with the
    whole-line comments right above them, which speak of them; with ``with_import``, also the lines that import
    ``glue``. Plus the blank lines that leaving them out would leave at either end of the code or next to another
    blank line. Empty when ``code`` does not parse or holds none."""
    try:
        statements = ast.parse(code).body
    except SyntaxError:
        return set()
    lines = code.splitlines()
    left_out = _glue_lines(statements)
    left_out |= _comments_above(lines, left_out)
    if with_import:
        left_out |= {number for number, line in enumerate(lines, start=1) if GLUE_IMPORT.fullmatch(line.strip())}
    if not left_out:
        return set()
    return left_out | _stray_blank_lines(lines, left_out)


def _comments_above(lines: list[str], left_out: set[int]) -> set[int]:
    """The whole-line comments that lead straight into a left-out line (no code or blank line between)."""
    comments = set()
    for number in sorted(left_out):
        above = number - 1
        while above >= 1 and above not in left_out and lines[above - 1].lstrip().startswith("#"):
            comments.add(above)
            above -= 1
    return comments


def shows_glue(code: str, left_out: set[int]) -> bool:
    """Whether ``code`` without the lines ``left_out`` still mentions ``glue`` (beyond its import), so that the
    import must stay."""
    kept = [line for number, line in enumerate(code.splitlines(), start=1)
            if number not in left_out and not GLUE_IMPORT.fullmatch(line.strip())]
    return any(re.search(r"\bglue\b", line) for line in kept)


def _glue_lines(statements: list[ast.stmt]) -> set[int]:
    lines = set()
    for statement in statements:
        if _only_glue(statement):
            lines.update(range(statement.lineno, statement.end_lineno + 1))
        else:
            for body in _bodies(statement):
                lines |= _glue_lines(body)
    return lines


def _only_glue(statement: ast.stmt) -> bool:
    """A hidden glue call, or a loop or conditional (no ``else`` that does more) whose bodies hold only those."""
    if _is_hidden_glue_call(statement):
        return True
    if not isinstance(statement, (ast.For, ast.AsyncFor, ast.While, ast.If)):
        return False
    bodies = _bodies(statement)
    return all(all(_only_glue(inner) or isinstance(inner, ast.Pass) for inner in body) for body in bodies)


def _bodies(statement: ast.stmt) -> list[list[ast.stmt]]:
    """The statement lists nested in ``statement`` (a function's body, a loop's, each branch ...)."""
    bodies = [getattr(statement, field) for field in ("body", "orelse", "finalbody")
              if isinstance(getattr(statement, field, None), list)]
    bodies += [handler.body for handler in getattr(statement, "handlers", [])]
    bodies += [case.body for case in getattr(statement, "cases", [])]
    return [body for body in bodies if body and isinstance(body[0], ast.stmt)]


def _is_hidden_glue_call(statement: ast.stmt) -> bool:
    if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)):
        return False
    call = statement.value
    if not (isinstance(call.func, ast.Name) and call.func.id == "glue"):
        return False
    for keyword in call.keywords:
        if keyword.arg == "display":
            return isinstance(keyword.value, ast.Constant) and keyword.value.value is False
        if keyword.arg is None:  # glue(**options): whether it shows the value cannot be told from the code
            return False
    return len(call.args) <= 2


def _stray_blank_lines(lines: list[str], left_out: set[int]) -> set[int]:
    """Blank lines that, once ``left_out`` is gone, would open or close the code or newly follow another blank line
    (two blank lines that were already next to each other, as between functions, stay)."""
    kept = [number for number in range(1, len(lines) + 1) if number not in left_out]
    stray, previous = set(), 0  # 0: the start of the code, which a blank line must not follow either
    for number in kept:
        blank = not lines[number - 1].strip()
        after_a_gap_after_a_blank = number - previous > 1 and not lines[previous - 1].strip()
        if blank and (previous == 0 or after_a_gap_after_a_blank):
            stray.add(number)
        else:
            previous = number
    for number in reversed(kept):  # and the blank lines at the end
        if lines[number - 1].strip():
            break
        stray.add(number)
    return stray
