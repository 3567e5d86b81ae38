"""`fj serve`: started as a user starts it, on a free loopback port, and asked over HTTP."""

from __future__ import annotations

import contextlib
import http.client
import os
import select
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import GOOD_NOTE, ScratchJournal

from followup_journal.serve import LIVE_RELOAD, ReportServer, start_server, with_live_reload
from followup_journal.writer import MANIFEST


class Served:
    def __init__(self, journal: ScratchJournal, *options: str, named: str = "",
                 cwd: Path | None = None) -> None:
        """Serve `journal`, named as `named` from `cwd` (by default, by its absolute path)."""
        self.journal = journal
        self.process = subprocess.Popen(
            [sys.executable, "-m", "followup_journal", "serve", named or str(journal.root),
             "--port", "0", "--today", "2026-11-19", *options], cwd=cwd,
            stderr=subprocess.PIPE, text=True, env=os.environ.copy())
        assert self.process.stderr is not None
        first = self.process.stderr.readline()
        assert first.startswith("serving the report at http://127.0.0.1:"), first
        self.port = int(first.split("127.0.0.1:")[1].split("/")[0])
        assert self.process.stderr.readline().startswith("read 1 note")

    def get(self, path: str, **headers: str) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        connection.request("GET", path, headers=headers)  # as written: no client tidies `..`
        response = connection.getresponse()
        return response.status, response.read()

    def events(self) -> http.client.HTTPResponse:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
        connection.request("GET", "/__fj__/events")
        response = connection.getresponse()
        assert response.status == 200
        assert response.getheader("Content-Type") == "text/event-stream"
        return response


def next_event(stream: http.client.HTTPResponse, within: float = 20.0) -> tuple[str, str]:
    """The next event's name and data, skipping the keep-alive comments; within `within`
    seconds (the keep-alives would keep a socket's own timeout from ever ending the wait)."""
    name = data = ""
    deadline = time.monotonic() + within
    while True:
        assert time.monotonic() < deadline, "no event came"
        line = stream.readline().decode().rstrip("\n")
        if line.startswith("event: "):
            name = line.removeprefix("event: ")
        elif line.startswith("data: "):
            data = line.removeprefix("data: ")
        elif not line and name:
            return name, data


@pytest.fixture
def served(journal: ScratchJournal) -> Iterator[Served]:
    journal.note("a.md")
    server = Served(journal)
    yield server
    server.process.kill()
    server.process.wait()


def test_pages_are_served_with_live_reload_but_written_without(served):
    status, page = served.get("/")
    assert status == 200
    assert b"<h1>Today" in page and b"/__fj__/events" in page
    status, page = served.get("/interviews/notes/a.html")
    assert status == 200 and b"It went well." in page
    assert served.get("/style.css")[0] == 200
    for built in (served.journal.root / "_site").rglob("*.html"):
        assert b"__fj__" not in built.read_bytes()
        assert LIVE_RELOAD.split("\n")[1].encode() not in built.read_bytes()

    served.journal.save("notes/a.md", GOOD_NOTE.replace("It went well.", "It went very well."))
    assert served.process.stderr.readline().startswith("read 1 note, wrote ")  # rebuilt
    rewritten = served.journal.root / "_site/interviews/notes/a.html"
    assert b"very well" in rewritten.read_bytes() and b"__fj__" not in rewritten.read_bytes()
    assert b"__fj__" not in (served.journal.root / "_site/index.html").read_bytes()


@pytest.mark.parametrize("path", [
    "/../journal.toml", "/%2e%2e/journal.toml", "/%2E%2E%2Fjournal.toml",
    "/interviews/..%2f..%2fjournal.toml", "/..\\journal.toml", "//etc/passwd",
    "/%2e%2e" * 30 + "/etc/passwd", "/C:/Windows/win.ini", "/.followup-journal-files",
    "/%252e%252e/journal.toml", "/leak.toml", "/leak/notes/a.md",
])
def test_nothing_outside_the_report_is_served(served, path):
    site = served.journal.root / "_site"
    (site / "leak.toml").symlink_to(served.journal.root / "journal.toml")
    (site / "leak").symlink_to(served.journal.root)

    status, body = served.get(path)

    assert status in (403, 404)
    assert b"Ana Souza" not in body and b"root:" not in body and b"company:" not in body


