/** Mandates: a case's representatives, granting a mandate and revoking one. */
import { Button, Label, Select, TextInput } from "@trussworks/react-uswds";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { client, type Mandate } from "../../api.ts";
import { ApplicantName, PlainInput, shortId } from "../../components/common.tsx";
import { officeName, useOffices } from "../../reference.ts";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { keys, queries } from "../../queries.ts";
import { ActionOutcome } from "./shared.tsx";

type Match = Awaited<ReturnType<typeof client.findCaseForMandate>>["items"][number];

const CASE_NUMBER = /^[a-z][a-z-]{0,39}-\d{4}-\d{6}$/i;

/**
 * Find the case by the applicant's name (any script) or its number; each match shows what
 * confirming it needs (names, nationality, number, office, filing date), and one is chosen.
 */
function FindCase({ onChoose }: { onChoose: (m: Match) => void }) {
  const { t, date, locale } = useI18n();
  const offices = useOffices();
  const [text, setText] = useState("");
  const find = useMutation({
    mutationFn: (q: string) =>
      client.findCaseForMandate(CASE_NUMBER.test(q) ? { caseNumber: q } : { name: q }),
  });
  return (
    <>
      <form
        className="usa-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          find.mutate(text.trim());
        }}
      >
        <Label htmlFor="m-find" hint={t("admin.mandates.findHint")}>
          {t("admin.mandates.find")}
        </Label>
        <TextInput
          id="m-find"
          name="find"
          type="search"
          required
          minLength={2}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <Button type="submit" className="margin-top-2" disabled={find.isPending}>
          {t("admin.mandates.search")}
        </Button>
      </form>
      {find.error && <ProblemAlert error={find.error} />}
      {find.data && (
        <table className="usa-table usa-table--borderless usa-table--stacked width-full">
          <caption>{t("admin.mandates.matches", { n: find.data.items.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("worklist.applicant")}</th>
              <th scope="col">{t("person.nationality")}</th>
              <th scope="col">{t("deadline.case")}</th>
              <th scope="col">{t("case.office")}</th>
              <th scope="col">{t("case.filedOn")}</th>
              <th scope="col">
                <span className="usa-sr-only">{t("admin.mandates.choose")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {find.data.items.length === 0 && (
              <tr>
                <td colSpan={6}>{t("cases.empty")}</td>
              </tr>
            )}
            {find.data.items.map((m) => (
              <tr key={m.caseId}>
                <th scope="row" data-label={t("worklist.applicant")}>
                  <ApplicantName names={m.names} />
                </th>
                <td data-label={t("person.nationality")}>{m.nationality}</td>
                <td data-label={t("deadline.case")}>{m.caseNumber ?? shortId(m.caseId)}</td>
                <td data-label={t("case.office")}>{officeName(offices, m.office, locale)}</td>
                <td data-label={t("case.filedOn")}>{date(m.filedOn)}</td>
                <td>
                  <Button type="button" outline onClick={() => onChoose(m)}>
                    {t("admin.mandates.chooseCase", { number: m.caseNumber ?? shortId(m.caseId) })}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

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
        <FindCase onChoose={setChosen} />
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
