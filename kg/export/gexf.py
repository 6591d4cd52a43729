"""Write a knowledge graph as GEXF 1.3 (https://gexf.net/), Gephi's own format.

Nodes are coloured by type and sized by mentions (`viz:color`, `viz:size`); an edge's `kind` and
`label` are its relation and its `weight` the number of supporting sentences. Entities and relations
carry the dates of the articles that mention them as `<spells>`, so that Gephi's timeline replays
the story; ones from undated articles are always shown. No modification date is written: the same
graph gives the same bytes.
"""

from __future__ import annotations

import math
from typing import TextIO

from kg.export.graphml import LIST_SEPARATOR, edge_label, xml_attribute
from kg.model import KnowledgeGraph

COLOURS = {"Person": (228, 87, 86), "Organization": (76, 120, 168), "Place": (84, 162, 75),
           "Group": (245, 133, 24)}
OTHER_COLOUR = (150, 150, 150)
NODE_ATTRIBUTES = (("type", "string"), ("mentions", "integer"), ("aliases", "string"))
EDGE_ATTRIBUTES = (("confidence", "double"), ("sources", "string"), ("roles", "string"))


def write_gexf(graph: KnowledgeGraph, stream: TextIO, base: str | None = None) -> None:
    """Write `graph` to `stream` as GEXF 1.3. `base` is accepted for a uniform writer signature."""
    dates = {doc.id: doc.date for doc in graph.documents if doc.date and len(doc.date) == 10}
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                 '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" '
                 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                 'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n'
                 '  <meta><creator>kg</creator><description>named entities and relations of news '
                 'articles</description></meta>\n'
                 '  <graph defaultedgetype="directed" mode="dynamic" timeformat="date">\n')
    for cls, attributes in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
        stream.write(f'    <attributes class="{cls}">\n')
        for name, type_ in attributes:
            stream.write(f'      <attribute id="{name}" title="{name}" type="{type_}"/>\n')
        stream.write("    </attributes>\n")
    stream.write("    <nodes>\n")
    for entity in graph.entities:
        r, g, b = COLOURS.get(entity.type, OTHER_COLOUR)
        stream.write(f"      <node id={xml_attribute(entity.key)} label={xml_attribute(entity.name)}>\n")
        _values(stream, {"type": entity.type, "mentions": entity.mentions,
                         "aliases": LIST_SEPARATOR.join(entity.aliases)})
        _spells(stream, {dates[d] for d in entity.documents if d in dates})
        stream.write(f'        <viz:color r="{r}" g="{g}" b="{b}"/>\n'
                     f'        <viz:size value="{5 + 5 * math.log2(1 + entity.mentions):.2f}"/>\n'
                     "      </node>\n")
    stream.write("    </nodes>\n    <edges>\n")
    for i, rel in enumerate(graph.relations):
        sources = sorted({e.doc for e in rel.evidence})
        relation = xml_attribute(edge_label(rel.predicate))
        stream.write(f'      <edge id="e{i}" source={xml_attribute(rel.subject)} target={xml_attribute(rel.object)} '
                     f'label={relation} kind={relation} weight="{rel.support}">\n')
        _values(stream, {"confidence": rel.confidence, "sources": LIST_SEPARATOR.join(sources),
                         "roles": LIST_SEPARATOR.join(rel.roles)})
        _spells(stream, {dates[d] for d in sources if d in dates})
        stream.write("      </edge>\n")
    stream.write("    </edges>\n  </graph>\n</gexf>\n")


def _values(stream: TextIO, values: dict[str, object]) -> None:
    present = {k: v for k, v in values.items() if v != ""}
    if present:
        stream.write("        <attvalues>\n")
        for name, value in present.items():
            stream.write(f'          <attvalue for="{name}" value={xml_attribute(str(value))}/>\n')
        stream.write("        </attvalues>\n")


def _spells(stream: TextIO, dates: set[str]) -> None:
    if dates:
        stream.write("        <spells>\n")
        for date in sorted(dates):
            stream.write(f'          <spell start="{date}" end="{date}"/>\n')
        stream.write("        </spells>\n")


