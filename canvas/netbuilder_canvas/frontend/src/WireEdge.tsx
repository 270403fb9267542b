// A wire: the data flow from one layer to the next, labelled with the shape it carries, as wide as the activations.
// A wire that skips layers runs in its lane beside the nodes it passes (the layout chose the lane). The shape label
// sits on one side of the wire and its delete button (on hover or when selected) on the other: never on each other.
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from "@xyflow/react";
import { memo, useContext, useState } from "react";
import { CanvasContext } from "./context";

export type WireData = { label: string; width: number; lane: number | null; wires: [string, string][];
  sample?: boolean } & Record<string, unknown>;
export type WireFlowEdge = Edge<WireData, "wire">;

const STUB = 14; // a lane wire leaves its source and enters its target straight for this long
const CORNER = 8;

/** A path through these points with rounded corners. */
function rounded(points: [number, number][]): string {
  let d = `M ${points[0][0]} ${points[0][1]}`;
  for (let i = 1; i < points.length - 1; i++) {
    const [px, py] = points[i - 1];
    const [x, y] = points[i];
    const [nx, ny] = points[i + 1];
    const r1 = Math.min(CORNER, Math.hypot(x - px, y - py) / 2);
    const r2 = Math.min(CORNER, Math.hypot(nx - x, ny - y) / 2);
    const a = [x - Math.sign(x - px) * r1, y - Math.sign(y - py) * r1];
    const b = [x + Math.sign(nx - x) * r2, y + Math.sign(ny - y) * r2];
    d += ` L ${a[0]} ${a[1]} Q ${x} ${y} ${b[0]} ${b[1]}`;
  }
  const [lx, ly] = points[points.length - 1];
  return `${d} L ${lx} ${ly}`;
}

function lanePath(sx: number, sy: number, tx: number, ty: number, lane: number, horizontal: boolean): string {
  return horizontal
    ? rounded([[sx, sy], [sx + STUB, sy], [sx + STUB, lane], [tx - STUB, lane], [tx - STUB, ty], [tx, ty]])
    : rounded([[sx, sy], [sx, sy + STUB], [lane, sy + STUB], [lane, ty - STUB], [tx, ty - STUB], [tx, ty]]);
}

function WireView(props: EdgeProps<WireFlowEdge>) {
  const { id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected,
    markerEnd } = props;
  const { emit, readOnly, direction } = useContext(CanvasContext);
  const [hover, setHover] = useState(false);
  const horizontal = direction === "LR";
  const lane = data?.lane ?? null;
  let path: string, x: number, y: number;
  if (lane !== null) {
    path = lanePath(sourceX, sourceY, targetX, targetY, lane, horizontal);
    [x, y] = horizontal ? [(sourceX + targetX) / 2, lane] : [lane, (sourceY + targetY) / 2];
  } else {
    [path, x, y] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  }
  // LR: label above the wire, × below; TB: label right of the wire and × left of it, but a lane's label goes on
  // its outer side (the layout left room there) and its × between it and the nodes
  const [right, left] = ["translate(6px, -50%)", "translate(calc(-100% - 6px), -50%)"];
  const labelAt = horizontal ? "translate(-50%, calc(-100% - 3px))" : lane !== null ? left : right;
  const deleteAt = horizontal ? "translate(-50%, 4px)" : lane !== null ? right : left;
  const name = `${source}->${target}`;
  const width = data?.width ?? 1.5;
  const idle = data?.sample ? "#fb923c" : "#94a3b8"; // a followed sample's activation size: orange
  const cut = () => emit({ kind: "delete", nodes: [], edges: (data?.wires ?? [[source, target]]).map(([s, t]) => ({ source: s, target: t })) });
  return (
    <g data-edge={name} data-sample={data?.sample ? "true" : undefined} data-width={width} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} interactionWidth={18}
                style={{ strokeWidth: width, stroke: selected ? "#2563eb" : hover ? "#64748b" : idle }} />
      <EdgeLabelRenderer>
        {data?.label && (
          <div className={`nb-edge-label${lane !== null && !horizontal ? " nb-lane-label" : ""}${data.sample ? " nb-sample-label" : ""}`}
               data-edge-label={name} title={data.sample ? "shape · this sample's activation size there (RMS)" : undefined}
               style={{ transform: `translate(${x}px, ${y}px) ${labelAt}` }}>{data.label}</div>
        )}
        {(selected || hover) && !readOnly && (
          <button type="button" className="nb-edge-delete nodrag nopan" data-edge-delete={name} title="Delete this wire"
                  style={{ transform: `translate(${x}px, ${y}px) ${deleteAt}` }}
                  onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}
                  onClick={(e) => { e.stopPropagation(); cut(); }}>×</button>
        )}
      </EdgeLabelRenderer>
    </g>
  );
}

export const WireEdge = memo(WireView);
