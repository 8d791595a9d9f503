import jinja2
from explainer.template_cache import MemoryBytecodeCache


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
