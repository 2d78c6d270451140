"""Where on a page a CSS selector can match: the page's elements indexed by tag, class and attribute name.

``course.engine.styles`` asks, for thousands of selectors, whether any element of a page matches one. soupsieve
answers by trying elements one at a time, which is slow for a selector that matches nothing (it tries them all).
``PageIndex`` answers "no" at once for a selector that names a tag, class or attribute the page does not have, and
narrows the elements soupsieve tries to those that can be the selector's subject. Every shortcut is a necessary
condition only: whether an element matches stays soupsieve's decision.
"""

from __future__ import annotations

import bisect
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


def named_classes(selector: str) -> list[str]:
    """The classes ``selector`` names outside brackets and parentheses: an element it matches, or an ancestor of
    one, must have each (those inside :not(...) or [title='a.b'] need not)."""
    return _CLASS.findall(_BRACKETS.sub("", _BRACKETS.sub("", selector)))


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
        self._spans: dict[tuple[str, str], tuple[list[int], list[int]]] = {}
        self._starts: dict[int, int] = {}  # id(element) -> its place in document order (filled when first needed)
        self._ends: dict[int, int] = {}  # id(element) -> the place of its last descendant

    def any_match(self, selector: str) -> bool:
        """Whether an element of the page matches ``selector`` (soupsieve's errors propagate)."""
        compiled = soupsieve.compile(selector)  # first: a selector soupsieve cannot read must still raise
        outline = None if _UNSAFE.search(selector) else _outline(selector)
        if outline is not None and self._lacks_a_named_part(outline):
            return False
        candidates = self.candidates(selector)
        if candidates is None:
            return self.page.select_one(selector) is not None
        if outline is not None and len(candidates) > 16:
            candidates = self._inside_ancestors(candidates, outline)
        return any(compiled.match(element) for element in candidates)

    def _lacks_a_named_part(self, outline: str) -> bool:
        """True when a compound of ``outline`` (a selector, parentheses emptied) names a tag or an attribute that
        no element of the page has: then nothing can match."""
        if any(name.lower() not in self.by_attribute for name in _ATTRIBUTE_NAME.findall(outline)):
            return True
        return any(tag.lower() not in self.by_tag for tag in _COMPOUND_TAG.findall(_SQUARE.sub("", outline)))

    def candidates(self, selector: str) -> list | None:
        """The elements that can be the subject of ``selector``, or None for every element of the page.

        The subject's own compound narrows them (a class, a list of classes, a tag, an attribute); failing that,
        a compound such as ``*`` or ``:first-child`` after ``>``, ``+`` or ``~`` takes the children or following
        siblings of the elements the compound before it can be.
        """
        prefix, combinator, last = split_last(selector)
        classes = named_classes(last)
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

    def _inside_ancestors(self, candidates: list, outline: str) -> list:
        """The candidates inside an element with each class, tag and attribute that the compounds before a
        descendant or child combinator name (``.md-nav`` and ``[dir]`` in ``[dir=rtl] .md-nav > a``): those
        compounds are ancestors of any element the selector matches, even across a sibling combinator."""
        needs = _ancestor_names(outline)
        if not needs:
            return candidates
        if not self._starts:
            self._number_elements()
        spans = [self._outermost(kind, name) for kind, name in needs]
        return [element for element in candidates
                if all(_within(self._starts[id(element)], span) for span in spans)]

    def _number_elements(self) -> None:
        open_elements: list = []  # the element being walked and its ancestors, outermost first
        elements = self.page.find_all(True)
        for place, element in enumerate(elements):
            while open_elements and open_elements[-1] is not element.parent:
                self._ends[id(open_elements.pop())] = place - 1
            self._starts[id(element)] = place
            open_elements.append(element)
        for element in open_elements:
            self._ends[id(element)] = len(elements) - 1

    def _outermost(self, kind: str, name: str) -> tuple[list[int], list[int]]:
        """Where the elements with this class, tag or attribute start and end, those inside another left out."""
        if (kind, name) not in self._spans:
            index = {"class": self.by_class, "tag": self.by_tag, "attribute": self.by_attribute}[kind]
            starts, ends = [], []
            for element in index.get(name, []):  # in document order
                start = self._starts[id(element)]
                if not ends or start > ends[-1]:
                    starts.append(start)
                    ends.append(self._ends[id(element)])
            self._spans[(kind, name)] = (starts, ends)
        return self._spans[(kind, name)]


def _within(place: int, span: tuple[list[int], list[int]]) -> bool:
    """Whether the element at ``place`` lies inside (not at the start of) one of the spans."""
    starts, ends = span
    index = bisect.bisect_left(starts, place) - 1
    return index >= 0 and ends[index] >= place


def _outline(selector: str) -> str:
    """``selector`` with every parenthesis emptied (innermost first): what :not(...), :is(...) ... hold is not
    required of the element."""
    while True:
        emptied = _PARENTHESES.sub("()", selector)
        if emptied == selector:
            return selector
        selector = emptied


def _ancestor_names(outline: str) -> list[tuple[str, str]]:
    """(kind, name) for each class, tag and attribute named by a compound of ``outline`` that a descendant or
    child combinator follows."""
    tokens, current, combinator, depth = [], "", None, 0  # compounds and the combinators between them
    for char in outline.strip():
        if depth == 0 and (char.isspace() or char in ">+~"):
            if current:
                tokens.append(current)
                current, combinator = "", " "
            if char in ">+~":
                combinator = char
            continue
        if combinator is not None:
            tokens.append(combinator)
            combinator = None
        depth += (char == "[") - (char == "]")
        current += char
    if not tokens or tokens[0] in (" ", ">", "+", "~"):
        return []
    needs = []
    for compound, joined_by in zip(tokens[0::2], tokens[1::2]):
        if joined_by not in (" ", ">"):
            continue
        tag = _TAG.match(compound)
        needs += [("tag", tag.group(0).lower())] if tag else []
        needs += [("class", name) for name in _CLASS.findall(_SQUARE.sub("", compound))]
        needs += [("attribute", name.lower()) for name in _ATTRIBUTE_NAME.findall(compound)]
    return needs


def split_last(selector: str) -> tuple[str, str, str]:
    """``selector`` as (what comes before its last compound, the combinator joining them, the last compound);
    ("", "", selector) for a single compound. The last compound is what the element itself must be, e.g.
    ``pre.x:not(.y z)`` in ``.a > div pre.x:not(.y z)``."""
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
