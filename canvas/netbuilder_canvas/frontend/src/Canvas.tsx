// The canvas: React Flow drawing the graph NetBuilder sends, and every edit the person makes sent back as one
// event. Python owns the graph: after each edit it sends the new one, and the canvas redraws from it.
import {
  Background, Controls, MarkerType, Panel, ReactFlow, ReactFlowProvider, useNodesInitialized, useReactFlow,
  type Connection, type Edge, type IsValidConnection, type NodeChange, type OnNodeDrag,
} from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from "react";
import { CanvasContext } from "./context";
import { LayerNode, type LayerFlowNode } from "./LayerNode";
import { LAYER_MIME, Palette } from "./Palette";
import type { Emit, Graph } from "./types";
import { WireEdge, type WireFlowEdge } from "./WireEdge";

const nodeTypes = { layer: LayerNode };
const edgeTypes = { wire: WireEdge };
const NODE_HALF = { x: 80, y: 25 }; // a dropped node is centred on the pointer
const DROP_TOLERANCE_PX = 14;
// room the fitted network leaves for what floats over the canvas: the zoom buttons (bottom left), the toolbar
// (bottom right) and, while training, the colour legend (top right)
const FIT_PADDING = { top: "24px", right: "24px", bottom: "56px", left: "56px" } as const;
const FIT_PADDING_WITH_LEGEND = { ...FIT_PADDING, top: "84px" } as const;

function toNodes(graph: Graph, dragging: Map<string, { x: number; y: number }>): LayerFlowNode[] {
  return graph.nodes.map((n) => ({
    id: n.id,
    type: "layer",
    position: dragging.get(n.id) ?? { x: n.position[0], y: n.position[1] },
    data: { ...n },
    selected: graph.selected === n.id,
    deletable: n.deletable && !graph.read_only,
    draggable: !graph.read_only,
  }));
}

function toEdges(graph: Graph, selectedEdge: string | null): WireFlowEdge[] {
  return graph.edges.map((e) => {
    const id = `${e.source}->${e.target}`;
    return {
      id, source: e.source, target: e.target, type: "wire", selected: id === selectedEdge,
      data: { label: e.label, width: e.width }, deletable: !graph.read_only,
      markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14, color: "#94a3b8" },
    };
  });
}

/** The wire under a point (flow coordinates), sampling each rendered path. */
function wireAt(root: HTMLElement, x: number, y: number, zoom: number): { source: string; target: string } | null {
  let best: { d: number; name: string } | null = null;
  root.querySelectorAll<SVGGElement>("g[data-edge]").forEach((g) => {
    const path = g.querySelector<SVGPathElement>("path.react-flow__edge-path");
    if (!path) return;
    const length = path.getTotalLength();
    for (let s = 0; s <= length; s += 4) {
      const p = path.getPointAtLength(s);
      const d = Math.hypot(p.x - x, p.y - y);
      if (!best || d < best.d) best = { d, name: g.dataset.edge ?? "" };
    }
  });
  const found = best as { d: number; name: string } | null;
  if (!found || found.d > DROP_TOLERANCE_PX / zoom) return null;
  const [source, target] = found.name.split("->");
  return { source, target };
}

