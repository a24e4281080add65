/**
 * Users and roles: the accounts, and disabling one. Adding one, or changing a role, is an access
 * request a second administrator approves (Access.tsx).
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { client, type Account } from "../../api.ts";
import { Loading } from "../../components/common.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { keys, queries } from "../../queries.ts";
import { useOfficeName } from "../../reference.ts";
import { ActionOutcome } from "./shared.tsx";

export function Users() {
  const { t, tv, dateTime } = useI18n();
  const list = useQuery(queries.accounts());
  const office = useOfficeName();
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: keys.accounts });
  const disable = useMutation({ mutationFn: (a: Account) => client.disableAccount(a.id), onSuccess });
  const busy = disable.isPending;
  const banner = (
    <ActionOutcome
      actions={[
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
                <td data-label={t("case.office")}>{a.officeId ? office(a.officeId) : t("common.none")}</td>
                <td data-label={t("admin.users.factors")}>
                  {[
                    a.totpEnrolled ? t("admin.users.totp") : "",
                    a.passkeyEnrolled ? t("admin.users.passkey") : "",
                  ]
                    .filter(Boolean)
                    .join(", ") || t(a.service ? "common.none" : "admin.users.awaitingEnrolment")}
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
      <p>
        <Link to="/admin/access">{t("admin.users.add")}</Link>
      </p>
    </>
  );
}
