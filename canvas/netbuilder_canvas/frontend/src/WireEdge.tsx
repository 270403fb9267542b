// A wire: the data flow from one layer to the next, labelled with the shape it carries, as wide as the activations.
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from "@xyflow/react";
import { memo, useContext, useState } from "react";
import { CanvasContext } from "./context";

export type WireData = { label: string; width: number } & Record<string, unknown>;
export type WireFlowEdge = Edge<WireData, "wire">;

function WireView(props: EdgeProps<WireFlowEdge>) {
  const { id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected,
    markerEnd } = props;
  const { emit, readOnly } = useContext(CanvasContext);
  const [hover, setHover] = useState(false);
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const name = `${source}->${target}`;
  const width = data?.width ?? 1.5;
  return (
    <g data-edge={name} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} interactionWidth={18}
                style={{ strokeWidth: width, stroke: selected ? "#2563eb" : hover ? "#64748b" : "#94a3b8" }} />
      <EdgeLabelRenderer>
        <div className="nb-edge-label" style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}>
          {data?.label && <span className="nb-edge-shape">{data.label}</span>}
          {(selected || hover) && !readOnly && (
            <button type="button" className="nb-edge-delete" data-edge-delete={name} title="Delete this wire"
                    onMouseEnter={() => setHover(true)}
                    onClick={(e) => { e.stopPropagation(); emit({ kind: "delete", nodes: [], edges: [{ source, target }] }); }}>
              ×
            </button>
          )}
        </div>
      </EdgeLabelRenderer>
    </g>
  );
}

export const WireEdge = memo(WireView);
