// The graph NetBuilder sends (Python → JS) and the events the canvas sends back (JS → Python).

export type Thumb = { w: number; h: number; v: string; lo: number; hi: number; diverging: boolean; label: string };

export type Live = {
  fill: string | null;
  grad_norm: number | null;
  update_ratio: number | null;
  dead: number | null;
  alert: string | null;
  thumbs: Thumb[];
  thumbs_title: string | null;
};

export type GraphNode = {
  id: string;
  type: string;
  title: string;
  shape: string;
  params: number;
  error: { message: string; hint: string } | null;
  merge: boolean;
  role: "input" | "layer" | "output";
  position: [number, number];
  deletable: boolean;
  live: Live | null;
};

export type GraphEdge = { source: string; target: string; label: string; width: number };

export type PaletteGroup = { category: string; types: { name: string; help: string }[] };

export type Graph = {
  nodes: GraphNode[];
  edges: GraphEdge[];
  palette: PaletteGroup[];
  selected: string | null;
  direction: "TB" | "LR";
  fit_token: number;
  legend: { title: string; lo: string; hi: string; colors: string[] } | null;
  message: string | null;
  read_only: boolean;
  height?: number; // px; the mounted component's height
};

export type CanvasEvent =
  | { kind: "add"; type: string; position: [number, number] | null; edge: { source: string; target: string } | null }
  | { kind: "connect"; source: string; target: string }
  | { kind: "delete"; nodes: string[]; edges: { source: string; target: string }[] }
  | { kind: "move"; positions: Record<string, [number, number]> }
  | { kind: "select"; id: string | null }
  | { kind: "layout"; direction: "TB" | "LR" }
  | { kind: "undo" }
  | { kind: "redo" };

export type Emit = (event: CanvasEvent) => void;
