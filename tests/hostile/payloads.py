"""Markup payloads and a content set that puts each of them in every text field of every kind.

Every payload carries the marker "pwn": rendered inert it may show as text, but
never as live markup (see support.site_leaks).
"""

from __future__ import annotations

from .support import minimal

# Accepted by validation and rendered inert: one line each, short enough for any text field.
INERT_PAYLOADS: dict[str, str] = {
    "script": '<script>alert("pwn1")</script>',
    "img-onerror": '<img src=x onerror=alert("pwn2")>',
    "svg-onload": '<svg/onload=alert("pwn3")>',
    "entity-script": '&lt;script&gt;alert("pwn4")&lt;/script&gt;',
    "attr-breakout": '"><script>alert("pwn5")</script><p title="',
    "attr-handler": "x\" onmouseover=\"alert('pwn6')\" y=' onfocus='alert(\"pwn6\")' autofocus ",
    "comment": "<!-- pwn7 --> --> <!-- still open",
    "jinja": "{{ 1337*1337 }} {% if true %}pwn8{% endif %} {# pwn8 #} {% raw %}",
    "attr-list": "Text {: onclick=\"alert('pwn9')\" } {#pwn9 .x onclick=alert(9)}",
    "closers": '</textarea></title></style></script><script>alert("pwn10")</script>',
    "scheme-text": 'javascript:alert("pwn11") data:text/html,<script>alert("pwn11")</script>',
    "numeric-entity": '&#x3C;script&#x3E;alert("pwn12")&#x3C;/script&#x3E; &#60;img src=x onerror=alert(12)&#62;pwn12',
    "md-extensions": '*[TA]: <script>alert("pwn14")</script> --8<-- "/etc/passwd" [TOC] pwn14',
    "quotes-amp": 'O\'Brien & "Sons" & <b>pwn15</b> &amp;lt;pwn15&amp;gt;',
}

# Markdown-only tricks with safe targets: accepted, and rendered without live handlers.
MARKDOWN_TRICKS: dict[str, str] = {
    "link-title": '[x](https://example.com/a "t\\" onmouseover=\\"alert(\'pwn13\')")',
    "link-quote-in-url": "[x](https://example.com/\"onmouseover=\"alert('pwn13'))",
    "autolink-quote": "<https://example.com/\"onmouseover=\"alert('pwn13')>",
    "reference": '[x][r] and [y]\n\n[r]: https://example.com/r "pwn13"\n[y]: <https://example.com/y" onclick="pwn13>',
    "html-block": "<div onclick=\"alert('pwn13')\">\n\n*pwn13*\n\n</div>",
    "inline-html-in-code": "`<script>alert('pwn13')</script>` and ```<img src=x onerror=alert('pwn13')>```",
    "label-in-ref": "See [[actor:act-a|<img src=x onerror=alert('pwn13')>]].",
}


