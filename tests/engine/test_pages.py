import base64
import io
import struct
import zlib

import pandas as pd
from bs4 import BeautifulSoup
from PIL import Image

from course.engine.pages import finish_lesson_html


def tiny_png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xff\xff\xff" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


PNG = tiny_png(3, 2)
PAGE = f"""
<style type="text/css">.jupyter-wrapper .a {{ color: red }}</style>
<style type="text/css">.jupyter-wrapper .toolbar {{ color: blue }}</style>
<script>console.log("clipboard helper")</script>
<script src=""> </script>
<script type="text/x-mathjax-config">MathJax.Hub.Config({{}})</script>
<script type="module">await import("https://cdn.example.org/mermaid.mjs")</script>
<div class="jupyter-wrapper">
<h1 id="t">Title</h1><p class="a">Intro with $x$.</p>
<div class="jp-Cell celltag_solution"><div class="jp-Cell celltag_solution" id="cell-id=cell-3">
<pre>answer = 42</pre></div></div>
<img alt="A white square." class="" src="data:image/png;base64,{base64.b64encode(PNG).decode()}">
</div>
"""


def finish(page: str = PAGE, **options):
    published: dict[str, bytes] = {}

    def publish(path: str, data: bytes) -> str:
        published[path] = data
        return f"../../{path}"

    return BeautifulSoup(finish_lesson_html(page, publish, **options), "html.parser"), published


def test_styles_and_scripts_become_shared_files():
    soup, published = finish()
    assert soup.find("style") is None
    css = [path for path in published if path.endswith(".css")]
    # one file for all inline styles, holding only the rules that match something on the page
    assert len(css) == 1 and published[css[0]] == b".jupyter-wrapper .a{color:red}"
    assert soup.find("link", rel="stylesheet")["href"] == f"../../{css[0]}"
    scripts = soup.find_all("script")
    assert [script["src"] for script in scripts] == [f"../../{path}" for path in published if path.endswith(".js")]
    assert published[scripts[0]["src"][len("../../"):]] == b'console.log("clipboard helper")'


def test_cdn_loaders_mathjax_settings_and_empty_scripts_are_dropped():
    soup, _ = finish()
    text = str(soup)
    assert "cdn.example.org" not in text and "MathJax" not in text and 'src=""' not in text


def test_figures_become_lossless_webp_files_named_by_content_with_their_size():
    soup, published = finish()
    image = soup.find("img")
    path = image["src"][len("../../"):]
    assert path.startswith("assets/figures/") and path.endswith(".webp")
    with Image.open(io.BytesIO(published[path])) as webp, Image.open(io.BytesIO(PNG)) as png:
        assert webp.format == "WEBP" and webp.size == png.size
        assert webp.convert("RGB").tobytes() == png.convert("RGB").tobytes()  # every pixel kept
    assert (image["width"], image["height"], image["loading"]) == ("3", "2", "lazy")
    assert image["alt"] == "A white square."
    assert "srcset" not in image.attrs  # drawn at the size it shows: one file


def drawn_figure(width: int, height: int) -> bytes:
    """A figure's PNG as ``show`` draws it: white, with a blue line and a dark label."""
    from PIL import ImageDraw

    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.line([(0, height - 4), (width - 1, 4)], fill="#0072B2", width=6)
    draw.text((8, 8), "loss", fill="#222222", font_size=24)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def test_a_figure_drawn_for_high_dpi_screens_gets_a_1x_src_and_a_2x_srcset_at_its_shown_size():
    png = drawn_figure(240, 135)  # an odd height: shown at 68, rounded up
    page = (f'<div class="jupyter-wrapper"><img alt="A rising blue line." width="120" height="68" '
            f'class="course-figure" src="data:image/png;base64,{base64.b64encode(png).decode()}"></div>')
    soup, published = finish(page)
    image = soup.find("img")
    one_x = image["src"][len("../../"):]
    two_x, density = image["srcset"].split(" ")
    two_x = two_x[len("../../"):]
    assert density == "2x" and one_x != two_x
    assert one_x.startswith("assets/figures/") and two_x.startswith("assets/figures/") and one_x in published
    with Image.open(io.BytesIO(published[one_x])) as small, Image.open(io.BytesIO(published[two_x])) as large:
        assert small.format == large.format == "WEBP"
        assert small.size == (120, 68) and large.size == (240, 135)
        assert large.width == 2 * small.width
    assert (image["width"], image["height"], image["loading"]) == ("120", "68", "lazy")
    assert image["alt"] == "A rising blue line." and image["class"] == ["course-figure"]


