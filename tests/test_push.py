"""kg push against a real Virtuoso (Debian's virtuoso-opensource), started here on 127.0.0.1 with
ports of its own in a temporary folder and stopped by its PID."""

import json
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import rdflib

from kg.cli import main

from .conftest import ROOT

DEFAULT_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
GRAPH = "https://example.org/kg/test-graph"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    binary = shutil.which("virtuoso-t")
    if not binary or not DEFAULT_INI.exists():
        pytest.skip("Virtuoso is not installed (Debian package virtuoso-opensource; .ci/run installs it)")
    folder = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    ini = DEFAULT_INI.read_text().replace("/var/lib/virtuoso-opensource-7/db/", f"{folder}/")
    ini = ini.replace("ServerPort               = 1111", f"ServerPort               = {sql_port}")
    ini = ini.replace("ServerPort                  = 8890", f"ServerPort                  = {http_port}")
    (folder / "virtuoso.ini").write_text(ini)
    log = (folder / "out.log").open("w")
    process = subprocess.Popen([binary, "-f", "-c", str(folder / "virtuoso.ini")], cwd=folder, stdout=log,
                               stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http_port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/sparql?query=ASK%7B%7D", timeout=2).read()
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"Virtuoso stopped: {(folder / 'out.log').read_text()[-2000:]}")
                time.sleep(0.5)
        else:
            pytest.fail("Virtuoso did not answer within 60 s")
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def sparql(base: str, query: str) -> list[dict]:
    url = f"{base}/sparql?" + urllib.parse.urlencode({"query": query, "format": "application/sparql-results+json"})
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)["results"]["bindings"]


def test_push_replaces_then_appends_a_named_graph(virtuoso, tmp_path):
    ttl = ROOT / "exports" / "graph.ttl"
    expected = len(rdflib.Graph().parse(ttl))
    endpoint = f"{virtuoso}/sparql-graph-crud-auth"
    count = f"SELECT (COUNT(*) AS ?n) FROM <{GRAPH}> WHERE {{ ?s ?p ?o }}"
    for _ in range(2):  # PUT twice: the graph is replaced, not doubled
        assert main(["push", str(ttl), "--endpoint", endpoint, "--graph", GRAPH, "--user", "dba",
                     "--password", "dba"]) == 0
    assert int(sparql(virtuoso, count)[0]["n"]["value"]) == expected
    backed = sparql(virtuoso, f"""PREFIX kgo: <https://example.org/kg/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?backer FROM <{GRAPH}> WHERE {{ ?s kgo:backedBy ?o ; rdfs:label "Syrian Democratic Forces" .
                                              ?o rdfs:label ?backer }}""")
    assert [row["backer"]["value"] for row in backed] == ["United States"]
    extra = tmp_path / "extra.nt"
    extra.write_text(f'<{GRAPH}/x> <http://www.w3.org/2000/01/rdf-schema#label> "extra" .\n')
    assert main(["push", str(extra), "--endpoint", endpoint, "--graph", GRAPH, "--append",
                 "--user", "dba", "--password", "dba"]) == 0
    assert int(sparql(virtuoso, count)[0]["n"]["value"]) == expected + 1


def test_a_wrong_password_is_a_one_line_error(virtuoso, capsys):
    assert main(["push", str(ROOT / "exports" / "graph.ttl"), "--endpoint", f"{virtuoso}/sparql-graph-crud-auth",
                 "--graph", GRAPH, "--user", "dba", "--password", "wrong"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("kg: error: ") and "401" in err and "\n" not in err
