"""Writing a large graph: kg's streaming Turtle and N-Triples writers beside rdflib's serializer.

usage: python bench/export_scale.py [--entities 100000] [--relations 40000]

Builds a made-up graph of about a million triples (each entity: type, label, aliases, mention count,
documents; each relation: the triple, a statement resource and its evidence), writes it with kg's
writers, then parses a tenth of it into rdflib and times rdflib's own Turtle serializer on that.
"""

import argparse
import io
import time

from kg.export.ntriples import write_ntriples
from kg.export.turtle import write_turtle
from kg.model import DocumentInfo, Entity, Evidence, KnowledgeGraph, Relation


def made_up_graph(entities: int, relations: int) -> KnowledgeGraph:
    docs = [DocumentInfo(f"doc{i}", f"doc{i}.txt", f"{i:064x}", 500) for i in range(entities // 50)]
    ents = [Entity(f"person/p{i}", f"Person {i}", "Person", aliases=[f"P. {i}", f"Mr {i}"], mentions=3,
                   documents=[f"doc{i // 50}"]) for i in range(entities)]
    rels = [Relation(f"person/p{i}", "memberOf", f"person/p{(i * 7 + 1) % entities}", 0.8,
                     [Evidence(f"doc{i // 50}", 10 * i % 400, 10 * i % 400 + 80, f"Sentence number {i}.",
                               "memberOf/x")])
            for i in range(relations)]
    return KnowledgeGraph(docs, ents, rels, [])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--relations", type=int, default=40_000)
    args = parser.parse_args()
    graph = made_up_graph(args.entities, args.relations)
    for name, writer in (("turtle", write_turtle), ("n-triples", write_ntriples)):
        out = io.StringIO()
        started = time.perf_counter()
        writer(graph, out)
        seconds = time.perf_counter() - started
        lines = out.getvalue().count("\n")
        print(f"kg {name:<9}: {seconds:6.1f} s, {len(out.getvalue()) / 2**20:6.1f} MiB, {lines:,} lines")
        if name == "n-triples":
            triples = lines
    import rdflib

    small = made_up_graph(args.entities // 10, args.relations // 10)
    out = io.StringIO()
    write_ntriples(small, out)
    g = rdflib.Graph().parse(data=out.getvalue(), format="nt")
    started = time.perf_counter()
    g.serialize(format="turtle")
    seconds = time.perf_counter() - started
    print(f"rdflib turtle on a tenth ({len(g):,} triples): {seconds:.1f} s, so about "
          f"{seconds * triples / len(g):.0f} s for all {triples:,}")


if __name__ == "__main__":
    main()
