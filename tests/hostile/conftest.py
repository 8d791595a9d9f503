"""The hostile suite imports the generator from hooks/ whatever the working directory."""
import sys
from pathlib import Path

HOOKS = str(Path(__file__).resolve().parents[2] / "hooks")
if HOOKS not in sys.path:
    sys.path.insert(0, HOOKS)
