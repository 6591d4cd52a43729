"""How much of real scraped pages kg reads: the article kept, the page furniture dropped.

usage: python bench/scraped.py [--data ../shared/eval/scraped] [--folds 5] [--shipped] [--jobs 2]

Runs `kg build` over the pages' reference bodies (`body/`: trafilatura's extraction of the HTML), over
their plain-text dumps (`txt/`) and over their HTML, then `score_scraped.py`: body_recall (names found
on the body also found on the page), junk_share (names found on the page that are nowhere in the body)
and pages losing over half. Also the hand-written snippets each page must keep (`with`) and drop
(`without`), looked up in the text kg analysed (`--format text`).

The line classifier learned from these very pages, so by default the txt figures are held out: the
pages are split by site into folds, a model is trained on the other folds (train/boilerplate.py, needs
scikit-learn) and each fold's pages are read with the model that never saw them. `--shipped` scores
the shipped model instead (trained on every page: not a held-out figure).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "eval" / "scraped"


def kg_build(paths: list[Path], out: Path, jobs: int, ontology: Path | None = None) -> None:
    command = [sys.executable, "-m", "kg", "build", *map(str, paths), "--out", str(out), "--no-cache", "--quiet",
               "--jobs", str(jobs), "--format", "mentions", "--format", "text"]
    if ontology:
        command += ["--ontology", str(ontology)]
    subprocess.run(command, check=True, stderr=subprocess.DEVNULL)


def held_out_txt(data: Path, out: Path, folds: int, jobs: int, work: Path) -> None:
    """The txt pages, each fold read by a model trained on the other folds; outputs concatenated."""
    sys.path.insert(0, str(ROOT / "train"))
    import boilerplate as trainer

    from kg.boilerplate.features import Phrases
    from kg.ontology import ONTOLOGY_DIR, read_json

    pages = trainer.load_pages(data, Phrases.from_data(read_json(ONTOLOGY_DIR / "boilerplate.json")))
    out.mkdir(parents=True, exist_ok=True)
    outputs = {"mentions.jsonl": [], "text.jsonl": []}
    for f, held in enumerate(trainer.site_folds(pages, folds)):
        train = [pages[i] for i in range(len(pages)) if i not in set(held)]
        ontology = work / f"ontology{f}"
        shutil.copytree(ONTOLOGY_DIR, ontology, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
        trainer.write_model(trainer.fit(train, folds), ontology / "boilerplate_model.json")
        fold_out = work / f"fold{f}"
        kg_build([data / "txt" / f"{pages[i]['id']}.txt" for i in held if not pages[i]["clean"]], fold_out, jobs,
                 ontology)
        for name, lines in outputs.items():
            lines.append((fold_out / name).read_text(encoding="utf-8"))
    for name, lines in outputs.items():
        (out / name).write_text("".join(lines), encoding="utf-8")


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(str.maketrans("‘’“”", "''\"\""))).strip().casefold()


def read_texts(out: Path) -> dict[str, str]:
    """The text kg analysed of each page it read, normalised."""
    read = {}
    with open(out / "text.jsonl", encoding="utf-8") as lines:  # not splitlines(): texts may hold U+2028
        for line in lines:
            record = json.loads(line)
            read[Path(record["doc"]).name] = normalise(record["text"])
    return read


def snippets(data: Path, out: Path, pages: set[str] | None = None) -> tuple[float, float, int, int]:
    """The share of `with` snippets found in the analysed text and of `without` snippets not found,
    on `pages` (by default every page)."""
    wanted = json.loads((data / "snippets.json").read_text(encoding="utf-8"))
    read = read_texts(out)
    kept = dropped = total_with = total_without = 0
    for page, entry in wanted.items():
        if pages is not None and page not in pages:
            continue
        text = read.get(page, "")
        total_with += len(entry.get("with", []))
        kept += sum(normalise(s) in text for s in entry.get("with", []))
        total_without += len(entry.get("without", []))
        dropped += sum(normalise(s) not in text for s in entry.get("without", []))
    return kept / max(total_with, 1), dropped / max(total_without, 1), total_with, total_without


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--shipped", action="store_true", help="score the shipped model (not held out)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="keep the outputs in this folder")
    args = parser.parse_args()
    if not (args.data / "gold.json").is_file():
        sys.exit(f"no scraped pages at {args.data}")
    work = Path(tempfile.mkdtemp(prefix="kg-scraped-"))
    try:
        run(args, work)
    finally:
        if args.keep:
            shutil.copytree(work, args.keep, dirs_exist_ok=True)
        shutil.rmtree(work, ignore_errors=True)


def run(args: argparse.Namespace, work: Path) -> None:
    kg_build([args.data / "body"], work / "body", args.jobs)
    if args.shipped:
        kg_build([args.data / "txt"], work / "txt", args.jobs)
    else:
        held_out_txt(args.data, work / "txt", args.folds, args.jobs, work)
    kg_build([args.data / "html"], work / "html", args.jobs)
    subprocess.run([sys.executable, str(args.data / "score_scraped.py"), str(args.data), str(work / "body"),
                    str(work / "txt"), str(work / "html")], check=True)
    english = set(read_texts(work / "body"))  # kg skips a page in another language, with one line
    gold = json.loads((args.data / "gold.json").read_text(encoding="utf-8"))
    print(f"{len(gold) - len(english)} of {len(gold)} pages skipped as not English on their reference bodies; "
          "the scores above count them as pages with no names")
    for side in ("txt", "html"):
        for label, pages in (("all pages", None), ("pages in English", english)):
            kept, dropped, n_with, n_without = snippets(args.data, work / side, pages)
            print(f"{side}, {label}: with snippets kept {kept:.3f} (of {n_with}), without snippets dropped "
                  f"{dropped:.3f} (of {n_without})")
    print("txt figures: " + ("the shipped model, trained on these pages (not held out)" if args.shipped else
                             f"held out by site, {args.folds} folds"))


if __name__ == "__main__":
    main()
