"""The search index is rewritten compactly, holding the same data."""

from __future__ import annotations

import json

from course.engine.search_index import compact_search_index


def test_the_index_keeps_its_data_in_fewer_bytes(tmp_path):
    index = tmp_path / "search_index.json"
    data = {"config": {"lang": ["en"]}, "docs": [{"location": "a/", "title": "激活\u200b函数", "text": "<p>ReLU</p>"}]}
    index.write_text(json.dumps(data, indent=1))
    before = index.stat().st_size
    compact_search_index(index)
    assert json.loads(index.read_text(encoding="utf-8")) == data
    assert index.stat().st_size < before and "激活\u200b函数" in index.read_text(encoding="utf-8")


def test_a_site_without_search_is_left_alone(tmp_path):
    compact_search_index(tmp_path / "search" / "search_index.json")
    assert not (tmp_path / "search").exists()


def test_the_search_worker_is_mended_to_search_a_chinese_word_of_the_index_whole(tmp_path):
    from course.engine.search_index import HAN_SPLIT_LOOP, MENDED_HAN_SPLIT_LOOP, mend_han_query_splitting

    workers = tmp_path / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    (workers / "search.a1.min.js").write_text(f"function fe(t,e){{{HAN_SPLIT_LOOP}&&(n[s]=o-s)}}")
    (workers / "search.b2.min.js").write_text("function fe(t,e){return new Set([t])}")  # a theme that changed
    assert mend_han_query_splitting(tmp_path) == [workers / "search.b2.min.js"]
    mended = (workers / "search.a1.min.js").read_text()
    assert MENDED_HAN_SPLIT_LOOP in mended and HAN_SPLIT_LOOP not in mended
    assert mend_han_query_splitting(tmp_path) == [workers / "search.b2.min.js"]  # mending again changes nothing
    assert (workers / "search.a1.min.js").read_text() == mended
