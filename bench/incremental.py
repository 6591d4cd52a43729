"""How much a rebuild costs after adding articles, with the per-document cache.

usage: python bench/incremental.py [--base 2000] [--added 10] [--jobs 2]

Copies the first --base BBC articles to a temporary folder, builds them with an empty cache, adds
--added more articles and builds again: the second build should redo only the added ones. Prints
both times and the share.
"""

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import kg
from kg.pipeline import BuildReport

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bbc"


def timed_build(folder: Path, cache: Path, jobs: int) -> tuple[float, BuildReport]:
    report = BuildReport()
    started = time.perf_counter()
    graph = kg.build([folder], report=report, cache=cache, jobs=jobs)
    with tempfile.TemporaryDirectory() as out:
        kg.write_all(graph, out)
    return time.perf_counter() - started, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=2000)
    parser.add_argument("--added", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"{CORPUS}: not found")
    files = sorted(p for p in CORPUS.rglob("*.txt") if p.parent != CORPUS)
    with tempfile.TemporaryDirectory() as tmp:
        folder, cache = Path(tmp, "news"), Path(tmp, "cache.sqlite")
        for f in files[: args.base]:
            (folder / f.parent.name).mkdir(parents=True, exist_ok=True)
            shutil.copy(f, folder / f.parent.name / f.name)
        full, report = timed_build(folder, cache, args.jobs)
        print(f"full build of {report.documents} articles: {full:.1f} s")
        for f in files[args.base: args.base + args.added]:
            (folder / f.parent.name).mkdir(parents=True, exist_ok=True)
            shutil.copy(f, folder / f.parent.name / f.name)
        again, report = timed_build(folder, cache, args.jobs)
        print(f"rebuild with {args.added} added ({report.cached} from the cache, "
              f"{report.documents - report.cached} processed): {again:.1f} s = {again / full:.1%} of the full build")


if __name__ == "__main__":
    main()
