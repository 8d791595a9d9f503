"""Hostile YAML: refused quickly, with a clear message, without exhausting memory."""

import os
import resource
import subprocess
import time

import pytest

from .support import ENV, PYTHON, ROOT, assert_clean_error, run_check, write_content

FAST = 5.0  # seconds: generous, yet far below what an expansion bomb or a parse of 50 MB takes
MEMORY_LIMIT = 1024 * 1024 * 1024  # 1 GiB of address space for the checking process

BILLION_LAUGHS = (
    "\n".join(
        ['- &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        + [f"- &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    )
    + "\n"
)

HOSTILE = {
    "python object/apply": (
        "- !!python/object/apply:os.system ['echo pwned']\n",
        "content/events.yml:1:3: tag '!!python/object/apply:os.system' is not allowed",
    ),
    "python object/new": (
        "- !!python/object/new:subprocess.Popen [['touch', 'pwned']]\n",
        "content/events.yml:1:3: tag '!!python/object/new:subprocess.Popen' is not allowed",
    ),
    "python name": (
        "- id: !!python/name:os.system\n",
        "content/events.yml:1:7: tag '!!python/name:os.system' is not allowed",
    ),
    "python module": ("- id: !!python/module:os\n", "content/events.yml:1:7: tag '!!python/module:os' is not allowed"),
    "python tuple": ("- id: !!python/tuple [a, b]\n", "content/events.yml:1:7: tag '!!python/tuple' is not allowed"),
    "local tag": ("- !event {id: ev-a}\n", "content/events.yml:1:3: tag '!event' is not allowed"),
    "set": ("- !!set {a, b}\n", "content/events.yml:1:3: tag '!!set' is not allowed"),
    "binary": ("- !!binary aGVsbG8=\n", "content/events.yml:1:3: tag '!!binary' is not allowed"),
    "billion laughs": (
        BILLION_LAUGHS,
        "content/events.yml:2:8: alias '*a0' is not allowed; write the value out in full",
    ),
    "single alias": ("- &e {id: ev-a}\n- *e\n", "content/events.yml:2:3: alias '*e' is not allowed"),
    "deep flow nesting": (
        "- " + "[" * 100_000 + "]" * 100_000 + "\n",
        "content/events.yml:1:34: nesting deeper than 32 levels is not allowed",
    ),
    "deep block nesting": (
        "".join("  " * i + f"k{i}:\n" for i in range(200)) + "  " * 200 + "x\n",
        "content/events.yml:33:65: nesting deeper than 32 levels is not allowed",
    ),
    "deep mixed nesting": ("- " + "{a: [" * 40 + "]}" * 40 + "\n", "nesting deeper than 32 levels is not allowed"),
    "bidi override": (
        '- id: ev-a\n  title: "abc\\u202edef"\n',
        "content/events.yml:2:10: events[0].title: text holds U+202E (RIGHT-TO-LEFT OVERRIDE), an invisible character that can disguise text; remove it",
    ),
    "raw bidi isolate": (
        "- id: ev-a\n  title: abc\u2066def\u2069\n",
        "content/events.yml:2:10: events[0].title: text holds U+2066 (LEFT-TO-RIGHT ISOLATE)",
    ),
    "terminal escape in a key": (
        '- id: ev-a\n  "\\x1b[2Jtitle": x\n',
        "content/events.yml:2:3: keys must be plain words",
    ),
    "terminal escape": (
        '- id: ev-a\n  title: "\\x1b[2J\\x1b[31mred"\n',
        "content/events.yml:2:10: events[0].title: text holds U+001B (a control character)",
    ),
}


def _limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def check_bounded(folder) -> tuple[subprocess.CompletedProcess, float]:
    """`check` under a memory ceiling, timed."""
    start = time.monotonic()
    result = subprocess.run(
        [PYTHON, "-m", "explainer", "--content", str(folder), "check"],
        cwd=folder.parent,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limit_memory,
    )
    return result, time.monotonic() - start


@pytest.mark.parametrize("case", list(HOSTILE), ids=str)
def test_hostile_yaml_is_refused_quickly(tmp_path, case):
    text, expected = HOSTILE[case]
    folder = write_content(tmp_path / "content", raw={"events.yml": text})
    result, seconds = check_bounded(folder)
    assert_clean_error(result, expected)
    assert seconds < FAST, f"took {seconds:.1f}s"
    assert "pwned" not in os.listdir(tmp_path) and not (ROOT / "pwned").exists()


def test_50_megabyte_file_is_refused_by_size_before_parsing(tmp_path):
    folder = write_content(tmp_path / "content")
    with open(folder / "events.yml", "wb") as big:  # sparse: instant to make, 50 MB to anyone who reads it
        big.write(b"- id: ev-a\n  title: ")
        big.truncate(50 * 1024 * 1024)
    result, seconds = check_bounded(folder)
    assert_clean_error(
        result, "content/events.yml:1:1: file is 51200 KiB; a content file may hold at most 2048 KiB, split it"
    )
    assert seconds < FAST


def test_a_file_just_over_the_limit_is_refused(tmp_path):
    from explainer.load.yamlio import MAX_FILE_BYTES

    folder = write_content(tmp_path / "content", raw={"events.yml": "#" * (MAX_FILE_BYTES + 1)})
    assert_clean_error(run_check(folder), "content/events.yml:1:1: file is 2048 KiB; a content file may hold at most")


def test_many_large_strings_within_the_limit_load(tmp_path):
    """Long but legal files are not refused by the guards (they are only slow to read)."""
    items = "".join(f"- id: ev-{i}\n  date: 2019\n  title: {'x' * 200}\n  sources: [src-a]\n" for i in range(2000))
    folder = write_content(tmp_path / "content", raw={"events.yml": items})
    result, seconds = check_bounded(folder)
    assert "Traceback" not in result.stderr and "is too long" not in result.stderr
    assert seconds < FAST * 4


@pytest.mark.parametrize("target", ["/dev/zero", "/etc/passwd"])
def test_symbolic_links_are_refused(tmp_path, target):
    """A pull request may add a link: to an endless device, or to a file that is not ours to publish."""
    folder = write_content(tmp_path / "content")
    (folder / "events.yml").unlink()
    (folder / "events.yml").symlink_to(target)
    result, seconds = check_bounded(folder)
    output = assert_clean_error(result, "content/events.yml:1:1: not a plain file (a link or a device)")
    assert "root:" not in output and seconds < FAST


def test_an_unreadable_file_is_a_problem_not_a_crash(tmp_path, monkeypatch):
    """Root reads anything, so the refusal is simulated: opening the file fails as it would without permission."""
    from pathlib import Path

    from explainer.load.loader import load_content

    folder = write_content(tmp_path / "content")
    real_open = Path.open

    def refuse(self, *args, **kwargs):
        if self.name == "events.yml":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    _, problems = load_content(folder)
    assert "content/events.yml:1:1: cannot read the file: Permission denied" in [str(p) for p in problems]