def test_the_page_reloads_after_an_edit(served):
    stream = served.events()
    served.journal.save("notes/a.md", GOOD_NOTE.replace("It went well.", "It went very well."))
    assert next_event(stream) == ("reload", '""')
    assert b"very well" in served.get("/interviews/notes/a.html")[1]


def test_the_page_changes_after_an_edit_when_serving_the_journal_named_dot(journal):
    journal.note("a.md")
    served = Served(journal, named=".", cwd=journal.root)
    try:
        # The first edit may be found by the look once more after the first build; the next
        # comes after it, so only watching can see it.
        for text in ("It went very well.", "It went even better."):
            stream = served.events()
            served.journal.save("notes/a.md", GOOD_NOTE.replace("It went well.", text))
            assert next_event(stream) == ("reload", '""')
            assert text.encode() in served.get("/interviews/notes/a.html")[1]
    finally:
        served.process.kill()
        served.process.wait()


def test_a_save_that_changes_nothing_in_the_report_reloads_no_page(served):
    page = served.get("/")[1]  # the script in it names the build it is from
    served.journal.save("notes/a.md", GOOD_NOTE)  # saved again as it was

    assert served.process.stderr.readline().startswith("read 1 note, wrote 0 of ")
    assert served.get("/")[1] == page  # the same build: an open page is not reloaded

    served.journal.save("notes/a.md", GOOD_NOTE.replace("It went well.", "It went very well."))
    assert not served.process.stderr.readline().startswith("read 1 note, wrote 0 ")
    assert served.get("/")[1] != page


def test_a_failed_rebuild_keeps_the_last_report_and_says_why(served):
    stream = served.events()
    served.journal.save("themes/index.html", "{% block main %}\n")
    name, data = next_event(stream)
    assert name == "failed" and "themes/index.html:1" in data
    status, page = served.get("/")
    assert status == 200 and b"<h1>Today" in page  # the last good report

    (served.journal.root / "themes/index.html").unlink()
    assert next_event(stream)[0] == "reload"


def test_a_page_opened_after_a_failure_is_told_at_once(served):
    first = served.events()
    served.journal.save("themes/index.html", "{% if %}\n")
    assert next_event(first)[0] == "failed"
    name, data = next_event(served.events())
    assert name == "failed" and "themes/index.html" in data


def test_the_served_report_follows_the_config_and_its_errors(served):
    stream = served.events()
    config = (served.journal.root / "journal.toml").read_text("utf-8")
    served.journal.save("journal.toml", config + "[me\n")
    name, data = next_event(stream)
    assert name == "failed" and "journal.toml:5:4: error: invalid TOML" in data

    served.journal.save("journal.toml", 'output = "report"\n' + config)
    assert next_event(stream)[0] == "reload"
    served.journal.save("notes/a.md", GOOD_NOTE.replace("It went well.", "It went very well."))
    assert next_event(stream)[0] == "reload"
    assert b"very well" in served.get("/interviews/notes/a.html")[1]  # from report/, not _site/


def test_a_new_output_that_fails_to_build_leaves_the_last_report_served(served):
    mine = served.journal.write("mine/index.html", "<p>my own page</p>\n")
    stream = served.events()
    config = (served.journal.root / "journal.toml").read_text("utf-8")
    served.journal.save("journal.toml", 'output = "mine"\n' + config)

    name, data = next_event(stream)

    assert name == "failed" and "not made by followup-journal" in data
    status, page = served.get("/")
    assert status == 200 and b"<h1>Today" in page  # from _site/, not the user's folder
    assert mine.read_text("utf-8") == "<p>my own page</p>\n"


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[ReportServer]:
    """A report server in this process, on a free loopback port."""
    server = start_server(folder, "127.0.0.1", 0)
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def fetch(server: ReportServer, path: str, to: str = "127.0.0.1", **headers: str
          ) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(to, server.server_address[1], timeout=10)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    return response.status, response.read()


