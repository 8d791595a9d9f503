"""tools/prerequisites.py as a contributor meets it: run as an unprivileged user (nobody, when the
tests run as root) with a scratch PATH of stand-in programs (apt-get, sudo, browsers, java) that
log their calls, so nothing is installed or locked on this machine."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tools import prerequisites

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "tools" / "prerequisites.py"
SETPRIV = shutil.which("setpriv")
AS_NOBODY = [SETPRIV, "--reuid=nobody", "--regid=nogroup", "--clear-groups"] if SETPRIV else []

# apt-get as it behaves: without root it cannot even open its lock files. "Installing" a package
# puts a stand-in program for it next to this one. A scratch lock file held with flock(1) is
# "another process installing packages".
FAKE_APT_GET = """#!/bin/sh
echo "apt-get $*" >> "$FAKE_LOG"
if [ "$(/usr/bin/id -u)" != 0 ] && [ "$FAKE_ROOT" != 1 ]; then
    echo "E: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)" >&2
    exit 100
fi
if [ -n "$FAKE_LOCK" ] && ! /usr/bin/flock -n "$FAKE_LOCK" /bin/true; then
    echo "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 4242 (apt-get)" >&2
    echo "E: Unable to lock directory /var/lib/apt/lists/" >&2
    exit 100
fi
case "$*" in
    *" install "*chromium*) printf '#!/bin/sh\\n' > "$(/usr/bin/dirname "$0")/chromium" ;;
    *" install "*default-jre-headless*) printf '#!/bin/sh\\n' > "$(/usr/bin/dirname "$0")/java" ;;
