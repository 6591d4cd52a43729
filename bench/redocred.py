"""Relation extraction on Re-DocRED (Wikipedia intros with gold entities and Wikidata relations).

usage: python bench/redocred.py [../shared/eval/redocred/dev_revised.json] [--docs 500] [--show 10]

Each document's sentences are joined into one text (a line each) and run through kg's per-document
pipeline. A predicted relation counts when both its entities overlap gold mentions of two gold
entities and the gold has a Wikidata property that our property maps to (below), in the right
direction. Prints, per property: predictions whose two ends are gold entities, how many are right
(precision), and how many gold relations of the mapped Wikidata properties were found (recall).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from kg.model import Document
from kg.pipeline import Extractor

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "redocred" / "dev_revised.json"
# our property -> (Wikidata property, True when the gold triple runs the other way)
WIKIDATA = {
    "locatedIn": [("P131", False), ("P17", False), ("P276", False), ("P706", False), ("P150", True)],
    "basedIn": [("P159", False), ("P17", False), ("P131", False), ("P740", False)],
    "memberOf": [("P463", False), ("P102", False), ("P54", False), ("P361", False)],
    "leaderOf": [("P35", True), ("P6", True), ("P488", True), ("P112", True), ("P169", True)],
    "officialOf": [("P108", False), ("P102", False), ("P463", False), ("P27", False), ("P39", False),
                   ("P35", True), ("P6", True), ("P488", True)],
    "spokespersonOf": [("P108", False), ("P463", False), ("P102", False)],
    "employedBy": [("P108", False), ("P463", False)],
    "citizenOf": [("P27", False)],
    "livesIn": [("P551", False), ("P19", False), ("P27", False)],
    "fights": [("P607", False), ("P607", True)],
    "alliedWith": [("P1344", False)],
}


def document_text(record: dict) -> tuple[str, list[list[tuple[int, int]]]]:
    """The text (a line per sentence) and each gold entity's mention spans in it."""
    starts, text = [], ""
    for sentence in record["sents"]:
        offsets = []
        for token in sentence:
            offsets.append(len(text))
            text += token + " "
        starts.append(offsets)
        text = text[:-1] + "\n"
    spans = []
    for vertex in record["vertexSet"]:
        spans.append([(starts[m["sent_id"]][m["pos"][0]],
                       starts[m["sent_id"]][m["pos"][1] - 1] + len(record["sents"][m["sent_id"]][m["pos"][1] - 1]))
                      for m in vertex])
    return text, spans


def gold_entity_of(result, spans: list[list[tuple[int, int]]]) -> dict[int, int]:
    """Local entity index -> gold entity index, by the gold entity most of its mentions overlap."""
    votes: dict[int, Counter] = defaultdict(Counter)
    for m in result.mentions:
        for g, gold_spans in enumerate(spans):
            if any(min(m.end, e) > max(m.start, s) for s, e in gold_spans):
                votes[m.entity][g] += 1
    return {local: c.most_common(1)[0][0] for local, c in votes.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--docs", type=int, default=None)
    parser.add_argument("--show", type=int, default=8, help="wrong predictions to print")
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"{args.data}: not found (Re-DocRED lives in ../shared/eval/redocred/)")
    records = json.loads(args.data.read_text(encoding="utf-8"))[: args.docs]
    prepared = [document_text(r) for r in records]
    extractor = Extractor()
    documents = (Document(id=str(i), text=text, source=r["title"]) for i, (r, (text, _)) in
                 enumerate(zip(records, prepared, strict=True)))
    predicted, correct, unmapped = Counter(), Counter(), Counter()
    found: dict[str, set] = defaultdict(set)
    wrong = []
    for i, result in enumerate(extractor.process(documents)):
        record, (_, spans) = records[i], prepared[i]
        gold = {(label["h"], label["t"], label["r"]) for label in record["labels"]}
        to_gold = gold_entity_of(result, spans)
        for rel in result.relations:
            if rel.subject not in to_gold or rel.object not in to_gold or rel.predicate not in WIKIDATA:
                unmapped[rel.predicate] += 1
                continue
            s, o = to_gold[rel.subject], to_gold[rel.object]
            hits = [(o, s, p) if inverse else (s, o, p) for p, inverse in WIKIDATA[rel.predicate]]
            hits = [h for h in hits if h in gold]
            predicted[rel.predicate] += 1
            if hits:
                correct[rel.predicate] += 1
                found[rel.predicate].update((i, *h) for h in hits)
            else:
                wrong.append((rel.predicate, record["vertexSet"][s][0]["name"], record["vertexSet"][o][0]["name"],
                              rel.evidence.sentence[:100]))
    gold_totals = Counter()
    for record in records:
        for label in record["labels"]:
            for prop, mapping in WIKIDATA.items():
                if any(p == label["r"] for p, _ in mapping):
                    gold_totals[prop] += 1
    print(f"Re-DocRED dev: {len(records)} documents")
    print(f"{'property':<16} {'predicted':>9} {'correct':>8} {'precision':>9} {'gold':>6} {'recall':>7}  "
          f"{'ends not gold entities':>22}")
    for prop in WIKIDATA:
        p = correct[prop] / predicted[prop] if predicted[prop] else float("nan")
        r = len(found[prop]) / gold_totals[prop] if gold_totals[prop] else float("nan")
        print(f"{prop:<16} {predicted[prop]:>9} {correct[prop]:>8} {p:>9.2f} {gold_totals[prop]:>6} {r:>7.3f}  "
              f"{unmapped[prop]:>22}")
    total_p, total_c = sum(predicted.values()), sum(correct.values())
    print(f"{'all mapped':<16} {total_p:>9} {total_c:>8} {total_c / max(total_p, 1):>9.2f}")
    print("\nsome predictions the gold does not have:")
    for row in wrong[: args.show]:
        print("  ", *row)


if __name__ == "__main__":
    main()
