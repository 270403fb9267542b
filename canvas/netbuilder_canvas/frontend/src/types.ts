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

// What the output node says of a followed sample: its prediction, each class's probability, the loss.
export type Answer = {
  kind: "classes" | "values";
  predicted?: string; // a class
  p?: number; // its probability
  classes?: { name: string; p: number; predicted: boolean; true: boolean }[];
  values?: number[]; // a regression's first values
  true: string | number[] | null;
  correct: boolean | null;
  loss: number | null;
  more: number; // classes or values left out
};

export type RepeatControl = { group: string; count: number; more: boolean };

export type GraphNode = {
  id: string; // a layer id, "input", or a collapsed block ("group:…", "repeat:…")
  kind: "input" | "layer" | "group";
  type: string; // a collapsed block: how many layers
  title: string; // a layer inside a block shows the rest of its id
  full: string;
  shape: string;
  shape_in?: string; // a collapsed block: the shape it reads
  params: number;
  error: { message: string; hint: string } | null;
  merge: boolean;
  role: "input" | "layer" | "output";
  position: [number, number];
  deletable: boolean;
  live: Live | null;
  mark?: { kind: "added" | "changed"; text: string } | null; // what a variant changed from the setup it varies
  units: boolean; // offers one unit more / fewer (a hidden Linear)
  repeat?: RepeatControl | null;
  locked?: boolean; // a teacher's link locks it: drawn disabled, not moved, not edited
  answer?: Answer | null; // the output node, while a sample is followed
};

export type GraphEdge = {
  source: string;
  target: string;
  label: string;
  width: number;
  lane: number | null; // a wire that skips layers runs along this x (TB) or y (LR)
  wires: [string, string][]; // the spec's wires it stands for (more than one into a collapsed block)
  sample?: boolean; // its width and label are a followed sample's activation size
};

export type Frame = {
  id: string;
  title: string;
  box: [number, number, number, number];
  head: number; // where the head starts inside the box (clear of the wire entering it)
  level: number;
  layers: number;
  params: number;
  repeat: RepeatControl | null;
};

export type PaletteGroup = { category: string; types: { name: string; help: string }[] };

export type Graph = {
  nodes: GraphNode[];
  edges: GraphEdge[];
  frames: Frame[];
  bounds: [number, number, number, number]; // everything drawn, flow units
  card: [number, number]; // every node's card (width, height)
  panel: [number, number, number]; // a layer's live panel: gap from the card, width, height
  palette: PaletteGroup[];
  selected: string | null;
  direction: "TB" | "LR";
  fit_token: number;
  legend: { title: string; lo: string; hi: string; colors: string[] } | null;
  message: string | null;
  read_only: boolean;
  quick: { hidden: { count: number; remove: boolean } | null; sync: { id: string; copies: number } | null };
  grouped: boolean; // the network has blocks (groups of layers named by the convention)
  collapsed: string[];
  height?: number; // px; the mounted component's height
  report_drawn?: boolean; // send a "drawn" event once the nodes are on screen (the page's first drawing)
};

export type CanvasEvent =
  | { kind: "add"; type: string; position: [number, number] | null; edge: { source: string; target: string } | null }
  | { kind: "connect"; source: string; target: string }
  | { kind: "delete"; nodes: string[]; edges: { source: string; target: string }[] }
  | { kind: "move"; positions: Record<string, [number, number]> }
  | { kind: "select"; id: string | null }
  | { kind: "layout"; direction: "TB" | "LR" }
  | { kind: "undo" }
  | { kind: "redo" }
  | { kind: "collapse"; id: string; collapsed: boolean } // "*": every block
  | { kind: "repeat"; group: string; count: number }
  | { kind: "block"; nodes: string[] }
  | { kind: "sync"; id: string }
  | { kind: "hidden"; delta: 1 | -1 }
  | { kind: "units"; id: string; delta: 1 | -1 }
  | { kind: "drawn" }; // the nodes are on screen (asked for by report_drawn)

export type Emit = (event: CanvasEvent) => void;