def test_identical_content_gets_the_same_name():
    _, first = finish()
    _, second = finish(PAGE.replace("Intro", "Other intro"))
    assert set(first) == set(second)


def test_solution_cells_fold_once_under_a_summary():
    soup, _ = finish()
    folds = soup.find_all("details")
    assert len(folds) == 1
    assert folds[0]["class"] == ["success", "course-solution"]
    assert folds[0].summary.get_text() == "Solution"
    assert "answer = 42" in folds[0].get_text()


def test_a_markdown_solution_folds_as_a_whole_cell_like_a_code_solution():
    markdown = ('<div class="jupyter-wrapper"><div class="jp-Cell jp-MarkdownCell" id="cell-id=cell-9">'
                '<div class="jp-InputArea"><div class="jp-InputPrompt"></div>'
                '<div class="jp-RenderedMarkdown celltag_solution"><p>One reading.</p></div></div></div></div>')
    soup, _ = finish(markdown)
    fold = soup.find("details")
    assert fold.parent["class"] == ["jupyter-wrapper"]
    assert fold.find("div", recursive=False)["id"] == "cell-id=cell-9" and "One reading." in fold.get_text()


def test_solution_cells_next_to_each_other_share_one_fold():
    code = '<div class="jp-Cell celltag_solution"><div class="jp-Cell celltag_solution"><pre>x = 1</pre></div></div>'
    reading = ('<div class="jp-Cell jp-MarkdownCell"><div class="jp-InputArea"><div class="jp-RenderedMarkdown '
               'celltag_solution"><p>One reading.</p></div></div></div>')
    between = '<div class="jp-Cell jp-MarkdownCell"><p>Next question.</p></div>'
    soup, _ = finish(f'<div class="jupyter-wrapper">{code}{reading}{between}{code}</div>')
    folds = soup.find_all("details")
    assert len(folds) == 2
    assert "x = 1" in folds[0].get_text() and "One reading." in folds[0].get_text()
    assert "Next question." not in folds[0].get_text() and "x = 1" in folds[1].get_text()


def test_fragment_goes_right_after_the_title():
    soup, _ = finish(after_title='<nav class="downloads">get it</nav>')
    title = soup.find("h1")
    assert title.find_next_sibling().name == "nav"


def test_links_are_offered_to_the_resolver():
    page = '<h1>T</h1><p><a href="02_next.ipynb#part">next</a> <a href="https://keras.io">Keras</a></p>'
    soup, _ = finish(page, resolve_link=lambda href: "../02_next/#part" if href.startswith("02_next") else None)
    assert [anchor["href"] for anchor in soup.find_all("a")] == ["../02_next/#part", "https://keras.io"]


def test_stale_banner_shows_the_error_escaped():
    from course.engine.pages import stale_lesson_banner

    banner = BeautifulSoup(stale_lesson_banner("cell 3 raised ValueError: <bad> & worse"), "html.parser")
    assert banner.find("pre").get_text() == "cell 3 raised ValueError: <bad> & worse"
    assert "failed to build" in banner.find(class_="admonition-title").get_text()


