// One layer as a card: id, type, parameter count, output shape, its problem in words, and while training the
// gradient colour, badges and pictures of its units.
import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { memo, useContext, useEffect, useRef } from "react";
import { CanvasContext } from "./context";
import { paint } from "./thumbs";
import type { GraphNode, Thumb } from "./types";

export type LayerNodeData = GraphNode & Record<string, unknown>;
export type LayerFlowNode = Node<LayerNodeData, "layer">;

export function compact(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1e6) return `${(n / 1e3).toFixed(n < 1e4 ? 1 : 0)}k`;
  if (n < 1e9) return `${(n / 1e6).toFixed(n < 1e7 ? 1 : 0)}M`;
  return `${(n / 1e9).toFixed(1)}G`;
}

function sci(v: number): string {
  return v === 0 ? "0" : v.toExponential(1).replace("e+", "e").replace("e-0", "e-");
}

function ThumbCanvas({ thumb, size }: { thumb: Thumb; size: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (ref.current) paint(ref.current, thumb);
  }, [thumb]);
  const ratio = thumb.w / Math.max(1, thumb.h);
  const width = ratio >= 1 ? size : Math.round(size * ratio);
  const height = ratio >= 1 ? Math.round(size / ratio) : size;
  return <canvas ref={ref} data-thumb="" title={thumb.label} className="nb-thumb" style={{ width, height }} />;
}

function LayerNodeView({ id, data, selected }: NodeProps<LayerFlowNode>) {
  const { emit, direction, readOnly } = useContext(CanvasContext);
  const live = data.live;
  const horizontal = direction === "LR";
  const thumbs = live?.thumbs ?? [];
  const size = thumbs.length === 1 ? 140 : thumbs.length <= 4 ? 34 : 33;
  const classes = ["nb-node", `nb-${data.role}`, data.error ? "nb-error" : "", live?.alert ? "nb-alert" : "",
    selected ? "nb-selected" : ""].filter(Boolean).join(" ");
  return (
    <div className={classes} data-layer-id={id} data-status={data.error ? "error" : "ok"}
         data-selected={selected ? "true" : "false"} data-fill={live?.fill ?? undefined}
         data-grad-norm={live?.grad_norm ?? undefined}
         style={live?.fill ? { background: live.fill } : undefined}
         title={data.error ? `${data.error.message}${data.error.hint ? `\nFix: ${data.error.hint}` : ""}` : undefined}>
      {data.role !== "input" && (
        <Handle type="target" position={horizontal ? Position.Left : Position.Top} className="nb-handle"
                data-handle="in" isConnectable={!readOnly} />
      )}
      <div className="nb-head">
        <span className="nb-title">{data.title}</span>
        <span className="nb-type">{data.type}</span>
        {data.params > 0 && <span className="nb-params" title={`${data.params.toLocaleString()} parameters`}>
          {compact(data.params)}</span>}
      </div>
      <div className="nb-shape">
        {data.shape ? `→ ${data.shape}` : data.error ? "" : "→ ?"}
        {data.role === "output" && <span className="nb-tag">output</span>}
        {data.merge && <span className="nb-tag nb-merge">merges</span>}
      </div>
      {data.error && (
        <div className="nb-problem">
          <div className="nb-message">{data.error.message}</div>
          {data.error.hint && <div className="nb-hint">Fix: {data.error.hint}</div>}
        </div>
      )}
      {live && (live.grad_norm !== null || live.update_ratio !== null || (live.dead ?? 0) >= 0.05 || live.alert) && (
        <div className="nb-badges">
          {live.grad_norm !== null && <span className="nb-badge" title="latest gradient norm">∇ {sci(live.grad_norm)}</span>}
          {live.update_ratio !== null && <span className="nb-badge" title="weight update / weight norm">
            Δw/w {sci(live.update_ratio)}</span>}
          {(live.dead ?? 0) >= 0.05 && <span className="nb-badge nb-dead" title="units that output zero for every probe sample">
            dead {Math.round((live.dead ?? 0) * 100)}%</span>}
          {live.alert && <span className="nb-badge nb-warn" title={live.alert}>⚠</span>}
        </div>
      )}
      {thumbs.length > 0 && (
        <div className="nb-thumbs" title={live?.thumbs_title ?? undefined}>
          {thumbs.map((t, i) => <ThumbCanvas key={i} thumb={t} size={size} />)}
        </div>
      )}
      <Handle type="source" position={horizontal ? Position.Right : Position.Bottom} className="nb-handle"
              data-handle="out" isConnectable={!readOnly} />
      {selected && data.deletable && !readOnly && (
        <button type="button" className="nb-delete" data-node-delete={id} title={`Delete ${id}`}
                onClick={(e) => { e.stopPropagation(); emit({ kind: "delete", nodes: [id], edges: [] }); }}>×</button>
      )}
    </div>
  );
}

export const LayerNode = memo(LayerNodeView);
