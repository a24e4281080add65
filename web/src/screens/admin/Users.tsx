/**
 * Users and roles: each account with its real state (active, awaiting enrolment, disabled, a
 * service account) and what may be done with it. Disabling is immediate; a new role or a reset of
 * the second factor is an access request that a second administrator approves (Access.tsx), to
 * which the row links with the account chosen.
 */
import { Tag } from "@trussworks/react-uswds";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { client, type Account } from "../../api.ts";
import { Loading } from "../../components/common.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { keys, queries } from "../../queries.ts";
import { useOfficeName } from "../../reference.ts";
import { useSignedIn } from "../../session.tsx";
import { ActionOutcome } from "./shared.tsx";

type State = "active" | "awaitingEnrolment" | "disabled" | "service";

/** What an account's row says of it: disabled first, then a service account, then enrolled or not. */
export function accountState(a: Account): State {
  if (a.disabledAt) return "disabled";
  if (a.service) return "service";
  return a.totpEnrolled || a.passkeyEnrolled ? "active" : "awaitingEnrolment";
}

const TAG: Record<State, string> = {
  active: "bg-green",
  awaitingEnrolment: "bg-gold text-ink",
  disabled: "bg-base-dark",
  service: "bg-primary",
};

export function Users() {
  const { t, tv, dateTime } = useI18n();
  const session = useSignedIn();
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
      <p>{t("admin.users.intro")}</p>
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
              <th scope="col">{t("admin.users.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((a) => {
              const state = accountState(a);
              const self = a.username === session.username;
              return (
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
                    <Tag className={TAG[state]}>{tv("accountState", state)}</Tag>
                    {a.disabledAt && (
                      <span className="display-block font-body-3xs">
                        {t("admin.users.disabledAt", { at: dateTime(a.disabledAt) })}
                      </span>
                    )}
                  </td>
                  <td data-label={t("admin.users.actions")}>
                    {state === "disabled" ? (
                      <Link
                        to={`/admin/access?kind=enable&account=${encodeURIComponent(a.id)}`}
                        aria-label={t("admin.users.enableOf", { user: a.username })}
                      >
                        {t("admin.users.enable")}
                      </Link>
                    ) : (
                      <ul className="usa-list usa-list--unstyled">
                        <li>
                          <Link
                            to={`/admin/access?kind=role&account=${encodeURIComponent(a.id)}`}
                            aria-label={t("admin.users.changeRoleOf", { user: a.username })}
                          >
                            {t("admin.users.changeRole")}
                          </Link>
                        </li>
                        {!a.service && (
                          <li>
                            <Link
                              to={`/admin/access?kind=enrolment&account=${encodeURIComponent(a.id)}`}
                              aria-label={t("admin.users.resetFactorsOf", { user: a.username })}
                            >
                              {t("admin.users.resetFactors")}
                            </Link>
                          </li>
                        )}
                        {!self && (
                          <li>
                            <button
                              type="button"
                              className="usa-button usa-button--unstyled"
                              disabled={busy}
                              aria-label={t("admin.users.disableUser", { user: a.username })}
                              onClick={() => disable.mutate(a)}
                            >
                              {t("admin.users.disable")}
                            </button>
                          </li>
                        )}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p>
        <Link to="/admin/access">{t("admin.users.add")}</Link>
      </p>
    </>
  );
}