def test_code_outputs_and_tex_are_kept_out_of_the_search_index_but_prose_is_not():
    page = ('<div class="jp-Cell jp-MarkdownCell"><div class="jp-InputArea"><p>Prose stays searchable, '
            '<math><mi>x</mi><annotation encoding="application/x-tex">x</annotation></math>.</p></div></div>'
            '<div class="jp-Cell jp-CodeCell"><div class="jp-InputArea"><div class="highlight"><pre>x = 1</pre></div>'
            '<div class="clipboard-copy-txt">x = 1</div></div>'
            '<div class="jp-OutputArea"><div><pre>1</pre></div>'
            '<div class="html"><div><table><tr><td>0.5</td></tr></table></div>'
            '<div class="check"><strong>Correct:</strong> well done</div></div></div></div>')
    soup, _ = finish(page)
    excluded = [element.name + ":" + element.get_text() for element in soup.select("[data-search-exclude]")]
    assert excluded == ["annotation:x", "pre:x = 1", "div:x = 1", "div:1", "div:0.5", "div:Correct: well done"]
    assert "Prose stays searchable" in soup.find("p").get_text() and not soup.find("p").get("data-search-exclude")
    # no excluded element contains another of its own tag (Material would end the exclusion there)
    assert all(element.find(element.name) is None for element in soup.select("[data-search-exclude]"))


def test_copy_buttons_copy_the_highlighted_code_and_the_hidden_copy_goes():
    page = ('<div class="jp-InputArea"><clipboard-copy , for="cell-1"><span class="notice" hidden>Copied!</span>'
            '<svg aria-hidden="true" class="clipboard-copy-icon"><path d="M0 0h1"></path></svg></clipboard-copy><div class="highlight-ipynb"><pre><span class="n">x</span> = 1\n</pre></div>'
            '<div class="clipboard-copy-txt" id="cell-1">x = 1</div></div>')
    soup, _ = finish(page)
    assert soup.select(".clipboard-copy-txt") == []
    target = soup.find(id=soup.find("clipboard-copy")["for"])
    assert target.name == "pre" and target.get_text() == "x = 1\n"
    icon = soup.find("clipboard-copy").find(class_="clipboard-copy-icon")
    assert icon.name == "span" and icon["aria-hidden"] == "true" and soup.find("svg") is None
    assert "," not in soup.find("clipboard-copy").attrs, "the template's stray ',' attribute"


def code_cell(code_html: str, output: str = "") -> str:
    outputs = (f'<div class="jp-Cell-outputWrapper"><div class="jp-OutputArea-output"><pre>{output}</pre></div>'
               '</div>') if output else ""
    return (f'<div class="jp-Cell jp-CodeCell"><div class="jp-Cell-inputWrapper"><div class="jp-InputArea">'
            f'<div class="highlight-ipynb"><pre><span></span>{code_html}</pre></div></div></div>{outputs}</div>')


def test_glue_statements_and_their_import_are_left_out_of_the_code_shown():
    page = (code_cell('<span class="kn">import</span> keras\n<span class="kn">from</span> course.glue '
                      '<span class="kn">import</span> glue\n')
            + code_cell('<span class="n">n</span> = <span class="nb">len</span>(cars)\n'
                        '<span class="n">glue</span>(<span class="s2">"n_cars"</span>,\n     n)\nprint(n)\n',
                        output="392")
            + code_cell('<span class="n">glue</span>(<span class="s2">"mean"</span>, m)\n', output="")
            + code_cell('<span class="n">glue</span>(<span class="s2">"best"</span>, b)\n', output="0.5"))
    soup, _ = finish(page)
    shown = [cell.select_one(".highlight-ipynb pre") for cell in soup.select(".jp-CodeCell")]
    assert [pre.get_text() if pre else None for pre in shown] == ["import keras\n", "n = len(cars)\nprint(n)\n", None]
    assert soup.select_one(".jp-CodeCell span.kn").get_text() == "import"  # the highlighting stays
    assert [output.get_text() for output in soup.select(".jp-OutputArea-output")] == ["392", "0.5"]


def test_the_glue_import_stays_while_a_cell_shows_glue():
    page = (code_cell("from course.glue import glue\n")
            + code_cell('glue("x", 1, display=True)\n', output="1"))
    soup, _ = finish(page)
    assert [pre.get_text() for pre in soup.select(".highlight-ipynb pre")] == [
        "from course.glue import glue\n", 'glue("x", 1, display=True)\n']


