import { createContext } from "react";
import type { Emit } from "./types";

export type CanvasContextValue = { emit: Emit; direction: "TB" | "LR"; readOnly: boolean; selectedEdge: string | null };

export const CanvasContext = createContext<CanvasContextValue>({
  emit: () => undefined,
  direction: "TB",
  readOnly: false,
  selectedEdge: null,
});
