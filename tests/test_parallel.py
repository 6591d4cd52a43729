"""The same graph from one process, from worker processes and from a Dask cluster."""

import pytest

import kg
from kg.pipeline import BuildReport

from .conftest import SEEDS


def test_worker_processes_give_the_same_graph_byte_for_byte(seeds_out, tmp_path):
    report = BuildReport()
    kg.write_all(kg.build([SEEDS], jobs=2, report=report), tmp_path, ("turtle", "graphml", "mentions"))
    assert report.documents == 5 and report.seconds["nlp"] > 0
    for name in ("graph.ttl", "graph.graphml", "mentions.jsonl"):
        assert (tmp_path / name).read_bytes() == (seeds_out / name).read_bytes()


def test_a_dask_cluster_gives_the_same_graph_byte_for_byte(seeds_out, tmp_path):
    distributed = pytest.importorskip("distributed", reason="dask[distributed] is not installed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  local_directory=str(tmp_path)) as cluster:
        report = BuildReport()
        graph = kg.build([SEEDS], dask=cluster.scheduler_address, report=report)
    assert report.documents == 5
    out = tmp_path / "out"
    kg.write_all(graph, out, ("turtle", "ntriples", "graphml", "mentions"))
    for name in ("graph.ttl", "graph.nt", "graph.graphml", "mentions.jsonl"):
        assert (out / name).read_bytes() == (seeds_out / name).read_bytes()


def test_a_scheduler_without_workers_and_a_bad_address_are_clear_errors(tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed", reason="dask[distributed] is not installed")
    import kg.pipeline

    monkeypatch.setattr(kg.pipeline, "DASK_WORKER_WAIT", 2.0)
    with distributed.LocalCluster(n_workers=0, dashboard_address=None, local_directory=str(tmp_path)) as cluster, \
            pytest.raises(kg.KGError, match="has no workers"):
        kg.build([SEEDS / "002_6c806e12cfd8c7db.txt"], dask=cluster.scheduler_address)
    for address in ("tcp://:notaport", "nonsense://x"):
        with pytest.raises(kg.KGError, match="cannot reach the Dask scheduler"):
            kg.build([SEEDS / "002_6c806e12cfd8c7db.txt"], dask=address)


def test_an_unreachable_scheduler_is_a_clear_error():
    pytest.importorskip("distributed", reason="dask[distributed] is not installed")
    with pytest.raises(kg.KGError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:1"):
        kg.build([SEEDS], dask="tcp://127.0.0.1:1")


def test_ctrl_c_stops_cleanly_and_leaves_no_output(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for i in range(2000):  # a build of a minute or so, interrupted after 8 seconds
        (corpus / f"{i:04d}.txt").write_text(texts[i % len(texts)], encoding="utf-8")
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out), "--jobs", "2",
                                "--no-cache"], stderr=subprocess.PIPE, text=True)
    time.sleep(8)
    assert process.poll() is None, "the build ended before it could be interrupted"
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "interrupted" in err and "Traceback" not in err
    assert not out.exists() or not any(out.iterdir())


def test_workers_do_not_outlive_a_killed_build(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(400):
        (corpus / f"{n:03}.txt").write_text(f"Story {n}: rebels seized the town of Kafr Nabl, residents said.\n" * 20,
                                            encoding="utf-8")
    build = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "--out", str(tmp_path / "out"),
                              "--jobs", "2", "--no-cache", "--quiet"])
    try:
        children = []
        for _ in range(120):
            time.sleep(0.5)
            children = subprocess.run(["pgrep", "-P", str(build.pid)], capture_output=True, text=True).stdout.split()
            if len(children) >= 2:
                break
        assert children, "the build started no workers"
    finally:
        os.kill(build.pid, signal.SIGKILL)
        build.wait()
    deadline = time.monotonic() + 15
    alive = children
    while alive and time.monotonic() < deadline:
        time.sleep(0.5)
        alive = [pid for pid in children if os.path.exists(f"/proc/{pid}") and
                 "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()]
    assert not alive
