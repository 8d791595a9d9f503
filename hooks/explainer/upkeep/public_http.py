"""One HTTP request to a public host, and nowhere else, within a deadline.

Addresses come from content, which anyone can propose in a pull request, and servers choose
where they redirect, so before every request the host's addresses are resolved and each one
must be public: not loopback, private, link-local, cloud metadata, multicast or reserved,
nor one of those wrapped in an IPv6 form (mapped, compatible, 6to4, Teredo, NAT64). Hosts
written as numbers in a form a resolver would read loosely (`2130706433`, `0x7f.1`, `0177.0.0.1`)
are refused outright. The connection then goes to the address that was checked, never to a
second lookup, so a name cannot resolve to a public address for the check and a private one
for the connection (DNS rebinding). Proxies from the environment are not used.

The deadline is for the whole exchange, not for each read: a watchdog closes the socket when
it passes, so a server trickling bytes cannot hold a run. Tests pass their own `Network`
to reach a stand-in server on a loopback address; nothing else can widen the policy.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
# The last label decides: a resolver reads `1.2.3.0x10`, `127.1` or `017700000001` as an IPv4 address.
_NUMERIC_LABEL_RE = re.compile(r"^(0x[0-9a-f]*|[0-9]+)$", re.IGNORECASE)


class Refused(Exception):
    """The address is not one this checker may ask: the message says why."""


def _embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip.sixtofour:
        return ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    if ip in _NAT64 or ip in _IPV4_COMPATIBLE:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_public(ip: IPAddress) -> bool:
    """A globally routable unicast address, also when an IPv4 address hides inside an IPv6 one."""
    inner = _embedded_ipv4(ip)
    if inner is not None:
        return is_public(inner)
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified or ip.is_link_local)


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system's resolver gives for `host`."""
    return [str(info[4][0]) for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


@dataclass(frozen=True)
class Network:
    """Which addresses may be asked, and how names are resolved (tests inject both)."""

    allow: Callable[[IPAddress], bool] = is_public
    resolve: Callable[[str, int], list[str]] = system_resolver


PUBLIC_INTERNET = Network()


@dataclass(frozen=True)
class Target:
    """A checked request target: where to connect, and what to send."""

    scheme: str
    host: str
    port: int
    path: str
    addresses: tuple[str, ...]


def _ip_literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    last = host.rstrip(".").rsplit(".", 1)[-1]
    if _NUMERIC_LABEL_RE.match(last):
        raise Refused(f"the host {host!r} is a number in an unusual form; write a host name")
    return None


def target(url: str, network: Network = PUBLIC_INTERNET) -> Target:
    """Check `url` and resolve its host; raise Refused, or socket.gaierror when the name does not resolve."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise Refused(f"not an http(s) address: {url[:200]!r}")
    host = parts.hostname or ""
    if not host:
        raise Refused(f"no host in {url[:200]!r}")
    if parts.username is not None or parts.password is not None:
        raise Refused("an address with a user name or password is not asked")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        raise Refused(f"not a port number in {url[:200]!r}") from None
    literal = _ip_literal(host)
    if literal is None:
        try:
            host.encode("idna")
        except UnicodeError:
            raise Refused(f"the host {host!r} is not a valid name") from None
        found = network.resolve(host, port)
    else:
        found = [str(literal)]
    addresses = []
    for text in found:
        ip = ipaddress.ip_address(text.split("%", 1)[0])
        if not network.allow(ip):
            shown = host if literal is not None else f"{host} (resolves to {ip})"
            raise Refused(f"{shown} is not a public address")
        addresses.append(str(ip))
    if not addresses:
        raise socket.gaierror(socket.EAI_NONAME, "no address")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(scheme, host, port, path, tuple(addresses))


@dataclass(frozen=True)
class Response:
    code: int
    reason: str
    headers: Message = field(repr=False)


class _Pinned(http.client.HTTPConnection):
    """HTTP to one checked address; the Host header still names the host."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address
        self.raw: socket.socket | None = None

    def connect(self) -> None:
        self.raw = self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedTLS(http.client.HTTPSConnection):
    """HTTPS to one checked address; the certificate must be valid for the host name."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        self.tls = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self.tls)
        self.address = address
        self.raw: socket.socket | None = None

    def connect(self) -> None:
        self.raw = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self.tls.wrap_socket(self.raw, server_hostname=self.host)


def _cut(connection: _Pinned | _PinnedTLS) -> None:
    """The deadline passed: whatever the other thread is waiting for ends now."""
    if connection.raw is not None:
        with contextlib.suppress(OSError):
            connection.raw.shutdown(socket.SHUT_RDWR)


def request(where: Target, method: str, headers: dict[str, str], deadline: float, body_limit: int = 0) -> Response:
    """Ask `where` (each checked address in turn until one connects); raise OSError or an
    http.client error when no answer comes, TimeoutError when the deadline (time.monotonic) passes."""
    failure: Exception = TimeoutError("no time left")
    for address in where.addresses:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        kind = _PinnedTLS if where.scheme == "https" else _Pinned
        connection = kind(where.host, where.port, address, remaining)
        watchdog = threading.Timer(remaining, _cut, (connection,))
        watchdog.daemon = True
        watchdog.start()
        try:
            connection.request(method, where.path, headers=headers)
            response = connection.getresponse()
            if method == "GET" and body_limit:
                response.read(body_limit)
            if time.monotonic() >= deadline:
                raise TimeoutError("no time left")
            return Response(response.status, response.reason, response.msg)
        except (OSError, http.client.HTTPException) as exc:
            if time.monotonic() >= deadline:
                raise TimeoutError("no complete answer within the time limit") from None
            failure = exc
            if connection.raw is not None:  # connected, then failed: the host answered badly
                raise
        finally:
            watchdog.cancel()
            connection.close()
    raise failure
