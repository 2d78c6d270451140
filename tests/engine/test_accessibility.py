from bs4 import BeautifulSoup

from course.engine.accessibility import label_scrolling_blocks, scrolling_blocks
from course.engine.pages import finish_lesson_html

PAGE = """
<div class="jupyter-wrapper">
<h1>Title</h1>
<div class="jp-Cell"><div class="highlight-ipynb hl-python"><pre>print(1)</pre></div>
<div class="jp-OutputArea-output" tabindex="0"><pre>1</pre></div></div>
<div class="jp-Cell"><div class="highlight-ipynb hl-python"><pre>x = 2</pre></div></div>
<div class="jp-Cell"><div class="highlight-ipynb hl-python"><pre>model.summary()</pre></div>
<div class="jp-OutputArea-output"><pre>table</pre></div><div class="jp-OutputArea-output"><pre>total</pre></div></div>
<pre>not a block of the notebook</pre>
</div>
"""


def test_every_code_block_and_output_gets_a_tab_stop_a_role_and_its_cells_label():
    soup = BeautifulSoup(PAGE, "html.parser")
    label_scrolling_blocks(soup)
    blocks = [(tag.get_text(), tag.get("tabindex"), tag.get("role"), tag.get("aria-label"))
              for tag in soup.find_all(attrs={"role": "region"})]
    assert blocks == [
        ("print(1)", "0", "region", "Code cell 1"),
        ("1", "0", "region", "Output of code cell 1"),
        ("x = 2", "0", "region", "Code cell 2"),
        ("model.summary()", "0", "region", "Code cell 3"),
        ("table", "0", "region", "Output of code cell 3"),
        ("total", "0", "region", "Output of code cell 3"),
    ]


def test_attributes_a_block_already_has_are_kept_and_a_banner_message_is_labelled():
    soup = BeautifulSoup('<div class="admonition"><pre>boom</pre></div>'
                         '<div class="highlight-ipynb" aria-label="Setup code"><pre>x</pre></div>', "html.parser")
    assert [label for _, label in scrolling_blocks(soup)] == ["Message", "Code cell 1"]
    label_scrolling_blocks(soup)
    assert soup.find("div", class_="highlight-ipynb")["aria-label"] == "Setup code"
    assert soup.find("pre")["tabindex"] == "0"


def test_finished_lesson_pages_have_focusable_labelled_blocks():
    html = finish_lesson_html(PAGE, lambda path, data: path, after_title="<nav>downloads</nav>")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("div", class_="highlight-ipynb")["tabindex"] == "0"
    assert soup.find("pre", string="not a block of the notebook").get("tabindex") is None


def test_a_table_output_is_a_labelled_block_too():
    """A pandas table scrolls on a phone; the notebook gave its output a tab stop without a name."""
    soup = BeautifulSoup('<div class="highlight-ipynb"><pre>df.head()</pre></div>'
                         '<div class="jp-RenderedHTMLCommon jp-RenderedHTML jp-OutputArea-output" tabindex="0">'
                         '<table class="dataframe"><tr><td>1</td></tr></table></div>', "html.parser")
    label_scrolling_blocks(soup)
    table = soup.select_one(".jp-OutputArea-output")
    assert (table["tabindex"], table["role"], table["aria-label"]) == ("0", "region", "Output of code cell 1")


def test_the_box_around_a_text_output_is_no_tab_stop_of_its_own():
    """nbconvert gives the box around a printed output a tab stop too: a second, unnamed stop beside its ``pre``."""
    soup = BeautifulSoup('<div class="highlight-ipynb"><pre>print(1)</pre></div>'
                         '<div class="jp-RenderedText jp-OutputArea-output" tabindex="0"><pre>1</pre></div>',
                         "html.parser")
    label_scrolling_blocks(soup)
    assert soup.select_one(".jp-OutputArea-output").get("tabindex") is None
    assert soup.select_one(".jp-OutputArea-output pre")["aria-label"] == "Output of code cell 1"


def test_code_quoted_in_the_text_is_a_named_block_counted_apart_from_the_cells():
    """Chromium makes a scrolling block a tab stop by itself: code quoted in a lesson's text (lesson 7's
    EarlyStopping example on a phone) was one with no name."""
    soup = BeautifulSoup('<div class="jp-RenderedMarkdown"><div class="highlight"><pre>old()</pre></div>'
                         '<div class="admonition"><div class="highlight"><pre>older()</pre></div></div></div>'
                         '<div class="highlight-ipynb"><pre>x = 1</pre></div>', "html.parser")
    label_scrolling_blocks(soup)
    blocks = [(tag.get_text(), tag["tabindex"], tag["aria-label"]) for tag in soup.find_all(attrs={"role": "region"})]
    assert blocks == [("old()", "0", "Code example 1"), ("older()", "0", "Code example 2"),
                      ("x = 1", "0", "Code cell 1")]
