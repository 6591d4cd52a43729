"""Mentions found and joined on Reuters newswire: AIDA CoNLL-YAGO dev, with the shared scorer.

usage: python bench/aida.py [--examples 4] [--keep DIR]

Runs one `kg build` over the 216 dev articles (../shared/eval/aida/aida_dev_kg_input.jsonl) and
../shared/eval/aida/score_aida.py on its mentions: mention recall, B³ and pair F1 over the gold
mentions and on the mentions kg found, by CoNLL type, and the commonest errors; then the same
scores on two halves of the articles, split by a hash of their ids, so that a change found by
reading one half's errors can be checked on the other. Nothing in kg is trained on these articles.
"""

import argparse
import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

AIDA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "aida"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=4, help="error examples to print per kind")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="write the build into this folder and keep it")
    args = parser.parse_args()
    data = AIDA / "aida_dev_kg_input.jsonl"
    if not data.exists():
        sys.exit(f"{data}: not found (AIDA lives in ../shared/eval/aida/)")
    out = args.keep or Path(tempfile.mkdtemp(prefix="kg-aida-"))
    try:
        subprocess.run([sys.executable, "-m", "kg", "build", str(data), "--out", str(out), "--no-cache", "--quiet",
                        "--jobs", str(args.jobs), "--format", "mentions", "--format", "resolution",
                        "--format", "text"], check=True)  # resolution: the examples' entity names and types
        subprocess.run([sys.executable, str(AIDA / "score_aida.py"), str(AIDA / "aida_dev_gold.jsonl"), str(out),
                        "--examples", str(args.examples)], check=True)
        for half in (0, 1):
            print(f"\n-- half {'AB'[half]} of the articles (by a hash of their ids) --", flush=True)
            gold = out / f"gold-half-{half}.jsonl"
            gold.write_text("".join(line for line in (AIDA / "aida_dev_gold.jsonl").read_text(encoding="utf-8")
                                    .splitlines(keepends=True) if _half(line) == half), encoding="utf-8")
            scored = subprocess.run([sys.executable, str(AIDA / "score_aida.py"), str(gold), str(out),
                                     "--examples", "0"], check=True, capture_output=True, text=True).stdout
            print("\n".join(line for line in scored.splitlines() if line.startswith(("AIDA", "kg, "))))
            gold.unlink()
    finally:
        if not args.keep:
            shutil.rmtree(out, ignore_errors=True)


def _half(gold_line: str) -> int:
    """0 or 1, by a hash of the article's id: a split that does not depend on the articles' order."""
    doc_id = gold_line.split('"id": "', 1)[1].split('"', 1)[0]
    return hashlib.sha256(doc_id.encode()).digest()[0] % 2


if __name__ == "__main__":
    main()
