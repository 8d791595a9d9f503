"""What `make test` needs outside the virtual environment: a Chromium-family browser (every browser
test) and Java (only the Nu HTML Checker). Standard library only, so it runs before .venv exists.

    python3 -m tools.prerequisites

finds a browser already installed (CHROMIUM_PATH, then the usual names on PATH, then the macOS
application folders) and Java, and installs what is missing with apt-get only where that is
possible and allowed: as root, through `sudo -n` (no password, as in CI), or through `sudo` when a
person is at the terminal to type a password. It waits for the package manager's lock up to
PREREQUISITES_LOCK_TIMEOUT seconds (default 600) instead of failing at once. Otherwise it stops
with one message saying what is missing and how to install it. A missing Java is only a warning
on a contributor's machine (the validator tests skip and say why); under CI=true it is an error.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Inside each applications folder (PREREQUISITES_APPLICATIONS, default below) on macOS.
MAC_APP_BINARIES = (
    "Chromium.app/Contents/MacOS/Chromium",
    "Google Chrome.app/Contents/MacOS/Google Chrome",
)
MAC_APPLICATION_FOLDERS = ("/Applications", "~/Applications")

# What a person types, per system; apt-get is the only one this script runs itself.
BROWSER_INSTALL = (
    ("Debian", "sudo apt-get install chromium"),
    ("Ubuntu", "sudo snap install chromium   (or install Google Chrome)"),
    ("Fedora", "sudo dnf install chromium"),
    ("macOS", "brew install --cask chromium   (or install Google Chrome)"),
)
JAVA_INSTALL = (
    ("Debian/Ubuntu", "sudo apt-get install default-jre-headless"),
    ("Fedora", "sudo dnf install java-21-openjdk-headless"),
    ("macOS", "brew install openjdk"),
)
APT_PACKAGES = {"browser": "chromium", "java": "default-jre-headless"}

# What apt-get prints when another process holds the dpkg frontend lock or the lists lock (and not
# when it lacks the rights to take them: "Permission denied", "are you root?").
LOCK_MESSAGES = ("Could not get lock", "is another process using it")
# apt-get waits for the dpkg lock by itself, silently; waits longer than this are said out loud.
APT_LOCK_WAIT = 30
DEFAULT_LOCK_TIMEOUT = 600.0


class SetupError(Exception):
    """Something is missing and cannot be installed here; the text says what to do."""


def is_executable_file(path: str | Path) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def _application_folders() -> list[Path]:
    folders = os.environ.get("PREREQUISITES_APPLICATIONS")
    names = folders.split(os.pathsep) if folders is not None else MAC_APPLICATION_FOLDERS
    return [Path(name).expanduser() for name in names if name]


def find_browser() -> str | None:
    """The browser to test with: CHROMIUM_PATH if set (SetupError if nothing runnable is there),
    else the first of BROWSER_NAMES on PATH, else a macOS application; None when there is none."""
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        if not is_executable_file(configured):
            raise SetupError(
                f"CHROMIUM_PATH is set to {configured}, but there is no program there.\n"
                "Point it at a Chromium or Chrome executable, or unset it to let `make test` find one."
            )
        return configured
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    for folder in _application_folders():
        for binary in MAC_APP_BINARIES:
            if is_executable_file(folder / binary):
                return str(folder / binary)
    return None


def find_java() -> str | None:
    """`java` on PATH that really starts (macOS ships a /usr/bin/java that only says none is installed)."""
    found = shutil.which("java")
    if not found:
        return None
    try:
        works = subprocess.run([found, "-version"], capture_output=True, timeout=60).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        works = False
    return found if works else None


@dataclass(frozen=True)
class Privilege:
    """How to run apt-get: `prefix` goes before the command; None means it cannot run, for `reason`."""

    prefix: tuple[str, ...] | None
    reason: str = ""


def how_to_install() -> Privilege:
    """Root runs apt-get itself; otherwise sudo without a password, or with one typed at a terminal."""
    if not shutil.which("apt-get"):
        return Privilege(None, "this system has no apt-get, so it is not installed automatically")
    if os.geteuid() == 0:
        return Privilege(())
    sudo = shutil.which("sudo")
    if not sudo:
        return Privilege(None, "installing needs root, and you are not root and have no `sudo`")
    try:
        passwordless = subprocess.run([sudo, "-n", "true"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        passwordless = False
    if passwordless:
        return Privilege((sudo, "-n"))
    if sys.stdin.isatty():
        return Privilege((sudo,))
    return Privilege(None, "installing needs root, and `sudo` asks for a password with no terminal here to type it in")


def lock_timeout() -> float:
    text = os.environ.get("PREREQUISITES_LOCK_TIMEOUT", "")
    try:
        return float(text) if text else DEFAULT_LOCK_TIMEOUT
    except ValueError:
        raise SetupError(f"PREREQUISITES_LOCK_TIMEOUT must be a number of seconds, not {text!r}") from None


def _apt_command(privilege: Privilege, args: Sequence[str], wait: float) -> list[str]:
    apt_get = shutil.which("apt-get") or "apt-get"
    # apt-get waits for the dpkg lock itself with this option; the lists lock of `update` it does not.
    command = [apt_get, "-o", f"DPkg::Lock::Timeout={max(min(int(wait), APT_LOCK_WAIT), 0)}", *args]
    if privilege.prefix:
        # sudo resets the environment: pass DEBIAN_FRONTEND through env(1).
        env_program = shutil.which("env") or "/usr/bin/env"
        return [*privilege.prefix, env_program, "DEBIAN_FRONTEND=noninteractive", *command]
    return command


def run_apt(privilege: Privilege, args: Sequence[str], timeout: float | None = None) -> None:
    """Run apt-get, retrying while another process holds the package manager's lock, up to `timeout`."""
    timeout = lock_timeout() if timeout is None else timeout
    deadline = time.monotonic() + timeout
    poll = min(5.0, max(0.2, timeout / 20))
    said_waiting = False
    while True:
        remaining = deadline - time.monotonic()
        command = _apt_command(privilege, args, remaining)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        result = subprocess.run(command, capture_output=True, text=True, env=env)
        if result.returncode == 0:
            return
        output = (result.stdout + result.stderr).strip()
        if not any(words in output for words in LOCK_MESSAGES):
            last = output.splitlines()[-1] if output else f"exit status {result.returncode}"
            raise SetupError(f"`apt-get {' '.join(args)}` failed: {last}")
        if time.monotonic() + poll > deadline:
            raise SetupError(
                f"Another program has held the package manager's lock for {timeout:.0f} s (often automatic "
                "updates on a new machine). Try again when it has finished, or set PREREQUISITES_LOCK_TIMEOUT "
                "to wait longer."
            )
        if not said_waiting:
            print(
                f"Another program is installing packages; waiting for it (at most {timeout:.0f} s)...",
                file=sys.stderr,
                flush=True,
            )
            said_waiting = True
        time.sleep(poll)


