"""Cross-document entity resolution on ECB+ (topics 1-35), with the shared scorer.

usage: python bench/ecbplus.py [--topics 1,2,3]

Runs ../shared/eval/score_ecbplus.py twice: on `kg build` (one build per topic, as a user would run
it) and on the exact-string baseline over the gold mentions, and prints both reports.
"""

import argparse
import subprocess
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topics", default="", help="comma-separated topic numbers (default: all in the file)")
    args = parser.parse_args()
    data, scorer = SHARED / "ecbplus" / "ecbplus-dev.jsonl", SHARED / "score_ecbplus.py"
    if not data.exists():
        sys.exit(f"{data}: not found (ECB+ lives in ../shared/eval/ecbplus/)")
    topics = ["--topics", args.topics] if args.topics else []
    kg = f"{sys.executable} -m kg build"
    for extra in (["--kg", kg], ["--baseline", "exact"]):
        subprocess.run([sys.executable, str(scorer), str(data), *topics, *extra], check=True)


if __name__ == "__main__":
    main()
