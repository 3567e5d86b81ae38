"""`fj serve`: the report over HTTP on this computer, reloading itself after each rebuild.

Only files inside the report folder are served, whatever the URL says. The live-reload script is
added to pages as they are sent, never to the files on disk: the report `build` writes stays
plain. The script listens to a stream of server-sent events: `reload` after a good rebuild, and
`failed` with the message after a failed one, which it shows over the last good page.
"""

from __future__ import annotations

import ipaddress
import json
import mimetypes
import os
import socket
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .hosts import host_name, names_this_computer
from .writer import MANIFEST

EVENTS_PATH = "/__fj__/events"
PING_SECONDS = 10.0  # a comment now and then finds out which browsers have gone
REQUEST_SECONDS = 5.0  # the longest pause sending a request line and headers: none holds a thread
WINDOWS = os.name == "nt"

# The stream opens once the page has loaded: a browser opens at most six connections to one
# server, and a stream that took the last one before the stylesheet came would stall the page.
LIVE_RELOAD = """<script>
addEventListener("load", () => {
  const events = new EventSource("/__fj__/events?since=BUILDS");
  events.addEventListener("reload", () => { events.close(); location.reload(); });
  events.addEventListener("failed", (event) => {
    let banner = document.getElementById("fj-build-failed");
    if (!banner) {
      banner = document.createElement("div");
      banner.id = "fj-build-failed";
      banner.setAttribute("role", "alert");
      banner.style.cssText = "position:fixed;inset:auto 0 0 0;z-index:9;padding:1em;" +
        "background:#8b0000;color:#fff;font:1rem/1.4 monospace;white-space:pre-wrap";
      document.body.append(banner);
    }
    banner.textContent = "The last rebuild failed; this is the report before it.\\n" +
      JSON.parse(event.data);
  });
});
</script>
"""


NOT_BUILT = (b'<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8">'
             b"<title>Not in the report</title></head>\n<body>\n<p>This page is not in the "
             b"report, or not yet: its note may have an error (the dashboard and the terminal "
             b"say which). It reloads after the next good build.</p>\n</body>\n</html>\n")


class Outside(Exception):
    """A URL that names something outside the report folder."""


class Broadcast:
    """The state of the builds, for every open page: a count of good builds, and the error of
    the last one if it failed."""

    def __init__(self) -> None:
        self.changed = threading.Condition()
        # Counted from the time this server started: a page still open from an earlier run asks
        # for a build of that run, and reloads, even when the two runs made as many builds.
        self.builds = time.time_ns() // 1_000_000
        self.error: str | None = None
        self.closing = False

    def built(self, error: str | None, wrote: bool = True) -> None:
        """A rebuild ended: with `error`, or good. A good one that `wrote` nothing (a save that
        changed nothing in the report, a folder made) reloads no page, unless it ends a failure."""
        with self.changed:
            if error is None and (wrote or self.error is not None):
                self.builds += 1
            self.error = error
            self.changed.notify_all()

    def wait(self, builds: int, error: str | None) -> tuple[int, str | None] | None:
        """The state once it differs from the one given, or after a while; None when closing."""
        with self.changed:
            self.changed.wait_for(lambda: self.closing or (self.builds, self.error) != (builds,
                                  error), timeout=PING_SECONDS)
            return None if self.closing else (self.builds, self.error)

    def close(self) -> None:
        with self.changed:
            self.closing = True
            self.changed.notify_all()


class ReportHandler(BaseHTTPRequestHandler):
    server: ReportServer

    def handle_one_request(self) -> None:
        # Only reading the request is timed: the live-reload stream stays open for hours.
        self.connection.settimeout(self.server.request_timeout)
        super().handle_one_request()

    def do_GET(self) -> None:
        self._answer(with_body=True)

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def _answer(self, with_body: bool) -> None:
        self.connection.settimeout(None)
        if not self.server.knows(self.headers.get("Host")):
            self.send_error(HTTPStatus.FORBIDDEN, "Not a name of this computer")
            return
        try:
            url = urllib.parse.urlsplit(self.path)
            events = url.path == EVENTS_PATH and with_body
            since = _since(url.query) if events else None
        except ValueError:  # `http://[junk`, `?since=²`
            self.send_error(HTTPStatus.BAD_REQUEST, "Not a URL of the report")
            return
        if events:
            self._stream_events(since)
            return
        try:
            found = self.server.file_for(url.path)
        except Outside:
            self.send_error(HTTPStatus.FORBIDDEN, "Outside the report")
            return
        # The count before the page: if a build ends in between, the page (old or new) asks
        # for that build and reloads, at worst once for nothing, never staying old.
        builds = self.server.broadcast.builds
        status, kind, data = _contents(found)
        if kind == "text/html":
            data = with_live_reload(data, builds)
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8" if kind.startswith("text/")
                         else kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if with_body:
            self.wfile.write(data)

    def _stream_events(self, since: int | None) -> None:
        broadcast = self.server.broadcast
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        with broadcast.changed:
            seen, error = broadcast.builds, broadcast.error
        if since is not None and since != seen:  # a build finished while the page was loading
            seen = -1
        try:
            if error is not None:
                self._event("failed", error)
            while True:
                news = broadcast.wait(seen, error)
                if news is None:
                    return
                if news[0] != seen:
                    self._event("reload", "")
                elif news[1] is not None and news[1] != error:
                    self._event("failed", news[1])
                else:
                    self.wfile.write(b": still here\n\n")
                    self.wfile.flush()
                seen, error = news
        except (BrokenPipeError, ConnectionResetError):
            return

    def _event(self, name: str, data: str) -> None:
        self.wfile.write(f"event: {name}\ndata: {json.dumps(data)}\n\n".encode())
        self.wfile.flush()

    def log_message(self, format: str, *args: object) -> None:
        pass  # a line per request would drown the build messages


class ReportServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # a browser opening many tabs at once: none turned away
    request_timeout = REQUEST_SECONDS

    def __init__(self, address: tuple[str, int], folder: Path, allowed: Iterable[str] = ()
                 ) -> None:
        if ":" in address[0]:  # `--bind ::1`
            self.address_family = socket.AF_INET6
        super().__init__(address, ReportHandler)
        self.folder = folder
        self.loopback = ipaddress.ip_address(str(self.server_address[0])).is_loopback
        self.names = {"localhost", address[0].lower().rstrip("."), *allowed}  # as host_name()
        self.broadcast = Broadcast()

    def knows(self, host: str | None) -> bool:
        """Whether a request's `Host` names this computer, on any address it listens on (one
        for all, `0.0.0.0`, answers on loopback too). Against DNS rebinding: a web page
        elsewhere, its name made to point here, must not read the notes. Browsers always send
        the name."""
        if host is None:
            return True
        name = host_name(host)
        return name is not None and names_this_computer(name, self.names)

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that went away is no news; anything else is one line, not a traceback."""
        error = sys.exc_info()[1]
        if not isinstance(error, (ConnectionError, TimeoutError)):
            print(f"could not answer a request: {type(error).__name__}: {error}",
                  file=sys.stderr)

    def file_for(self, url_path: str) -> Path | None:
        """The file a URL path names inside the report folder, if there is one, and if the
        folder is a report the tool wrote: not the user's own folder named as `output`, which
        a build refused.

        Raises `Outside` for a path that would lead out of it: by `..` (plain or encoded), a
        backslash, a drive, or a symbolic link pointing out.
        """
        try:
            text = urllib.parse.unquote(url_path, errors="strict")
        except UnicodeDecodeError:
            return None
        parts = [part for part in text.split("/") if part]
        if any(part in ("..", ".") or "\\" in part or "\0" in part or (":" in part and WINDOWS)
               for part in parts):  # on Windows, `C:` is a drive and `a:b` a hidden stream
            raise Outside(url_path)
        if any(part.startswith(".") for part in parts):
            return None  # the manifest and other hidden files are not part of the report
        folder = self.folder.resolve()
        if not (folder / MANIFEST).is_file():
            return None
        path = folder.joinpath(*parts)
        try:
            if path.is_dir():
                path = path / "index.html"
            real = path.resolve(strict=True)
        except (OSError, RuntimeError):  # a name too long, a loop of links
            return None
        if not real.is_relative_to(folder):
            raise Outside(url_path)
        return real if real.is_file() else None

    def shutdown(self) -> None:
        self.broadcast.close()
        super().shutdown()


def _since(query: str) -> int | None:
    """The build a live-reload request is from (`?since=`), if it says. Raises ValueError for
    anything but a count."""
    given = urllib.parse.parse_qs(query).get("since")
    if given is None:
        return None
    if not (given[0].isascii() and given[0].isdigit()):
        raise ValueError(given[0])
    return int(given[0])  # ValueError too past 4300 digits


def _contents(found: Path | None) -> tuple[HTTPStatus, str, bytes]:
    """The status, type and bytes of the answer for a file of the report, or for none (not
    built, or not yet): a page that shows why, and reloads once it is."""
    if found is not None:
        try:
            data = found.read_bytes()
        except OSError:  # removed by a rebuild since it was found
            pass
        else:
            return HTTPStatus.OK, content_type(found), data
    return HTTPStatus.NOT_FOUND, "text/html", NOT_BUILT


OWN_TYPES = {".ics": "text/calendar"}  # Python knows it only from the system's table, if any


def content_type(path: Path) -> str:
    """The type of a file of the report, by its name."""
    own = OWN_TYPES.get(path.suffix.lower())
    return own or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def with_live_reload(page: bytes, builds: int) -> bytes:
    """The page with the live-reload script before its closing body tag. The script asks for
    the builds after `builds`, the one the page is from, so none is missed while it connects."""
    at = page.rfind(b"</body>")
    script = LIVE_RELOAD.replace("BUILDS", str(builds)).encode()
    return page + script if at < 0 else page[:at] + script + page[at:]


def start_server(folder: Path, host: str, port: int, allowed: Iterable[str] = ()
                 ) -> ReportServer:
    """Listen on `host:port` (port 0: any free one) and serve in a background thread,
    answering requests that name this computer or one of the `allowed` names."""
    server = ReportServer((host, port), folder, allowed)
    threading.Thread(target=server.serve_forever, name="fj-serve", daemon=True).start()
    return server
