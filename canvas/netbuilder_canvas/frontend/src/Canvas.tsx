// The canvas: React Flow drawing the graph NetBuilder sends, and every edit the person makes sent back as one
// event. Python owns the graph and where each node goes: after each edit it sends the new one, and the canvas redraws
// from it. The view is fitted by zooming, never below the zoom at which node text stays readable: a network too
// long for that is shown from its start and scrolled (the wheel pans; Ctrl+wheel or the buttons zoom).
import {
  Background, MarkerType, MiniMap, Panel, ReactFlow, ReactFlowProvider, useNodesInitialized, useReactFlow,
  type Connection, type Edge, type IsValidConnection, type Node, type NodeChange, type OnNodeDrag, type Viewport,
} from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from "react";
import { CanvasContext } from "./context";
import { FrameNode, type FrameFlowNode } from "./FrameNode";
import { BlockNode, LayerNode, type LayerFlowNode } from "./LayerNode";
import { LAYER_MIME, Palette } from "./Palette";
import { Toolbar } from "./Toolbar";
import type { Emit, Graph, GraphNode } from "./types";
import { WireEdge, type WireFlowEdge } from "./WireEdge";

type FlowNode = LayerFlowNode | FrameFlowNode;

const nodeTypes = { layer: LayerNode, block: BlockNode, frame: FrameNode };
const edgeTypes = { wire: WireEdge };
const DROP_TOLERANCE_PX = 14;
// The smallest text on a node or wire is 12px (canvas.css): at this zoom it is drawn at 11px, the least that stays
// readable. Fitting never zooms out further; the person still can, to see a large network whole.
export const READABLE_ZOOM = 11 / 12;
const MAX_FIT_ZOOM = 1.1;
const FIT_PAD = 12; // px around the fitted network
const MANY_NODES = 80; // from this size on, only what is in view is drawn

type Size = { width: number; height: number };

/** The viewport that fits `bounds` into the pane: zoomed to fit, but never below READABLE_ZOOM; what does not fit
 *  then is shown from its start (top, left) and reached by scrolling. */
export function fitViewport(bounds: [number, number, number, number], pane: Size): Viewport {
  const [x0, y0, x1, y1] = bounds;
  const [w, h] = [Math.max(1, x1 - x0), Math.max(1, y1 - y0)];
  const room = { width: pane.width - 2 * FIT_PAD, height: pane.height - 2 * FIT_PAD };
  const zoom = Math.max(READABLE_ZOOM, Math.min(room.width / w, room.height / h, MAX_FIT_ZOOM));
  const x = w * zoom <= room.width ? (pane.width - w * zoom) / 2 - x0 * zoom : FIT_PAD - x0 * zoom;
  const y = h * zoom <= room.height ? (pane.height - h * zoom) / 2 - y0 * zoom : FIT_PAD - y0 * zoom;
  return { x, y, zoom };
}

/** The flow's nodes: group boxes behind, then cards. A node's data object is kept while it is unchanged, so the
 *  memoised cards of a large network do not all redraw when one changes. */
function toNodes(graph: Graph, dragging: Map<string, { x: number; y: number }>, chosen: Set<string>,
                 cache: Map<string, { json: string; data: GraphNode & Record<string, unknown> }>): FlowNode[] {
  const frames: FrameFlowNode[] = graph.frames.map((f) => ({
    id: `frame:${f.id}`, type: "frame", position: { x: f.box[0], y: f.box[1] }, data: { ...f },
    width: f.box[2], height: f.box[3], selectable: false, draggable: false, connectable: false, focusable: false,
    deletable: false, zIndex: -1 - (2 - f.level), className: "nb-frame-node",
  }));
  const many = chosen.size > 1;
  const cards: LayerFlowNode[] = graph.nodes.map((n) => {
    const json = JSON.stringify(n);
    let entry = cache.get(n.id);
    if (!entry || entry.json !== json) {
      entry = { json, data: { ...n } };
      cache.set(n.id, entry);
    }
    const block = n.kind === "group";
    return {
      id: n.id, type: block ? "block" : "layer",
      position: dragging.get(n.id) ?? { x: n.position[0], y: n.position[1] },
      data: entry.data, selected: many ? chosen.has(n.id) : graph.selected === n.id,
      deletable: n.deletable && !graph.read_only && !n.locked, draggable: !graph.read_only && !block && !n.locked,
      connectable: !block && !n.locked,
    };
  });
  return [...frames, ...cards];
}

