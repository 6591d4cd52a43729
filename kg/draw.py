"""A picture of a graph before Gephi: entities coloured by type and sized by mentions, relations as
labelled arrows. PNG, SVG, or an HTML page holding the SVG.

>>> from kg.draw import draw
>>> draw("out/graph.graphml", "graph.png")  # doctest: +SKIP

Big graphs are cut to what a picture can show: every entity that takes part in a relation, then
the most mentioned others, up to `top` entities.
"""

from __future__ import annotations

import importlib.util
import io
import math
from pathlib import Path

from kg.errors import KGError
from kg.export.gexf import COLOURS as RGB
from kg.export.gexf import OTHER_COLOUR

COLOURS = {type_: "#{:02x}{:02x}{:02x}".format(*rgb) for type_, rgb in RGB.items()}  # the colours Gephi gets
OTHER = "#{:02x}{:02x}{:02x}".format(*OTHER_COLOUR)
SUFFIXES = (".png", ".svg", ".html")


def draw(graphml: str | Path, output: str | Path, top: int = 60, seed: int = 7) -> Path:
    """Render the GraphML file `graphml` to `output` (.png, .svg or .html); returns the path."""
    import networkx as nx

    output = Path(output)
    if output.suffix.lower() not in SUFFIXES:
        raise KGError(f"{output}: the picture must end in {', '.join(SUFFIXES)}")
    if importlib.util.find_spec("matplotlib") is None:
        raise KGError("kg draw needs matplotlib: pip install matplotlib (or pip install 'kg[draw]')")
    try:
        graph = nx.read_graphml(graphml)
    except (OSError, nx.NetworkXError, SyntaxError) as err:
        raise KGError(f"{graphml}: cannot read the GraphML ({err})") from err
    shown = graph.subgraph(_chosen(graph, top)).copy()
    figure = _figure(shown, seed)
    output.parent.mkdir(parents=True, exist_ok=True)
    if output.suffix.lower() == ".html":
        svg = io.StringIO()
        figure.savefig(svg, format="svg", bbox_inches="tight")
        output.write_text(_page(Path(graphml).name, svg.getvalue(), shown), encoding="utf-8")
    else:
        figure.savefig(output, dpi=150, bbox_inches="tight", metadata=_fixed_metadata(output))
    import matplotlib.pyplot as plt

    plt.close(figure)
    return output


def _chosen(graph, top: int) -> list[str]:
    """Entities in relations first, then by mentions: at most `top`."""
    def mentions(node: str) -> int:
        return int(graph.nodes[node].get("mentions", 0))

    related = sorted((n for n in graph if graph.degree(n)), key=lambda n: (-mentions(n), n))
    others = sorted((n for n in graph if not graph.degree(n)), key=lambda n: (-mentions(n), n))
    return (related + others)[:top]


def _figure(graph, seed: int):
    import matplotlib

    matplotlib.use("Agg")  # no screen needed
    import matplotlib.pyplot as plt
    import networkx as nx

    size = max(8, math.sqrt(max(len(graph), 1)) * 2.2)
    figure, axes = plt.subplots(figsize=(size, size * 0.75))
    axes.set_axis_off()
    if not len(graph):
        return figure
    layout = _layout(graph, seed)
    colours = [COLOURS.get(graph.nodes[n].get("type"), OTHER) for n in graph]
    sizes = [200 + 120 * math.log2(1 + int(graph.nodes[n].get("mentions", 0))) for n in graph]
    nx.draw_networkx_nodes(graph, layout, node_color=colours, node_size=sizes, alpha=0.9, ax=axes)
    nx.draw_networkx_edges(graph, layout, arrows=True, arrowsize=14, edge_color="#555555", width=1.2,
                           node_size=sizes, connectionstyle="arc3,rad=0.08", ax=axes)
    nx.draw_networkx_labels(graph, layout, labels={n: graph.nodes[n].get("label", n) for n in graph},
                            font_size=8, ax=axes)
    edge_labels = {(u, v): d.get("label", "") for u, v, d in graph.edges(data=True)}
    nx.draw_networkx_edge_labels(graph, layout, edge_labels=edge_labels, font_size=7, font_color="#7a0177",
                                 ax=axes)
    handles = [plt.Line2D([], [], marker="o", linestyle="", color=c, label=t) for t, c in COLOURS.items()]
    axes.legend(handles=handles, loc="lower left", frameon=False, fontsize=8)
    return figure


def _layout(graph, seed: int) -> dict:
    """The largest group of related entities in the middle, the smaller groups on a ring around it,
    entities without relations on an outer ring."""
    import networkx as nx

    components = sorted((sorted(c) for c in nx.weakly_connected_components(graph) if len(c) > 1),
                        key=lambda c: (-len(c), c[0]))
    alone = sorted(n for n in graph if not graph.degree(n))
    layout: dict = {}
    for i, component in enumerate(components):
        scale = 0.7 if i == 0 else 0.12 + 0.02 * len(component)
        centre = (0.0, 0.0) if i == 0 else _on_ring(i - 1, len(components) - 1, 0.9)
        layout.update(nx.spring_layout(graph.subgraph(component), seed=seed, scale=scale, center=centre))
    for i, node in enumerate(alone):
        layout[node] = _on_ring(i, len(alone), 1.4)
    return layout


def _on_ring(i: int, count: int, radius: float) -> tuple[float, float]:
    angle = 2 * math.pi * i / max(count, 1) + math.pi / 7
    return radius * math.cos(angle), radius * math.sin(angle)


def _fixed_metadata(output: Path) -> dict:
    """No creation date or software version in the file: the same graph gives the same picture."""
    return {"Software": None} if output.suffix.lower() == ".png" else {"Date": None, "Creator": None}


def _page(title: str, svg: str, graph) -> str:
    from html import escape

    body = svg[svg.index("<svg"):]
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{escape(title)}</title>"
            f"</head>\n<body>\n<h1>{escape(title)}</h1>\n<p>{len(graph)} entities, {graph.number_of_edges()} "
            f"relations shown.</p>\n{body}\n</body></html>\n")
