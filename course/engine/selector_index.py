"""Where on a page a CSS selector can match: the page's elements indexed by tag, class and attribute name.

``course.engine.styles`` asks, for thousands of selectors, whether any element of a page matches one. soupsieve
answers by trying elements one at a time, which is slow for a selector that matches nothing (it tries them all).
``PageIndex`` answers "no" at once for a selector that names a tag, class or attribute the page does not have, and
narrows the elements soupsieve tries to those that can be the selector's subject. Every shortcut is a necessary
condition only: whether an element matches stays soupsieve's decision.
"""

from __future__ import annotations

import re

import soupsieve
from bs4 import BeautifulSoup

_BRACKETS = re.compile(r"\([^()]*\)|\[[^\]]*\]")  # :not(.x) and [title='a.b'] require no class
_PARENTHESES = re.compile(r"\([^()]*\)")
_SQUARE = re.compile(r"\[[^\]]*\]")
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_TAG = re.compile(r"^[a-zA-Z][\w-]*")
_COMPOUND_TAG = re.compile(r"(?:^|[\s>+~])([a-zA-Z][\w-]*)")  # a type selector starts a compound
_ATTRIBUTE = re.compile(r"^\[\s*([\w-]+)")
_ROOT = re.compile(r"^:root(?![\w-])")
_ATTRIBUTE_NAME = re.compile(r"\[\s*([\w-]+)\s*(?:[~|^$*]?=|\])")  # not [ns|name]: namespaces are left alone
# `:is(.a, .b)`, `span:where(.a,.b)`: a subject that is one of a list of classes (Pygments' token styles).
_CLASS_LIST = re.compile(r"(?P<tag>[a-zA-Z][\w-]*)?:(?:is|where)\((?P<classes>\s*\.-?[_a-zA-Z][\w-]*"
                         r"(?:\s*,\s*\.-?[_a-zA-Z][\w-]*)*\s*)\)")
# Escapes, quoted values, namespaces and :scope would make the plain reading above unsafe: such selectors are
# only narrowed by the tag or class their subject names, as they always were.
_UNSAFE = re.compile(r"[\\'\"|]|:scope")


class PageIndex:
    """The elements of ``page`` by class, by tag name and by the names of their attributes."""

    def __init__(self, page: BeautifulSoup):
        self.page = page
        self.by_class: dict[str, list] = {}
        self.by_tag: dict[str, list] = {}
        self.by_attribute: dict[str, list] = {}
        for element in page.find_all(True):
            self.by_tag.setdefault(element.name.lower(), []).append(element)
            for name in element.attrs:
                self.by_attribute.setdefault(name.lower(), []).append(element)
            for name in element.get("class", []):
                self.by_class.setdefault(name, []).append(element)
        self.classes = set(self.by_class)

    def any_match(self, selector: str) -> bool:
        """Whether an element of the page matches ``selector`` (soupsieve's errors propagate)."""
        compiled = soupsieve.compile(selector)  # first: a selector soupsieve cannot read must still raise
        if not _UNSAFE.search(selector) and self._lacks_a_named_part(selector):
            return False
        candidates = self.candidates(selector)
        if candidates is None:
            return self.page.select_one(selector) is not None
        return any(compiled.match(element) for element in candidates)

    def _lacks_a_named_part(self, selector: str) -> bool:
        """True when a compound of ``selector`` (outside :not(...) and the like) names a tag or an attribute that
        no element of the page has: then nothing can match."""
        outline = selector
        while True:  # :is(:not(.a)) and deeper: empty every parenthesis, innermost first
            emptied = _PARENTHESES.sub("()", outline)
            if emptied == outline:
                break
            outline = emptied
        if any(name.lower() not in self.by_attribute for name in _ATTRIBUTE_NAME.findall(outline)):
            return True
        return any(tag.lower() not in self.by_tag for tag in _COMPOUND_TAG.findall(_SQUARE.sub("", outline)))

    def candidates(self, selector: str) -> list | None:
        """The elements that can be the subject of ``selector``, or None for every element of the page.

        The subject's own compound narrows them (a class, a list of classes, a tag, an attribute); failing that,
        a compound such as ``*`` or ``:first-child`` after ``>``, ``+`` or ``~`` takes the children or following
        siblings of the elements the compound before it can be.
        """
        prefix, combinator, last = _split_last(selector)
        classes = _CLASS.findall(_BRACKETS.sub("", _BRACKETS.sub("", last)))
        if classes:
            return min((self.by_class.get(name, []) for name in classes), key=len)
        listed = _CLASS_LIST.fullmatch(last) if not _UNSAFE.search(selector) else None
        if listed:
            return _unique(element for name in _CLASS.findall(listed["classes"])
                           for element in self.by_class.get(name, []))
        tag = _TAG.match(last)
        if tag:
            return self.by_tag.get(tag.group(0).lower(), [])
        attribute = _ATTRIBUTE.match(last)
        if attribute:
            return self.by_attribute.get(attribute.group(1).lower(), [])
        if _ROOT.match(last):  # soupsieve's root is the document's first element
            return self.page.find_all(True, recursive=False)
        if combinator not in (">", "+", "~") or _UNSAFE.search(selector):
            return None  # a descendant of anything: as many as the page holds
        before = self.candidates(prefix)
        if before is None:
            return None
        if combinator == ">":
            return [child for element in before for child in element.find_all(True, recursive=False)]
        if combinator == "+":
            return [sibling for element in before if (sibling := element.find_next_sibling(True)) is not None]
        return _unique(sibling for element in before for sibling in element.find_next_siblings(True))


def last_compound(selector: str) -> str:
    """The part of ``selector`` after its last top-level combinator (space, >, + or ~): what the element itself
    must be, e.g. ``pre.x:not(.y z)`` in ``.a > div pre.x:not(.y z)``."""
    return _split_last(selector)[2]


def _split_last(selector: str) -> tuple[str, str, str]:
    """``selector`` as (what comes before its last compound, the combinator joining them, the last compound);
    ("", "", selector) for a single compound."""
    depth = 0
    for index in range(len(selector) - 1, -1, -1):
        char = selector[index]
        if char in ")]":
            depth += 1
        elif char in "([":
            depth -= 1
        elif depth == 0 and (char.isspace() or char in ">+~") and selector[index - 1:index] != "\\":
            prefix = selector[:index + 1].rstrip()
            combinator = prefix[-1] if prefix[-1:] in (">", "+", "~") else " "
            return prefix.rstrip(">+~").rstrip(), combinator, selector[index + 1:]
    return "", "", selector


def _unique(elements) -> list:
    """``elements`` without repeats (Tags compare by content, so identity decides)."""
    seen, unique = set(), []
    for element in elements:
        if id(element) not in seen:
            seen.add(id(element))
            unique.append(element)
    return unique
