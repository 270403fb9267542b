// One layer as a card of fixed size (the layout in Python reserves exactly this room): id, type, parameter count,
// output shape or its problem (clipped; the whole text on hover), +/− units on a hidden Linear; beside it, the live
// panel a run fills with badges and pictures of its units, in room reserved from the start, so nothing moves.
import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { memo, useContext, useEffect, useRef, type MouseEvent } from "react";
import { CanvasContext } from "./context";
import { paint } from "./thumbs";
import type { Answer, GraphNode, Live, Thumb } from "./types";

export type LayerNodeData = GraphNode & Record<string, unknown>;
export type LayerFlowNode = Node<LayerNodeData, "layer" | "block">;

export function compact(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1e6) return `${(n / 1e3).toFixed(n < 1e4 ? 1 : 0)}k`;
  if (n < 1e9) return `${(n / 1e6).toFixed(n < 1e7 ? 1 : 0)}M`;
  return `${(n / 1e9).toFixed(1)}G`;
}

function sci(v: number): string {
  return v === 0 ? "0" : v.toExponential(1).replace("e+", "e").replace("e-0", "e-");
}

/** A button on a node that acts without selecting or dragging the node. */
export function NodeButton({ label, title, onClick, disabled, data }: {
  label: string; title: string; onClick: () => void; disabled?: boolean; data?: Record<string, string>;
}) {
  const click = (e: MouseEvent) => { e.stopPropagation(); if (!disabled) onClick(); };
  return (
    <button type="button" className="nb-mini nodrag" title={title} aria-label={title} disabled={disabled}
            onClick={click} onDoubleClick={(e) => e.stopPropagation()} {...data}>{label}</button>
  );
}

function ThumbCanvas({ thumb, width, height }: { thumb: Thumb; width: number; height: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (ref.current) paint(ref.current, thumb);
  }, [thumb]);
  return <canvas ref={ref} data-thumb="" title={thumb.label} className="nb-thumb" style={{ width, height }} />;
}

const BADGE_ROW = 20; // the panel's first row: badges; the pictures share the rest
const THUMB_GAP = 2;

/** The pictures scaled into the panel's fixed box: one or two rows, as large as fit. */
function thumbBoxes(thumbs: Thumb[], w: number, h: number): { width: number; height: number }[] {
  if (thumbs.length === 1) {
    const t = thumbs[0];
    const scale = Math.min(w / t.w, h / t.h);
    return [{ width: Math.floor(t.w * scale), height: Math.floor(t.h * scale) }];
  }
  const rows = thumbs.length > 8 ? 2 : 1;
  const cols = Math.ceil(thumbs.length / rows);
  const side = Math.floor(Math.min((h - (rows - 1) * THUMB_GAP) / rows, (w - (cols - 1) * THUMB_GAP) / cols));
  return thumbs.map(() => ({ width: side, height: side }));
}

function LivePanel({ live }: { live: Live }) {
  const { direction, card, panel } = useContext(CanvasContext);
  const [gap, w, h] = panel;
  const where = direction === "LR" ? { left: 0, top: card[1] + gap } : { left: card[0] + gap, top: 0 };
  const boxes = thumbBoxes(live.thumbs, w, h - BADGE_ROW);
  return (
    <div className="nb-live" style={{ ...where, width: w, height: h }}>
      <div className="nb-badges">
        {live.grad_norm !== null && <span className="nb-badge" title="latest gradient norm">∇ {sci(live.grad_norm)}</span>}
        {live.update_ratio !== null && <span className="nb-badge" title="weight update / weight norm">
          Δw/w {sci(live.update_ratio)}</span>}
        {(live.dead ?? 0) >= 0.05 && <span className="nb-badge nb-dead" title="units that output zero for every probe sample">
          dead {Math.round((live.dead ?? 0) * 100)}%</span>}
        {live.alert && <span className="nb-badge nb-warn" title={live.alert}>⚠</span>}
      </div>
      {live.thumbs.length > 0 && (
        <div className="nb-thumbs" title={live.thumbs_title ?? undefined}>
          {live.thumbs.map((t, i) => <ThumbCanvas key={i} thumb={t} {...boxes[i]} />)}
        </div>
      )}
    </div>
  );
}

function percent(p: number): string {
  return `${(p * 100).toFixed(p >= 0.995 || p < 0.1 ? 0 : 1)}%`;
}

function num(v: number): string {
  return Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? sci(v) : String(Number(v.toPrecision(3)));
}