esac
case "$*" in *" install "*) /bin/chmod +x "$(/usr/bin/dirname "$0")"/chromium "$(/usr/bin/dirname "$0")"/java 2>/dev/null ;; esac
exit 0
"""
# sudo that lets this user in without a password (CI), and one that needs a password.
PASSWORDLESS_SUDO = """#!/bin/sh
echo "sudo $*" >> "$FAKE_LOG"
[ "$1" = -n ] && shift
[ "$1" = true ] && exit 0
FAKE_ROOT=1 exec "$@"
"""
PASSWORD_SUDO = """#!/bin/sh
echo "sudo $*" >> "$FAKE_LOG"
if [ "$1" = -n ]; then echo "sudo: a password is required" >&2; exit 1; fi
[ -t 0 ] || { echo "sudo: a terminal is required to read the password" >&2; exit 1; }
FAKE_ROOT=1 exec "$@"
"""
PROGRAM = "#!/bin/sh\nexit 0\n"


@dataclass
class Scratch:
    root: Path

    @property
    def bin(self) -> Path:
        return self.root / "bin"

    @property
    def log(self) -> Path:
        return self.root / "calls.log"

    def program(self, name: str, text: str = PROGRAM) -> Path:
        path = self.bin / name
        path.write_text(text)
        path.chmod(0o755)
        return path

    def calls(self) -> list[str]:
        return self.log.read_text().splitlines()


@dataclass
class Outcome:
    returncode: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


@pytest.fixture(scope="session")
def python() -> str:
    """An interpreter the unprivileged user may run (the script needs only the standard library)."""
    for candidate in (os.path.realpath(sys.executable), "/usr/bin/python3"):
        if os.geteuid() != 0 or subprocess.run([*AS_NOBODY, candidate, "-c", "pass"]).returncode == 0:
            return candidate
    pytest.fail("no Python that the user nobody can run")


@pytest.fixture
def scratch() -> Iterator[Scratch]:
    """A folder every user may write (pytest's tmp_path is private to root): PATH, log, lock, script."""
    root = Path(tempfile.mkdtemp(prefix="prerequisites-"))
    try:
        root.chmod(0o777)
        (root / "bin").mkdir(mode=0o777)
        (root / "bin").chmod(0o777)
        for name in ("calls.log", "apt.lock"):
            (root / name).touch(mode=0o666)
            (root / name).chmod(0o666)
        shutil.copy(SCRIPT, root / "prerequisites.py")
        (root / "prerequisites.py").chmod(0o644)
        yield Scratch(root)
    finally:
        shutil.rmtree(root)


def run_setup(scratch: Scratch, python: str, stdin: int | None = subprocess.DEVNULL, **env: str) -> Outcome:
    """The script as an unprivileged user whose PATH is the scratch bin/ alone (and no CI)."""
    if os.geteuid() == 0 and not SETPRIV:
        pytest.fail("running as root without setpriv: cannot run the set-up as an ordinary user")
    environment = {
        "PATH": str(scratch.bin),
        "HOME": str(scratch.root),
        "FAKE_LOG": str(scratch.log),
        "PREREQUISITES_APPLICATIONS": str(scratch.root / "Applications"),
        **env,
    }
    command = [*(AS_NOBODY if os.geteuid() == 0 else []), python, "-I", str(scratch.root / "prerequisites.py")]
    start = time.monotonic()
    result = subprocess.run(command, env=environment, stdin=stdin, capture_output=True, text=True, timeout=120)
    return Outcome(result.returncode, result.stdout, result.stderr, time.monotonic() - start)


def assert_says_how_to_install_a_browser(outcome: Outcome) -> None:
    """One message, no apt error: what is missing, how to install it on each system, CHROMIUM_PATH."""
    assert "E: " not in outcome.output, outcome.output
    assert_says_how_to_install_a_browser_after(outcome)


def assert_says_how_to_install_a_browser_after(outcome: Outcome, reason: str = "") -> None:
    assert outcome.returncode == 1, outcome.output
    assert "Traceback" not in outcome.output and f"It was not installed: {reason}" in outcome.stderr
    for words in ("need Chromium or Google Chrome", "sudo apt-get install chromium", "sudo dnf install chromium",
                  "brew install --cask chromium", "CHROMIUM_PATH=/path/to/chrome make test"):  # fmt: skip
        assert words in outcome.stderr, f"{words!r} missing from:\n{outcome.stderr}"


def test_the_script_runs_unprivileged(python):
    result = subprocess.run(
        [*(AS_NOBODY if os.geteuid() == 0 else []), python, "-c", "import os; print(os.geteuid())"],
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() != "0"


def test_no_browser_no_root_no_sudo_stops_with_one_clear_message(scratch, python):
    scratch.program("apt-get", FAKE_APT_GET)
    outcome = run_setup(scratch, python)
    assert_says_how_to_install_a_browser(outcome)
    assert "you are not root and have no `sudo`" in outcome.stderr
    assert scratch.calls() == [], "apt-get ran without the rights to install"


def test_no_browser_and_sudo_wants_a_password_nobody_can_type(scratch, python):
    scratch.program("apt-get", FAKE_APT_GET)
    scratch.program("sudo", PASSWORD_SUDO)
    outcome = run_setup(scratch, python)
    assert_says_how_to_install_a_browser(outcome)
    assert "`sudo` asks for a password with no terminal here" in outcome.stderr
    assert scratch.calls() == ["sudo -n true"]


def test_no_package_manager_it_knows_says_how_on_each_system(scratch, python):
    outcome = run_setup(scratch, python)  # Fedora or macOS: no apt-get
    assert_says_how_to_install_a_browser(outcome)
    assert "no apt-get" in outcome.stderr


def test_a_browser_under_another_name_on_path_is_found_and_used(scratch, python):
    scratch.program("apt-get", FAKE_APT_GET)
    chrome = scratch.program("google-chrome-stable")
    scratch.program("java")
    outcome = run_setup(scratch, python)
    assert outcome.returncode == 0, outcome.output
    assert f"Browser for the tests: {chrome}" in outcome.stdout
    assert scratch.calls() == []
    # The tests take the same one: tools/chromium.py asks the same question.
    command = [sys.executable, "-c", "from tools.chromium import CHROMIUM_PATH; print(CHROMIUM_PATH)"]
    env = {"PATH": str(scratch.bin), "PREREQUISITES_APPLICATIONS": ""}
    found = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=True)
    assert found.stdout.strip() == str(chrome)


def test_chromium_path_comes_first_and_a_wrong_one_is_an_error(scratch, python):
    scratch.program("chromium")
    scratch.program("java")
    mine = scratch.program("my-browser")
    assert f"Browser for the tests: {mine}" in run_setup(scratch, python, CHROMIUM_PATH=str(mine)).stdout
    outcome = run_setup(scratch, python, CHROMIUM_PATH=str(scratch.root / "nothing-here"))
    assert outcome.returncode == 1 and "Traceback" not in outcome.output
    assert f"CHROMIUM_PATH is set to {scratch.root / 'nothing-here'}, but there is no program there" in outcome.stderr


def test_a_macos_application_is_found(scratch, python):
    scratch.program("java")
    app = scratch.root / "Applications" / "Google Chrome.app" / "Contents" / "MacOS"
    app.mkdir(parents=True)
    (app / "Google Chrome").write_text(PROGRAM)
    (app / "Google Chrome").chmod(0o755)
    (scratch.root / "Applications").chmod(0o755)
    outcome = run_setup(scratch, python)
    assert outcome.returncode == 0, outcome.output
    assert f"Browser for the tests: {app / 'Google Chrome'}" in outcome.stdout


def test_sudo_without_a_password_installs_what_is_missing(scratch, python):
    apt_get = scratch.program("apt-get", FAKE_APT_GET)
    scratch.program("sudo", PASSWORDLESS_SUDO)
    outcome = run_setup(scratch, python)
    assert outcome.returncode == 0, outcome.output
    assert f"Browser for the tests: {scratch.bin / 'chromium'}" in outcome.stdout
    assert f"Java for the HTML validator: {scratch.bin / 'java'}" in outcome.stdout
    calls = scratch.calls()
    assert calls[0] == "sudo -n true"
    sudo_installs = [c for c in calls if c.startswith("sudo -n ") and f"{apt_get} -o DPkg::Lock::Timeout=" in c]
    assert [c.split()[-1] for c in sudo_installs] == ["-qq", "chromium", "-qq", "default-jre-headless"], calls
    assert all("DEBIAN_FRONTEND=noninteractive" in c for c in sudo_installs)


def test_sudo_with_a_password_is_used_when_a_person_is_at_the_terminal(scratch, python):
    scratch.program("apt-get", FAKE_APT_GET)
    scratch.program("sudo", PASSWORD_SUDO)
    scratch.program("java")
    controller, terminal = pty.openpty()
    try:
        outcome = run_setup(scratch, python, stdin=terminal)
    finally:
        os.close(controller)
        os.close(terminal)
    assert outcome.returncode == 0, outcome.output
    assert any(c.startswith("sudo /") and c.endswith("install -y -qq chromium") for c in scratch.calls())


def test_root_installs_with_apt_get_itself(scratch, python):
    if os.geteuid() != 0:
        pytest.skip("needs a root test run to run the set-up as root")
    scratch.program("apt-get", FAKE_APT_GET)
    scratch.program("java")
    environment = {"PATH": str(scratch.bin), "FAKE_LOG": str(scratch.log), "PREREQUISITES_APPLICATIONS": ""}
    result = subprocess.run(
        [python, "-I", str(scratch.root / "prerequisites.py")], env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert [c.split(" ", 3)[3] for c in scratch.calls()] == [
        "update -qq",
        "install -y -qq chromium",
    ]


@pytest.fixture
def held_lock(scratch: Scratch) -> Iterator[Callable[[float], subprocess.Popen[bytes]]]:
    """Another process holding the (scratch) package manager's lock, for as long as the test says."""
    holders: list[subprocess.Popen[bytes]] = []

    def hold(seconds: float) -> subprocess.Popen[bytes]:
        holder = subprocess.Popen(["flock", str(scratch.root / "apt.lock"), "sleep", str(seconds)])
        holders.append(holder)
        deadline = time.monotonic() + 10
        while subprocess.run(["flock", "-n", str(scratch.root / "apt.lock"), "true"]).returncode == 0:
            assert time.monotonic() < deadline, "flock never took the scratch lock"
            time.sleep(0.05)
        return holder

    yield hold
    for holder in holders:
        holder.kill()
        holder.wait()


def test_a_held_package_manager_lock_is_waited_for(scratch, python, held_lock):
    scratch.program("apt-get", FAKE_APT_GET)
    scratch.program("sudo", PASSWORDLESS_SUDO)
    scratch.program("java")
    held_lock(3)
    outcome = run_setup(scratch, python, FAKE_LOCK=str(scratch.root / "apt.lock"), PREREQUISITES_LOCK_TIMEOUT="60")
    assert outcome.returncode == 0, outcome.output
    assert "Another program is installing packages; waiting for it (at most 60 s)" in outcome.stderr
    assert outcome.seconds >= 2.5, "it did not wait for the lock"
    assert "E: " not in outcome.output
    calls = [c for c in scratch.calls() if c.startswith("apt-get")]
    assert len(calls) >= 3 and calls[-1].endswith("install -y -qq chromium"), calls


def test_a_lock_held_too_long_stops_with_a_message(scratch, python, held_lock):
    scratch.program("apt-get", FAKE_APT_GET)
    scratch.program("sudo", PASSWORDLESS_SUDO)
    scratch.program("java")
    held_lock(60)
    outcome = run_setup(scratch, python, FAKE_LOCK=str(scratch.root / "apt.lock"), PREREQUISITES_LOCK_TIMEOUT="2")
    assert_says_how_to_install_a_browser(outcome)
    assert "Another program has held the package manager's lock for 2 s" in outcome.stderr
    assert outcome.seconds < 20


def test_a_failed_install_says_what_failed_in_one_line(scratch, python):
    scratch.program("apt-get", '#!/bin/sh\necho "E: Unable to locate package chromium" >&2\nexit 100\n')
    scratch.program("sudo", PASSWORDLESS_SUDO)
    outcome = run_setup(scratch, python)
    assert_says_how_to_install_a_browser_after(
        outcome, "installing it failed: `apt-get update -qq` failed: E: Unable to locate package chromium"
    )


def test_missing_java_is_a_warning_locally_and_an_error_in_ci(scratch, python):
    scratch.program("chromium")
    local = run_setup(scratch, python)
    assert local.returncode == 0, local.output
    assert "The HTML validator tests need Java" in local.stderr
    assert "sudo apt-get install default-jre-headless" in local.stderr
    assert "Until then the validator tests are skipped." in local.stderr
    ci = run_setup(scratch, python, CI="true")
    assert ci.returncode == 1
    assert "CI is set, so the validator tests may not be skipped." in ci.stderr


def test_a_java_that_does_not_start_counts_as_missing(scratch, python):
    scratch.program("chromium")
    scratch.program("java", "#!/bin/sh\necho 'No Java runtime present' >&2\nexit 1\n")  # macOS's stand-in
    outcome = run_setup(scratch, python)
    assert "The HTML validator tests need Java" in outcome.stderr


def test_lock_messages_are_told_apart_from_missing_rights():
    held = "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 7 (apt-get)"
    denied = "E: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)"
    assert any(words in held for words in prerequisites.LOCK_MESSAGES)
    assert not any(words in denied for words in prerequisites.LOCK_MESSAGES)
