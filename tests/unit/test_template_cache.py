import jinja2
from explainer.pages.template_cache import MemoryBytecodeCache


def render_with_fresh_env(folder, cache) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folder), bytecode_cache=cache)
    return env.get_template("t.j2").render(name="x")


class CountingCache(MemoryBytecodeCache):
    """Counts compilations: Jinja stores code in the cache only after compiling it."""

    def __init__(self):
        super().__init__()
        self.compiled = 0

    def dump_bytecode(self, bucket):
        self.compiled += 1
        super().dump_bytecode(bucket)


def test_compiled_templates_are_reused_across_environments(tmp_path):
    (tmp_path / "t.j2").write_text("hello {{ name }}")
    cache = CountingCache()
    assert render_with_fresh_env(tmp_path, cache) == "hello x"
    assert render_with_fresh_env(tmp_path, cache) == "hello x"
    assert cache.compiled == 1


def test_an_edited_template_is_never_served_stale(tmp_path):
    template = tmp_path / "t.j2"
    template.write_text("hello {{ name }}")
    cache = CountingCache()
    render_with_fresh_env(tmp_path, cache)
    template.write_text("bye {{ name }}")
    assert render_with_fresh_env(tmp_path, cache) == "bye x"
    assert cache.compiled == 2


def test_code_compiled_under_other_settings_is_not_reused(tmp_path):
    """The same source compiles to other code with other whitespace or escaping settings."""
    (tmp_path / "t.j2").write_text("{% if true %}\n  <{{ name }}>\n{% endif %}\n")
    cache = CountingCache()

    def render(**settings):
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), bytecode_cache=cache, **settings)
        return env.get_template("t.j2").render(name="<b>")

    assert render() == "\n  <<b>>\n"
    assert render(trim_blocks=True) == "  <<b>>\n"
    assert render(autoescape=True) == "\n  <&lt;b&gt;>\n"
    assert render() == "\n  <<b>>\n"
    assert cache.compiled == 3


def test_nothing_is_written_to_disk(tmp_path):
    """Compiled templates are code: a cache on disk could be supplied by a checkout or a download."""
    (tmp_path / "t.j2").write_text("hello {{ name }}")
    before = sorted(tmp_path.rglob("*"))
    render_with_fresh_env(tmp_path, CountingCache())
    assert sorted(tmp_path.rglob("*")) == before
