"""Train the relation classifier (ontology/relation_model.json) on CoNLL04.

usage: python train/relations.py [--data ../shared/eval/conll04] [--out ontology/relation_model.json]
                                 [--folds 5] [--folds-out DIR]

Each CoNLL04 sentence is read the way `kg build` reads it (boilerplate, spaCy, kg's entities); every
ordered pair of kg's entities that a property's types allow is a candidate, labelled true when a gold
relation of the property's CoNLL04 type joins the gold entities its mentions overlap (pairs whose two
ends lie in one gold entity, "Memphis, Tenn.", are left out: CoNLL04 cannot judge them). One logistic
regression per property; its threshold is the one with the best F1 on out-of-fold predictions of the
training sentences. Sentences are folded in runs of consecutive ids (one article's sentences stay
together), and every figure printed is cross-validated: no sentence is scored by a model that saw it.
`--folds-out DIR` writes each fold's model beside the ids it held out, for `bench/conll04.py` to score
end to end. Needs scikit-learn (`pip install -e ".[train]"`); the shipped model needs nothing.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.extract import local_entities  # noqa: E402
from kg.extract.classifier import PropertyModel, RelationModel, sentence_words  # noqa: E402
from kg.extract.relations import RelationExtractor, load_patterns  # noqa: E402
from kg.ontology import ONTOLOGY_DIR, Ontology  # noqa: E402
from kg.pipeline import Extractor  # noqa: E402

DATA = ROOT.parent / "shared" / "eval" / "conll04"
# CoNLL04's relation types, the kg property each becomes, and the kg types of its two ends
PROPERTIES = {
    "Work_For": ("employedBy", ("Person",), ("Organization",)),
    "OrgBased_In": ("basedIn", ("Organization",), ("Place",)),
    "Located_In": ("locatedIn", ("Place",), ("Place",)),
    "Live_In": ("livesIn", ("Person",), ("Place",)),
    "Kill": ("killed", ("Person",), ("Person",)),
}
# the properties whose statement by a rule about a subject makes the learned one moot for it
UNLESS = {
    "employedBy": ("employedBy", "memberOf", "officialOf", "leaderOf", "spokespersonOf"),
    "livesIn": ("livesIn", "citizenOf", "officialOf", "leaderOf"),
}
# the words one of which a sentence must hold to state the property (lemmas and forms): CoNLL04's
# person pairs are nearly all killings, so without them any two people of a sentence ("Roddick beat
# Nadal") look like killer and killed. Not "death", which may be nobody's doing, nor "stab": most
# stab wounds do not kill
REQUIRES = {
    "killed": ("kill", "killer", "killing", "murder", "murderer", "assassinate", "assassin", "assassination",
               "shoot", "shooting", "gunman", "slay", "slaying", "slain", "execute", "execution", "strangle",
               "behead"),
}
C = 1.0  # inverse regularisation strength
MIN_COUNT = 3  # a feature seen fewer times in training gets no weight
PRECISION = 0.7  # the least out-of-fold precision a property's threshold must give
NEVER = 1.01  # the threshold of a property that cannot reach PRECISION
DIGITS = 4  # weights are rounded: the file stays small and byte-stable


@cache
def signatures() -> RelationModel:
    """A model that knows each property's types and nothing else: it proposes the candidates."""
    return RelationModel({prop: PropertyModel(prop, frozenset(s), frozenset(o), 0.0, 1.0, {},
                                              frozenset(UNLESS.get(prop, ())), frozenset(REQUIRES.get(prop, ())))
                          for prop, s, o in PROPERTIES.values()})


