"""The review gate covers what really runs: the file names make, pytest, setuptools and Python's
start-up read are asked of those tools, not listed by hand, so a new name they learn fails here.
Every such path must be owned in CODEOWNERS as GitHub reads it (case-sensitively), and a case
variant of any of them fails the CI step, which matches case-insensitively."""

from __future__ import annotations

import inspect
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools.review_gate import owned, rules

from .support import ENV, ROOT

RULES = rules((ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8"))
GATE = ROOT / "tools" / "review_gate.py"


def _names_in_source(module: object, pattern: str) -> set[str]:
    return set(re.findall(pattern, inspect.getsource(module)))  # type: ignore[arg-type]


def _makefile_names(tmp_path: Path) -> list[str]:
    """The names GNU make looks for, in its order: offer all likely ones, see which it reads, remove it, again."""
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    offered = ["GNUmakefile", "makefile", "Makefile", "MAKEFILE", "Makefile.mk", "makefile.mk", "BSDmakefile"]
    for name in offered:
        (tmp_path / name).write_text("$(info read $(firstword $(MAKEFILE_LIST)))\nall: ;\n")
    read = []
    while True:
        result = subprocess.run(["make", "-n"], cwd=tmp_path, capture_output=True, text=True, timeout=30)
        found = re.search(r"^read (\S+)$", result.stdout, re.M)
        if not found:
            return read
        read.append(found.group(1))
        (tmp_path / found.group(1)).unlink()


def test_every_makefile_name_make_reads_is_owned(tmp_path: Path) -> None:
    names = _makefile_names(tmp_path)
    assert "Makefile" in names and len(names) >= 3, names
    assert [n for n in names if not owned(n, RULES)] == []


def test_every_file_our_makefile_reads_is_owned() -> None:
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    result = subprocess.run(["make", "-pn", "clean"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    [listed] = re.findall(r"^MAKEFILE_LIST := (.*)$", result.stdout, re.M)
    files = [Path(f).resolve().relative_to(ROOT).as_posix() for f in listed.split()]
    assert "Makefile" in files
    assert [f for f in files if not owned(f, RULES)] == []


def test_every_pytest_configuration_name_is_owned() -> None:
    from _pytest.config import findpaths

    names = _names_in_source(findpaths, r'"([\w.]+\.(?:ini|toml|cfg))"')
    assert {"pytest.ini", "pyproject.toml", "tox.ini", "setup.cfg"} <= names
    for name in names:  # pytest looks for them in every folder up from its arguments
        assert owned(name, RULES) and owned(f"content/{name}", RULES), name


def test_packaging_and_start_up_files_are_owned() -> None:
    import site

    import setuptools.build_meta

    names = _names_in_source(setuptools.build_meta, r'"(setup\.\w+)"') | {"setup.cfg", "pyproject.toml"}
    names |= {f"{module}.py" for module in _names_in_source(site, r"import (\w+customize)")}
    assert {"setup.py", "sitecustomize.py", "usercustomize.py"} <= names
    names |= {"anything.pth", ".python-version", "requirements.txt", "requirements-dev.txt"}
    assert [n for n in sorted(names) if not owned(n, RULES)] == []


PROBE = """
import json, sys
from pathlib import Path

def pytest_collection_finish(session):
    config = session.config
    conftests = [getattr(p, "__file__", "") for p in config.pluginmanager.get_plugins()]
    modules = [getattr(m, "__file__", None) or "" for m in list(sys.modules.values())]
    out = {"inifile": str(config.inipath or ""), "conftests": conftests, "modules": modules}
    Path(config.getoption("gate_out") or "").write_text(json.dumps(out))

def pytest_addoption(parser):
    parser.addoption("--gate-out")
"""


@pytest.fixture(scope="module")
def collected(tmp_path_factory) -> dict[str, list[str]]:
    """What a collection of the whole suite reads from the repository: pytest's configuration,
    its conftest files and every module the tests import."""
    where = tmp_path_factory.mktemp("probe")
    (where / "gate_probe.py").write_text(PROBE)
    out = where / "out.json"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--co",
            "-q",
            "-p",
            "gate_probe",
            "-p",
            "no:cacheprovider",
            f"--gate-out={out}",
        ],
        cwd=ROOT,
        env={**ENV, "PYTHONPATH": str(where)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.exists(), result.stdout[-2000:] + result.stderr[-2000:]
    data = json.loads(out.read_text())

    def ours(files: list[str]) -> list[str]:
        """Files of the checkout (not of the virtual environment, which nobody commits)."""
        inside = [Path(f).resolve() for f in files if f]
        venv = (ROOT / ".venv").resolve()
        return sorted(
            {f.relative_to(ROOT).as_posix() for f in inside if f.is_relative_to(ROOT) and not f.is_relative_to(venv)}
        )

    return {"config": ours([data["inifile"]]), "conftests": ours(data["conftests"]), "modules": ours(data["modules"])}


def test_pytest_reads_its_configuration_from_an_owned_file(collected) -> None:
    assert collected["config"] == ["pyproject.toml"]
    assert owned("pyproject.toml", RULES)


def test_every_conftest_pytest_loads_is_owned(collected) -> None:
    assert "tests/conftest.py" in collected["conftests"]
    assert [c for c in collected["conftests"] if not owned(c, RULES)] == []


def test_every_module_the_tests_import_from_the_repository_is_owned(collected) -> None:
    modules = collected["modules"]
    assert any(m.startswith("tools/") for m in modules) and any(m.startswith("bench/") for m in modules), modules
    assert any(m.startswith("hooks/") for m in modules), modules
    assert [m for m in modules if not owned(m, RULES)] == []


# --- case ---------------------------------------------------------------------------
OWNED_SAMPLES = [".cache/explainer/site.pickle", "Makefile", ".github/workflows/ci.yml", "conftest.py", "tools/x.py"]


def _variants(path: str) -> list[str]:
    return sorted({path.upper(), path.swapcase(), path.title(), path[:1].swapcase() + path[1:]} - {path})


def _gate(paths: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(GATE)], input="\0".join(paths), capture_output=True, text=True, timeout=30
    )


@pytest.mark.parametrize("path", OWNED_SAMPLES)
def test_a_case_variant_of_an_owned_path_fails_the_step(path: str) -> None:
    missed = [v for v in _variants(path) if not owned(v, RULES)]  # (`makefile` is owned in its own right)
    assert missed, path
    for variant in missed:
        result = _gate(["content/events.yml", variant])
        assert result.returncode == 1, variant
        assert f"::error title=A case variant of a reviewed path::{variant}:" in result.stdout


def test_owned_paths_in_their_usual_case_pass_with_a_warning() -> None:
    result = _gate(OWNED_SAMPLES)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("::warning") and "::error" not in result.stdout


@pytest.mark.parametrize("path", ["docs/images/Photo.PNG", "docs/Page.MD", "docs/a.Svg"])
def test_odd_case_in_docs_is_code_to_review(path: str) -> None:
    """GitHub owns these (no lower-case image or page rule matches them); the step lists them too."""
    assert owned(path, RULES)
    assert path in _gate([path]).stdout


# What a content pull request may change without a maintainer: the YAML, the hand-written pages and
# their pictures, and prose about the project. Everything else the repository tracks runs in CI,
# in `make`, or ships to readers.
CONTENT_PATHS = re.compile(
    r"^(content/|docs/.*\.(md|png|jpe?g|gif|webp|avif)$|[A-Z]+\.md$|\.gitignore$|\.gitattributes$)"
)


def test_every_tracked_file_but_content_is_owned() -> None:
    """A new top-level folder (an engine's overrides, say) cannot slip past the gate."""
    tracked = (
        subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, timeout=60)
        .stdout.decode()
        .split("\0")
    )
    unowned = [p for p in tracked if p and not CONTENT_PATHS.match(p) and not owned(p, RULES)]
    assert unowned == []