/** The output node's answer for a followed sample, in its live panel's place: the prediction (right or wrong)
 *  and loss on one line, each class's probability as a bar under it (the predicted one orange, the true one
 *  outlined). */
function AnswerPanel({ answer }: { answer: Answer }) {
  const { direction, card, panel } = useContext(CanvasContext);
  const [gap, w, h] = panel;
  const where = direction === "LR" ? { left: 0, top: card[1] + gap } : { left: card[0] + gap, top: 0 };
  const verdict = answer.correct === null ? "" : answer.correct ? " ✓" : " ✗";
  const said = answer.kind === "classes" ? `${answer.predicted} ${percent(answer.p ?? 0)}`
    : `${(answer.values ?? []).map(num).join(", ")}${answer.more ? " …" : ""}`;
  const truth = answer.true === null ? "" : Array.isArray(answer.true) ? `true ${answer.true.map(num).join(", ")}`
    : `true class ${answer.true}`;
  const loss = answer.loss === null ? "" : `loss ${num(answer.loss)}`;
  const whole = [`prediction ${said}${verdict}`, answer.correct === false || answer.kind === "values" ? truth : "", loss]
    .filter(Boolean).join(" · ");
  return (
    <div className="nb-live nb-answer" data-answer={answer.kind} style={{ ...where, width: w, height: h }}>
      <div className={`nb-answer-line${answer.correct === false ? " nb-wrong" : ""}`} title={whole}
           data-correct={answer.correct === null ? undefined : String(answer.correct)}>
        <b>{said}</b>{verdict}{loss && <span className="nb-answer-loss"> · {loss}</span>}
      </div>
      {answer.classes && (
        <div className="nb-probs" title={answer.classes.map((c) => `${c.name}: ${percent(c.p)}`).join("\n")
          + (answer.more ? `\n… ${answer.more} more classes` : "")}>
          {answer.classes.map((c, i) => (
            <div key={i} className={`nb-prob${c.predicted ? " nb-predicted" : ""}${c.true ? " nb-true" : ""}`}
                 data-class={c.name} data-p={c.p.toFixed(4)}>
              <div className="nb-prob-track"><div className="nb-prob-bar" style={{ height: `${Math.max(2, c.p * 100)}%` }} /></div>
              <span className="nb-prob-name">{c.name}</span>
            </div>
          ))}
        </div>
      )}
      {!answer.classes && truth && <div className="nb-answer-true">{truth}</div>}
    </div>
  );
}

function Handles({ target, connectable }: { target: boolean; connectable: boolean }) {
  const { direction } = useContext(CanvasContext);
  const horizontal = direction === "LR";
  return (
    <>
      {target && <Handle type="target" position={horizontal ? Position.Left : Position.Top} className="nb-handle"
                         data-handle="in" isConnectable={connectable} />}
      <Handle type="source" position={horizontal ? Position.Right : Position.Bottom} className="nb-handle"
              data-handle="out" isConnectable={connectable} />
    </>
  );
}

function problemText(data: GraphNode): string | undefined {
  return data.error ? `${data.error.message}${data.error.hint ? `\nFix: ${data.error.hint}` : ""}` : undefined;
}