def install(what: str, privilege: Privilege) -> None:
    package = APT_PACKAGES[what]
    how = " through sudo" if privilege.prefix else ""
    print(f"Installing Debian's {package} with apt-get{how} (a few minutes the first time)...", file=sys.stderr)
    run_apt(privilege, ["update", "-qq"])
    run_apt(privilege, ["install", "-y", "-qq", package])


def _commands(lines: Sequence[tuple[str, str]]) -> str:
    width = max(len(system) for system, _ in lines) + 1
    return "\n".join(f"  {system + ':':<{width}} {command}" for system, command in lines)


def browser_missing_message(reason: str) -> str:
    looked = ", ".join(BROWSER_NAMES)
    return (
        "The browser tests need Chromium or Google Chrome, and none was found "
        f"(CHROMIUM_PATH is unset; looked for {looked} on PATH, and in the macOS application folders).\n"
        f"It was not installed: {reason}.\n"
        "Install one, then run `make test` again:\n"
        f"{_commands(BROWSER_INSTALL)}\n"
        "Or use a browser installed elsewhere:\n"
        "  CHROMIUM_PATH=/path/to/chrome make test"
    )


def java_missing_message(reason: str) -> str:
    return (
        "The HTML validator tests need Java (the Nu HTML Checker is a Java program), and `java` was not "
        f"found.\nIt was not installed: {reason}.\n"
        f"Install it, then run `make test` again:\n{_commands(JAVA_INSTALL)}"
    )


def _install_or_reason(what: str, privilege: Privilege, check: Callable[[], str | None]) -> tuple[str | None, str]:
    """Install `what` if allowed; the program found afterwards, or why there is none."""
    if privilege.prefix is None:
        return None, privilege.reason
    try:
        install(what, privilege)
    except SetupError as error:
        return None, f"installing it failed: {error}"
    found = check()
    return found, "" if found else f"apt-get installed {APT_PACKAGES[what]}, but it cannot be found or started"


def ensure_browser() -> str:
    found = find_browser()
    if found:
        return found
    found, reason = _install_or_reason("browser", how_to_install(), find_browser)
    if not found:
        raise SetupError(browser_missing_message(reason))
    return found


def ensure_java(in_ci: bool) -> str | None:
    found = find_java()
    if found:
        return found
    found, reason = _install_or_reason("java", how_to_install(), find_java)
    if found:
        return found
    message = java_missing_message(reason)
    if in_ci:
        raise SetupError(message + "\nCI is set, so the validator tests may not be skipped.")
    print(f"Warning: {message}\nUntil then the validator tests are skipped.", file=sys.stderr)
    return None


def main() -> int:
    try:
        browser = ensure_browser()
        print(f"Browser for the tests: {browser}")
        java = ensure_java(in_ci=bool(os.environ.get("CI")))
        if java:
            print(f"Java for the HTML validator: {java}")
    except SetupError as error:
        print(f"\n{error}\n", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
