/** Users and roles: the accounts, disabling one, and adding one. */
import { Button, Label, Select, TextInput } from "@trussworks/react-uswds";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ROLES, type Role } from "../../../../src/security/access/rights.ts";
import { client, type Account } from "../../api.ts";
import { Loading } from "../../components/common.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { keys, queries } from "../../queries.ts";
import { useOffices } from "../../reference.ts";
import { ActionOutcome } from "./shared.tsx";

export function Users() {
  const { t, tv, dateTime } = useI18n();
  const offices = useOffices();
  const list = useQuery(queries.accounts());
  const [form, setForm] = useState({
    username: "",
    displayName: "",
    role: "examiner",
    officeId: "",
    password: "",
  });
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: keys.accounts });
  const add = useMutation({
    mutationFn: () =>
      client.createAccount({ ...form, role: form.role as Role, officeId: form.officeId || null }),
    onSuccess,
  });
  const disable = useMutation({ mutationFn: (a: Account) => client.disableAccount(a.id), onSuccess });
  const busy = add.isPending || disable.isPending;
  const set = (k: keyof typeof form, v: string) => setForm((f) => ({ ...f, [k]: v }));
  function create(e: FormEvent) {
    e.preventDefault();
    add.mutate();
  }
  const banner = (
    <ActionOutcome
      actions={[
        [
          add,
          add.data && (
            <>
              {t("admin.users.created", { user: add.data.account.username })}{" "}
              <code className="font-mono-sm">{add.data.totp?.secret}</code>
            </>
          ),
        ],
        [disable, disable.variables && t("admin.users.disabled", { user: disable.variables.username })],
      ]}
    />
  );
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
                      onClick={() => disable.mutate(a)}
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
