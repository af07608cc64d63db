"""A desk exposes the server on its network: hostile report text stays text, writes need the
token, uploads are bounded, and URLs reach only public addresses, also after redirects."""
from __future__ import annotations

import html.parser
import http.server
import threading

import pytest

from corroborate.web.fetch import Refused, fetch, is_public

pytestmark = pytest.mark.slow  # the store fixture ingests the seed reports (spaCy, the encoder)
AUTH = {"Authorization": "Bearer s3cret"}


def hostile_report(client) -> int:
    return next(s["id"] for s in client.get("/api/v1/stories").json()["items"] if s["id"] != 1)


class Markup(html.parser.HTMLParser):
    """Every tag and attribute the browser would build from a page."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text = ""
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text += data


def test_a_hostile_report_renders_as_text(client):
    story = hostile_report(client)
    report = client.get(f"/api/v1/stories/{story}").json()["reports"][0]["id"]
    for path in ("/", f"/stories/{story}", f"/reports/{report}", "/search?q=quay", "/people"):
        tags = Markup(client.get(path).text).tags
        assert [a for t, a in tags if t == "script"] == [{"src": "/static/htmx.min.js", "defer": None}], path
        assert not [(t, a) for t, a in tags if any(name.startswith("on") for name in a)], path
        assert not [t for t, a in tags if t in ("img", "iframe", "object", "embed")], path
        hrefs = [a.get("href") or "" for t, a in tags if t == "a"]
        assert not [h for h in hrefs if h.lower().startswith(("data:", "javascript:"))], path
    shown = Markup(client.get(f"/reports/{report}").text).text  # what the reader sees: the report's own words
    for words in ("<script>alert('title')</script>", "<img src=x onerror=\"alert('quote')\">",
                  '<a href="data:text/html;base64,', "javascript:alert('link')", "<b onmouseover=\"alert('hover')\">"):
        assert words in shown


@pytest.mark.parametrize("path, headers, form, status", [
    ("/api/v1/reports", {}, {}, 401),
    ("/api/v1/reports", {"Authorization": "Bearer wrong"}, {}, 403),
    ("/add", {}, {}, 401),
    ("/add", {}, {"token": "wrong"}, 403),
    ("/add", {"HX-Request": "true"}, {"token": "wrong"}, 403),
])
def test_every_write_needs_the_token(client, path, headers, form, status):
    answer = client.post(path, headers=headers, data={"text": "Mayor resigns\n\nThe mayor resigned.", **form})
    assert answer.status_code == status
    assert "token" in (answer.json()["error"] if "json" in answer.headers["content-type"] else answer.text)
    assert client.get("/api/v1/jobs").json()["total"] == 0


def test_the_right_token_queues_a_job(client):
    answer = client.post("/api/v1/reports", headers=AUTH, data={"urls": ""}, files=[("files", ("a.txt", b"Title\n\nText.", "text/plain"))])
    assert answer.status_code == 202 and answer.json()["inputs"] == ["a.txt"]
    assert client.get(answer.json()["url"]).json()["id"] == answer.json()["id"]


def test_uploads_are_bounded_in_size_and_count(make_client):
    client = make_client(max_file_bytes=1000, max_files=2, max_request_bytes=50_000)
    big = client.post("/api/v1/reports", headers=AUTH, files=[("files", ("big.txt", b"x" * 2000, "text/plain"))])
    assert big.status_code == 413 and "big.txt" in big.json()["error"]
    many = client.post("/api/v1/reports", headers=AUTH, files=[("files", (f"{n}.txt", b"Title\n\nText.", "text/plain")) for n in range(3)])
    assert many.status_code == 413 and "limit is 2" in many.json()["error"]
    huge = client.post("/api/v1/reports", headers=AUTH, files=[("files", ("huge.txt", b"x" * 60_000, "text/plain"))])
    assert huge.status_code == 413 and "MB limit" in huge.json()["error"]

    def chunks():  # no Content-Length: the body is counted as it arrives
        for _ in range(10):
            yield b"y" * 10_000

    streamed = client.post("/api/v1/reports", headers=AUTH | {"Content-Type": "multipart/form-data; boundary=b"}, content=chunks())
    assert streamed.status_code == 413
    assert client.get("/api/v1/jobs").json()["total"] == 0


@pytest.mark.parametrize("url", [
    "file:///etc/passwd", "ftp://example.org/a", "gopher://example.org/", "http://127.0.0.1:8000/", "http://localhost/",
    "http://[::1]/", "http://10.0.0.7/", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/",
    "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/", "http://user:pw@example.org/",
])
def test_urls_to_private_addresses_and_other_schemes_are_refused(client, url):
    answer = client.post("/api/v1/reports", headers=AUTH, data={"urls": url})
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"].startswith(url.split("/")[0]) or url in answer.json()["error"]


def test_reads_can_need_the_token(make_client):
    client = make_client(protect_reads=True)
    for path in ("/", "/api/v1/stories", "/stories/1", "/api/v1/stories/1/briefing", "/people"):
        assert client.get(path).status_code == 401, path
    assert client.get("/api/v1/stories", headers=AUTH).status_code == 200
    assert client.post("/login", data={"token": "wrong"}).status_code == 403
    assert client.post("/login", data={"token": "s3cret"}).status_code == 200  # sets the cookie
    assert client.get("/stories/1").status_code == 200


class Pages(http.server.BaseHTTPRequestHandler):
    """/ redirects to the address in the class attribute `to`; /page is a small HTML page."""
    to = ""

    def do_GET(self):
        if self.path == "/":
            self.send_response(302)
            self.send_header("Location", self.to)
            self.end_headers()
            return
        body = b"<html><head><title>Quay</title></head><body><p>The quay opens.</p></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def servers():
    """Two local servers: 'public' (allowed by the test's address check) redirects to 'private'."""
    started = []
    for _ in range(2):
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Pages)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        started.append(server)
    public, private = (s.server_address[1] for s in started)
    Pages.to = f"http://127.0.0.1:{private}/page"
    yield public, private
    for server in started:
        server.shutdown()


def test_a_redirect_to_a_private_address_is_refused(servers):
    public, private = servers
    only_public = lambda address, port: port == public  # noqa: E731 (the test's idea of the public internet)
    with pytest.raises(Refused, match="not a public address"):
        fetch(f"http://127.0.0.1:{public}/", 10_000, 5, only_public)
    page = fetch(f"http://127.0.0.1:{public}/", 10_000, 5, lambda address, port: True)  # the operator allowed it
    assert page.url.endswith("/page") and b"The quay opens." in page.body and "html" in page.content_type
    with pytest.raises(Refused, match="limit"):
        fetch(f"http://127.0.0.1:{private}/page", 10, 5, lambda address, port: True)


def test_public_addresses():
    import ipaddress

    assert is_public(ipaddress.ip_address("93.184.216.34"))
    for private in ("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.0.1", "169.254.169.254", "100.64.0.1", "::1",
                    "fe80::1", "fd00:ec2::254", "::ffff:10.0.0.1", "0.0.0.0", "224.0.0.1"):
        assert not is_public(ipaddress.ip_address(private)), private
