// The Streamlit Custom Components v2 entry: one React root per mounted instance, re-rendered with every data
// Streamlit sends; edits go back as the one-shot trigger "event".
import type { FrontendRenderer } from "@streamlit/component-v2-lib";
import "@xyflow/react/dist/style.css";
import { createRoot, type Root } from "react-dom/client";
import { Canvas } from "./Canvas";
import "./canvas.css";
import type { CanvasEvent, Graph } from "./types";

type State = { event: (CanvasEvent & { nonce: string }) | null };
type Mounted = { root: Root; box: HTMLDivElement; watch: MutationObserver; renders: number };

const roots = new WeakMap<object, Mounted>();
const UNMOUNT_AFTER_MS = 1000;

function nonce(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Streamlit may replace the component's HTML (the `.nb-canvas-root` host) while the component lives on, e.g. when a
 *  fragment redraws it every second during a run: the canvas, React's own box, then moves into the new host, keeping
 *  its state (view, selection) instead of drawing into a detached element. */
function attach(parent: HTMLElement | ShadowRoot, box: HTMLDivElement): boolean {
  const host = parent.querySelector(".nb-canvas-root");
  if (!host) return false;
  if (box.parentNode !== host) host.appendChild(box);
  return true;
}

const render: FrontendRenderer<State, [Graph] | Graph> = ({ data, parentElement, setTriggerValue }) => {
  // The page sends the graph as a one-item list: Streamlit sends a list as JSON as it is, where it would first look
  // through a dict's values for data frames (importing pandas: a second of a fresh server's first page).
  const graph = Array.isArray(data) ? data[0] : data;
  if (!graph) return;
  let entry = roots.get(parentElement);
  if (!entry) {
    const box = document.createElement("div");
    box.style.height = "100%";
    const watch = new MutationObserver(() => attach(parentElement, box));
    watch.observe(parentElement, { childList: true });
    entry = { root: createRoot(box), box, watch, renders: 0 };
    roots.set(parentElement, entry);
  }
  if (!attach(parentElement, entry.box)) return;
  entry.renders += 1;
  const emit = (event: CanvasEvent) => setTriggerValue("event", { ...event, nonce: nonce() });
  entry.root.render(<Canvas graph={graph} emit={emit} renderId={entry.renders} />);
  const mine = entry.renders;
  // Streamlit also calls the cleanup of a render that a newer one overtook (two data updates in quick succession):
  // only the latest render's cleanup unmounts, and only if no render followed meanwhile.
  return () => {
    window.setTimeout(() => {
      const current = roots.get(parentElement);
      if (current && current.renders === mine) {
        current.watch.disconnect();
        current.root.unmount();
        roots.delete(parentElement);
      }
    }, UNMOUNT_AFTER_MS);
  };
};

export default render;
