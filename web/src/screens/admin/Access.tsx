/**
 * Access requests (docs/security.md requirement 18): one administrator requests a new account, a
 * new role or an API token; another approves it in a dialog that asks for a new code, or rejects
 * it; break-glass approvals made at the machine wait here for a review. The requester gets the
 * new user's enrolment link, the approver the one-time code: the user needs both, and nobody but
 * the user ever sees their password or authenticator secret.
 */
import { Alert, Button, Checkbox, Fieldset, Label, Select, TextInput } from "@trussworks/react-uswds";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import { ROLE_DEFINITIONS, ROLES, type Role } from "../../../../src/security/access/rights.ts";
import { client, type AccessRequest, type AccessRequestInput } from "../../api.ts";
import { Loading } from "../../components/common.tsx";
import { FreshFactorDialog } from "../../components/FreshFactorDialog.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { keys, queries } from "../../queries.ts";
import { useOfficeName, useOffices } from "../../reference.ts";
import { useSignedIn } from "../../session.tsx";

/** Rights no token carries: tokens never give access. */
const ACCESS_RIGHTS = ["account.manage", "token.manage"];

type Kind = "account" | "role" | "token" | "enrolment" | "enable";

function RequestForm({ onRequested }: { onRequested: (link: string | null, username: string) => void }) {
  const { t, tv } = useI18n();
  const offices = useOffices();
  const office = useOfficeName();
  const accounts = useQuery(queries.accounts());
  const queryClient = useQueryClient();
  // The accounts table links here with the request and the account chosen (?kind=role&account=…).
  const [params] = useSearchParams();
  const asked = params.get("kind");
  const [kind, setKind] = useState<Kind>(
    asked === "role" || asked === "enrolment" || asked === "enable" ? asked : "account",
  );
  const [form, setForm] = useState({
    username: "",
    displayName: "",
    role: "examiner",
    officeId: "",
    service: false,
    accountId: params.get("account") ?? "",
    name: "",
    scopes: [] as string[],
  });
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm((f) => ({ ...f, [k]: v }));
  const active = (accounts.data ?? []).filter((a) => !a.disabledAt);
  const services = active.filter((a) => a.service);
  const disabled = (accounts.data ?? []).filter((a) => a.disabledAt);
  const target = active.find((a) => a.id === form.accountId);
  const rights = target
    ? ROLE_DEFINITIONS[target.role as Role].rights.filter((r) => !ACCESS_RIGHTS.includes(r))
    : [];
  const send = useMutation({
    mutationFn: () => {
      const officeId = form.officeId || null;
      const body: AccessRequestInput =
        kind === "account"
          ? {
              kind,
              username: form.username,
              displayName: form.displayName,
              role: form.role as Role,
              officeId,
              service: form.service,
            }
          : kind === "role"
            ? { kind, accountId: form.accountId, role: form.role as Role, officeId }
            : kind === "enrolment" || kind === "enable"
              ? { kind, accountId: form.accountId }
              : { kind, accountId: form.accountId, name: form.name, scopes: form.scopes };
      return client.requestAccess(body);
    },
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: keys.accessRequests });
      onRequested(r.enrolmentLink, r.request.username);
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    send.mutate();
  }
  const roleAndOffice = (
    <>
      <Label htmlFor="ar-role">{t("admin.users.role")}</Label>
      <Select id="ar-role" name="role" value={form.role} onChange={(e) => set("role", e.target.value)}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {tv("role", r)}
          </option>
        ))}
      </Select>
      <Label htmlFor="ar-office">{t("case.office")}</Label>
      <Select
        id="ar-office"
        name="officeId"
        value={form.officeId}
        onChange={(e) => set("officeId", e.target.value)}
      >
        <option value="">{t("admin.users.noOffice")}</option>
        {offices.map((o) => (
          <option key={o.code} value={o.code}>
            {office(o.code)}
          </option>
        ))}
      </Select>
    </>
  );
  const accountSelect = (list: typeof active) => (
    <>
      <Label htmlFor="ar-account">{t("admin.access.account")}</Label>
      <Select
        id="ar-account"
        name="accountId"
        required
        value={form.accountId}
        onChange={(e) => setForm((f) => ({ ...f, accountId: e.target.value, scopes: [] }))}
      >
        <option value="">{t("common.choose")}</option>
        {list.map((a) => (
          <option key={a.id} value={a.id}>
            {a.username} ({tv("role", a.role)})
          </option>
        ))}
      </Select>
    </>
  );
  return (
    <form className="usa-form" onSubmit={submit}>
      {send.isError && <ProblemAlert error={send.error} />}
      <Label htmlFor="ar-kind">{t("admin.access.kind")}</Label>
      <Select id="ar-kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
        {(["account", "role", "token", "enrolment", "enable"] as const).map((k) => (
          <option key={k} value={k}>
            {t(`admin.access.kinds.${k}`)}
          </option>
        ))}
      </Select>
      {kind === "account" && (
        <>
          <Label htmlFor="ar-username">{t("signIn.username")}</Label>
          <TextInput
            id="ar-username"
            name="username"
            type="text"
            required
            value={form.username}
            onChange={(e) => set("username", e.target.value)}
          />
          <Label htmlFor="ar-name">{t("admin.users.name")}</Label>
          <TextInput
            id="ar-name"
            name="displayName"
            type="text"
            required
            value={form.displayName}
            onChange={(e) => set("displayName", e.target.value)}
          />
          {roleAndOffice}
          <Checkbox
            id="ar-service"
            name="service"
            label={t("admin.access.service")}
            checked={form.service}
            onChange={(e) => set("service", e.target.checked)}
          />
        </>
      )}
      {kind === "role" && (
        <>
          {accountSelect(active)}
          {roleAndOffice}
        </>
      )}
      {kind === "enrolment" && accountSelect(active.filter((a) => !a.service))}
      {kind === "enable" && (
        <>
          {accountSelect(disabled)}
          <p className="usa-hint">{t("admin.access.enableHint")}</p>
        </>
      )}
      {kind === "token" && (
        <>
          {accountSelect(services)}
          <Label htmlFor="ar-token-name">{t("admin.access.tokenName")}</Label>
          <TextInput
            id="ar-token-name"
            name="name"
            type="text"
            required
            value={form.name}
            onChange={(e) => set("name", e.target.value)}
          />
          {target && (
            <Fieldset legend={t("admin.access.scopes")}>
              {rights.map((r) => (
                <Checkbox
                  key={r}
                  id={`ar-scope-${r}`}
                  name="scopes"
                  value={r}
                  label={r}
                  checked={form.scopes.includes(r)}
                  onChange={(e) =>
                    set("scopes", e.target.checked ? [...form.scopes, r] : form.scopes.filter((s) => s !== r))
                  }
                />
              ))}
            </Fieldset>
          )}
        </>
      )}
      <Button type="submit" disabled={send.isPending} className="margin-top-2">
        {t("admin.access.submit")}
      </Button>
    </form>
  );
}

