"""The order tests/conftest.py hands pytest-xdist: the site's build starts first, slow tests before quick ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import order_for_workers


class FakeItem:
    def __init__(self, name: str, file: str = "test_x.py", site: bool = False, slow: bool = False):
        self.name, self.path = name, Path("tests") / file
        self.fixturenames = ["built_site"] if site else []
        self.slow = slow

    def get_closest_marker(self, marker: str):
        return pytest.mark.slow if marker == "slow" and self.slow else None


def test_the_site_build_starts_first_and_every_group_runs_its_slow_tests_first():
    items = [FakeItem("quick"), FakeItem("site quick", site=True), FakeItem("slow", slow=True),
             FakeItem("site slow", site=True, slow=True), FakeItem("adding", file="test_adding_a_lesson.py", slow=True),
             FakeItem("quick 2"), FakeItem("site quick 2", site=True), FakeItem("slow 2", slow=True)]
    order_for_workers(items)
    assert [item.name for item in items] == ["site quick", "adding", "slow", "slow 2", "quick", "quick 2",
                                             "site slow", "site quick 2"]
