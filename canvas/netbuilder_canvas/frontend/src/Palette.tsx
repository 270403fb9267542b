// The layer types, by category: drag one onto the canvas (or onto a wire), or click it to add it after the
// selected node.
import { useMemo, useState } from "react";
import type { Emit, PaletteGroup } from "./types";

export const LAYER_MIME = "application/x-netbuilder-layer";

export function Palette({ groups, emit, readOnly }: { groups: PaletteGroup[]; emit: Emit; readOnly: boolean }) {
  const [filter, setFilter] = useState("");
  const [closed, setClosed] = useState<Record<string, boolean>>({});
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return groups.map((g) => ({ ...g, types: g.types.filter((t) => !f || t.name.toLowerCase().includes(f)) }))
      .filter((g) => g.types.length > 0);
  }, [groups, filter]);
  return (
    <div className="nb-palette" aria-label="Layer palette">
      <input className="nb-filter" placeholder="Find a layer…" value={filter} aria-label="Find a layer type"
             onChange={(e) => setFilter(e.target.value)} />
      {shown.map((group) => {
        const open = filter !== "" || !closed[group.category];
        return (
          <div key={group.category} className="nb-group">
            <button type="button" className="nb-group-head" aria-expanded={open}
                    onClick={() => setClosed({ ...closed, [group.category]: open })}>
              <span>{open ? "▾" : "▸"}</span> {group.category}
            </button>
            {open && group.types.map((t) => (
              <div key={t.name} className={`nb-item${readOnly ? " nb-item-off" : ""}`} data-palette-type={t.name}
                   title={t.help} draggable={!readOnly} role="button" tabIndex={0}
                   onDragStart={(e) => {
                     e.dataTransfer.setData(LAYER_MIME, t.name);
                     e.dataTransfer.setData("text/plain", t.name);
                     e.dataTransfer.effectAllowed = "copy";
                   }}
                   onClick={() => !readOnly && emit({ kind: "add", type: t.name, position: null, edge: null })}
                   onKeyDown={(e) => {
                     if ((e.key === "Enter" || e.key === " ") && !readOnly) {
                       e.preventDefault();
                       emit({ kind: "add", type: t.name, position: null, edge: null });
                     }
                   }}>
                {t.name}
              </div>
            ))}
          </div>
        );
      })}
    </div>
  );
}