function Flow({ graph, emit, renderId }: { graph: Graph; emit: Emit; renderId: number }) {
  const flow = useReactFlow();
  const wrapper = useRef<HTMLDivElement>(null);
  const dragging = useRef(new Map<string, { x: number; y: number }>());
  const [selectedEdge, setSelectedEdge] = useState<string | null>(null);
  const [nodes, setNodes] = useState<LayerFlowNode[]>(() => toNodes(graph, dragging.current));
  const edges = useMemo(() => toEdges(graph, selectedEdge), [graph, selectedEdge]);
  const readOnly = graph.read_only;

  // every render from Python (an edit, or live data while training) redraws from the graph it sends
  useEffect(() => {
    setNodes(toNodes(graph, dragging.current));
  }, [graph, renderId]);

  // fit the view when Python asks (a new network, a new layout) once the nodes are measured, and while the
  // canvas settles into its size before the person has panned or zoomed; never against what the person did
  const measured = useNodesInitialized();
  const fitted = useRef<number | null>(null);
  const touched = useRef(false);
  const padding = graph.legend ? FIT_PADDING_WITH_LEGEND : FIT_PADDING;
  const fit = useCallback(() => flow.fitView({ padding, maxZoom: 1.1, duration: 0 }), [flow, padding]);
  useEffect(() => {
    if (measured && fitted.current !== graph.fit_token) {
      fitted.current = graph.fit_token;
      touched.current = false;
      fit();
    }
  }, [graph.fit_token, measured, fit]);
  useEffect(() => {
    const el = wrapper.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      if (!touched.current && el.clientWidth > 0 && el.clientHeight > 0) fit();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [fit]);

  // nodes grow when pictures of their units arrive: keep the network in view until the person moves it
  const refit = useRef(0);
  const onNodesChange = useCallback((changes: NodeChange<LayerFlowNode>[]) => {
    if (!touched.current && changes.some((c) => c.type === "dimensions")) {
      cancelAnimationFrame(refit.current);
      refit.current = requestAnimationFrame(() => fit());
    }
    setNodes((current) => {
      const byId = new Map(current.map((n) => [n.id, n]));
      for (const c of changes) {
        if (c.type === "position" && c.position) {
          const n = byId.get(c.id);
          if (n) byId.set(c.id, { ...n, position: c.position });
          if (c.dragging) dragging.current.set(c.id, c.position);
        } else if (c.type === "dimensions") {
          const n = byId.get(c.id);
          if (n && c.dimensions) byId.set(c.id, { ...n, measured: c.dimensions });
        }
      }
      return current.map((n) => byId.get(n.id) ?? n);
    });
  }, [fit]);

  const onNodeDragStop: OnNodeDrag<LayerFlowNode> = useCallback((_event, _node, moved) => {
    const positions: Record<string, [number, number]> = {};
    for (const n of moved) {
      positions[n.id] = [Math.round(n.position.x * 10) / 10, Math.round(n.position.y * 10) / 10];
      dragging.current.delete(n.id);
    }
    emit({ kind: "move", positions });
  }, [emit]);

  const isValidConnection: IsValidConnection = useCallback((c) => {
    if (!c.source || !c.target || c.source === c.target || c.target === "input") return false;
    return !graph.edges.some((e) => e.source === c.source && e.target === c.target);
  }, [graph.edges]);

  const onConnect = useCallback((c: Connection) => {
    if (c.source && c.target) emit({ kind: "connect", source: c.source, target: c.target });
  }, [emit]);

  const onDelete = useCallback(({ nodes: gone, edges: cut }: { nodes: LayerFlowNode[]; edges: Edge[] }) => {
    const ids = gone.filter((n) => n.data.deletable).map((n) => n.id);
    const wires = cut.filter((e) => !ids.includes(e.source) && !ids.includes(e.target))
      .map((e) => ({ source: e.source, target: e.target }));
    if (ids.length || wires.length) emit({ kind: "delete", nodes: ids, edges: wires });
    setSelectedEdge(null);
  }, [emit]);

  const onDragOver = useCallback((e: DragEvent) => {
    if (readOnly) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
  }, [readOnly]);

  const onDrop = useCallback((e: DragEvent) => {
    if (readOnly) return;
    const type = e.dataTransfer.getData(LAYER_MIME) || e.dataTransfer.getData("text/plain");
    if (!type) return;
    e.preventDefault();
    const at = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    const edge = wrapper.current ? wireAt(wrapper.current, at.x, at.y, flow.getZoom()) : null;
    emit({ kind: "add", type, position: [Math.round(at.x - NODE_HALF.x), Math.round(at.y - NODE_HALF.y)], edge });
  }, [emit, flow, readOnly]);

  const onKeyDown = useCallback((e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || readOnly) return;
    const mod = e.ctrlKey || e.metaKey;
    if (mod && e.key.toLowerCase() === "z") {
      e.preventDefault();
      emit({ kind: e.shiftKey ? "redo" : "undo" });
    } else if (mod && e.key.toLowerCase() === "y") {
      e.preventDefault();
      emit({ kind: "redo" });
    }
  }, [emit, readOnly]);

  const context = useMemo(() => ({ emit, direction: graph.direction, readOnly, selectedEdge }),
    [emit, graph.direction, readOnly, selectedEdge]);

  return (
    <CanvasContext.Provider value={context}>
      <div className="nb-flow" ref={wrapper} onDragOver={onDragOver} onDrop={onDrop} onKeyDown={onKeyDown}
           tabIndex={0}>
        <ReactFlow<LayerFlowNode, WireFlowEdge>
          nodes={nodes} edges={edges} nodeTypes={nodeTypes} edgeTypes={edgeTypes}
          onNodesChange={onNodesChange} onNodeDragStop={onNodeDragStop}
          onConnect={onConnect} isValidConnection={isValidConnection} onDelete={onDelete}
          onNodeClick={(_e, n) => { setSelectedEdge(null); emit({ kind: "select", id: n.id }); }}
          onEdgeClick={(_e, edge) => setSelectedEdge(edge.id)}
          onPaneClick={() => { setSelectedEdge(null); if (graph.selected) emit({ kind: "select", id: null }); }}
          deleteKeyCode={readOnly ? null : ["Backspace", "Delete"]} nodesConnectable={!readOnly}
          onMoveStart={(event) => { if (event) touched.current = true; }}
          minZoom={0.15} maxZoom={2.5} proOptions={{ hideAttribution: true }} fitView
          fitViewOptions={{ padding, maxZoom: 1.1 }}
          defaultEdgeOptions={{ type: "wire" }} connectionRadius={28}>
          <Background gap={18} size={1} color="#e2e8f0" />
          <Controls showInteractive={false} position="bottom-left" />
          <Panel position="bottom-right" className="nb-toolbar">
            <button type="button" data-action="undo" title="Undo (Ctrl+Z)" disabled={readOnly}
                    onClick={() => emit({ kind: "undo" })}>↶</button>
            <button type="button" data-action="redo" title="Redo (Ctrl+Shift+Z)" disabled={readOnly}
                    onClick={() => emit({ kind: "redo" })}>↷</button>
            <button type="button" data-action="layout-tb" title="Lay out top to bottom" disabled={readOnly}
                    onClick={() => emit({ kind: "layout", direction: "TB" })}>⇣ layout</button>
            <button type="button" data-action="layout-lr" title="Lay out left to right" disabled={readOnly}
                    onClick={() => emit({ kind: "layout", direction: "LR" })}>⇢ layout</button>
            <button type="button" data-action="fit" title="Fit the network in view"
                    onClick={() => flow.fitView({ padding, maxZoom: 1.1, duration: 200 })}>fit</button>
          </Panel>
          {graph.legend && (
            <Panel position="top-right" className="nb-legend">
              <div className="nb-legend-title">{graph.legend.title}</div>
              <div className="nb-legend-bar"
                   style={{ background: `linear-gradient(to right, ${graph.legend.colors.join(", ")})` }} />
              <div className="nb-legend-ends"><span>{graph.legend.lo}</span><span>{graph.legend.hi}</span></div>
            </Panel>
          )}
          {graph.message && <Panel position="top-left" className="nb-message-panel">{graph.message}</Panel>}
        </ReactFlow>
      </div>
    </CanvasContext.Provider>
  );
}

export function Canvas({ graph, emit, renderId }: { graph: Graph; emit: Emit; renderId: number }) {
  return (
    <div className="nb-canvas" style={{ height: graph.height ?? 560 }}>
      <Palette groups={graph.palette} emit={emit} readOnly={graph.read_only} />
      <ReactFlowProvider>
        <Flow graph={graph} emit={emit} renderId={renderId} />
      </ReactFlowProvider>
    </div>
  );
}
