/**
 * What the administration pages share: the outcome of the page's last action, and a view of any
 * JSON.
 */
import { Alert } from "@trussworks/react-uswds";
import type { ReactNode } from "react";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { useOfficeName } from "../../reference.ts";

/** What a page shows of one of its writes (a TanStack Query mutation). */
export interface ActionState {
  status: "idle" | "pending" | "error" | "success";
  error: unknown;
  submittedAt: number;
}

/**
 * The outcome of the action last started on the page: its problem, or its notice of success.
 * Each action is a mutation with the notice to show when it has succeeded.
 */
export function ActionOutcome({ actions }: { actions: [ActionState, ReactNode][] }) {
  let last: [ActionState, ReactNode] | undefined;
  for (const a of actions)
    if (a[0].status !== "idle" && (!last || a[0].submittedAt > last[0].submittedAt)) last = a;
  if (!last) return null;
  const [state, notice] = last;
  if (state.status === "error") return <ProblemAlert error={state.error} />;
  if (state.status !== "success" || !notice) return null;
  return (
    <Alert type="success" headingLevel="h3" slim role="status">
      {notice}
    </Alert>
  );
}

/** An instant as the server sends it (ISO 8601), shown in Korean time. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * Any JSON the server reports (key versions, the monthly review), as nested lists and tables: its
 * names in the reader's language (`data.*`), instants in Korean time, roles, actions, offices and
 * known values in words (`name` is the field the value is under).
 */
export function DataView({ value, name }: { value: unknown; name?: string }): ReactNode {
  const { t, tv, dateTime, lookup } = useI18n();
  const office = useOfficeName();
  if (value === null || value === undefined) return t("common.none");
  if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
  if (typeof value === "number") return String(value);
  if (typeof value === "string") {
    if (INSTANT.test(value)) return <time dateTime={value}>{dateTime(value)}</time>;
    if (name === "actorRole") return tv("role", value);
    if (name === "action") return tv("auditAction", value);
    if (name === "officeId") return office(value);
    return (name && lookup(`dataValue.${name}.${value}`)) ?? value;
  }
  if (typeof value !== "object") return t("common.none");
  if (Array.isArray(value)) {
    if (value.length === 0) return t("common.none");
    const rows = value as Record<string, unknown>[];
    if (rows.every((r) => r && typeof r === "object" && !Array.isArray(r))) {
      const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
      return (
        <div className="usa-table-container--scrollable" tabIndex={0}>
          <table className="usa-table usa-table--compact usa-table--borderless">
            <thead>
              <tr>
                {cols.map((c) => (
                  <th key={c} scope="col">
                    {tv("data", c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>
                  {cols.map((c) => (
                    <td key={c}>
                      <DataView value={r[c]} name={c} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    }
    return value.map((v) => (typeof v === "string" && INSTANT.test(v) ? dateTime(v) : String(v))).join(", ");
  }
  return (
    <dl className="facts">
      {Object.entries(value as Record<string, unknown>).map(([k, v]) => (
        <div key={k} className="facts__row">
          <dt>{tv("data", k)}</dt>
          <dd>
            <DataView value={v} name={k} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
