"""Small inputs that used to cost far more than their size, shared by the tests and `measure.py`.

Each builder returns (content, raw files) for `support.write_content`: content as
plural -> items on top of the minimal set, raw files by name under content/.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from .support import dump, minimal

Content = dict[str, list[dict]]
Raw = dict[str, str]
MARKDOWN_MAX = 20_000  # the model's longest Markdown text


def brackets() -> tuple[Content, Raw]:
    """A summary of `[`: the plain-text pattern for page descriptions was cubic on it."""
    content = minimal()
    content["sources"][0]["summary"] = "[" * (MARKDOWN_MAX - 1)
    content["actors"][0]["description"] = "(http" * (MARKDOWN_MAX // 5)
    return content, {}


def _texts_file(kind_prefix: str, text: str, count: int) -> str:
    events = [
        {"id": f"{kind_prefix}-{i}", "date": "2019-10-07", "title": "x", "summary": text, "sources": ["src-a"]}
        for i in range(count)
    ]
    return dump(events)


def backticks() -> tuple[Content, Raw]:
    """Runs of backticks in 100 summaries: the code-span pattern backtracked over each run."""
    return minimal(), {"events/ticks.yml": _texts_file("ticks", "`" * (MARKDOWN_MAX - 1000), 100)}


def fences() -> tuple[Content, Raw]:
    """Lines opening code fences that never close, in 50 summaries."""
    return minimal(), {"events/fences.yml": _texts_file("fences", "```x\n" * (MARKDOWN_MAX // 5 - 1), 50)}


def base_60() -> tuple[Content, Raw]:
    """A YAML 1.1 base-60 number of 900,000 parts: multiplied out in quadratic time."""
    content = minimal()
    topics = dump(content["topics"]).replace("order: 1", "order: 1" + ":1" * 900_000)
    return content, {"topics.yml": topics}


def many_problems(count: int = 20_000, actors: int = 4_000) -> tuple[Content, Raw]:
    """`count` references to misspelt actors, among `actors` actors: one problem each."""
    content = minimal()
    content["actors"] += [
        {"id": f"actor-{i}", "name": f"Actor {i}", "kind": "company", "description": "x"} for i in range(actors)
    ]
    events = [
        {
            "id": f"ev-{i}",
            "date": f"{1990 + i % 30}-01-02",
            "title": "x",
            "summary": f"[[actor:actr-{i}]]",
            "sources": ["src-a"],
        }
        for i in range(count)
    ]
    half = count // 2  # two files: each stays under the size limit
    return content, {"events/a.yml": dump(events[:half]), "events/b.yml": dump(events[half:])}


def _words_term(words: int) -> dict:
    return {"id": "term-many", "term": " ".join(["a"] * (words - 1) + ["z"]), "definition": "x"}


def _topic_of_words(words: int) -> tuple[Content, Raw]:
    content = minimal()
    content["terms"].append(_words_term(words))
    body = ("a " * (MARKDOWN_MAX // 2))[: MARKDOWN_MAX - 1]  # nearly the name, at every word
    content["topics"][0]["sections"] = [{"heading": f"Part {i}", "body": body} for i in range(40)]
    return content, {}


def long_glossary_name() -> tuple[Content, Raw]:
    """A term name of 150 one-letter words over a topic of 400,000 words: every length tried at every word."""
    return _topic_of_words(150)


def longest_glossary_name_on_long_texts() -> tuple[Content, Raw]:
    """The longest name allowed (24 words) over the same topic."""
    return _topic_of_words(24)


def fan_out(topics: int = 100, events: int = 100) -> tuple[Content, Raw]:
    """`events` events that each belong to all of `topics` topics, with a few sources and actors each."""
    content = minimal()
    template = content["topics"][0]
    content["topics"] = [
        dict(copy.deepcopy(template), id="topic-a" if i == 0 else f"topic-{i}", order=i + 1, title=f"Topic {i}")
        for i in range(topics)
    ]
    content["sources"] += [
        dict(copy.deepcopy(content["sources"][0]), id=f"src-{i}", title=f"Source {i} " + "t" * 200) for i in range(10)
    ]
    topic_ids = [t["id"] for t in content["topics"]]
    content["events"] += [
        {
            "id": f"ev-{i}",
            "date": f"{1990 + i % 30}-01-02",
            "title": f"Event {i} " + "e" * 200,
            "summary": "A summary of the event, of the length a real one has. " * 4,
            "actors": ["act-a", "act-b"],
            "topics": list(topic_ids),  # a list of its own: a shared one would be dumped as an alias
            "sources": [f"src-{k}" for k in range(10)],
        }
        for i in range(events)
    ]
    return content, {}


def over_budget(topics: int = 4) -> tuple[Content, Raw]:
    """120 events of 500 long-titled sources each, on every topic: well past the output budget."""
    content = minimal()
    content["sources"] += [
        dict(copy.deepcopy(content["sources"][0]), id=f"src-{i}", title="t" * 290) for i in range(500)
    ]
    template = content["topics"][0]
    content["topics"] = [
        dict(copy.deepcopy(template), id="topic-a" if i == 0 else f"topic-{i}", order=i + 1) for i in range(topics)
    ]
    content["events"] += [
        {
            "id": f"ev-{i}",
            "date": "2019-10-07",
            "title": "x",
            "topics": [t["id"] for t in content["topics"]],
            "sources": [f"src-{k}" for k in range(500)],  # (each list built anew: no YAML aliases)
        }
        for i in range(120)
    ]
    return content, {}


def long_url() -> tuple[Content, Raw]:
    """An address of a million characters ending in a space: the URL pattern backtracked over it."""
    content = minimal()
    content["sources"][0]["url"] = "https://" + "a" * 1_000_000 + " x"
    return content, {}


def many_references() -> tuple[Content, Raw]:
    """A text of 1,300 references and a list of 150,000 ids."""
    content = minimal()
    content["facts"][0]["statement"] = "[[actor:act-a]]" * 1300
    content["events"][0]["actors"] = ["act-a"] * 150_000
    return content, {}


def crowded_month() -> tuple[Content, Raw]:
    """1,001 events in one month: one timeline page would hold them all."""
    content = minimal()
    content["events"] += [
        {"id": f"ev-{i}", "date": "2019-10-07", "title": "x", "sources": ["src-a"]} for i in range(1001)
    ]
    return content, {}


# name -> (builder, the command that used to suffer: "check" or "export")
CASES: dict[str, tuple[Callable[[], tuple[Content, Raw]], str]] = {
    "brackets": (brackets, "export"),
    "backticks": (backticks, "check"),
    "fences": (fences, "check"),
    "base-60": (base_60, "check"),
    "many problems": (many_problems, "check"),
    "long glossary name": (long_glossary_name, "export"),
    "24-word name on long texts": (longest_glossary_name_on_long_texts, "export"),
    "fan-out 30x100": (lambda: fan_out(30, 100), "export"),
    "fan-out 100x100": (fan_out, "export"),
    "over budget": (over_budget, "export"),
    "long url": (long_url, "check"),
    "many references": (many_references, "check"),
    "crowded month": (crowded_month, "check"),
}