function toEdges(graph: Graph, selectedEdge: string | null): WireFlowEdge[] {
  return graph.edges.map((e) => {
    const id = `${e.source}->${e.target}`;
    return {
      id, source: e.source, target: e.target, type: "wire", selected: id === selectedEdge,
      data: { label: e.label, width: e.width, lane: e.lane, wires: e.wires, sample: !!e.sample },
      deletable: !graph.read_only,
      markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14, color: "#94a3b8" },
    };
  });
}

/** The wire under a point (flow coordinates), sampling each rendered path. */
function wireAt(root: HTMLElement, x: number, y: number, zoom: number): string | null {
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
  return found && found.d <= DROP_TOLERANCE_PX / zoom ? found.name : null;
}

/** Keeps the view fitted (see fitViewport) when Python asks (fit_token), when the pane changes size and when the
 *  network's extent changes, until the person pans or zooms; never against what the person did. */
function useFit(graph: Graph, wrapper: React.RefObject<HTMLDivElement | null>) {
  const flow = useReactFlow();
  const touched = useRef(false);
  const [pane, setPane] = useState<Size | null>(null);
  const fit = useCallback((duration = 0) => {
    const el = wrapper.current?.querySelector(".react-flow");
    if (el && el.clientWidth > 0 && el.clientHeight > 0) {
      flow.setViewport(fitViewport(graph.bounds, { width: el.clientWidth, height: el.clientHeight }), { duration });
    }
  }, [flow, graph.bounds, wrapper]);
  useEffect(() => {
    const el = wrapper.current?.querySelector(".react-flow");
    if (!el) return;
    const observer = new ResizeObserver(() => setPane({ width: el.clientWidth, height: el.clientHeight }));
    observer.observe(el);
    return () => observer.disconnect();
  }, [wrapper]);
  const token = useRef<number | null>(null);
  const extent = graph.bounds.join(",");
  useEffect(() => {
    if (!pane) return;
    if (token.current !== graph.fit_token) {
      token.current = graph.fit_token;
      touched.current = false;
    }
    if (!touched.current) fit();
  }, [graph.fit_token, extent, pane, fit]);
  const [x0, y0, x1, y1] = graph.bounds;
  const overflows = !!pane && ((x1 - x0) * READABLE_ZOOM > pane.width - 2 * FIT_PAD ||
    (y1 - y0) * READABLE_ZOOM > pane.height - 2 * FIT_PAD);
  return { fit, touched, overflows };
}

/** When Python asks (report_drawn: the page's first drawing), says once that the nodes are on screen, after the
 *  frame that paints them: the page then draws what it held back (charts whose script would otherwise be parsed
 *  before the canvas shows). */
function useDrawnReport(graph: Graph, emit: Emit) {
  const measured = useNodesInitialized();
  const sent = useRef(false);
  useEffect(() => {
    if (!graph.report_drawn || sent.current || !(measured || graph.nodes.length === 0)) return;
    sent.current = true;
    requestAnimationFrame(() => window.setTimeout(() => emit({ kind: "drawn" }), 0));
  }, [graph.report_drawn, graph.nodes.length, measured, emit]);
}

/** Brings a node just selected by an edit (a layer added, dropped or clicked) into view when it is not, panning as
 *  little as it takes and never zooming; not on the first drawing or a refit, which show the network's start. */
function useReveal(graph: Graph, wrapper: React.RefObject<HTMLDivElement | null>) {
  const flow = useReactFlow();
  const last = useRef<{ selected: string | null; token: number } | null>(null);
  useEffect(() => {
    const before = last.current;
    last.current = { selected: graph.selected, token: graph.fit_token };
    if (!before || before.token !== graph.fit_token || !graph.selected || before.selected === graph.selected) return;
    const n = graph.nodes.find((m) => m.id === graph.selected);
    const el = wrapper.current?.querySelector(".react-flow");
    if (!n || !el) return;
    const { x, y, zoom } = flow.getViewport();
    const [w, h] = graph.card;
    const shift = (at: number, size: number, room: number) =>
      at < FIT_PAD ? FIT_PAD - at : at + size > room - FIT_PAD ? Math.max(FIT_PAD - at, room - FIT_PAD - at - size) : 0;
    const dx = shift(n.position[0] * zoom + x, w * zoom, el.clientWidth);
    const dy = shift(n.position[1] * zoom + y, h * zoom, el.clientHeight);
    if (dx || dy) flow.setViewport({ x: x + dx, y: y + dy, zoom }, { duration: 150 });
  }, [graph, flow, wrapper]);
}

