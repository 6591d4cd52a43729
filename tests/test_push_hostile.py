"""kg push against misbehaving servers, each a local HTTP server on 127.0.0.1 that the test starts and stops."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from kg.push import PushError, push

from .conftest import ROOT

EXPORT = ROOT / "exports" / "graph.ttl"


class Handler(BaseHTTPRequestHandler):
    behaviour = "ok"
    uploads: ClassVar[list] = []

    def log_message(self, *args):  # quiet
        pass

    def do_HEAD(self):
        if self.behaviour == "basic" and "Authorization" not in self.headers:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="kg"')
            self.end_headers()
            return
        self.send_response(200)
        self.end_headers()

    def do_PUT(self):
        length = int(self.headers.get("Content-Length", 0))
        self.uploads.append((self.headers.get("Authorization"), len(self.rfile.read(length))))
        getattr(self, f"answer_{self.behaviour}")()

    def answer_ok(self):
        self.send_response(201)
        self.end_headers()

    answer_basic = answer_ok

    def answer_wrong_password(self):
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="kg"')
        self.end_headers()

    def answer_html(self):
        self.send_body(403, b"<!DOCTYPE html><html><head><title>Graph store is read-only</title></head>"
                            b"<body>...</body></html>")

    def answer_escapes(self):
        self.send_body(400, b"\x1b[2J\x1b]0;owned\x07Bad request\x1b[31m here\n")

    def send_body(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def answer_endless(self):
        self.send_response(500)
        self.end_headers()
        try:
            for _ in range(100_000):  # far more than kg reads
                self.wfile.write(b"error " * 1000 + b"\n")
        except OSError:
            pass

    def answer_trickle(self):
        self.wfile.write(b"HTTP/1.1 200 OK\r\n")
        for _ in range(20):
            time.sleep(0.5)
            try:
                self.wfile.write(b"X-Slow: y\r\n")
                self.wfile.flush()
            except OSError:
                return

    def answer_redirect(self):
        self.send_response(307)
        self.send_header("Location", "http://other.example:8080/store")
        self.end_headers()


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    Handler.uploads = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/store"
    httpd.shutdown()
    httpd.server_close()


def test_basic_auth_sends_the_graph_once_with_its_credentials(server):
    Handler.behaviour = "basic"
    assert push(EXPORT, server, user="dba", password="secret") == 201
    assert len(Handler.uploads) == 1 and Handler.uploads[0][0].startswith("Basic ")
    assert Handler.uploads[0][1] == EXPORT.stat().st_size


def test_a_wrong_password_is_named_as_such(server):
    Handler.behaviour = "wrong_password"
    with pytest.raises(PushError, match="refused the user name and password"):
        push(EXPORT, server, user="dba", password="wrong")


def test_credentials_in_the_url_are_used_but_never_shown(server):
    Handler.behaviour = "html"
    with pytest.raises(PushError) as err:
        push(EXPORT, server.replace("http://", "http://dba:s3cret@"))
    assert "s3cret" not in str(err.value) and "dba" not in str(err.value)
    assert "Graph store is read-only" in str(err.value) and "DOCTYPE" not in str(err.value)


def test_terminal_escapes_from_the_server_are_not_printed(server):
    Handler.behaviour = "escapes"
    with pytest.raises(PushError) as err:
        push(EXPORT, server)
    assert "\x1b" not in str(err.value) and "\x07" not in str(err.value) and "Bad request" in str(err.value)


def test_an_endless_error_body_is_read_only_in_part(server):
    Handler.behaviour = "endless"
    started = time.monotonic()
    with pytest.raises(PushError, match="answered 500"):
        push(EXPORT, server)
    assert time.monotonic() - started < 20


def test_a_server_that_trickles_its_headers_meets_a_deadline(server):
    Handler.behaviour = "trickle"
    started = time.monotonic()
    with pytest.raises(PushError, match="did not answer PUT within 2 s"):
        push(EXPORT, server, timeout=2)
    assert time.monotonic() - started < 5


def test_a_redirect_to_another_host_is_not_followed(server):
    Handler.behaviour = "redirect"
    with pytest.raises(PushError, match=r"redirects to http://other\.example:8080/store"):
        push(EXPORT, server)
    assert len(Handler.uploads) == 1  # only the one request to the endpoint the user gave
