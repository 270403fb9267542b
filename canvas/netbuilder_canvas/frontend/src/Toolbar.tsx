// The bar above the network: the quick edits on offer (TensorFlow Playground's +/− hidden layer, making a block of
// the chosen layers, giving a layer's settings to every copy of its block, collapsing or expanding every block), the
// undo, redo, layout, zoom and fit. It sits above the network, never on it.
import type { Emit, Graph } from "./types";

type Props = {
  graph: Graph;
  emit: Emit;
  chosen: string[];
  fit: () => void;
  zoom: (factor: number) => void;
  clearChosen: () => void;
};

export function Toolbar({ graph, emit, chosen, fit, zoom, clearChosen }: Props) {
  const off = graph.read_only;
  const { hidden, sync } = graph.quick;
  return (
    <div className="nb-toolbar" role="toolbar" aria-label="Canvas tools">
      <div className="nb-quick">
        {hidden && (
          <span className="nb-hidden" data-hidden-count={hidden.count} title="Hidden layers of the dense stack">
            <button type="button" data-action="hidden-remove" disabled={off || !hidden.remove}
                    title="Remove the last hidden layer" onClick={() => emit({ kind: "hidden", delta: -1 })}>−</button>
            <span>{hidden.count} hidden<span className="nb-wide"> layer{hidden.count === 1 ? "" : "s"}</span></span>
            <button type="button" data-action="hidden-add" disabled={off}
                    title="Add a hidden layer before the output (as wide as the last one)"
                    onClick={() => emit({ kind: "hidden", delta: 1 })}>+</button>
          </span>
        )}
        {chosen.length > 1 && !off && (
          <button type="button" data-action="make-block" title="Rename the chosen consecutive layers into one block"
                  onClick={() => { emit({ kind: "block", nodes: chosen }); clearChosen(); }}>
            make a block of {chosen.length}</button>
        )}
        {sync && !off && (
          <button type="button" data-action="sync" title={`Give ${sync.id}'s settings to the same layer in every copy`}
                  onClick={() => emit({ kind: "sync", id: sync.id })}>
            apply to {sync.copies} cop{sync.copies === 1 ? "y" : "ies"}</button>
        )}
        {graph.grouped && (
          graph.collapsed.length > 0
            ? <button type="button" data-action="expand-all" title="Show every block's layers"
                      onClick={() => emit({ kind: "collapse", id: "*", collapsed: false })}>▾ expand blocks</button>
            : <button type="button" data-action="collapse-all" title="Show each block as one node"
                      onClick={() => emit({ kind: "collapse", id: "*", collapsed: true })}>▸ collapse blocks</button>
        )}
      </div>
      <div className="nb-tools">
        <button type="button" data-action="undo" title="Undo (Ctrl+Z)" disabled={off}
                onClick={() => emit({ kind: "undo" })}>↶</button>
        <button type="button" data-action="redo" title="Redo (Ctrl+Shift+Z)" disabled={off}
                onClick={() => emit({ kind: "redo" })}>↷</button>
        <button type="button" data-action="layout-tb" title="Lay out top to bottom" disabled={off}
                aria-pressed={graph.direction === "TB"} onClick={() => emit({ kind: "layout", direction: "TB" })}>⇣</button>
        <button type="button" data-action="layout-lr" title="Lay out left to right" disabled={off}
                aria-pressed={graph.direction === "LR"} onClick={() => emit({ kind: "layout", direction: "LR" })}>⇢</button>
        <button type="button" data-action="zoom-out" title="Zoom out" onClick={() => zoom(0.8)}>−</button>
        <button type="button" data-action="zoom-in" title="Zoom in" onClick={() => zoom(1.25)}>+</button>
        <button type="button" data-action="fit" title="Fit the network in view (as far as its text stays readable)"
                onClick={fit}>fit</button>
      </div>
    </div>
  );
}
