/**
 * The re-application policy each office runs (docs/eligibility-review.md, "The office's policy"):
 * the policy in force today with its history, and setting another from a date on. A bill or
 * another jurisdiction's rule may be set (a training office) and is always shown with a warning.
 */
import { Alert, Button, Label, Select, Textarea } from "@trussworks/react-uswds";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Loading, PlainInput } from "../../components/common.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { queries } from "../../queries.ts";
import {
  eligibilityApi,
  officePolicyKey,
  policiesKey,
  type OfficePolicyInput,
} from "../case/eligibility/api.ts";

export function ReapplicationPolicy() {
  const { t, tv, date, locale } = useI18n();
  const offices = useQuery(queries.offices());
  const [office, setOffice] = useState("seoul");
  const policies = useQuery({
    queryKey: policiesKey,
    queryFn: ({ signal }) => eligibilityApi.policies(signal),
  });
  const current = useQuery({
    queryKey: officePolicyKey(office),
    queryFn: ({ signal }) => eligibilityApi.officePolicy(office, signal),
  });
  const [form, setForm] = useState({ policy: "", from: "", reason: "" });
  const queryClient = useQueryClient();
  const set = useMutation({
    mutationFn: (input: OfficePolicyInput) => eligibilityApi.setOfficePolicy(office, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["offices", office] }),
  });
  const titleOf = (id: string) => policies.data?.items.find((p) => p.id === id)?.title[locale] ?? id;
  const chosen = policies.data?.items.find((p) => p.id === form.policy);
  return (
    <>
      <h2>{t("admin.policy.heading")}</h2>
      <p>{t("admin.policy.intro")}</p>
      <div className="usa-form">
        <Label htmlFor="rp-office">{t("admin.policy.office")}</Label>
        <Select id="rp-office" name="office" value={office} onChange={(e) => setOffice(e.target.value)}>
          {(offices.data ?? []).map((o) => (
            <option key={o.code} value={o.code}>
              {locale === "ko" ? o.nameKo : o.nameEn}
            </option>
          ))}
        </Select>
      </div>
      {current.error ? (
        <ProblemAlert error={current.error} />
      ) : !current.data || !policies.data ? (
        <Loading />
      ) : (
        <>
          <p data-testid="office-policy">
            {t("admin.policy.inForce", { policy: titleOf(current.data.policy) })}{" "}
            {current.data.isDefault
              ? t("admin.policy.default")
              : t("admin.policy.since", { date: date(current.data.from) })}
          </p>
          {current.data.warning && (
            <Alert type="warning" headingLevel="h3" slim>
              {t("eligibility.notLaw")}
            </Alert>
          )}
          {current.data.history.length > 0 && (
            <table className="usa-table usa-table--borderless usa-table--compact width-full">
              <caption>{t("admin.policy.history")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("admin.policy.from")}</th>
                  <th scope="col">{t("admin.policy.policy")}</th>
                  <th scope="col">{t("admin.policy.reason")}</th>
                  <th scope="col">{t("admin.policy.by")}</th>
                </tr>
              </thead>
              <tbody>
                {current.data.history.map((c) => (
                  <tr key={c.from}>
                    <th scope="row">{date(c.from)}</th>
                    <td>{titleOf(c.policy)}</td>
                    <td>{c.reason}</td>
                    <td>{c.setBy ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      <h3>{t("admin.policy.set")}</h3>
      {set.data && (
        <Alert type="success" headingLevel="h4" slim>
          {t("admin.policy.saved", { policy: titleOf(set.data.policy), date: date(set.data.from) })}
        </Alert>
      )}
      <form
        className="usa-form"
        onSubmit={(e) => {
          e.preventDefault();
          set.mutate(form);
        }}
      >
        <Label htmlFor="rp-policy">{t("admin.policy.policy")}</Label>
        <Select
          id="rp-policy"
          name="policy"
          required
          value={form.policy}
          onChange={(e) => setForm({ ...form, policy: e.target.value })}
        >
          <option value="">{t("common.choose")}</option>
          {(policies.data?.items ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.title[locale]} ({tv("eligibility.standing", p.standing)})
            </option>
          ))}
        </Select>
        {chosen && chosen.standing !== "law" && (
          <Alert type="warning" headingLevel="h4" slim>
            {t("eligibility.notLaw")}
          </Alert>
        )}
        <Label htmlFor="rp-from">{t("admin.policy.from")}</Label>
        <PlainInput
          id="rp-from"
          name="from"
          type="date"
          required
          value={form.from}
          onChange={(e) => setForm({ ...form, from: e.target.value })}
        />
        <Label htmlFor="rp-reason">{t("admin.policy.reason")}</Label>
        <Textarea
          id="rp-reason"
          name="reason"
          required
          maxLength={2000}
          value={form.reason}
          onChange={(e) => setForm({ ...form, reason: e.target.value })}
        />
        {set.error && <ProblemAlert error={set.error} />}
        <Button type="submit" disabled={set.isPending} className="margin-top-2">
          {t("admin.policy.set")}
        </Button>
      </form>
    </>
  );
}
