"""The search index a reader's first search fetches (the whole site's), written compactly.

MkDocs writes ``search/search_index.json`` with every non-ASCII character escaped: a Chinese character becomes
six bytes (``\\u6fc0``) instead of three, and so does each zero-width space Material's search puts between the
words jieba finds. ``compact_search_index`` rewrites the same JSON as UTF-8 without the escapes or spaces between
tokens; the data is unchanged, the Chinese edition's index is about 45% smaller raw and 10% smaller gzipped.
"""

from __future__ import annotations

import json
from pathlib import Path


def compact_search_index(path: Path) -> None:
    """Rewrite the index at ``path`` (if the site has one) as compact UTF-8 JSON holding the same data."""
    if not path.is_file():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