def hostile_content() -> dict[str, list[dict]]:
    """The minimal content plus, for each payload, one item of every kind with it in every text field."""
    content = minimal()
    for n, (_name, p) in enumerate(INERT_PAYLOADS.items(), start=1):
        md = f"{p} [[actor:act-a|{p.replace('[', '(').replace(']', ')')}]] {p}"
        tag = f"p{n}"
        content["sources"].append(
            {
                "id": f"src-{tag}",
                "title": f"{p} source",
                "publisher": f"{p} publisher",
                "via": f"{p} via",
                "kind": "news",
                "date": "2020-01-02",
                "url": "https://example.com/a?x=1&y=pwn&amp;z=&lt;pwn",
                "copy_url": "https://example.org/copy?x=1&y=pwn&amp;z=&lt;pwn",
                "summary": md,
                "key_points": [md, p],
                "actors": ["act-a"],
            }
        )
        content["actors"].append(
            {
                "id": f"act-{tag}",
                "name": f"{p} actor",
                "kind": "person",
                "description": md,
                "role": f"{p} role",
                "zh": f"{p} 中",
                "pinyin": f"{p} py",
                "aliases": [f"{p} alias"],
                "headquarters": f"{p} city",
                "leaders": [f"{p} (chair)"],
                "makes": md,
                "now": md,
                "now_as_of": "2026-11",
            }
        )
        content["terms"].append(
            {
                "id": f"term-{tag}",
                "term": f"{p} term {n}",
                "abbreviation": f"AB{n} {p}",
                "aliases": [f"{p} alias {n}"],
                "zh": f"{p} 词",
                "pinyin": f"{p} ci",
                "definition": md + f" AB{n} {p}",
                "related": ["term-a"],
            }
        )
        content["events"].append(
            {
                "id": f"ev-{tag}",
                "date": "2019-10-07",
                "title": f"{p} event",
                "summary": md,
                "note": md,
                "actors": [f"act-{tag}"],
                "topics": [f"topic-{tag}"],
                "sources": [f"src-{tag}"],
            }
        )
        content["facts"].append(
            {
                "id": f"fact-{tag}",
                "statement": md,
                "kind": "forecast",  # a forecast has every text field a fact can have
                "said_by": f"act-{tag}",
                "date": "2019-10-07",
                "sources": [f"src-{tag}"],
                "topics": [f"topic-{tag}"],
                "actors": [f"act-{tag}"],
                "note": md,
                "due": "2020-01",
                "outcome": "mixed",
                "outcome_note": md,
                "outcome_sources": [f"src-{tag}"],
            }
        )
        content["topics"].append(
            {
                "id": f"topic-{tag}",
                "title": f"{p} topic",
                "question": f"{p} question?",
                "order": n + 1,
                "reviewed": "2026-11",
                "answer": md,
                "sections": [{"heading": f"{p} heading", "body": md}, {"heading": p, "body": p}],
                "key_points": [md, p, f"{p} three"],
                "deadlines": [{"due": "2026-11-10", "what": md, "status": md, "checked": "2026-12-01"}],
                "key_facts": [f"fact-{tag}"],
                "actors": [f"act-{tag}"],
            }
        )
        content["updates"].append({"id": f"update-{tag}", "date": "2026-11-01", "kind": "correction", "summary": md})
        content["series"].append(
            {
                "id": f"series-{tag}",
                "title": f"{p} series",
                "finding": f"{p} finding",
                "unit": "percent",
                "description": md,
                "said_by": f"act-{tag}",
                "estimate": True,
                "sources": [f"src-{tag}"],
                "topics": [f"topic-{tag}"],
                "actors": [f"act-{tag}"],
                "points": [
                    {"date": "2019", "value": n, "note": f"{p} note"},
                    {"date": "2020", "value": n + 1, "sources": [f"src-{tag}"], "note": p},
                ],
            }
        )
    tricks = "\n\n".join(MARKDOWN_TRICKS.values())
    content["topics"][0]["sections"].append({"heading": "Markdown tricks", "body": tricks})
    content["sources"][0]["summary"] += "\n\n" + tricks
    return content


def free_text_fields(model) -> list[tuple]:
    """Paths of every free-text field of a model ("*" walks a list), from its JSON Schema:
    strings with no pattern, choice or format. New fields are covered as soon as they exist."""
    schema = model.model_json_schema()

    def walk(prop: dict, path: tuple) -> list[tuple]:
        options = [o for o in prop.get("anyOf", [prop]) if o.get("type") != "null"]
        found = []
        for option in options:
            if "$ref" in option:
                sub = schema["$defs"][option["$ref"].rsplit("/", 1)[-1]]
                found += [p for name, child in sub["properties"].items() for p in walk(child, path + (name,))]
            elif option.get("type") == "array":
                found += walk(option["items"], path + ("*",))
            elif option.get("type") == "string" and not {"pattern", "enum", "format"} & option.keys():
                found.append(path)
        return found

    return [p for name, prop in schema["properties"].items() for p in walk(prop, (name,))]


def values_at(item, path: tuple) -> list:
    if not path:
        return [item]
    head, rest = path[0], path[1:]
    if head == "*":
        return [v for child in (item or []) for v in values_at(child, rest)]
    return values_at(item.get(head), rest) if isinstance(item, dict) else []
