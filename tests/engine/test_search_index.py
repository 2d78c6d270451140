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
