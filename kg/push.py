"""Upload a graph to a remote triple store with the SPARQL 1.1 Graph Store HTTP Protocol
(https://www.w3.org/TR/sparql11-http-rdf-update/): PUT replaces the named graph, POST adds to it.

>>> push("out/graph.ttl", "http://localhost:8890/sparql-graph-crud-auth",
...      graph="https://example.org/kg/graph", user="dba", password="dba")  # doctest: +SKIP

Authentication is answered the way the server asks: HTTP Digest (Virtuoso's
/sparql-graph-crud-auth) or Basic.
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import KGError

MEDIA_TYPES = {".ttl": "text/turtle", ".nt": "application/n-triples", ".jsonld": "application/ld+json",
               ".rdf": "application/rdf+xml"}


class PushError(KGError):
    """The store refused the upload or could not be reached."""


def push(file: str | Path, endpoint: str, graph: str | None = None, user: str | None = None,
         password: str | None = None, append: bool = False, timeout: float = 300) -> int:
    """Upload `file` to the Graph Store endpoint; returns the HTTP status."""
    import requests

    file = Path(file)
    media_type = MEDIA_TYPES.get(file.suffix.lower())
    if media_type is None:
        raise PushError(f"{file}: cannot tell its RDF format; use one of {', '.join(sorted(MEDIA_TYPES))}")
    params = {"graph": graph} if graph else {"default": ""}
    method = "POST" if append else "PUT"
    try:
        with file.open("rb") as body:
            response = requests.request(method, endpoint, params=params, data=body, timeout=timeout,
                                        headers={"Content-Type": media_type})
            if response.status_code == 401 and user is not None:
                body.seek(0)
                response = requests.request(method, endpoint, params=params, data=body, timeout=timeout,
                                            headers={"Content-Type": media_type},
                                            auth=_auth(response, user, password or ""))
    except OSError as err:
        raise PushError(f"cannot upload {file} to {endpoint}: {err}") from err
    if response.status_code >= 300:
        reason = response.text.strip().splitlines()[0][:200] if response.text.strip() else response.reason
        hint = "; give --user and --password" if response.status_code == 401 else ""
        raise PushError(f"{endpoint} answered {response.status_code} to {method} {file.name}: {reason}{hint}")
    return response.status_code


def _auth(challenge, user: str, password: str):
    from requests.auth import HTTPBasicAuth, HTTPDigestAuth

    scheme = challenge.headers.get("WWW-Authenticate", "").split(" ", 1)[0].lower()
    return HTTPDigestAuth(user, password) if scheme == "digest" else HTTPBasicAuth(user, password)
