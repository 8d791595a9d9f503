"""Constants shared by the unit tests (a unique module name: test folders share sys.path)."""

import datetime as dt
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "tests" / "fixtures" / "sample" / "content"
TODAY = dt.date(2026, 1, 15)  # fixed, so review and future-date rules are deterministic
