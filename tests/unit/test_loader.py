from explainer.load.loader import load_content

SOURCE = """\
- id: s1
  title: A source
  publisher: Someone
  kind: news
  date: 2020-01-02
  url: https://example.org/a
  summary: Our words.
"""


def messages(folder) -> list[str]:
    return [str(p) for p in load_content(folder)[1]]


def test_valid_file_loads_into_records_with_positions(write):
    content, problems = load_content(write({"sources.yml": SOURCE}))
    assert problems == []
    [record] = content.of("source")
    assert record.item.date.iso() == "2020-01-02"
    assert record.where("url") == (6, 8)
    assert record.field_path("url") == "sources[0].url"


def test_missing_field_points_at_the_item(write):
    text = SOURCE.replace("  publisher: Someone\n", "")
    assert messages(write({"sources.yml": text})) == [
        "content/sources.yml:1:3: sources[0].publisher: required field is missing"
    ]


def test_unknown_field_suggests_the_close_one(write):
    text = SOURCE.replace("summary:", "sumary:")
    assert messages(write({"sources.yml": text})) == [  # one mistake, one line
        "content/sources.yml:7:3: sources[0].sumary: unknown field; did you mean 'summary'?"
    ]


def test_unknown_field_in_a_nested_section_suggests_from_the_section(write):
    topic = """\
    - id: t
      title: T
      question: Q?
      order: 1
      reviewed: 2026-11
      answer: A.
      sections:
        - hedding: H
          body: B
    """
    assert messages(write({"topics/t.yml": topic})) == [
        "content/topics/t.yml:8:7: topics[0].sections[0].hedding: unknown field; did you mean 'heading'?"
    ]


def test_unknown_field_far_from_any_name_lists_the_fields(write):
    found = messages(write({"sources.yml": SOURCE + "  colour: red\n"}))
    assert found == [
        "content/sources.yml:8:3: sources[0].colour: unknown field; expected one of: "
        "id, title, headline_known, publisher, via, kind, date, url, copy_url, archive_url, summary, key_points, actors"
    ]


def test_wrong_type_names_field_and_value(write):
    text = SOURCE.replace("title: A source", "title: [a, b]")
    [message] = messages(write({"sources.yml": text}))
    assert message.startswith("content/sources.yml:2:10: sources[0].title: Input should be a valid string")


def test_bad_address_and_bad_choice(write):
    text = SOURCE.replace("https://example.org/a", "ftp://example.org/a").replace("kind: news", "kind: blog")
    found = messages(write({"sources.yml": text}))
    assert any("sources[0].url: 'ftp://example.org/a' is not an http(s) address" in m for m in found)
    assert any(m.startswith("content/sources.yml:4:9: sources[0].kind: Input should be 'primary'") for m in found)


def test_impossible_date_names_the_field(write):
    text = SOURCE.replace("2020-01-02", "2019-13-01")
    assert messages(write({"sources.yml": text})) == [
        "content/sources.yml:5:9: sources[0].date: '2019-13-01' is not a date: month 13 does not exist"
    ]


def test_file_shapes_that_are_not_lists(write):
    folder = write({"sources.yml": "just text\n", "actors.yml": "", "terms.yml": "- 3\n"})
    found = messages(folder)
    assert "content/sources.yml:1:1: expected a list of sources (lines starting with '- '), found text" in found
    assert "content/actors.yml:1:1: file is empty; expected a list of actors" in found
    assert "content/terms.yml:1:3: terms[0]: expected a mapping of fields for one term" in found


def test_folder_of_files_and_unknown_file_names(write):
    folder = write({"sources/a.yml": SOURCE, "sources/b.yml": SOURCE.replace("s1", "s2"), "source.yml": SOURCE})
    content, problems = load_content(folder)
    assert [r.item.id for r in content.of("source")] == ["s1", "s2"]
    assert [p.path for p in problems] == ["content/source.yml"]
    assert "not a content file" in problems[0].message


def test_syntax_error_in_one_file_does_not_hide_problems_in_another(write):
    folder = write({"sources.yml": "- id: [\n", "actors.yml": "- id: a\n  name: A\n  kind: robot\n  description: d\n"})
    found = messages(folder)
    assert any(m.startswith("content/sources.yml:2:1: YAML syntax error") for m in found)
    assert any(m.startswith("content/actors.yml:3:9: actors[0].kind:") for m in found)
