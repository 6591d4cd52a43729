"""The same graph from one process, from worker processes and from a Dask cluster."""

import pytest

import kg
from kg.pipeline import BuildReport

from .conftest import SEEDS


def test_worker_processes_give_the_same_graph(seeds_graph):
    report = BuildReport()
    assert kg.build([SEEDS], jobs=2, report=report) == seeds_graph
    assert report.documents == 5 and report.seconds["nlp"] > 0


def test_a_dask_cluster_gives_the_same_graph(seeds_graph, tmp_path):
    distributed = pytest.importorskip("distributed", reason="dask[distributed] is not installed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  local_directory=str(tmp_path)) as cluster:
        report = BuildReport()
        graph = kg.build([SEEDS], dask=cluster.scheduler_address, report=report)
    assert graph == seeds_graph
    assert report.documents == 5


def test_an_unreachable_scheduler_is_a_clear_error():
    pytest.importorskip("distributed", reason="dask[distributed] is not installed")
    with pytest.raises(kg.KGError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:1"):
        kg.build([SEEDS], dask="tcp://127.0.0.1:1")
