"""Serve a built site as GitHub Pages does: gzip-compressed text, at the site's path, with cache headers.

For measuring the site as readers get it (Lighthouse): python's http.server sends everything
uncompressed, which no real host does. Usage:

    python tools/serve_gzip.py site 8000 /china-tech-explainer/
"""

from __future__ import annotations

import gzip
import http.server
import mimetypes
import sys
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


@lru_cache(maxsize=512)
def _gzipped(path: Path, mtime: float) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


def handler_for(root: Path, prefix: str) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as real hosts do

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            path = unquote(self.path.split("?", 1)[0].split("#", 1)[0])
            if not path.startswith(prefix):
                self._send(404, b"not found", "text/plain")
                return
            file = (root / path[len(prefix) :]).resolve()
            if root not in file.parents and file != root:
                self._send(404, b"not found", "text/plain")
                return
            if file.is_dir():
                if not path.endswith("/"):
                    self.send_response(301)
                    self.send_header("Location", path + "/")
                    self.end_headers()
                    return
                file = file / "index.html"
            if not file.is_file():
                page = root / "404.html"
                self._send(404, page.read_bytes() if page.is_file() else b"not found", "text/html")
                return
            media = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            self._send(200, file, media)

        def _send(self, status: int, body: bytes | Path, media: str) -> None:
            gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "") and media.startswith(COMPRESSIBLE)
            if isinstance(body, Path):
                data = _gzipped(body, body.stat().st_mtime) if gzip_ok else body.read_bytes()
            else:
                data = gzip.compress(body) if gzip_ok else body
            self.send_response(status)
            self.send_header("Content-Type", media + ("; charset=utf-8" if media.startswith("text/") else ""))
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "max-age=600")  # what GitHub Pages sends
            if gzip_ok:
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            self.wfile.write(data)

    return Handler


def main(argv: list[str]) -> None:
    root = Path(argv[1] if len(argv) > 1 else "site").resolve()
    port = int(argv[2]) if len(argv) > 2 else 8000
    prefix = argv[3] if len(argv) > 3 else "/"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler_for(root, prefix))
    print(f"serving {root} gzipped on http://127.0.0.1:{port}{prefix}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv)
