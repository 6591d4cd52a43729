// Reads a GraphML or GEXF file with Gephi Lite's own parsers (graphology-graphml, graphology-gexf)
// and prints what it found as JSON: node and edge counts, and every node's and edge's attributes.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { MultiGraph } = require("graphology");
const [format, path] = process.argv.slice(2);
const parser = format === "gexf" ? require("graphology-gexf") : require("graphology-graphml");
const graph = parser.parse(MultiGraph, readFileSync(path, "utf-8"));
const nodes = {};
graph.forEachNode((key, attributes) => { nodes[key] = attributes; });
const edges = [];
graph.forEachEdge((key, attributes, source, target) => { edges.push({ key, source, target, attributes }); });
console.log(JSON.stringify({ type: graph.type, order: graph.order, size: graph.size, nodes, edges }));
