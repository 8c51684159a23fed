// Draws the connections between two entities as a small graph (Cytoscape.js, loaded when first
// needed): the two ends at the left and right, the entities between them in columns by their
// distance from the start. The same connections are listed as text below the drawing.
import { useEffect, useRef } from 'preact/hooks';

export interface GraphNode {
  id: string;
  label: string;
  type: string;
  href: string;
}

export interface GraphPath {
  nodes: GraphNode[];
  /** forward: the edge reads from nodes[i] to nodes[i + 1]; otherwise the other way. */
  edges: Array<{ label: string; forward: boolean }>;
}

const colours: Record<string, string> = {
  Person: '#1f4e8c',
  Organisation: '#8a3b12',
  Talk: '#2e6b2f',
  Conference: '#6b2e6b',
  Topic: '#5c5c00',
};

import type cytoscapeType from 'cytoscape';

let cytoscapeModule: Promise<typeof cytoscapeType> | undefined;
const loadCytoscape = () => (cytoscapeModule ??= import('cytoscape').then((module) => module.default));

const shorten = (label: string) => (label.length > 38 ? `${label.slice(0, 36)}…` : label);

export function ConnectionGraph({ paths, onOpen }: { paths: GraphPath[]; onOpen: (href: string) => void }) {
  const holder = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let destroyed = false;
    let graph: { destroy(): void } | undefined;
    void loadCytoscape().then((cytoscape) => {
      if (destroyed || !holder.current) return;
      const column = new Map<string, number>();
      const nodes = new Map<string, GraphNode>();
      const edges = new Map<string, { source: string; target: string; label: string }>();
      for (const path of paths) {
        path.nodes.forEach((node, index) => {
          nodes.set(node.id, node);
          column.set(node.id, Math.min(column.get(node.id) ?? index, index));
        });
        path.edges.forEach((edge, index) => {
          const [before, after] = [path.nodes[index].id, path.nodes[index + 1].id];
          const [source, target] = edge.forward ? [before, after] : [after, before];
          edges.set(`${source}|${target}|${edge.label}`, { source, target, label: edge.label });
        });
      }
      const rows = new Map<number, number>();
      const positions = new Map<string, { x: number; y: number }>();
      for (const id of nodes.keys()) {
        const x = column.get(id) ?? 0;
        const row = rows.get(x) ?? 0;
        rows.set(x, row + 1);
        positions.set(id, { x: x * 230, y: row });
      }
      for (const [id, position] of positions) {
        const inColumn = rows.get(position.x / 230) ?? 1;
        positions.set(id, { x: position.x, y: (position.y - (inColumn - 1) / 2) * 110 });
      }
      const instance = cytoscape({
        container: holder.current,
        elements: [
          ...[...nodes.values()].map((node) => ({ data: { id: node.id, label: shorten(node.label), type: node.type, href: node.href }, position: positions.get(node.id) })),
          ...[...edges.entries()].map(([id, edge]) => ({ data: { id, ...edge } })),
        ],
        layout: { name: 'preset', fit: true, padding: 40 },
        userZoomingEnabled: false,
        boxSelectionEnabled: false,
        style: [
          {
            selector: 'node',
            style: {
              'background-color': (node: { data(key: string): string }) => colours[node.data('type')] ?? '#444',
              label: 'data(label)',
              color: '#1a1a1a',
              'font-size': 13,
              'text-valign': 'bottom',
              'text-margin-y': 6,
              'text-wrap': 'wrap',
              'text-max-width': '180px',
              width: 26,
              height: 26,
            },
          },
          {
            selector: 'edge',
            style: {
              width: 2,
              'line-color': '#767676',
              'target-arrow-color': '#767676',
              'target-arrow-shape': 'triangle',
              'curve-style': 'bezier',
              label: 'data(label)',
              'font-size': 11,
              color: '#333',
              'text-background-color': '#ffffff',
              'text-background-opacity': 1,
              'text-background-padding': '2px',
            },
          },
        ],
      });
      instance.on('tap', 'node', (event: cytoscapeType.EventObject) => onOpen(event.target.data('href') as string));
      graph = instance;
    });
    return () => {
      destroyed = true;
      graph?.destroy();
    };
  }, [JSON.stringify(paths)]);
  return <div ref={holder} class="graph" role="img" aria-label="The connections drawn as a graph; the same connections are listed below." />;
}