function describe(
  r: AccessRequest,
  i18n: ReturnType<typeof useI18n>,
  office: (code: string) => string,
): string {
  if (r.kind === "token") return `${r.tokenName ?? ""}: ${(r.scopes ?? []).join(", ")}`;
  return [
    r.role ? i18n.tv("role", r.role) : "",
    r.officeId ? office(r.officeId) : "",
    r.service ? i18n.t("admin.access.serviceShort") : "",
  ]
    .filter(Boolean)
    .join(" · ");
}

function Pending({ onApproved }: { onApproved: (notice: string) => void }) {
  const i18n = useI18n();
  const office = useOfficeName();
  const { t, dateTime } = i18n;
  const session = useSignedIn();
  const list = useQuery(queries.accessRequests());
  const queryClient = useQueryClient();
  const [approving, setApproving] = useState<AccessRequest | null>(null);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const done = () => {
    void queryClient.invalidateQueries({ queryKey: keys.accessRequests });
    void queryClient.invalidateQueries({ queryKey: keys.accounts });
  };
  const approve = useMutation({
    mutationFn: ({ r, code }: { r: AccessRequest; code: string }) => client.approveAccess(r.id, code),
    onSuccess: (a) => {
      setApproving(null);
      done();
      onApproved(
        a.enrolmentCode
          ? t("admin.access.approvedCode", { user: a.request.username, code: a.enrolmentCode })
          : a.token
            ? t("admin.access.approvedToken", { token: a.token })
            : t("admin.access.approved", { user: a.request.username }),
      );
    },
  });
  const reject = useMutation({
    mutationFn: (r: AccessRequest) => client.rejectAccess(r.id, reasons[r.id] ?? ""),
    onSuccess: (r) => {
      done();
      onApproved(t("admin.access.rejected", { user: r.username }));
    },
  });
  const review = useMutation({
    mutationFn: (r: AccessRequest) => client.reviewAccess(r.id),
    onSuccess: (r) => {
      done();
      onApproved(t("admin.access.reviewed", { user: r.username }));
    },
  });
  if (list.error) return <ProblemAlert error={list.error} />;
  if (!list.data) return <Loading />;
  if (list.data.length === 0) return <p>{t("admin.access.none")}</p>;
  return (
    <>
      {(reject.isError || review.isError) && <ProblemAlert error={reject.error ?? review.error} />}
      <table className="usa-table usa-table--borderless usa-table--stacked width-full">
        <caption className="usa-sr-only">{t("admin.access.pending")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("signIn.username")}</th>
            <th scope="col">{t("admin.access.kind")}</th>
            <th scope="col">{t("admin.access.what")}</th>
            <th scope="col">{t("admin.access.requestedBy")}</th>
            <th scope="col">{t("admin.users.state")}</th>
          </tr>
        </thead>
        <tbody>
          {list.data.map((r) => (
            <tr key={r.id}>
              <th scope="row" data-label={t("signIn.username")}>
                {r.username}
              </th>
              <td data-label={t("admin.access.kind")}>{t(`admin.access.kinds.${r.kind}`)}</td>
              <td data-label={t("admin.access.what")}>{describe(r, i18n, office)}</td>
              <td data-label={t("admin.access.requestedBy")}>
                {r.requestedBy} · {dateTime(r.requestedAt)}
              </td>
              <td data-label={t("admin.users.state")}>
                {r.state !== "pending" ? (
                  <>
                    <p className="margin-y-05">
                      {t("admin.access.breakGlass", { who: r.decidedBy ?? "", reason: r.reason ?? "" })}
                    </p>
                    <Button
                      type="button"
                      outline
                      disabled={review.isPending}
                      onClick={() => review.mutate(r)}
                    >
                      {t("admin.access.review")}
                    </Button>
                  </>
                ) : r.requestedBy === session.username ? (
                  t("admin.access.waiting")
                ) : (
                  <>
                    <Button type="button" onClick={() => setApproving(r)}>
                      {t("admin.access.approve")}
                    </Button>
                    <form
                      className="margin-top-1"
                      onSubmit={(e) => {
                        e.preventDefault();
                        reject.mutate(r);
                      }}
                    >
                      <Label htmlFor={`reject-${r.id}`}>{t("admin.access.rejectReason")}</Label>
                      <TextInput
                        id={`reject-${r.id}`}
                        name="reason"
                        type="text"
                        required
                        value={reasons[r.id] ?? ""}
                        onChange={(e) => setReasons((m) => ({ ...m, [r.id]: e.target.value }))}
                      />
                      <Button type="submit" outline disabled={reject.isPending}>
                        {t("admin.access.reject")}
                      </Button>
                    </form>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <FreshFactorDialog
        open={approving !== null}
        heading={t("admin.access.approveHeading", { user: approving?.username ?? "" })}
        confirmLabel={t("admin.access.approve")}
        username={session.username}
        busy={approve.isPending}
        error={approve.error}
        onConfirm={(code) => approving && approve.mutate({ r: approving, code })}
        onClose={() => {
          setApproving(null);
          approve.reset();
        }}
      >
        {approving && (
          <p>
            {t(`admin.access.kinds.${approving.kind}`)}: {describe(approving, i18n, office)}
          </p>
        )}
      </FreshFactorDialog>
    </>
  );
}

export function Access() {
  const { t } = useI18n();
  const [notice, setNotice] = useState<{ text: string; link?: string } | null>(null);
  return (
    <>
      <h2>{t("admin.access.heading")}</h2>
      <p>{t("admin.access.intro")}</p>
      {notice && (
        <Alert type="success" headingLevel="h3" slim role="status">
          {notice.text}
          {notice.link && (
            <>
              {" "}
              <code className="font-mono-sm secret-text" data-testid="enrolment-link">
                {notice.link}
              </code>
            </>
          )}
        </Alert>
      )}
      <h3>{t("admin.access.pending")}</h3>
      <Pending onApproved={(text) => setNotice({ text })} />
      <h3>{t("admin.access.request")}</h3>
      <RequestForm
        onRequested={(link, user) =>
          setNotice(
            link
              ? {
                  text: t("admin.access.requestedLink", { user }),
                  link: `${window.location.origin}/enrol#${link}`,
                }
              : { text: t("admin.access.requested", { user }) },
          )
        }
      />
    </>
  );
}
