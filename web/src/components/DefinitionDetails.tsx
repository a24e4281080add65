/** Pieces of the statistics screens: a figure's definition, and a wide table's frame. */
import type { ReactNode } from "react";
import { useI18n } from "../i18n/index.tsx";
import { definitionName, definitionText, type Definition } from "../statistics.ts";

/** A figure's definition, folded: a native disclosure, reachable by keyboard and read by screen readers. */
export function DefinitionDetails({ definition, open = false }: { definition: Definition; open?: boolean }) {
  const i = useI18n();
  return (
    <details className="stat-def" open={open}>
      <summary>{i.t("stats.definitionOf", { name: definitionName(i, definition) })}</summary>
      <p>{definitionText(i, definition)}</p>
    </details>
  );
}

/** A wide table's frame: it scrolls sideways on narrow screens, and can be scrolled from the keyboard. */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="stat-table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
