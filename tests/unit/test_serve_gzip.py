"""The measuring server serves the site as a real host does: compressed, at the site's path, nothing outside it."""

import gzip
import threading
import urllib.error
import urllib.request
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from tools.serve_gzip import handler_for


@pytest.fixture
def served(tmp_path: Path):
    site = tmp_path / "site"
    (site / "topics").mkdir(parents=True)
    (site / "index.html").write_text("<p>home</p>" * 50)
    (site / "topics" / "index.html").write_text("<p>topics</p>")
    (site / "logo.png").write_bytes(b"\x89PNG not really")
    (tmp_path / "secret.txt").write_text("outside the site")
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(site.resolve(), "/sub/"))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def get(url: str, gzip_ok: bool = True) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_text_is_gzipped_when_the_browser_accepts_it(served):
    status, headers, body = get(served + "/sub/")
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == b"<p>home</p>" * 50


def test_plain_when_gzip_is_not_accepted_and_for_images(served):
    status, headers, body = get(served + "/sub/", gzip_ok=False)
    assert status == 200 and "Content-Encoding" not in headers and body.startswith(b"<p>home</p>")
    _, headers, body = get(served + "/sub/logo.png")
    assert "Content-Encoding" not in headers and body.startswith(b"\x89PNG")


def test_folders_redirect_to_their_slash_and_serve_their_index(served):
    status, _, body = get(served + "/sub/topics/")
    assert status == 200 and gzip.decompress(body) == b"<p>topics</p>"


@pytest.mark.parametrize("path", ["/secret.txt", "/sub/../secret.txt", "/sub/%2e%2e/secret.txt", "/sub/nothing/"])
def test_nothing_outside_the_site_or_missing(served, path):
    status, _, body = get(served + path)
    assert status == 404 and b"outside the site" not in body