def ask(server: ReportServer, target: str) -> http.client.HTTPResponse:
    """The answer to a request sent as written, its body not yet read (it may be a stream)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
    connection.request("GET", target, headers={"Host": "127.0.0.1"})  # kept from the URL
    return connection.getresponse()


def a_report(folder: Path, page: bytes) -> Path:
    """A report folder, as a build leaves it, with `page` as its index."""
    (folder / "index.html").write_bytes(page)
    (folder / MANIFEST).write_text("index.html\n", "utf-8")
    return folder


def test_a_page_read_as_a_build_ends_is_told_of_that_build(tmp_path, monkeypatch):
    a_report(tmp_path, b"<body>before</body>")
    read_bytes = Path.read_bytes
    with serving(tmp_path) as server:
        first = server.broadcast.builds

        def build_ends_meanwhile(path: Path) -> bytes:
            data = read_bytes(path)
            server.broadcast.built(None)  # the build wrote the page just after it was read
            return data

        monkeypatch.setattr(Path, "read_bytes", build_ends_meanwhile)
        page = fetch(server, "/")[1]
    assert page == with_live_reload(b"<body>before</body>", first)  # so it asks for the next


def test_a_page_not_built_yet_reloads_once_it_is(tmp_path):
    with serving(tmp_path / "_site") as server:  # the first build failed: no report at all
        server.broadcast.built("journal.toml:1:12: error: invalid TOML")
        status, page = fetch(server, "/")
        since = f"/__fj__/events?since={server.broadcast.builds}".encode()
    assert status == 404
    assert b"not in the report, or not yet" in page and since in page


def test_a_page_open_from_an_earlier_run_of_serve_reloads(tmp_path):
    a_report(tmp_path, b"<body>report</body>")
    with serving(tmp_path) as first:
        page = fetch(first, "/")[1]
    time.sleep(0.01)
    with serving(tmp_path) as second:  # restarted: as many builds as the first made, none
        asked = int(page.split(b"since=")[1].split(b'"')[0])
        assert second.broadcast.builds != asked  # so the open page is told to reload


def test_a_page_whose_name_holds_a_colon_is_served(tmp_path):
    a_report(tmp_path, b"<body>index</body>")
    (tmp_path / "interviews").mkdir()
    (tmp_path / "interviews/10:00 call.html").write_bytes(b"<body>the call</body>")
    with serving(tmp_path) as server:
        status, page = fetch(server, "/interviews/10%3A00%20call.html")
    assert status == 200 and b"the call" in page


def test_a_folder_the_tool_did_not_write_is_not_served(tmp_path):
    (tmp_path / "index.html").write_bytes(b"<body>my own page</body>")  # `output = "mine"`
    with serving(tmp_path) as server:  # and the build refused to write there
        status, page = fetch(server, "/")
    assert status == 404 and b"my own page" not in page


def test_a_web_page_elsewhere_cannot_read_the_report_by_rebinding_its_name(tmp_path):
    a_report(tmp_path, b"<body>my notes</body>")
    with serving(tmp_path) as server:
        port = server.server_address[1]
        this_computer = [f"127.0.0.1:{port}", f"localhost:{port}", f"LocalHost.:{port}",
                         f"127.0.0.2:{port}", f"[::1]:{port}", f"fj.localhost:{port}"]
        elsewhere = [f"evil.example:{port}", f"127.0.0.1.evil.example:{port}",
                     "localhost.evil.example", f"[evil:{port}"]
        asked = {host: fetch(server, "/", Host=host)[0] for host in this_computer + elsewhere}
        events = fetch(server, "/__fj__/events", Host="evil.example")[0]
    assert [host for host, status in asked.items() if status == 200] == this_computer
    assert set(asked.values()) == {200, 403} and events == 403


def test_ctrl_c_stops_serving_with_status_0(served):
    served.process.send_signal(signal.SIGINT)
    _, rest = served.process.communicate(timeout=10)
    assert served.process.returncode == 0
    assert rest.strip().endswith("stopped serving")
    time.sleep(0.1)
    with pytest.raises(OSError):
        served.get("/")


def test_a_port_in_use_is_explained(served, journal):
    from conftest import run_fj

    result = run_fj("serve", str(journal.root), "--port", str(served.port))
    assert result.exit_code == 2
    assert f"port {served.port} is in use" in result.stderr and "--port 0" in result.stderr


def test_an_address_that_is_not_this_computers_is_explained(journal):
    from conftest import run_fj

    journal.note("a.md")
    result = run_fj("serve", str(journal.root), "--bind", "192.0.2.1", "--port", "0")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: cannot serve on 192.0.2.1 port 0: ")
    assert "--bind takes an address of this computer" in result.stderr


def can_listen_on_ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
    except OSError:
        return False
    return True


@pytest.mark.skipif(not can_listen_on_ipv6_loopback(), reason="no IPv6 loopback here")
def test_an_ipv6_address_is_served_and_written_as_a_url(journal):
    journal.note("a.md")
    process = subprocess.Popen(
        [sys.executable, "-m", "followup_journal", "serve", str(journal.root), "--bind", "::1",
         "--port", "0", "--today", "2026-11-19"], stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        url = process.stderr.readline().removeprefix("serving the report at ").split()[0]
        assert url.startswith("http://[::1]:"), url
        process.stderr.readline()  # the first build is done
        connection = http.client.HTTPConnection(url.removeprefix("http://").rstrip("/"),
                                                timeout=10)
        connection.request("GET", "/")
        assert connection.getresponse().status == 200
    finally:
        process.kill()
        process.wait()


def hang_up(sock: socket.socket) -> None:
    """Close as a browser tab does that is closed mid-page: at once, with a reset."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def test_browsers_that_go_away_leave_the_terminal_quiet(served):
    (served.journal.root / "_site/big.html").write_bytes(b"<p>notes</p>\n" * 1_000_000)
    for _ in range(10):  # a tab closed, or navigated away, while a large page comes
        sock = socket.create_connection(("127.0.0.1", served.port), timeout=10)
        sock.sendall(b"GET /big.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert sock.recv(100).startswith(b"HTTP/1.0 200")  # the page is on its way
        hang_up(sock)
    for path in ("/", "/__fj__/events"):  # and before reading anything
        sock = socket.create_connection(("127.0.0.1", served.port), timeout=10)
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        hang_up(sock)
    assert served.get("/")[0] == 200

    served.process.send_signal(signal.SIGINT)
    _, rest = served.process.communicate(timeout=10)
    assert rest.strip() == "stopped serving"


@pytest.mark.parametrize("target", [
    "/__fj__/events?since=%C2%B2", "/__fj__/events?since=" + "1" * 5000,
    "/__fj__/events?since=soon", "/__fj__/events?since=-1", "http://[junk/",
])
def test_a_request_that_makes_no_sense_gets_400_and_no_traceback(tmp_path, capsys, target):
    a_report(tmp_path, b"<body>my notes</body>")
    with serving(tmp_path) as server:
        answer = ask(server, target)
        assert answer.status == 400 and b"my notes" not in answer.read()
    assert capsys.readouterr().err == ""


def test_a_name_too_long_for_the_system_is_not_found(tmp_path, capsys):
    a_report(tmp_path, b"<body>report</body>")
    with serving(tmp_path) as server:
        assert fetch(server, "/" + "a" * 300)[0] == 404
        assert fetch(server, "/interviews/" + "a" * 300 + ".html")[0] == 404
    assert capsys.readouterr().err == ""


def test_a_request_the_server_fails_to_answer_is_one_line_not_a_traceback(tmp_path, capsys,
                                                                          monkeypatch):
    def fails(self: ReportServer, url_path: str) -> None:
        raise RuntimeError("something unforeseen")

    monkeypatch.setattr(ReportServer, "file_for", fails)
    with serving(tmp_path) as server:
        with pytest.raises(http.client.RemoteDisconnected):
            fetch(server, "/")
        assert ask(server, "/__fj__/events?since=x").status == 400  # and it goes on
    assert capsys.readouterr().err == (
        "could not answer a request: RuntimeError: something unforeseen\n")


@pytest.mark.parametrize("bind, to", [
    ("0.0.0.0", "127.0.0.1"),
    pytest.param("::", "::1", marks=pytest.mark.skipif(not can_listen_on_ipv6_loopback(),
                                                       reason="no IPv6 loopback here")),
])
def test_served_to_the_network_the_request_must_still_name_this_computer(tmp_path, bind, to):
    a_report(tmp_path, b"<body>my notes</body>")
    name = socket.gethostname()
    server = start_server(tmp_path, bind, 0)
    try:
        port = server.server_address[1]
        this_computer = [f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}",
                         f"{name}:{port}", name.upper(), f"{socket.getfqdn()}:{port}",
                         f"192.168.1.20:{port}"]  # an address of it on the network
        elsewhere = [f"evil.example:{port}", f"{name}.evil.example:{port}", "evil.example"]
        asked = {host: fetch(server, "/", to, Host=host)[0]
                 for host in this_computer + elsewhere}
    finally:
        server.shutdown()
        server.server_close()
    assert {host for host, status in asked.items() if status == 200} == set(this_computer)
    assert set(asked.values()) == {200, 403}


