"""URLs given to the server, fetched only from public addresses.

A desk's server sits inside its network, so a URL is a way in: every connection, the first and
each redirect's, is checked where it is made (the host resolved, every address public, then the
connection opened to the checked address), so neither a redirect nor a DNS answer that changes
between check and use reaches loopback, private, link-local or cloud-metadata addresses. httpcore
is used directly because its network backend is the one public seam where the connection is made.
"""
from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpcore

REDIRECTS = {301, 302, 303, 307, 308}
MAX_REDIRECTS = 5
# addresses is_global lets through that no news site serves from
METADATA = {ipaddress.ip_address("fd00:ec2::254")}

Allowed = Callable[[ipaddress.IPv4Address | ipaddress.IPv6Address, int], bool]


class Refused(Exception):
    """The URL is not fetched: one line saying why."""


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address, port: int = 0) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast and address not in METADATA


def check_url(url: str) -> str:
    """The URL's scheme and host, or Refused: only http(s) to a named host."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        raise Refused(f"{url}: only http and https URLs are fetched")
    if not parts.hostname:
        raise Refused(f"{url}: no host")
    if parts.username or parts.password:
        raise Refused(f"{url}: credentials in URLs are not accepted")
    return url.strip()


def addresses(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise Refused(f"{host}: cannot be resolved ({exc})") from None
    return list(dict.fromkeys(ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos))


def checked_address(host: str, port: int, allowed: Allowed) -> str:
    """One address of the host, after every address it resolves to passed the check."""
    found = addresses(host, port)
    refused = [a for a in found if not allowed(a, port)]
    if refused or not found:
        raise Refused(f"{host} resolves to {refused[0] if refused else 'nothing'}, which is not a public address")
    return str(found[0])


class GuardedBackend(httpcore.SyncBackend):
    """Connects only to addresses that pass `allowed`, to the very address it checked."""

    def __init__(self, allowed: Allowed) -> None:
        self.allowed = allowed

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        return super().connect_tcp(checked_address(host, port, self.allowed), port, timeout, local_address, socket_options)


@dataclass
class Page:
    url: str  # after redirects
    content_type: str
    body: bytes


def fetch(url: str, max_bytes: int, timeout: float, allowed: Allowed = is_public) -> Page:
    """GET the URL, following up to five redirects, each one checked; Refused on any problem."""
    with httpcore.ConnectionPool(network_backend=GuardedBackend(allowed)) as pool:
        for _ in range(MAX_REDIRECTS + 1):
            check_url(url)
            try:
                with pool.stream("GET", url, headers={"User-Agent": "corroborate"},
                                 extensions={"timeout": {k: timeout for k in ("connect", "read", "write", "pool")}}) as response:
                    headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in response.headers}
                    if response.status in REDIRECTS and "location" in headers:
                        url = urljoin(url, headers["location"])
                        continue
                    if response.status >= 400:
                        raise Refused(f"{url}: server answered HTTP {response.status}")
                    body = bytearray()
                    for chunk in response.iter_stream():
                        body += chunk
                        if len(body) > max_bytes:
                            raise Refused(f"{url}: response is over the {max_bytes // 1_000_000} MB limit")
                    return Page(url, headers.get("content-type", "").lower(), bytes(body))
            except httpcore.TimeoutException:
                raise Refused(f"{url}: no answer within {timeout:.0f} s") from None
            except (httpcore.NetworkError, httpcore.ProtocolError, httpcore.UnsupportedProtocol) as exc:
                raise Refused(f"{url}: could not be fetched ({exc.__class__.__name__})") from None
    raise Refused(f"{url}: more than {MAX_REDIRECTS} redirects")