def load_examples(data: Path) -> list[dict]:
    """Every candidate pair of every sentence: id, property, features, label."""
    gold = [json.loads(line) for line in (data / "conll04_dev_gold.jsonl").open(encoding="utf-8")]
    extractor = Extractor()
    ontology = extractor.ontology
    relations = RelationExtractor(extractor.nlp, ontology, load_patterns(ontology), model=signatures())
    texts = (extractor.boilerplate.read(d["text"]).mask(d["text"]) for d in gold)
    examples = []
    for sentence, parsed in zip(gold, extractor.nlp.pipe(texts, batch_size=64), strict=True):
        entities, mentions = local_entities(sentence["text"], parsed, ontology)
        overlapping = {i: set() for i in range(len(entities))}
        for mention in mentions:
            overlapping[mention.entity] |= {g for g, e in enumerate(sentence["entities"])
                                            if mention.start < e["end"] and e["start"] < mention.end}
        gold_pairs = {(PROPERTIES[r["type"]][0], r["head"], r["tail"]) for r in sentence["relations"]}
        for span, candidate in relations.candidates(parsed, sentence["id"], entities, mentions):
            heads, tails = overlapping[candidate.subject], overlapping[candidate.object]
            if heads & tails:
                continue
            for prop, subject_types, object_types in PROPERTIES.values():
                types = entities[candidate.subject].type, entities[candidate.object].type
                if types[0] in subject_types and types[1] in object_types:
                    label = any((prop, h, t) in gold_pairs for h in heads for t in tails)
                    examples.append({"id": sentence["id"], "property": prop, "features": candidate.features,
                                     "words": sentence_words(span), "label": label,
                                     "gold": sorted((prop, h, t) for h in heads for t in tails
                                                    if (prop, h, t) in gold_pairs)})
    return gold, examples


def applies(prop: str, example: dict) -> bool:
    """Whether the example's sentence holds one of the words the property requires."""
    return signatures().properties[prop].applies(example["words"])