def test_a_name_allowed_with_allow_host_is_answered(journal):
    journal.note("a.md")
    served = Served(journal, "--allow-host", "Notes.Example.", "--allow-host", "fj.example:80")
    try:
        assert served.get("/", Host=f"notes.example:{served.port}")[0] == 200
        assert served.get("/", Host="fj.example")[0] == 200
        assert served.get("/", Host="evil.example")[0] == 403
    finally:
        served.process.kill()
        served.process.wait()


def test_allow_host_is_explained(journal):
    from conftest import run_fj

    assert "--allow-host NAME" in run_fj("serve", "--help").output
    result = run_fj("serve", str(journal.root), "--port", "0", "--allow-host", "[notes")
    assert result.exit_code == 2
    assert result.stderr == "Error: --allow-host takes a name, not '[notes'\n"


def test_many_connections_at_once_all_wait_their_turn(tmp_path):
    a_report(tmp_path, b"<body>report</body>")
    server = ReportServer(("127.0.0.1", 0), tmp_path)  # listening, not yet answering: busy
    waiting = [socket.socket() for _ in range(100)]  # many tabs, opened at once
    try:
        for sock in waiting:
            sock.setblocking(False)
            sock.connect_ex(server.server_address)
        pending, deadline = list(waiting), time.monotonic() + 10
        while pending and time.monotonic() < deadline:
            _, connected, _ = select.select([], pending, [], 0.5)
            pending = [sock for sock in pending if sock not in connected]
        assert not pending, f"{len(pending)} of 100 connections were not let in"
        assert {sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) for sock in waiting} == {0}

        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            for sock in waiting[:3]:  # and once the server is free, they are answered
                sock.setblocking(True)
                sock.settimeout(10)
                sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                assert sock.recv(100).startswith(b"HTTP/1.0 200")
        finally:
            server.shutdown()
    finally:
        for sock in waiting:
            sock.close()
        server.server_close()


@pytest.mark.parametrize("sent", [b"GET / HT", b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"])
def test_a_request_never_finished_is_given_up(tmp_path, capsys, sent):
    a_report(tmp_path, b"<body>report</body>")
    with serving(tmp_path) as server:
        server.request_timeout = 0.2
        with socket.create_connection(server.server_address, timeout=10) as sock:
            sock.sendall(sent)
            assert sock.recv(100) == b""  # closed by the server, not left to wait for good
        assert fetch(server, "/")[0] == 200
    assert capsys.readouterr().err == ""


def test_the_live_reload_connection_outlasts_the_time_given_to_send_a_request(tmp_path):
    a_report(tmp_path, b"<body>report</body>")
    with serving(tmp_path) as server:
        server.request_timeout = 0.1
        connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1],
                                                timeout=15)
        connection.request("GET", "/__fj__/events")
        stream = connection.getresponse()
        assert stream.status == 200
        time.sleep(0.5)  # quiet for longer than a request may take to arrive
        server.broadcast.built(None)
        assert next_event(stream) == ("reload", '""')