function LayerNodeView({ id, data, selected }: NodeProps<LayerFlowNode>) {
  const { emit, readOnly, card } = useContext(CanvasContext);
  const live = data.live;
  const locked = !!data.locked;
  const classes = ["nb-node", `nb-${data.role}`, data.error ? "nb-error" : "", live?.alert ? "nb-alert" : "",
    selected ? "nb-selected" : "", locked ? "nb-locked" : "", data.mark ? `nb-mark-${data.mark.kind}` : ""]
    .filter(Boolean).join(" ");
  return (
    <div className={classes} data-layer-id={id} data-status={data.error ? "error" : "ok"}
         data-selected={selected ? "true" : "false"} data-fill={live?.fill ?? undefined}
         data-grad-norm={live?.grad_norm ?? undefined} data-locked={locked ? "true" : undefined}
         data-mark={data.mark?.kind}
         aria-disabled={locked || undefined}
         style={{ width: card[0], height: card[1], ...(live?.fill ? { background: live.fill } : {}) }}
         title={problemText(data) ?? (locked ? `${data.full}: locked by the teacher's link` :
           data.full !== data.title ? data.full : undefined)}>
      <Handles target={data.role !== "input"} connectable={!readOnly && !locked} />
      <div className="nb-head">
        {locked && <span className="nb-lock" aria-label="locked">🔒</span>}
        <span className="nb-title">{data.title}</span>
        <span className="nb-type">{data.type}</span>
        {data.params > 0 && <span className="nb-params" title={`${data.params.toLocaleString()} parameters`}>
          {compact(data.params)}</span>}
      </div>
      {data.error ? (
        <div className="nb-problem"><span className="nb-message">{data.error.message}</span>
          {data.error.hint && <span className="nb-hint"> Fix: {data.error.hint}</span>}</div>
      ) : (
        <div className="nb-shape">
          <span className="nb-shape-text">{data.shape ? `→ ${data.shape}` : "→ ?"}</span>
          {data.role === "output" && <span className="nb-tag">output</span>}
          {data.merge && <span className="nb-tag nb-merge">merges</span>}
          {data.mark && <span className={`nb-tag nb-mark nb-mark-tag-${data.mark.kind}`} title={data.mark.text}>
            {data.mark.kind}</span>}
          {data.units && !readOnly && !locked && (
            <span className="nb-units">
              <NodeButton label="−" title={`One unit fewer in ${id}`} data={{ "data-units": "-1" }}
                          onClick={() => emit({ kind: "units", id, delta: -1 })} />
              <NodeButton label="+" title={`One unit more in ${id}`} data={{ "data-units": "+1" }}
                          onClick={() => emit({ kind: "units", id, delta: 1 })} />
            </span>
          )}
        </div>
      )}
      {data.answer ? <AnswerPanel answer={data.answer} /> : live && <LivePanel live={live} />}
      {selected && data.deletable && !readOnly && !locked && (
        <button type="button" className="nb-delete nodrag" data-node-delete={id} title={`Delete ${id}`}
                onClick={(e) => { e.stopPropagation(); emit({ kind: "delete", nodes: [id], edges: [] }); }}>×</button>
      )}
    </div>
  );
}

export const LayerNode = memo(LayerNodeView);

/** The ×N control of a repeated block: how many copies, one fewer, one more. */
export function RepeatButtons({ repeat, name }: { repeat: NonNullable<GraphNode["repeat"]>; name: string }) {
  const { emit, readOnly } = useContext(CanvasContext);
  if (readOnly) return <span className="nb-count">×{repeat.count}</span>;
  return (
    <span className="nb-repeat" data-repeat={name}>
      <NodeButton label="−" title={`One copy of ${name} fewer`} disabled={repeat.count <= 1}
                  data={{ "data-copies": "-1" }}
                  onClick={() => emit({ kind: "repeat", group: repeat.group, count: repeat.count - 1 })} />
      <span className="nb-count" data-count={repeat.count}>×{repeat.count}</span>
      <NodeButton label="+" title={repeat.more ? `One copy of ${name} more` : "Copies are added to the last block of this name"}
                  disabled={!repeat.more} data={{ "data-copies": "+1" }}
                  onClick={() => emit({ kind: "repeat", group: repeat.group, count: repeat.count + 1 })} />
    </span>
  );
}

/** A collapsed block as one card: its name, how many layers and parameters, the shapes in and out. */
function BlockNodeView({ id, data, selected }: NodeProps<LayerFlowNode>) {
  const { emit, card } = useContext(CanvasContext);
  const classes = ["nb-node", "nb-block", data.error ? "nb-error" : "", selected ? "nb-selected" : ""]
    .filter(Boolean).join(" ");
  return (
    <div className={classes} data-group-id={id} data-status={data.error ? "error" : "ok"}
         style={{ width: card[0], height: card[1] }} title={problemText(data)}>
      <Handles target connectable={false} />
      <div className="nb-head">
        <NodeButton label="▸" title={`Expand ${data.title}`} data={{ "data-expand": id }}
                    onClick={() => emit({ kind: "collapse", id, collapsed: false })} />
        <span className="nb-title">{data.title}</span>
        <span className="nb-type">{data.type}</span>
        {data.params > 0 && <span className="nb-params" title={`${data.params.toLocaleString()} parameters`}>
          {compact(data.params)}</span>}
      </div>
      <div className="nb-shape">
        <span className="nb-shape-text" title={`reads ${data.shape_in || "?"}, gives ${data.shape || "?"}`}>
          {data.error ? data.error.message : data.shape_in === data.shape ? `→ ${data.shape || "?"}`
            : `${data.shape_in || "?"} → ${data.shape || "?"}`}</span>
        {data.repeat && <RepeatButtons repeat={data.repeat} name={data.title} />}
      </div>
    </div>
  );
}

export const BlockNode = memo(BlockNodeView);
