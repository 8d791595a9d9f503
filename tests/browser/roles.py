"""The roles of `key_pages` (one page of each kind), for tests that run over every kind of page."""

ROLES = [
    "home",
    "topic",
    "timeline",
    "glossary",
    "figures",
    "actor",
    "source",
    "person",
    "cited-source",
    "topic-to-watch",
]
