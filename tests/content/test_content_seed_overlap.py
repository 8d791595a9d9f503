"""Our text is our own: no run of 8 words from a seed article in content/ or docs/.

The seeds live outside the repository (`../shared/seeds/*.txt`); where that
folder is absent (a fresh clone) the check against them is skipped, but the
overlap function itself is always tested.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / ".." / "shared" / "seeds"
RUN_LENGTH = 8
_WORD_RE = re.compile(r"[a-z0-9]+")


def normalised_words(text: str) -> list[str]:
    """Lower-case words with punctuation, apostrophes and whitespace ignored."""
    text = text.lower().replace("’", "'").replace("'", "")
    return _WORD_RE.findall(text)


def word_runs(text: str, length: int = RUN_LENGTH) -> set[tuple[str, ...]]:
    words = normalised_words(text)
    return {tuple(words[i : i + length]) for i in range(len(words) - length + 1)}


def shared_runs(text: str, seed_runs: set[tuple[str, ...]], length: int = RUN_LENGTH) -> list[str]:
    """Every run of `length` words in `text` that also occurs in a seed, in order."""
    words = normalised_words(text)
    found = []
    for i in range(len(words) - length + 1):
        run = tuple(words[i : i + length])
        if run in seed_runs:
            found.append(" ".join(run))
    return found


def our_text_files() -> list[Path]:
    files = sorted((REPO / "content").rglob("*.yml")) + sorted((REPO / "docs").rglob("*.md"))
    return [f for f in files if "schemas" not in f.relative_to(REPO).parts]


# --- the function can fail ---------------------------------------------------------

SEED_EXAMPLE = "The company has collaborated with other Chinese firms, such as Huawei, to advance chip development."


def test_a_copied_run_is_found_whatever_the_case_and_punctuation():
    copied = "We note: THE company has collaborated — with other Chinese firms; such as Huawei!"
    assert shared_runs(copied, word_runs(SEED_EXAMPLE)) == [
        "the company has collaborated with other chinese firms",
        "company has collaborated with other chinese firms such",
        "has collaborated with other chinese firms such as",
        "collaborated with other chinese firms such as huawei",
    ]


def test_seven_shared_words_are_allowed():
    own = "It says the company has collaborated with other Chinese partners."
    assert shared_runs(own, word_runs(SEED_EXAMPLE)) == []


def test_curly_and_straight_apostrophes_count_as_the_same_word():
    seed = "China’s resilience in advancing AI technologies amidst export controls today"
    ours = "china's resilience in advancing ai technologies amidst export"
    assert shared_runs(ours, word_runs(seed))


def test_the_scan_covers_content_and_docs():
    names = {f.relative_to(REPO).as_posix() for f in our_text_files()}
    assert "content/facts.yml" in names and "docs/index.md" in names
    assert any(n.startswith("content/topics/") for n in names)


# --- the real check ------------------------------------------------------------------


def test_no_seed_sentence_is_copied_into_content_or_docs():
    if not SEEDS.is_dir():
        pytest.skip(f"seed folder {SEEDS} is not present")
    seed_files = sorted(SEEDS.glob("*.txt"))
    assert seed_files, f"{SEEDS} holds no .txt seeds"
    seed_runs: set[tuple[str, ...]] = set()
    for seed in seed_files:
        seed_runs |= word_runs(seed.read_text(encoding="utf-8"))
    copied = [
        f"{f.relative_to(REPO)}: '{run}'"
        for f in our_text_files()
        for run in shared_runs(f.read_text(encoding="utf-8"), seed_runs)
    ]
    assert not copied, (
        f"{len(copied)} run(s) of {RUN_LENGTH}+ words copied from a seed; "
        "rewrite them in our own words:\n" + "\n".join(copied)
    )
