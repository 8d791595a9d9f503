"""The site built strictly into a temporary folder and served gzipped on a free local port, at site_url's path."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from tools.serve_gzip import handler_for

REPO = Path(__file__).resolve().parents[1]


def site_path(project: Path = REPO) -> str:
    """'/china-tech-explainer/' from site_url, as GitHub Pages serves it."""
    match = re.search(r"^site_url:\s*(\S+)", (project / "mkdocs.yml").read_text(), re.M)
    path = urlsplit(match.group(1)).path.strip("/") if match else ""
    return f"/{path}/" if path else "/"


@contextmanager
def served_site(project: Path = REPO) -> Iterator[str]:
    """Yield the served site's address, e.g. 'http://127.0.0.1:41234/china-tech-explainer/'."""
    prefix = site_path(project)
    with tempfile.TemporaryDirectory(prefix="explainer-site-") as folder:
        out = Path(folder) / "site"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        build = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)]
        result = subprocess.run(build, cwd=project, env=env, capture_output=True, text=True)
        if result.returncode:
            sys.exit(f"the build failed:\n{result.stdout}{result.stderr}")
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(out.resolve(), prefix))
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_port}{prefix}"
        finally:
            server.shutdown()
            server.server_close()
