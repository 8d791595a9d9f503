"""Ids that would collide with a page or anchor the site generates itself.

An actor with the id `index` would be written to `actors/index.md`, over the
actors index; an event `2019` would share its anchor with the timeline's 2019
heading, and a link to either would land on the wrong one. Such ids are refused
at the id, with its file, line and column.
"""

from __future__ import annotations

import re

from explainer.load.loader import Content
from explainer.model.kinds import KINDS
from explainer.model.problems import Problem
from explainer.resolve import addresses

# Kinds with a page per item (`actors/<id>.md`): their folder's index page.
_PAGE_NAMES = {kind: addresses.RESERVED_IDS for kind in KINDS if addresses.has_own_pages(kind)}
# Anchors of headings on the pages where items of a kind are anchors: each listing's title
# ("Timeline", or "Timeline: March 2024" once split) and its parts, and a topic page's headings.
_ANCHORS = {
    "event": (re.compile(r"timeline(-[a-z]+)?(-[0-9]{4})?|[0-9]{4}"), "a heading on the timeline (title or year)"),
    "term": (re.compile(r"glossary(-[a-z]|-other)?|[a-z]"), "a heading in the glossary (its title or a letter)"),
    "fact": (
        re.compile(
            r"facts-and-claims(-[a-z]+)?(-[0-9]{4})?|other-facts|key-facts|on-the-timeline|terms-used|who-is-involved"
            r"|timeline|what-to-watch|figures"
        ),
        "a heading on the facts page or a topic page",
    ),
}


def reserved_reason(kind: str, ident: str) -> str | None:
    """Why `ident` may not name an item of `kind`, or None."""
    if ident in _PAGE_NAMES.get(kind, ()):
        return f"the site's own page {kind}s/{ident}.md"
    pattern, heading = _ANCHORS.get(kind, (None, ""))
    if pattern and pattern.fullmatch(ident):
        return heading
    return None


def check_reserved_ids(content: Content) -> list[Problem]:
    problems = []
    for record in content.all():
        reason = reserved_reason(record.kind, record.item.id)
        if reason:
            message = f"'{record.item.id}' is reserved: it would clash with {reason}; choose another id"
            problems.append(record.problem(("id",), message))
    return problems
