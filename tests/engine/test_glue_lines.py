"""The lines a page leaves out of a lesson's code: glue statements that record a value without showing it."""

from course.engine.glue_lines import glue_statement_lines, shows_glue


def kept(code: str) -> str:
    left_out = glue_statement_lines(code)
    return "\n".join(line for number, line in enumerate(code.split("\n"), start=1) if number not in left_out)


def test_hidden_glue_statements_go_and_everything_else_stays():
    code = ('n = len(cars)\nglue("n_cars", n)\nprint(n)\nglue(\n    "mean_mpg",\n    cars.mean(),\n)\n'
            'glue("shown", n, display=True)\nglue("hidden", n, display=False)\n')
    assert kept(code) == 'n = len(cars)\nprint(n)\nglue("shown", n, display=True)\n'


def test_the_comments_that_lead_into_left_out_glue_go_with_it():
    code = ('x = 1\n# why x is large\nprint(x)\n# For the translation of this page:\n# both values.\n'
            'glue("x", x)\n\n# about y\n\nglue("y", 2)\n')
    assert kept(code) == "x = 1\n# why x is large\nprint(x)\n\n# about y\n"


def test_glue_inside_an_expression_stays():
    assert glue_statement_lines('values = [glue("x", 1)]\nresult = glue("y", 2)\nprint(glue("z", 3))\n') == set()


def test_options_that_cannot_be_read_keep_the_statement():
    assert glue_statement_lines('glue("a", 1, **options)\nglue("b", 2, show)\n') == set()


def test_no_doubled_or_dangling_blank_lines_are_left():
    code = 'x = 1\n\nglue("x", x)\n\ny = 2\n\nglue("y", y)\n'
    assert kept(code) == "x = 1\n\ny = 2\n"
    assert kept('glue("only", 1)\n') == ""
    assert kept('x = 1\n\n\ndef f():\n    pass\nglue("x", x)\n') == "x = 1\n\n\ndef f():\n    pass\n"


def test_code_that_does_not_parse_is_shown_whole():
    assert glue_statement_lines('glue("x", 1)\nprint(\n') == set()


def test_the_import_goes_only_when_no_glue_is_left_to_show():
    code = "import keras\nfrom course.glue import glue\n"
    assert glue_statement_lines(code, with_import=True) == {2}
    commented = "import keras\nfrom course.glue import glue  # records values that the page's text quotes\n"
    assert glue_statement_lines(commented, with_import=True) == {2}
    assert not shows_glue(commented, set())
    assert not shows_glue(code, set())
    assert shows_glue('glue("x", 1, display=True)\n', set())
    assert not shows_glue('glue("x", 1)\n', {1})


def test_glue_in_loops_functions_and_branches_goes_with_blocks_that_hold_nothing_else():
    code = ('for name, values in runs.items():\n    glue(f"{name}_last", values[-1])\n'
            'def curves(h):\n    best = min(h)\n    glue("best", best)\n    return best\n'
            'if a < b:\n    glue("order", "lower")\nelif a > b:\n    glue("order", "higher")\nelse:\n    pass\n'
            'for x in xs:\n    glue("x", x)\n    print(x)\n')
    assert kept(code) == "def curves(h):\n    best = min(h)\n    return best\nfor x in xs:\n    print(x)\n"


def test_a_word_like_glued_does_not_keep_the_import():
    assert not shows_glue("from course.glue import glue\n# the values are glued too\n", set())
