"""The benchmark's HTTP measurement: interleaved targets each get their requests, errors are
counted apart from the samples, and a single target is the same measurement."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from apps.core.bench import measure, measure_interleaved


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    seen = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        self.seen.append((self.path, self.headers.get("Cookie") or self.headers.get("Authorization")))
        body = b"ok"
        self.send_response(200 if self.path == "/list" else 404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Handler.seen = []
    yield httpd.server_address[1]
    httpd.shutdown()


def test_interleaved_targets_each_get_their_requests_with_their_cookie(server):
    ours, admin = measure_interleaved(server, [("/list", "a=1"), ("/admin", "b=2")], clients=3, requests=10,
                                      time_limit=30)
    assert len(ours.samples) == 10 and ours.errors == 0 and ours.status == 200
    assert admin.samples == [] and admin.errors == 10 and admin.status == 404
    assert sorted(set(_Handler.seen)) == [("/admin", "b=2"), ("/list", "a=1")]
    # every client alternates: the two targets' requests are mixed, not one block after the other
    paths = [path for path, _cookie in _Handler.seen]
    assert paths[:4].count("/list") in (1, 2, 3)


def test_a_single_target_is_measure(server):
    result = measure(server, "/list", "a=1", clients=2, requests=5, time_limit=30)
    assert len(result.samples) == 5 and result.rps > 0 and result.p95 >= result.p50


def test_an_api_target_sends_its_token_instead_of_a_cookie(server):
    result = measure(server, "/list", {"Authorization": "Bearer gz_x"}, clients=1, requests=2, time_limit=30)
    assert len(result.samples) == 2
    assert set(_Handler.seen) == {("/list", "Bearer gz_x")}
