from bs4 import BeautifulSoup

from course.engine.accessibility import (
    hide_box_drawing,
    label_scrolling_blocks,
    mark_english_outputs,
    mark_english_terms,
    quiet_permalinks,
    scrolling_blocks,
)
from course.engine.pages import finish_lesson_html
from course.engine.wording import words

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


SUMMARY = """<div class="jp-OutputArea-output"><pre>┏━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┓
┃ <span class="ansi-bold">Layer (type)</span>   ┃ Param #    ┃
┡━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━┩
│ dense (Dense)  │          2 │
└────────────────┴────────────┘
<span class="ansi-bold"> Total params: </span>2</pre></div>"""


def test_a_model_summarys_borders_are_hidden_from_screen_readers_and_stay_on_the_page():
    soup = BeautifulSoup(SUMMARY, "html.parser")
    before = soup.get_text()
    hide_box_drawing(soup)
    assert soup.get_text() == before, "the summary looks and copies as before"
    hidden = soup.select('[aria-hidden="true"]')
    heard = "".join(text for text in soup.find_all(string=True)
                    if not any(parent in hidden for parent in text.parents))
    assert not any("\u2500" <= character <= "\u257f" for character in heard), heard
    assert " ".join(heard.split()) == "Layer (type) Param # dense (Dense) 2 Total params: 2"
    assert all(set(span.get_text()) <= set("┏━┳┓┃┡╇┩│└─┴┘") for span in hidden)


def test_box_drawing_outside_text_outputs_is_left_alone():
    """A box character in the lesson's prose or code is what the author wrote, not a drawn border."""
    soup = BeautifulSoup('<p>a ─ b</p><div class="highlight-ipynb"><pre>"│"</pre></div>', "html.parser")
    hide_box_drawing(soup)
    assert soup.select("[aria-hidden]") == []


def test_outputs_on_a_translated_page_are_marked_english_but_a_checkers_answer_and_a_figure_keep_theirs():
    page = ('<div class="jp-OutputArea-output"><pre>Total params: 2</pre></div>'
            '<div class="jp-OutputArea-output jp-RenderedHTMLCommon"><table class="dataframe"></table></div>'
            '<div class="jp-OutputArea-output"><div class="course-check" lang="zh-Hans"><pre>答案</pre></div></div>'
            '<div class="jp-OutputArea-output"><img alt="图"></div>')
    soup = BeautifulSoup(page, "html.parser")
    label_scrolling_blocks(soup, words("zh"))
    mark_english_outputs(soup, "zh")
    # The text output's label stays in the page's language; what it holds is English.
    printed = soup.select_one("pre")
    assert (printed.get("lang"), printed["aria-label"]) == (None, words("zh")["block.output.alone"])
    assert str(printed.span) == '<span lang="en">Total params: 2</span>' and printed.get_text() == "Total params: 2"
    assert [element.get("lang") for element in soup.select("table, img")] == ["en", None]
    assert soup.select(".course-check [lang]") == []
    english = BeautifulSoup(page, "html.parser")
    mark_english_outputs(english, "en")
    assert english.select("[lang=en]") == []


def test_a_hand_written_pages_heading_links_are_no_tab_stops_and_not_read():
    html = ('<h2 id="the-lessons">The lessons<a class="headerlink" href="#the-lessons" title="Permanent link">¶</a>'
            '</h2><p><a href="about/">About</a></p>')
    quiet = BeautifulSoup(quiet_permalinks(html), "html.parser")
    link = quiet.select_one("a.headerlink")
    assert (link["aria-hidden"], link["tabindex"], link["href"]) == ("true", "-1", "#the-lessons")
    assert quiet.select_one("p a").attrs == {"href": "about/"}
    assert quiet_permalinks("<p>no headings</p>") == "<p>no headings</p>"


def test_an_html_output_holding_a_text_block_is_labelled_once():
    """Keras writes a model summary as HTML around a ``pre``: labelling both made a screen reader say "Output of
    code cell 1" twice, one group inside the other, for each part of every summary."""
    soup = BeautifulSoup('<div class="highlight-ipynb"><pre>model.summary()</pre></div>'
                         '<div class="jp-OutputArea-output jp-RenderedHTMLCommon" tabindex="0">'
                         '<pre>Model: "sequential"</pre></div>', "html.parser")
    label_scrolling_blocks(soup)
    assert [(tag.name, tag["aria-label"]) for tag in soup.select("[aria-label]")] == [
        ("div", "Code cell 1"), ("pre", "Output of code cell 1")]
    assert soup.select_one(".jp-OutputArea-output").get("tabindex") is None


def test_a_chinese_terms_english_name_is_marked_english_and_nothing_else_is():
    html = ('<dl><dt>激活函数（activation function）</dt><dd>见（第 2 课）（ReLU）</dd>'
            '<dt>批量（batch）与轮（epoch）</dt><dt>阈值（第 9 课）</dt></dl>')
    marked = BeautifulSoup(mark_english_terms(html, "zh"), "html.parser")
    assert [span.get_text() for span in marked.select("dt span[lang=en]")] == ["activation function", "batch", "epoch"]
    assert marked.select("dd span") == [] and marked.get_text() == BeautifulSoup(html, "html.parser").get_text()
    assert mark_english_terms(html, "en") == html
