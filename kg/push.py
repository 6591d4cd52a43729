"""Upload a graph to a remote triple store with the SPARQL 1.1 Graph Store HTTP Protocol
(https://www.w3.org/TR/sparql11-http-rdf-update/): PUT replaces the named graph, POST adds to it.

>>> push("out/graph.ttl", "http://localhost:8890/sparql-graph-crud-auth",
...      graph="https://example.org/kg/graph", user="dba", password="dba")  # doctest: +SKIP

Authentication is answered the way the server asks, HTTP Digest (Virtuoso's
/sparql-graph-crud-auth) or Basic, after a bodiless HEAD request learns which: the graph is sent
once. Every call has a deadline however slowly the server answers, an error body is read only up
to a few kilobytes and shown as one line of plain text, credentials are never shown (nor those
written into the endpoint's URL), and a redirect is not followed: the data goes only where the user
said.
"""

from __future__ import annotations

import html
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from kg.errors import KGError

MEDIA_TYPES = {".ttl": "text/turtle", ".nt": "application/n-triples", ".jsonld": "application/ld+json",
               ".rdf": "application/rdf+xml"}
CONNECT_TIMEOUT = 10.0  # seconds
DEADLINE = 600.0  # seconds for a whole request, however slowly the server answers
MAX_ERROR_BYTES = 16_384  # of an error body read to say what went wrong


class PushError(KGError):
    """The store refused the upload or could not be reached."""


def push(file: str | Path, endpoint: str, graph: str | None = None, user: str | None = None,
         password: str | None = None, append: bool = False, timeout: float = DEADLINE) -> int:
    """Upload `file` to the Graph Store endpoint; returns the HTTP status."""
    file = Path(file)
    media_type = MEDIA_TYPES.get(file.suffix.lower())
    if media_type is None:
        raise PushError(f"{file}: cannot tell its RDF format; use one of {', '.join(sorted(MEDIA_TYPES))}")
    endpoint, user, password = _without_credentials(endpoint, user, password)
    shown = endpoint
    params = {"graph": graph} if graph else {"default": ""}
    method = "POST" if append else "PUT"
    headers = {"Content-Type": media_type}
    if user is not None:
        probe = _request("HEAD", endpoint, shown, timeout, params=params)
        if probe.status_code == 401:
            headers["Authorization"] = _authorization(probe, method, endpoint, params, user, password or "")
    with file.open("rb") as body:
        response = _request(method, endpoint, shown, timeout, params=params, data=body, headers=headers)
    if 300 <= response.status_code < 400:
        target = _without_credentials(response.headers.get("Location", "?"), None, None)[0]
        raise PushError(f"{shown} redirects to {_printable(target)}; kg does not follow redirects with your data: "
                        "give that endpoint if you trust it")
    if response.status_code >= 400:
        reason = _reason(response)
        if response.status_code == 401:
            reason += ("; the server refused the user name and password" if user is not None
                       else "; give --user and the password in KG_PASSWORD")
        raise PushError(f"{shown} answered {response.status_code} to {method} {file.name}: {reason}")
    return response.status_code


def _request(method: str, url: str, shown: str, timeout: float, **kwargs):
    """One HTTP request that ends within `timeout` seconds, whatever the server does, with at most
    MAX_ERROR_BYTES of its body read."""
    import requests

    outcome: dict = {}

    def call() -> None:
        try:
            with requests.request(method, url, timeout=(CONNECT_TIMEOUT, timeout), allow_redirects=False,
                                  stream=True, **kwargs) as response:
                response.limited_body = response.raw.read(MAX_ERROR_BYTES, decode_content=True) \
                    if response.status_code >= 300 else b""
                outcome["response"] = response
        except (OSError, requests.RequestException) as err:
            outcome["error"] = err

    worker = threading.Thread(target=call, daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise PushError(f"{shown} did not answer {method} within {timeout:.0f} s")
    if "error" in outcome:
        raise PushError(f"cannot reach {shown}: {_printable(str(outcome['error']))[:200]}") from outcome["error"]
    return outcome["response"]


def _authorization(challenge, method: str, endpoint: str, params: dict, user: str, password: str) -> str:
    """The Authorization header answering the server's 401 challenge, Basic or Digest, so that the
    upload carries it the first time."""
    import requests
    from requests.auth import HTTPDigestAuth, _basic_auth_str
    from requests.utils import parse_dict_header

    scheme, _, fields = challenge.headers.get("WWW-Authenticate", "").partition(" ")
    if scheme.lower() != "digest":
        return _basic_auth_str(user, password)
    auth = HTTPDigestAuth(user, password)
    auth.init_per_thread_state()
    auth._thread_local.chal = parse_dict_header(fields)
    url = requests.Request(method, endpoint, params=params).prepare().url
    header = auth.build_digest_header(method, url)
    if header is None:
        raise PushError(f"the server's Digest challenge cannot be answered ({_printable(fields)[:100]})")
    return header


def _without_credentials(url: str, user: str | None, password: str | None) -> tuple[str, str | None, str | None]:
    """`url` without a user:password@ part, and the credentials (those given win)."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url, user, password
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc)), user or parts.username, password or parts.password


def shown_url(url: str) -> str:
    """`url` as it may be printed: without credentials."""
    return _without_credentials(url, None, None)[0]


def _reason(response) -> str:
    """What the server says went wrong, as one line of plain text: an HTML page's title or first
    heading, else the body's first line, else the status's reason phrase."""
    text = response.limited_body.decode(response.encoding or "utf-8", "replace")
    if re.search(r"<(?:!doctype|html|head|body)\b", text, re.IGNORECASE):
        found = re.search(r"<(title|h1|h2|p)\b[^>]*>(.*?)</\1>", text, re.IGNORECASE | re.DOTALL)
        text = re.sub(r"<[^>]+>", " ", found.group(2)) if found else ""
    lines = [line.strip() for line in html.unescape(text).splitlines() if line.strip()]
    return _printable(lines[0] if lines else response.reason or "")[:200]


def _printable(text: str) -> str:
    """`text` without control characters or terminal escape sequences."""
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07?", "", text)
    return "".join(c if c.isprintable() else " " for c in text).strip()
