"""Name-level resolution on DWIE: are the surface forms of one entity joined, and only those?

usage: python bench/dwie_names.py [../shared/eval/dwie/dwie_alias_gold.jsonl] [--errors 20] [--half 0|1]

DWIE (Deutsche Welle news) lists, for 5,059 linked entities, every surface form the articles use
(Islamic State: IS, ISIS, ISIL, Daesh). Each form becomes a one-entity document of its own, with as
many mentions as DWIE counts, so only the name-level rules can join forms: the alias table and
pycountry, case and punctuation, spelling variants, person names and surnames (acronyms defined in a
text cannot fire: there is no text). Prints pairwise precision, recall and F1 over distinct forms,
beside an exact-match baseline (same name key). `--half` keeps one of two halves of the entities,
split by a hash of their link: tune a setting on one, report it on the other.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from kg.model import DocResult, DocumentInfo, LocalEntity, Mention
from kg.names import name_key
from kg.ontology import Ontology
from kg.resolve import resolve

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dwie" / "dwie_alias_gold.jsonl"
TYPES = {"person": "Person", "gpe": "Place", "location": "Place", "organization": "Organization"}


def load(path: Path) -> list[tuple[str, str, dict[str, int]]]:
    """(entity, ontology type, {form: count}) for the people, places and organisations."""
    entities = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        type_ = next((TYPES[t] for t in record["types"] if t in TYPES), None)
        if type_:
            entities.append((record["link"], type_, record["forms"]))
    return entities


def system_clusters(entities, ontology: Ontology) -> dict[tuple[str, str], str]:
    """(gold entity, form) -> the resolved entity's key."""
    results, index = [], []
    for link, type_, forms in entities:
        for form, count in sorted(forms.items()):
            info = DocumentInfo(id=f"d{len(results)}", source="dwie", sha256="0" * 64, words=count)
            mentions = tuple(Mention(0, len(form), form, 0) for _ in range(count))
            results.append(DocResult(info, (LocalEntity(form, type_, (form,)),), mentions, ()))
            index.append((link, form))
    graph = resolve(results, ontology)
    doc_entity = {m.doc: m.entity for m in graph.mentions}
    return {item: doc_entity[f"d{i}"] for i, item in enumerate(index)}


def pairwise(assign: dict[tuple[str, str], str]) -> tuple[float, float, float, list]:
    """Pairwise P/R/F1 over distinct (entity, form) items; blocked so it stays linear-ish."""
    by_system, by_gold = defaultdict(list), defaultdict(list)
    for item, cluster in assign.items():
        by_system[cluster].append(item)
        by_gold[item[0]].append(item)
    same_system = sum(len(v) * (len(v) - 1) // 2 for v in by_system.values())
    same_gold = sum(len(v) * (len(v) - 1) // 2 for v in by_gold.values())
    both, wrong = 0, []
    for items in by_system.values():
        for a, b in itertools.combinations(items, 2):
            if a[0] == b[0]:
                both += 1
            else:
                wrong.append((a, b))
    p = both / same_system if same_system else 1.0
    r = both / same_gold if same_gold else 1.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0, wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--errors", type=int, default=15, help="wrong merges and misses to list")
    parser.add_argument("--half", type=int, choices=(0, 1), help="only the entities of this half")
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"{args.data}: not found (DWIE lives in ../shared/eval/dwie/)")
    entities = load(args.data)
    if args.half is not None:
        entities = [e for e in entities if int(hashlib.sha256(e[0].encode()).hexdigest(), 16) % 2 == args.half]
    assign = system_clusters(entities, Ontology.load())
    baseline = {(link, form): name_key(form) + "|" + type_ for link, type_, forms in entities for form in forms}
    print(f"DWIE: {len(entities)} entities, {len(assign)} distinct forms")
    for label, clusters in (("kg resolver", assign), ("exact name key", baseline)):
        p, r, f, wrong = pairwise(clusters)
        separable = [(a, b) for a, b in wrong if name_key(a[1]) != name_key(b[1])]
        print(f"{label:>15}: pair_p={p:.3f} pair_r={r:.3f} pair_f1={f:.3f}  wrong pairs: {len(wrong)}, of "
              f"which {len(separable)} between different names (the rest are one name for two entities, "
              f"such as Germany the country and the team)")
    _, _, _, wrong = pairwise(assign)
    print("\nwrong merges between different names (entity: form ~ entity: form):")
    for (ea, fa), (eb, fb) in [w for w in wrong if name_key(w[0][1]) != name_key(w[1][1])][: args.errors]:
        print(f"  {ea}: {fa}  ~  {eb}: {fb}")
    missed = Counter()
    for link, _, forms in entities:
        clusters = {assign[(link, f)] for f in forms}
        if len(clusters) > 1:
            missed[link] = len(forms)
    print(f"\nentities split in two or more ({len(missed)}), the most forms first:")
    for link, _ in missed.most_common(args.errors):
        groups = defaultdict(list)
        for (gold, form), cluster in assign.items():
            if gold == link:
                groups[cluster].append(form)
        print(f"  {link}: " + " | ".join(", ".join(forms[:5]) for forms in groups.values()))


if __name__ == "__main__":
    main()
