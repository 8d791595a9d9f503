from explainer.mkdocs.nav import expand_topics
from explainer.pages.page import Page


def page(path: str, in_nav: bool = True) -> Page:
    return Page(path, "", "content/x.yml", path, in_nav)


def test_topics_entry_becomes_a_section_with_every_topic_in_order():
    pages = [
        page("topics/index.md"),
        page("topics/b.md"),
        page("topics/a.md"),
        page("topics/hidden.md", False),
        page("timeline.md"),
    ]
    nav = [{"Home": "index.md"}, {"Topics": "topics/index.md"}, {"Timeline": "timeline.md"}]
    assert expand_topics(nav, pages) == [
        {"Home": "index.md"},
        {"Topics": ["topics/index.md", "topics/b.md", "topics/a.md"]},
        {"Timeline": "timeline.md"},
    ]


def test_no_nav_stays_no_nav():
    assert expand_topics(None, [page("topics/a.md")]) is None
