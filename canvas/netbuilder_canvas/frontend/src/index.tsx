// The Streamlit Custom Components v2 entry: one React root per mounted instance, re-rendered with every data
// Streamlit sends; edits go back as the one-shot trigger "event".
import type { FrontendRenderer } from "@streamlit/component-v2-lib";
import "@xyflow/react/dist/style.css";
import { createRoot, type Root } from "react-dom/client";
import { Canvas } from "./Canvas";
import "./canvas.css";
import type { CanvasEvent, Graph } from "./types";

type State = { event: (CanvasEvent & { nonce: string }) | null };

const roots = new WeakMap<object, { root: Root; renders: number }>();

function nonce(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

const render: FrontendRenderer<State, Graph> = ({ data, parentElement, setTriggerValue }) => {
  const host = parentElement.querySelector(".nb-canvas-root") as HTMLElement | null;
  if (!host || !data) return;
  let entry = roots.get(parentElement);
  if (!entry) {
    entry = { root: createRoot(host), renders: 0 };
    roots.set(parentElement, entry);
  }
  entry.renders += 1;
  const emit = (event: CanvasEvent) => setTriggerValue("event", { ...event, nonce: nonce() });
  entry.root.render(<Canvas graph={data} emit={emit} renderId={entry.renders} />);
  return () => {
    const current = roots.get(parentElement);
    if (current) {
      current.root.unmount();
      roots.delete(parentElement);
    }
  };
};

export default render;