def test_a_chinese_page_labels_its_blocks_and_copy_buttons_in_chinese_and_shows_no_cell_tags():
    page = ('<div class="jp-Cell celltag_solution"><div class="jp-Cell celltag_solution" id="cell-id=cell-1">'
            '<div class="jp-Cell-inputWrapper" tabindex="0"><div class="celltoolbar"><span class="cell-tag">solution'
            '</span></div><div class="jp-InputArea"><clipboard-copy aria-label="Copy to Clipboard" for="cell-1">'
            '<span class="notice" hidden>Copied!</span></clipboard-copy><div class="highlight-ipynb"><pre>x = 1\n'
            '</pre></div></div></div><div class="jp-OutputArea-output"><pre>1</pre></div></div></div>')
    soup, _ = finish(page, language="zh")
    assert soup.find("summary").get_text() == "参考答案"
    button = soup.find("clipboard-copy")
    assert button["aria-label"] == "复制代码" and button.find(class_="notice").get_text() == "已复制"
    labels = [element["aria-label"] for element in soup.select("[role=region]")]
    assert labels == ["代码单元格 1", "代码单元格 1 的输出"]
    assert soup.select(".celltoolbar") == [] and "tabindex" not in soup.select_one(".jp-Cell-inputWrapper").attrs
    english, _ = finish(page)
    assert english.find("clipboard-copy")["aria-label"] == "Copy the code"
    assert [element["aria-label"] for element in english.select("[role=region]")] == ["Code cell 1",
                                                                                      "Output of code cell 1"]


def test_the_stale_banner_speaks_the_editions_language():
    from course.engine.pages import stale_lesson_banner

    banner = BeautifulSoup(stale_lesson_banner("cell 3 raised ValueError", language="zh"), "html.parser")
    assert banner.find(class_="admonition-title").get_text() == "本课构建失败；本页显示的是最近一次构建成功的版本"
    assert banner.find("pre").get_text() == "cell 3 raised ValueError"


def test_a_tables_long_column_names_may_wrap_where_their_words_meet_and_read_the_same():
    table = """<div class="jupyter-wrapper"><table class="dataframe"><thead><tr><th></th><th>Cement</th>
        <th>BlastFurnaceSlag</th><th>mean_radius</th><th>Age</th></tr></thead>
        <tbody><tr><th>0</th><td>540.0</td><td>AlsoCamel</td><td>1.5</td><td>28</td></tr></tbody></table></div>"""
    soup, _ = finish(table)
    names = soup.select("thead th")
    assert [name.decode_contents() for name in names] == [
        "", "Cement", "Blast<wbr/>Furnace<wbr/>Slag", "mean_<wbr/>radius", "Age"]
    assert [name.get_text() for name in names] == ["", "Cement", "BlastFurnaceSlag", "mean_radius", "Age"]
    assert soup.select_one("tbody td:nth-of-type(2)").decode_contents() == "AlsoCamel", "values stay whole"


def test_a_named_pandas_index_heads_its_own_column_instead_of_a_row_of_empty_headers():
    """pandas gives an index name a header row of its own, empty but for the name, under an empty top-left cell."""
    frame = pd.DataFrame({"mean": [1.0, 2.0], "spread": [0.1, 0.2]}, index=pd.Index(["relu", "elu"], name="activation"))
    page = f'<div class="jp-OutputArea-output jp-RenderedHTMLCommon">{frame.to_html()}</div>'
    soup = BeautifulSoup(finish_lesson_html(page, lambda path, data: path), "html.parser")
    head = [[cell.get_text() for cell in row.find_all("th")] for row in soup.select("thead tr")]
    assert head == [["activation", "mean", "spread"]]
    assert [row.th.get_text() for row in soup.select("tbody tr")] == ["relu", "elu"]
    plain = pd.DataFrame({"mean": [1.0]}, index=["relu"])  # no index name: the table is left as pandas drew it
    untouched = BeautifulSoup(finish_lesson_html(plain.to_html(), lambda path, data: path), "html.parser")
    assert [[cell.get_text() for cell in row.find_all("th")] for row in untouched.select("thead tr")] == [["", "mean"]]
