/** Mandates: a case's representatives, granting a mandate and revoking one. */
import { Button, Label, Select } from "@trussworks/react-uswds";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { client, type Mandate } from "../../api.ts";
import { ApplicantName, PlainInput, shortId } from "../../components/common.tsx";
import { FindCase, type CaseMatch, type CaseQuery } from "../../components/FindCase.tsx";
import { officeName, useOffices } from "../../reference.ts";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { keys, queries } from "../../queries.ts";
import { ActionOutcome } from "./shared.tsx";

type Match = CaseMatch;

/** A mandate's case, found by the applicant's name or the case number. */
const findForMandate = async (q: CaseQuery): Promise<CaseMatch[]> =>
  (await client.findCaseForMandate(q)).items;

export function Mandates() {
  const { t, date, locale } = useI18n();
  const offices = useOffices();
  const [chosen, setChosen] = useState<Match | null>(null);
  const shown = chosen?.caseId ?? "";
  const [rep, setRep] = useState("");
  const [validFrom, setValidFrom] = useState(new Date().toISOString().slice(0, 10));
  const reps = useQuery(queries.accounts());
  const lawyers = (reps.data ?? []).filter((a) => a.role === "representative" && !a.disabledAt);
  const list = useQuery({ ...queries.mandates(shown), enabled: shown !== "" });
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: keys.mandates(shown) });
  const grant = useMutation({
    mutationFn: () => client.grantMandate(shown, { representativeId: rep, validFrom }),
    onSuccess,
  });
  const revoke = useMutation({ mutationFn: (m: Mandate) => client.revokeMandate(m.id), onSuccess });
  const busy = grant.isPending || revoke.isPending;
  const banner = (
    <ActionOutcome
      actions={[
        [grant, t("admin.mandates.granted")],
        [revoke, t("admin.mandates.revokedNotice")],
      ]}
    />
  );
  const nameOf = (id: string) => (reps.data ?? []).find((a) => a.id === id)?.username ?? shortId(id);
  const number = chosen ? (chosen.caseNumber ?? shortId(chosen.caseId)) : "";
  return (
    <>
      <h2>{t("admin.mandates.heading")}</h2>
      <p>{t("admin.mandates.intro")}</p>
      {banner}
      {chosen ? (
        <section aria-labelledby="m-chosen" className="usa-summary-box margin-bottom-2">
          <div className="usa-summary-box__body">
            <h3 id="m-chosen" className="usa-summary-box__heading">
              {t("admin.mandates.chosen", { number })}
            </h3>
            <p className="margin-y-05">
              <ApplicantName names={chosen.names} /> · {chosen.nationality} ·{" "}
              {officeName(offices, chosen.office, locale)} ·{" "}
              {t("case.filedOnValue", { date: date(chosen.filedOn) })}
            </p>
            <Button
              type="button"
              unstyled
              onClick={() => {
                setChosen(null);
                grant.reset();
                revoke.reset();
              }}
            >
              {t("admin.mandates.another")}
            </Button>
          </div>
        </section>
      ) : (
        <FindCase id="m-find" search={findForMandate} onChoose={setChosen} />
      )}
      {shown && list.error ? <ProblemAlert error={list.error} /> : null}
      {shown && list.data && (
        <>
          <table className="usa-table usa-table--borderless width-full">
            <caption>{t("admin.mandates.ofCase", { id: number })}</caption>
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
                        onClick={() => revoke.mutate(m)}
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
              grant.mutate();
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
