"""Safe fetching, on a loopback server the tests start and stop: schemes, addresses, redirects, deadlines."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from marsad.io.fetch import Fetcher, FetchRefused, address_problem
from marsad.io.sources import IngestProblem, documents_from_feed, iter_source, strip_markup

SENTENCE = "قتل ثلاثة مدنيين في غارة جوية على بلدة كفرنبل في ريف إدلب الجنوبي. "
PAGE = ("<html><body><p>" + SENTENCE * 5 + "</p></body></html>").encode("utf-8")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    routes: dict = {}

    def do_GET(self):  # noqa: N802 (http.server's name)
        route = self.routes.get(self.path)
        if route is None:
            self.send_error(404)
            return
        route(self)

    def log_message(self, *args):
        pass


def page(h, body=PAGE):
    h.send_response(200)
    h.send_header("Content-Type", "text/html; charset=utf-8")
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    h.wfile.write(body)


def redirect(to):
    def handler(h):
        h.send_response(302)
        h.send_header("Location", to)
        h.send_header("Content-Length", "0")
        h.end_headers()
    return handler


def drip(h):
    """One byte every 0.1 s, for as long as the client listens."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", "100000")
    h.end_headers()
    try:
        for _ in range(600):
            h.wfile.write(b"x")
            h.wfile.flush()
            time.sleep(0.1)
    except OSError:
        pass


def big(h):
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.end_headers()  # no length: the cap must hold while reading
    try:
        for _ in range(200):
            h.wfile.write(b"a" * 65536)
    except OSError:
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    Handler.routes = {"/page": page, "/to-page": redirect("/page"), "/to-ftp": redirect("ftp://127.0.0.1/x"),
                      "/to-intranet": redirect("http://intranet.example/secret"), "/drip": drip, "/big": big,
                      "/loop": redirect("/loop"), "/to-file": redirect("file:///etc/passwd")}
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()
    httpd.server_close()


def loopback_is_public(address, allow_private):
    """The address policy of a test: the test server's loopback address stands for a public one."""
    return None if address == "127.0.0.1" else address_problem(address, allow_private)


def resolver(host, port):
    return {"127.0.0.1": ["127.0.0.1"], "intranet.example": ["10.1.2.3"], "public.example": ["127.0.0.1"],
            "rebind.example": ["127.0.0.1", "192.168.0.1"]}[host]


def fetcher(**kw):
    kw.setdefault("check_address", loopback_is_public)
    return Fetcher(resolver=resolver, **kw)


@pytest.mark.parametrize("address, refused", [
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("10.0.0.8", "private"), ("192.168.1.1", "private"),
    ("169.254.169.254", "link-local"), ("fe80::1", "link-local"), ("224.0.0.1", "multicast"),
    ("0.0.0.0", "unspecified"), ("::ffff:127.0.0.1", "loopback"), ("100.64.0.1", "non-public"),
    ("240.0.0.1", "reserved"), ("93.184.216.34", None), ("2606:4700::1111", None)])
def test_address_policy(address, refused):
    why = address_problem(address)
    assert (why is None) if refused is None else (refused in why)


def test_allow_private_lets_intranet_addresses_through_but_not_multicast():
    assert address_problem("10.0.0.8", allow_private=True) is None
    assert address_problem("127.0.0.1", allow_private=True) is None
    assert "multicast" in address_problem("239.1.1.1", allow_private=True)


def test_loopback_link_is_refused_unless_private_is_allowed(server):
    with pytest.raises(FetchRefused, match="loopback address"):
        Fetcher().get(f"{server}/page")
    assert "كفرنبل" in Fetcher(allow_private=True).get(f"{server}/page").body.decode()


def test_name_resolving_to_a_private_address_is_refused():
    with pytest.raises(FetchRefused, match="intranet.example resolves to 10.1.2.3 is a private address"):
        fetcher().get("http://intranet.example/")
    with pytest.raises(FetchRefused, match="192.168.0.1"):  # one bad answer among good ones is enough
        fetcher().get("http://rebind.example/")


def test_redirects_are_followed_and_each_hop_checked(server):
    assert fetcher().get(f"{server}/to-page").url == f"{server}/page"
    for route, words in (("/to-ftp", "only http and https"), ("/to-file", "only http and https"),
                         ("/to-intranet", "private address"), ("/loop", "more than 5 redirects")):
        with pytest.raises(FetchRefused, match=words):
            fetcher().get(server + route)


def test_slow_drip_server_is_cut_at_the_fetch_deadline(server):
    t0 = time.monotonic()
    with pytest.raises(OSError, match="no complete answer within 1 s"):
        fetcher(deadline=1.0, timeout=5.0).get(f"{server}/drip")
    assert time.monotonic() - t0 < 3


def test_the_run_deadline_stops_further_fetches(server):
    f = fetcher(run_deadline=0.5)
    f.get(f"{server}/page")
    time.sleep(0.6)
    with pytest.raises(FetchRefused, match="fetch time of this run"):
        f.get(f"{server}/page")


def test_size_cap_holds_without_a_length(server):
    with pytest.raises(FetchRefused, match="larger than 1 MB"):
        fetcher(max_bytes=1_000_000).get(f"{server}/big")


def test_ftp_source_on_the_command_line_is_refused():
    [problem] = list(iter_source("ftp://example.org/feed.xml", Fetcher()))
    assert isinstance(problem, IngestProblem) and "only http and https" in problem.reason


def test_feed_links_to_loopback_are_not_fetched(server):
    feed = (f'<?xml version="1.0"?><rss><channel><item><title>t</title><link>{server}/page</link>'
            "<description>short</description></item></channel></rss>").encode()
    [problem] = list(documents_from_feed(feed, "feed.xml", Fetcher()))
    assert isinstance(problem, IngestProblem) and "loopback address" in problem.reason


def test_feed_cdata_script_does_not_stay_in_the_text():
    body = "قتل ثلاثة مدنيين في غارة جوية على بلدة كفرنبل في ريف إدلب الجنوبي. " * 8
    feed = ('<?xml version="1.0"?><rss><channel><item><title>t</title><link>https://x.org/1</link><description>'
            f"<![CDATA[<p>{body}</p><script>steal(document.cookie)</script><style>p{{color:red}}</style>"
            "<!-- hidden -->]]></description></item></channel></rss>").encode()
    [doc] = list(documents_from_feed(feed, "feed.xml", Fetcher()))
    assert "steal" not in doc.text and "color" not in doc.text and "hidden" not in doc.text
    assert doc.text.startswith("قتل ثلاثة")


def test_strip_markup_keeps_plain_text_and_entities():
    assert strip_markup("  نص عادي ") == "نص عادي"
    assert strip_markup("<b>قتل</b> &amp; جرح<script>x()</script>") == "قتل & جرح"
