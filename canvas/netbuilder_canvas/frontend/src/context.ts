import { createContext } from "react";
import type { Emit } from "./types";

export type CanvasContextValue = {
  emit: Emit;
  direction: "TB" | "LR";
  readOnly: boolean;
  selectedEdge: string | null;
  card: [number, number];
  panel: [number, number, number];
};

export const CanvasContext = createContext<CanvasContextValue>({
  emit: () => undefined,
  direction: "TB",
  readOnly: false,
  selectedEdge: null,
  card: [200, 64],
  panel: [8, 200, 64],
});
