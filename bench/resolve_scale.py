"""How resolution time grows with the number of distinct names (issue: 100,000 names in seconds).

usage: python bench/resolve_scale.py [--sizes 10000,30000,100000]

Made-up pronounceable names (so that many share consonant skeletons and surnames, as real ones do),
half people and half places, one document each; prints seconds and seconds per 1,000 names. A
resolver that compares all pairs would grow with the square of the names.
"""

import argparse
import random
import time

from kg.model import DocResult, DocumentInfo, LocalEntity, Mention
from kg.ontology import Ontology
from kg.resolve import resolve


def made_up_names(n: int, seed: int = 7) -> list[tuple[str, str]]:
    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(2, 4))).title()

    people = sorted({f"{word()} {word()}" for _ in range(n)})[: n // 2]
    places = sorted({word() + word().lower() for _ in range(n)})[: n - len(people)]
    return [(p, "Person") for p in people] + [(p, "Place") for p in places]


def results_for(names: list[tuple[str, str]]) -> list[DocResult]:
    results = []
    for i, (name, type_) in enumerate(names):
        info = DocumentInfo(id=f"d{i}", source=f"d{i}.txt", sha256="0" * 64, words=10)
        results.append(DocResult(info, (LocalEntity(name, type_, (name,)),), (Mention(0, len(name), name, 0),), ()))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,30000,100000")
    args = parser.parse_args()
    ontology = Ontology.load()
    print(f"{'names':>8} {'entities':>9} {'seconds':>8} {'s/1000 names':>13}")
    for size in map(int, args.sizes.split(",")):
        results = results_for(made_up_names(size))
        started = time.perf_counter()
        graph = resolve(results, ontology)
        seconds = time.perf_counter() - started
        print(f"{len(results):>8} {len(graph.entities):>9} {seconds:>8.2f} {1000 * seconds / len(results):>13.3f}")


if __name__ == "__main__":
    main()