function Flow({ graph, emit, renderId }: { graph: Graph; emit: Emit; renderId: number }) {
  const flow = useReactFlow();
  const wrapper = useRef<HTMLDivElement>(null);
  const dragging = useRef(new Map<string, { x: number; y: number }>());
  const cache = useRef(new Map<string, { json: string; data: GraphNode & Record<string, unknown> }>());
  const [selectedEdge, setSelectedEdge] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [nodes, setNodes] = useState<FlowNode[]>(() => toNodes(graph, dragging.current, chosen, cache.current));
  const edges = useMemo(() => toEdges(graph, selectedEdge), [graph, selectedEdge]);
  const readOnly = graph.read_only;
  const { fit, touched, overflows } = useFit(graph, wrapper);
  useReveal(graph, wrapper);
  useDrawnReport(graph, emit);

  // every render from Python (an edit, or live data while training) redraws from the graph it sends
  useEffect(() => {
    setNodes(toNodes(graph, dragging.current, chosen, cache.current));
  }, [graph, renderId, chosen]);
  useEffect(() => {  // a selection of nodes that no longer exist is dropped
    setChosen((c) => (c.size && [...c].some((id) => !graph.nodes.some((n) => n.id === id)) ? new Set() : c));
  }, [graph]);

  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    const picks = changes.filter((c) => c.type === "select");
    if (picks.length) {  // several nodes chosen (Shift+click, Shift+drag): a block can be made of them
      setChosen((current) => {
        const next = new Set(current);
        for (const c of picks) if (c.type === "select") (c.selected ? next.add(c.id) : next.delete(c.id));
        return next;
      });
    }
    setNodes((current) => {
      const byId = new Map(current.map((n) => [n.id, n]));
      for (const c of changes) {
        if (c.type === "position" && c.position) {
          const n = byId.get(c.id);
          if (n) byId.set(c.id, { ...n, position: c.position } as FlowNode);
          if (c.dragging) dragging.current.set(c.id, c.position);
        } else if (c.type === "dimensions") {
          const n = byId.get(c.id);
          if (n && c.dimensions) byId.set(c.id, { ...n, measured: c.dimensions } as FlowNode);
        }
      }
      return current.map((n) => byId.get(n.id) ?? n);
    });
  }, []);

  const onNodeDragStop: OnNodeDrag<FlowNode> = useCallback((_event, _node, moved) => {
    const positions: Record<string, [number, number]> = {};
    for (const n of moved) {
      positions[n.id] = [Math.round(n.position.x * 10) / 10, Math.round(n.position.y * 10) / 10];
      dragging.current.delete(n.id);
    }
    emit({ kind: "move", positions });
  }, [emit]);

  const isValidConnection: IsValidConnection = useCallback((c) => {
    if (!c.source || !c.target || c.source === c.target || c.target === "input") return false;
    if (c.source.includes(":") || c.target.includes(":")) return false; // a collapsed block: expand it first
    return !graph.edges.some((e) => e.source === c.source && e.target === c.target);
  }, [graph.edges]);

  const onConnect = useCallback((c: Connection) => {
    if (c.source && c.target) emit({ kind: "connect", source: c.source, target: c.target });
  }, [emit]);

  const onDelete = useCallback(({ nodes: gone, edges: cut }: { nodes: Node[]; edges: Edge[] }) => {
    const ids = gone.filter((n) => n.type === "layer" && (n.data as GraphNode).deletable).map((n) => n.id);
    const wires = cut.filter((e) => !ids.includes(e.source) && !ids.includes(e.target))
      .flatMap((e) => ((e.data as WireFlowEdge["data"])?.wires ?? [[e.source, e.target]]))
      .map(([source, target]) => ({ source, target }));
    if (ids.length || wires.length) emit({ kind: "delete", nodes: ids, edges: wires });
    setSelectedEdge(null);
    setChosen(new Set());
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
    const name = wrapper.current ? wireAt(wrapper.current, at.x, at.y, flow.getZoom()) : null;
    const wire = name ? graph.edges.find((w) => `${w.source}->${w.target}` === name)?.wires[0] : undefined;
    const [w, h] = graph.card;
    emit({ kind: "add", type, position: [Math.round(at.x - w / 2), Math.round(at.y - h / 2)],
           edge: wire ? { source: wire[0], target: wire[1] } : null });
  }, [emit, flow, readOnly, graph.edges, graph.card]);

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

  const context = useMemo(() => ({ emit, direction: graph.direction, readOnly, selectedEdge, card: graph.card,
    panel: graph.panel }), [emit, graph.direction, readOnly, selectedEdge, graph.card, graph.panel]);
  const layersChosen = [...chosen].filter((id) => graph.nodes.some((n) => n.id === id && n.kind === "layer"));

  return (
    <CanvasContext.Provider value={context}>
      <div className="nb-side">
        {graph.palette.length > 0 && <Palette groups={graph.palette} emit={emit} readOnly={graph.read_only} />}
        {graph.legend && (  // what the nodes' colours mean while a run trains
          <div className="nb-legend" data-legend="">
            <div className="nb-legend-title">{graph.legend.title}</div>
            <div className="nb-legend-bar"
                 style={{ background: `linear-gradient(to right, ${graph.legend.colors.join(", ")})` }} />
            <div className="nb-legend-ends"><span>{graph.legend.lo}</span><span>{graph.legend.hi}</span></div>
          </div>
        )}
        {overflows && (  // the network does not fit at a readable size: a map of it, to find the way
          <div className="nb-map">
            <MiniMap pannable zoomable position="bottom-left" ariaLabel="Map of the network" nodeStrokeWidth={0}
                     nodeColor={(n) => (n.type === "frame" ? "rgba(165, 180, 252, 0.3)" : n.type === "block" ? "#818cf8" : "#94a3b8")}
                     maskColor="rgba(226, 232, 240, 0.55)" onClick={() => { touched.current = true; }} />
          </div>
        )}
      </div>
      <div className="nb-flow" ref={wrapper} onDragOver={onDragOver} onDrop={onDrop} onKeyDown={onKeyDown}
           tabIndex={0}>
        <Toolbar graph={graph} emit={emit} chosen={layersChosen} fit={() => { touched.current = false; fit(200); }}
                 zoom={(factor) => { touched.current = true; factor > 1 ? flow.zoomIn() : flow.zoomOut(); }}
                 clearChosen={() => setChosen(new Set())} />
        <div className="nb-pane">
          <ReactFlow<FlowNode, WireFlowEdge>
            nodes={nodes} edges={edges} nodeTypes={nodeTypes} edgeTypes={edgeTypes}
            onNodesChange={onNodesChange} onNodeDragStop={onNodeDragStop}
            onConnect={onConnect} isValidConnection={isValidConnection} onDelete={onDelete}
            onNodeClick={(e, n) => {
              setSelectedEdge(null);
              if (n.type === "frame" || e.shiftKey || e.metaKey || e.ctrlKey) return;
              setChosen(new Set([n.id]));
              emit({ kind: "select", id: n.id });
            }}
            onEdgeClick={(_e, edge) => setSelectedEdge(edge.id)}
            onPaneClick={() => {
              setSelectedEdge(null);
              setChosen(new Set());
              if (graph.selected) emit({ kind: "select", id: null });
            }}
            deleteKeyCode={readOnly ? null : ["Backspace", "Delete"]} nodesConnectable={!readOnly}
            multiSelectionKeyCode={["Shift", "Meta", "Control"]}
            onMoveStart={(event) => { if (event) touched.current = true; }}
            panOnScroll zoomOnScroll={false} zoomOnPinch
            onlyRenderVisibleElements={graph.nodes.length >= MANY_NODES}
            minZoom={0.1} maxZoom={2.5} proOptions={{ hideAttribution: true }}
            defaultEdgeOptions={{ type: "wire" }} connectionRadius={28}>
            <Background gap={18} size={1} color="#e2e8f0" />
            {graph.message && <Panel position="top-left" className="nb-message-panel">{graph.message}</Panel>}
          </ReactFlow>
        </div>
      </div>
    </CanvasContext.Provider>
  );
}

export function Canvas({ graph, emit, renderId }: { graph: Graph; emit: Emit; renderId: number }) {
  return (
    <div className="nb-canvas" style={{ height: graph.height ?? 560 }}>
      <ReactFlowProvider>
        <Flow graph={graph} emit={emit} renderId={renderId} />
      </ReactFlowProvider>
    </div>
  );
}
