// A box around an expanded block (a group of layers named by the convention, or the copies of a repeated one),
// behind its nodes: its head holds the block's name, a button to collapse it into one node, and ×N for a repeat.
import type { Node, NodeProps } from "@xyflow/react";
import { memo, useContext } from "react";
import { CanvasContext } from "./context";
import { compact, NodeButton, RepeatButtons } from "./LayerNode";
import type { Frame } from "./types";

export type FrameNodeData = Frame & Record<string, unknown>;
export type FrameFlowNode = Node<FrameNodeData, "frame">;

function FrameNodeView({ data }: NodeProps<FrameFlowNode>) {
  const { emit } = useContext(CanvasContext);
  const [, , w, h] = data.box;
  return (
    <div className={`nb-frame nb-frame-${data.level}`} data-frame-id={data.id} style={{ width: w, height: h }}>
      <div className="nb-frame-head" style={{ marginLeft: data.head }}>
        <NodeButton label="▾" title={`Collapse ${data.title} into one node`} data={{ "data-collapse": data.id }}
                    onClick={() => emit({ kind: "collapse", id: data.id, collapsed: true })} />
        <span className="nb-frame-title">{data.title}</span>
        {data.repeat && <RepeatButtons repeat={data.repeat} name={data.title} />}
        <span className="nb-frame-info">{data.layers} layers{data.params > 0 ? ` · ${compact(data.params)}` : ""}</span>
      </div>
    </div>
  );
}

export const FrameNode = memo(FrameNodeView);
