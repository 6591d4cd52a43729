"""Relations on CoNLL04, end to end and cross-validated: `kg build`, scored by score_conll04.py.

usage: python bench/conll04.py [--data ../shared/eval/conll04] [--folds DIR | --shipped]

By default it trains the relation classifier fold by fold (`train/relations.py --folds-out`, which
needs scikit-learn), builds each fold's held-out sentences with the model that did not see them, and
scores the union with the shared scorer: no sentence is scored by a model trained on it. `--folds DIR`
reuses folds written before; `--shipped` scores the shipped model on every sentence (it trained on
them: a check that it loads, not a figure to report).

Prints, per kg property: predictions, right ones, precision, and the gold relations of its CoNLL04
type it finds; per gold type: recall; overall P/R/F1 over the scorer's covered types (Work_For,
OrgBased_In, Located_In), also without the predictions CoNLL04 cannot judge ("Memphis, Tenn." is one
gold entity, so locatedIn(Memphis, Tenn.) is neither right nor wrong); recall over all five types, with
livesIn and killed mapped to Live_In and Kill; and the scorer's co-occurrence baseline.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from kg.ontology import ONTOLOGY_DIR

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "eval" / "conll04"
NEW_PROPERTIES = {"livesIn": [("Live_In", False)], "killed": [("Kill", False)]}
ALL_TYPES = ("Work_For", "OrgBased_In", "Located_In", "Live_In", "Kill")


def scorer(data: Path):
    spec = importlib.util.spec_from_file_location("score_conll04", data / "score_conll04.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(sentences: list[dict], ontology: Path, out: Path) -> None:
    source = out.with_suffix(".jsonl")
    source.write_text("".join(json.dumps({"id": s["id"], "text": s["text"]}) + "\n" for s in sentences),
                      encoding="utf-8")
    subprocess.run([sys.executable, "-m", "kg", "build", str(source), "--out", str(out), "--no-cache", "--quiet",
                    "--ontology", str(ontology)], check=True)


def held_out_builds(gold: list[dict], folds: Path, work: Path) -> list[Path]:
    """One build per fold: its held-out sentences with its own model."""
    outs = []
    for fold in sorted(p for p in folds.iterdir() if p.is_dir()):
        held = set((fold / "ids.txt").read_text(encoding="utf-8").split())
        ontology = work / f"{fold.name}-ontology"
        shutil.copytree(ONTOLOGY_DIR, ontology, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
        shutil.copy(fold / "relation_model.json", ontology / "relation_model.json")
        build([s for s in gold if s["id"] in held], ontology, work / fold.name)
        outs.append(work / fold.name)
    return outs


def merged(score, outs: list[Path]):
    """The entities, edges and mentions of several builds as one, entity keys kept apart."""
    ents, edges, mentions = {}, [], {}
    for n, out in enumerate(outs):
        e, ed, m = score.load_kg(out)
        ents.update({f"{n}/{k}": v for k, v in e.items()})
        edges += [{**x, "s": f"{n}/{x['s']}", "o": f"{n}/{x['o']}"} for x in ed]
        mentions.update({doc: [(s, t, text, f"{n}/{k}") for s, t, text, k in ms] for doc, ms in m.items()})
    return ents, edges, mentions


def report(score, gold: list[dict], ents, edges, mentions) -> None:
    score.MAP.update(NEW_PROPERTIES)
    matcher = score.Matcher(ents, mentions)
    gold_n = Counter(r["type"] for d in gold for r in d["relations"])
    print(f"{len(gold)} sentences, {sum(gold_n.values())} gold relations: "
          + ", ".join(f"{t} {gold_n[t]}" for t in ALL_TYPES))
    for span in (False, True):
        _, predicted, correct, found, (opred, ounj), ook, _, unj = \
            score.evaluate(gold, ents, edges, matcher, span, score.MAP)
        print(f"\n-- {'string+span' if span else 'string'} matching --")
        print(f"{'property':<15} {'pred':>5} {'right':>5} {'P':>6} {'finds':>6} {'of':>5} {'R':>6} {'unjudged':>8}")
        for prop in score.MAP:
            types = sorted({t for t, _ in score.MAP[prop]})
            of = sum(gold_n[t] for t in types)
            if predicted[prop]:
                print(f"{prop:<15} {predicted[prop]:>5} {correct[prop]:>5} {correct[prop] / predicted[prop]:>6.3f} "
                      f"{len(found[prop]):>6} {of:>5} {len(found[prop]) / of:>6.3f} {sum(unj[prop].values()):>8}")
        found_all = set().union(*found.values())
        docs = {d["id"]: d for d in gold}
        by_type = Counter(docs[doc]["relations"][i]["type"] for doc, i in found_all)
        print("recall by type: " + ", ".join(f"{t} {by_type[t] / gold_n[t]:.3f}" for t in ALL_TYPES))
        covered = set(score.COVERED)
        opred_c, ook_c, ounj_c = ({x for x in kind if _covered_pair(x, edges, score.MAP, covered)}
                                  for kind in (opred, ook, ounj))
        n_gold = sum(gold_n[t] for t in covered)
        recall = sum(by_type[t] for t in covered) / n_gold
        for label, predictions in (("", len(opred_c)), (" judged", len(opred_c) - len(ounj_c))):
            precision = len(ook_c) / max(predictions, 1)
            print(f"covered types{label:<7}: P {precision:.3f} R {recall:.3f} "
                  f"F1 {2 * precision * recall / max(precision + recall, 1e-9):.3f}  ({predictions} predictions)")
        print(f"recall over all five types: {sum(by_type.values()) / sum(gold_n.values()):.3f}")
        tp, npred, bfound = score.baseline_kg(gold, matcher, span, score.COVERED)
        precision, recall = sum(tp.values()) / max(sum(npred.values()), 1), sum(bfound.values()) / n_gold
        print(f"baseline, co-occurrence of kg's entity types: P {precision:.3f} R {recall:.3f} "
              f"F1 {2 * precision * recall / max(precision + recall, 1e-9):.3f}")


def _covered_pair(pair, edges, mapping, covered) -> bool:
    """Whether a predicted (doc, a, b) pair comes from a property mapped to a covered type."""
    doc, a, b = pair
    for edge in edges:
        if doc in edge["docs"] and edge["p"] in mapping and {t for t, _ in mapping[edge["p"]]} & covered:
            ends = (edge["o"], edge["s"]) if any(inv for _, inv in mapping[edge["p"]]) else (edge["s"], edge["o"])
            if ends == (a, b):
                return True
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--folds", type=Path, help="folds written by train/relations.py --folds-out")
    source.add_argument("--shipped", action="store_true", help="the shipped model on every sentence")
    args = parser.parse_args()
    score = scorer(args.data)
    gold = [json.loads(line) for line in (args.data / "conll04_dev_gold.jsonl").open(encoding="utf-8")]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.shipped:
            build(gold, ONTOLOGY_DIR, work / "all")
            outs = [work / "all"]
            print("the shipped model, on the sentences it trained on")
        else:
            folds = args.folds
            if folds is None:
                folds = work / "folds"
                subprocess.run([sys.executable, str(ROOT / "train" / "relations.py"), "--folds-out", str(folds),
                                "--out", str(work / "unused.json")], check=True)
            outs = held_out_builds(gold, folds, work)
            print(f"cross-validated: {len(outs)} folds, each built with a model that did not see it")
        report(score, gold, *merged(score, outs))


if __name__ == "__main__":
    main()
