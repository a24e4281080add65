/**
 * What the administration pages share: the account's shape, an action's notice or error, and a
 * view of any JSON.
 */
import { Alert } from "@trussworks/react-uswds";
import { useState, type ReactNode } from "react";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { useI18n } from "../../i18n/index.tsx";

export interface Account {
  id: string;
  username: string;
  displayName: string;
  role: string;
  officeId: string | null;
  totpEnrolled: boolean;
  passkeyEnrolled: boolean;
  disabledAt: string | null;
  createdAt: string;
}

/** Run an action (one at a time) and show its outcome: the problem, or a notice of success. */
export function useAction() {
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<ReactNode>(null);
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<ReactNode>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setNotice(await fn());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const banner = (
    <>
      {error !== null && <ProblemAlert error={error} />}
      {notice && (
        <Alert type="success" headingLevel="h3" slim role="status">
          {notice}
        </Alert>
      )}
    </>
  );
  return { run, busy, banner };
}

/** Any JSON the server reports (key versions, the audit report), as nested lists and tables. */
export function DataView({ value }: { value: unknown }): ReactNode {
  const { t, tv } = useI18n();
  if (value === null || value === undefined) return t("common.none");
  if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
  if (typeof value !== "object") return String(value);
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
                      <DataView value={r[c]} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    }
    return value.map((v) => String(v)).join(", ");
  }
  return (
    <dl className="facts">
      {Object.entries(value as Record<string, unknown>).map(([k, v]) => (
        <div key={k} className="facts__row">
          <dt>{tv("data", k)}</dt>
          <dd>
            <DataView value={v} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
