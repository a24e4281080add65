/** Administration: users and roles, mandates, holidays, key rotation and the monthly audit report. */
import { Alert, Button, Checkbox, Label, Select, TextInput } from "@trussworks/react-uswds";
import { useState, type FormEvent, type ReactNode } from "react";
import { NavLink, Route, Routes } from "react-router";
import type { z } from "zod";
import { HolidayInputSchema, type HolidaySchema } from "../../../src/contracts/api.ts";
import { ROLES } from "../../../src/security/access/rights.ts";
import { api } from "../api.ts";
import { Loading, shortId, PlainInput } from "../components/common.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { StepUpField, stepUp } from "../components/StepUp.tsx";
import { useI18n, type MessageKey } from "../i18n/index.tsx";
import { useOffices } from "../reference.ts";
import { useSignedIn } from "../session.tsx";
import { useLoad } from "../useLoad.ts";

interface Account {
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
interface Mandate {
  id: string;
  caseId: string;
  representativeId: string;
  validFrom: string;
  validUntil: string | null;
  revokedAt: string | null;
}
type Holiday = z.infer<typeof HolidaySchema>;

function useAction() {
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

function Users() {
  const { t, tv, dateTime } = useI18n();
  const offices = useOffices();
  const list = useLoad(
    async (signal) => (await api.get<{ items: Account[] }>("/accounts", signal)).data.items,
    [],
  );
  const [form, setForm] = useState({
    username: "",
    displayName: "",
    role: "examiner",
    officeId: "",
    password: "",
  });
  const { run, busy, banner } = useAction();
  const set = (k: keyof typeof form, v: string) => setForm((f) => ({ ...f, [k]: v }));
  function create(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      const r = await api.post<{ account: Account; totp: { secret: string } }>("/accounts", {
        ...form,
        officeId: form.officeId || null,
      });
      list.reload();
      return (
        <>
          {t("admin.users.created", { user: r.data.account.username })}{" "}
          <code className="font-mono-sm">{r.data.totp.secret}</code>
        </>
      );
    });
  }
  return (
    <>
      <h2>{t("admin.users.heading")}</h2>
      {banner}
      {list.error ? (
        <ProblemAlert error={list.error} />
      ) : !list.data ? (
        <Loading />
      ) : (
        <table className="usa-table usa-table--borderless usa-table--stacked width-full">
          <caption className="usa-sr-only">{t("admin.users.heading")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("signIn.username")}</th>
              <th scope="col">{t("admin.users.name")}</th>
              <th scope="col">{t("admin.users.role")}</th>
              <th scope="col">{t("case.office")}</th>
              <th scope="col">{t("admin.users.factors")}</th>
              <th scope="col">{t("admin.users.state")}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((a) => (
              <tr key={a.id}>
                <th scope="row" data-label={t("signIn.username")}>
                  {a.username}
                </th>
                <td data-label={t("admin.users.name")}>{a.displayName}</td>
                <td data-label={t("admin.users.role")}>{tv("role", a.role)}</td>
                <td data-label={t("case.office")}>{a.officeId ?? t("common.none")}</td>
                <td data-label={t("admin.users.factors")}>
                  {[
                    a.totpEnrolled ? t("admin.users.totp") : "",
                    a.passkeyEnrolled ? t("admin.users.passkey") : "",
                  ]
                    .filter(Boolean)
                    .join(", ") || t("common.none")}
                </td>
                <td data-label={t("admin.users.state")}>
                  {a.disabledAt ? (
                    t("admin.users.disabledAt", { at: dateTime(a.disabledAt) })
                  ) : (
                    <button
                      type="button"
                      className="usa-button usa-button--unstyled"
                      disabled={busy}
                      aria-label={t("admin.users.disableUser", { user: a.username })}
                      onClick={() =>
                        void run(async () => {
                          await api.post(`/accounts/${a.id}/disable`);
                          list.reload();
                          return t("admin.users.disabled", { user: a.username });
                        })
                      }
                    >
                      {t("admin.users.disable")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t("admin.users.add")}</h3>
      <form className="usa-form" onSubmit={create}>
        <Label htmlFor="u-username">{t("signIn.username")}</Label>
        <TextInput
          id="u-username"
          name="username"
          type="text"
          required
          value={form.username}
          onChange={(e) => set("username", e.target.value)}
        />
        <Label htmlFor="u-name">{t("admin.users.name")}</Label>
        <TextInput
          id="u-name"
          name="displayName"
          type="text"
          required
          value={form.displayName}
          onChange={(e) => set("displayName", e.target.value)}
        />
        <Label htmlFor="u-role">{t("admin.users.role")}</Label>
        <Select id="u-role" name="role" value={form.role} onChange={(e) => set("role", e.target.value)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {tv("role", r)}
            </option>
          ))}
        </Select>
        <Label htmlFor="u-office">{t("case.office")}</Label>
        <Select
          id="u-office"
          name="officeId"
          value={form.officeId}
          onChange={(e) => set("officeId", e.target.value)}
        >
          <option value="">{t("admin.users.noOffice")}</option>
          {offices.map((o) => (
            <option key={o.code} value={o.code}>
              {o.code}
            </option>
          ))}
        </Select>
        <Label htmlFor="u-password" hint={t("admin.users.passwordHint")}>
          {t("signIn.password")}
        </Label>
        <TextInput
          id="u-password"
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={12}
          required
          value={form.password}
          onChange={(e) => set("password", e.target.value)}
        />
        <Button type="submit" disabled={busy} className="margin-top-2">
          {t("admin.users.create")}
        </Button>
      </form>
    </>
  );
}

function Mandates() {
  const { t, date } = useI18n();
  const [caseId, setCaseId] = useState("");
  const [shown, setShown] = useState("");
  const [rep, setRep] = useState("");
  const [validFrom, setValidFrom] = useState(new Date().toISOString().slice(0, 10));
  const { run, busy, banner } = useAction();
  const reps = useLoad(
    async (signal) => (await api.get<{ items: Account[] }>("/accounts", signal)).data.items,
    [],
  );
  const lawyers = (reps.data ?? []).filter((a) => a.role === "representative" && !a.disabledAt);
  const list = useLoad(
    async (signal) =>
      shown ? (await api.get<{ items: Mandate[] }>(`/cases/${shown}/mandates`, signal)).data.items : [],
    [shown],
  );
  const nameOf = (id: string) => (reps.data ?? []).find((a) => a.id === id)?.username ?? shortId(id);
  return (
    <>
      <h2>{t("admin.mandates.heading")}</h2>
      <p>{t("admin.mandates.intro")}</p>
      {banner}
      <form
        className="usa-form"
        onSubmit={(e) => {
          e.preventDefault();
          setShown(caseId.trim());
        }}
      >
        <Label htmlFor="m-case" hint={t("admin.mandates.caseHint")}>
          {t("admin.mandates.caseId")}
        </Label>
        <TextInput
          id="m-case"
          name="caseId"
          type="text"
          required
          value={caseId}
          onChange={(e) => setCaseId(e.target.value)}
        />
        <Button type="submit" className="margin-top-2">
          {t("admin.mandates.show")}
        </Button>
      </form>
      {shown && list.error ? <ProblemAlert error={list.error} /> : null}
      {shown && list.data && (
        <>
          <table className="usa-table usa-table--borderless width-full">
            <caption>{t("admin.mandates.ofCase", { id: shortId(shown) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.mandates.representative")}</th>
                <th scope="col">{t("admin.mandates.validFrom")}</th>
                <th scope="col">{t("admin.mandates.validUntil")}</th>
                <th scope="col">{t("admin.users.state")}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.length === 0 && (
                <tr>
                  <td colSpan={4}>{t("admin.mandates.none")}</td>
                </tr>
              )}
              {list.data.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{nameOf(m.representativeId)}</th>
                  <td>{date(m.validFrom)}</td>
                  <td>{m.validUntil ? date(m.validUntil) : t("common.none")}</td>
                  <td>
                    {m.revokedAt ? (
                      t("admin.mandates.revoked")
                    ) : (
                      <button
                        type="button"
                        className="usa-button usa-button--unstyled"
                        disabled={busy}
                        onClick={() =>
                          void run(async () => {
                            await api.del(`/mandates/${m.id}`);
                            list.reload();
                            return t("admin.mandates.revokedNotice");
                          })
                        }
                      >
                        {t("admin.mandates.revoke")}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <form
            className="usa-form"
            onSubmit={(e) => {
              e.preventDefault();
              void run(async () => {
                await api.post(`/cases/${shown}/mandates`, { representativeId: rep, validFrom });
                list.reload();
                return t("admin.mandates.granted");
              });
            }}
          >
            <h3>{t("admin.mandates.grant")}</h3>
            <Label htmlFor="m-rep">{t("admin.mandates.representative")}</Label>
            <Select
              id="m-rep"
              name="representativeId"
              required
              value={rep}
              onChange={(e) => setRep(e.target.value)}
            >
              <option value="">{t("common.choose")}</option>
              {lawyers.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.displayName} ({a.username})
                </option>
              ))}
            </Select>
            <Label htmlFor="m-from">{t("admin.mandates.validFrom")}</Label>
            <PlainInput
              id="m-from"
              name="validFrom"
              type="date"
              required
              value={validFrom}
              onChange={(e) => setValidFrom(e.target.value)}
            />
            <Button type="submit" disabled={busy || !rep} className="margin-top-2">
              {t("admin.mandates.grant")}
            </Button>
          </form>
        </>
      )}
    </>
  );
}

function Holidays() {
  const { t, tv, date } = useI18n();
  const [year, setYear] = useState(new Date().getFullYear());
  const list = useLoad(
    async (signal) => (await api.get<{ items: Holiday[] }>(`/holidays?year=${year}`, signal)).data.items,
    [year],
  );
  const [form, setForm] = useState({ date: "", name: "", kind: "temporary", source: "" });
  const [invalid, setInvalid] = useState(false);
  const { run, busy, banner } = useAction();
  return (
    <>
      <h2>{t("admin.holidays.heading")}</h2>
      {banner}
      <div className="usa-form">
        <Label htmlFor="h-year">{t("admin.holidays.year")}</Label>
        <Select id="h-year" name="year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
          {Array.from({ length: 10 }, (_, i) => new Date().getFullYear() - 6 + i).map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </Select>
      </div>
      {list.error ? (
        <ProblemAlert error={list.error} />
      ) : !list.data ? (
        <Loading />
      ) : (
        <table className="usa-table usa-table--borderless usa-table--compact width-full">
          <caption>{t("admin.holidays.of", { year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.holidays.date")}</th>
              <th scope="col">{t("admin.holidays.name")}</th>
              <th scope="col">{t("admin.holidays.kind")}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((h) => (
              <tr key={h.date}>
                <th scope="row">{date(h.date)}</th>
                <td>{h.names.join(", ")}</td>
                <td>{tv("holidayKind", h.kind)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t("admin.holidays.add")}</h3>
      <form
        className="usa-form"
        onSubmit={(e) => {
          e.preventDefault();
          const input = {
            date: form.date,
            name: form.name,
            kind: form.kind,
            ...(form.source ? { source: form.source } : {}),
          };
          const ok = HolidayInputSchema.safeParse(input).success;
          setInvalid(!ok);
          if (ok)
            void run(async () => {
              const r = await api.post<{ casesUpdated: number }>("/holidays", input);
              list.reload();
              return t("admin.holidays.added", { n: r.data.casesUpdated });
            });
        }}
      >
        {invalid && (
          <div className="usa-alert usa-alert--error usa-alert--slim" role="alert">
            <div className="usa-alert__body">
              <p className="usa-alert__text">{t("validation.summary")}</p>
            </div>
          </div>
        )}
        <Label htmlFor="h-date">{t("admin.holidays.date")}</Label>
        <PlainInput
          id="h-date"
          name="date"
          type="date"
          required
          value={form.date}
          onChange={(e) => setForm({ ...form, date: e.target.value })}
        />
        <Label htmlFor="h-name">{t("admin.holidays.name")}</Label>
        <TextInput
          id="h-name"
          name="name"
          type="text"
          required
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
        />
        <Label htmlFor="h-kind">{t("admin.holidays.kind")}</Label>
        <Select
          id="h-kind"
          name="kind"
          value={form.kind}
          onChange={(e) => setForm({ ...form, kind: e.target.value })}
        >
          <option value="temporary">{tv("holidayKind", "temporary")}</option>
          <option value="election">{tv("holidayKind", "election")}</option>
        </Select>
        <Label htmlFor="h-source">
          {t("admin.holidays.source")} {t("common.optional")}
        </Label>
        <TextInput
          id="h-source"
          name="source"
          type="text"
          value={form.source}
          onChange={(e) => setForm({ ...form, source: e.target.value })}
        />
        <Button type="submit" disabled={busy} className="margin-top-2">
          {t("admin.holidays.add")}
        </Button>
      </form>
    </>
  );
}

/** Any JSON the server reports (key versions, the audit report), as nested lists and tables. */
function DataView({ value }: { value: unknown }): ReactNode {
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

function Keys() {
  const { t } = useI18n();
  const session = useSignedIn();
  const keys = useLoad(async (signal) => (await api.get<Record<string, unknown>>("/keys", signal)).data, []);
  const [code, setCode] = useState("");
  const [confirm, setConfirm] = useState(false);
  const { run, busy, banner } = useAction();
  return (
    <>
      <h2>{t("admin.keys.heading")}</h2>
      <p>{t("admin.keys.intro")}</p>
      {banner}
      {keys.error ? (
        <ProblemAlert error={keys.error} />
      ) : !keys.data ? (
        <Loading />
      ) : (
        <DataView value={keys.data} />
      )}
      <form
        className="usa-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            await stepUp(code);
            const r = await api.post<{ kekVersion: number; rewrapped: number }>("/keys/rotate");
            keys.reload();
            return t("admin.keys.rotated", { version: r.data.kekVersion, n: r.data.rewrapped });
          });
        }}
      >
        <h3>{t("admin.keys.rotate")}</h3>
        <StepUpField id="k-code" value={code} onChange={setCode} username={session.username} />
        <Checkbox
          id="k-confirm"
          name="confirm"
          label={t("admin.keys.confirm")}
          checked={confirm}
          onChange={(e) => setConfirm(e.target.checked)}
        />
        <Button type="submit" disabled={busy || !confirm} className="margin-top-2">
          {t("admin.keys.rotate")}
        </Button>
      </form>
    </>
  );
}

function Audit() {
  const { t } = useI18n();
  const [month, setMonth] = useState(new Date().toISOString().slice(0, 7));
  const [shown, setShown] = useState(month);
  const report = useLoad(
    async (signal) =>
      (await api.get<Record<string, unknown>>(`/audit/report?month=${encodeURIComponent(shown)}`, signal))
        .data,
    [shown],
  );
  return (
    <>
      <h2>{t("admin.audit.heading")}</h2>
      <p>{t("admin.audit.intro")}</p>
      <form
        className="usa-form"
        onSubmit={(e) => {
          e.preventDefault();
          setShown(month);
        }}
      >
        <Label htmlFor="a-month">{t("admin.audit.month")}</Label>
        <PlainInput
          id="a-month"
          name="month"
          type="month"
          value={month}
          onChange={(e) => setMonth(e.target.value)}
        />
        <Button type="submit" className="margin-top-2">
          {t("admin.audit.show")}
        </Button>
      </form>
      {report.error ? (
        <ProblemAlert error={report.error} />
      ) : !report.data ? (
        <Loading />
      ) : (
        <DataView value={report.data} />
      )}
    </>
  );
}

const TABS: [string, MessageKey][] = [
  ["/admin", "admin.tabs.users"],
  ["/admin/mandates", "admin.tabs.mandates"],
  ["/admin/holidays", "admin.tabs.holidays"],
  ["/admin/keys", "admin.tabs.keys"],
  ["/admin/audit", "admin.tabs.audit"],
];

export function Admin() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t("admin.heading")}</h1>
      <div className="grid-row grid-gap-lg">
        <nav className="grid-col-12 tablet:grid-col-3" aria-label={t("admin.tabs.label")}>
          <ul className="usa-sidenav">
            {TABS.map(([to, label]) => (
              <li key={to} className="usa-sidenav__item">
                <NavLink to={to} end className={({ isActive }) => (isActive ? "usa-current" : "")}>
                  {t(label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="grid-col-12 tablet:grid-col-9">
          <Routes>
            <Route index element={<Users />} />
            <Route path="mandates" element={<Mandates />} />
            <Route path="holidays" element={<Holidays />} />
            <Route path="keys" element={<Keys />} />
            <Route path="audit" element={<Audit />} />
          </Routes>
        </div>
      </div>
    </>
  );
}