def folds(ids: list[str], k: int) -> list[set[str]]:
    """k folds of runs of consecutive sentence ids."""
    ordered = sorted(set(ids), key=lambda i: int(re.sub(r"\D", "", i) or 0))
    return [set(ordered[f * len(ordered) // k:(f + 1) * len(ordered) // k]) for f in range(k)]


def fit_property(examples: list[dict], prop: str, subject_types, object_types, threshold: float) -> PropertyModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [e for e in examples if e["property"] == prop and applies(prop, e)]
    counts = Counter(f for e in rows for f in set(e["features"]))
    kept = [{f: 1 for f in e["features"] if counts[f] >= MIN_COUNT} for e in rows]
    labels = [int(e["label"]) for e in rows]
    if len(set(labels)) < 2:
        return PropertyModel(prop, frozenset(subject_types), frozenset(object_types), -10.0, threshold, {},
                             frozenset(UNLESS.get(prop, ())), frozenset(REQUIRES.get(prop, ())))
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(kept)
    model = LogisticRegression(C=C, max_iter=2000)
    model.fit(x, labels)
    weights = {name: round(float(w), DIGITS) for name, w in zip(vectorizer.feature_names_, model.coef_[0], strict=True)
               if round(float(w), DIGITS)}
    return PropertyModel(prop, frozenset(subject_types), frozenset(object_types),
                         round(float(model.intercept_[0]), DIGITS), threshold, weights, frozenset(UNLESS.get(prop, ())),
                         frozenset(REQUIRES.get(prop, ())))


def fit(examples: list[dict], k: int) -> RelationModel:
    """One model per property, each threshold chosen on out-of-fold predictions of `examples`."""
    held_out = out_of_fold(examples, k)
    models = {}
    for prop, subject_types, object_types in PROPERTIES.values():
        scored = [(p, e["label"]) for p, e in held_out if e["property"] == prop]
        models[prop] = fit_property(examples, prop, subject_types, object_types, best_threshold(scored))
    return RelationModel(models)


def out_of_fold(examples: list[dict], k: int) -> list[tuple[float, dict]]:
    """(probability, example) for every example, from a model that did not see its sentence."""
    scored = []
    for held in folds([e["id"] for e in examples], k):
        train = [e for e in examples if e["id"] not in held]
        model = RelationModel({prop: fit_property(train, prop, s, o, 0.5) for prop, s, o in PROPERTIES.values()})
        scored += [(model.properties[e["property"]].probability(e["features"]) if applies(e["property"], e) else 0.0, e)
                   for e in examples if e["id"] in held]
    return scored


def best_threshold(scored: list[tuple[float, bool]]) -> float:
    """The threshold, in hundredths, with the best F1 over `scored` among those whose precision is
    at least PRECISION; NEVER when none is: a relation kg cannot tell well is better not asserted."""
    positives = sum(label for _, label in scored)
    best, best_f1 = NEVER, -1.0
    for step in range(10, 100):
        threshold = step / 100
        tp = sum(1 for p, label in scored if p >= threshold and label)
        predicted = sum(1 for p, _ in scored if p >= threshold)
        f1 = 2 * tp / (predicted + positives) if predicted + positives else 0.0
        if predicted and tp / predicted >= PRECISION and f1 > best_f1:
            best, best_f1 = threshold, f1
    return best


def report(gold: list[dict], examples: list[dict], k: int, folds_out: Path | None) -> None:
    """Held-out figures per property: of the candidates, and of all gold relations (candidates
    kg's entities never offered count as missed)."""
    gold_count = Counter(PROPERTIES[r["type"]][0] for d in gold for r in d["relations"])
    scored = []
    for f, held in enumerate(folds([d["id"] for d in gold], k)):
        train = [e for e in examples if e["id"] not in held]
        model = fit(train, k)
        scored += [(model.properties[e["property"]], e) for e in examples if e["id"] in held]
        if folds_out:
            folder = folds_out / f"fold{f}"
            folder.mkdir(parents=True, exist_ok=True)
            write_model(model, folder / "relation_model.json")
            (folder / "ids.txt").write_text("".join(i + "\n" for i in sorted(held)), encoding="utf-8")
    print(f"{'property':<11} {'pred':>5} {'right':>5} {'P':>6} {'R cand':>6} {'R gold':>6} {'F1':>6}")
    totals = Counter()
    for prop in sorted(gold_count):
        rows = [(m.applies(e["words"]) and m.probability(e["features"]) >= m.threshold, e)
                for m, e in scored if e["property"] == prop]
        predicted = sum(p for p, _ in rows)
        right = sum(1 for p, e in rows if p and e["label"])
        found = len({(e["id"], *g) for p, e in rows if p for g in e["gold"]})
        offered = len({(e["id"], *g) for _, e in rows for g in e["gold"]})
        precision, recall = right / max(predicted, 1), found / gold_count[prop]
        print(f"{prop:<11} {predicted:>5} {right:>5} {precision:>6.3f} {found / max(offered, 1):>6.3f} "
              f"{recall:>6.3f} {2 * precision * recall / max(precision + recall, 1e-9):>6.3f}")
        totals.update(predicted=predicted, right=right, found=found, gold=gold_count[prop])
    precision, recall = totals["right"] / max(totals["predicted"], 1), totals["found"] / totals["gold"]
    print(f"{'all':<11} {totals['predicted']:>5} {totals['right']:>5} {precision:>6.3f} {'':>6} {recall:>6.3f} "
          f"{2 * precision * recall / max(precision + recall, 1e-9):>6.3f}  ({k} folds by sentence run)")


def write_model(model: RelationModel, path: Path) -> None:
    data = {"_comment": "Written by train/relations.py: one logistic regression per property over the features "
                        "of kg/extract/classifier.py, trained on CoNLL04. Retrain rather than edit.",
            **model.to_data()}
    path.write_text(json.dumps(data, indent=0, sort_keys=False) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=ONTOLOGY_DIR / "relation_model.json")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--folds-out", type=Path)
    parser.add_argument("--no-report", action="store_true", help="only fit and write the model")
    args = parser.parse_args()
    Ontology.load()  # fail early on a broken ontology
    gold, examples = load_examples(args.data)
    print(f"{len(gold)} sentences, {len(examples)} candidates, {sum(e['label'] for e in examples)} true")
    if not args.no_report:
        report(gold, examples, args.folds, args.folds_out)
    write_model(fit(examples, args.folds), args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
