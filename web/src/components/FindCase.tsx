/**
 * Find a case by the applicant's name (any script) or its number, and choose one: each match shows
 * what confirming it needs (names, nationality, number, office, filing date). Used wherever a case
 * is picked for something outside its page (a mandate, the committee's agenda), so that nobody
 * needs a case's id and nobody links the wrong case.
 */
import { Button, Label, TextInput } from "@trussworks/react-uswds";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { ApplicantName, shortId } from "./common.tsx";
import { ProblemAlert } from "./ProblemAlert.tsx";
import { useI18n } from "../i18n/index.tsx";
import { officeName, useOffices } from "../reference.ts";

export interface CaseMatch {
  caseId: string;
  caseNumber: string | null;
  names: { value: string; script?: string | undefined; kind?: string | undefined }[];
  nationality: string;
  office: string;
  filedOn: string;
}

export type CaseQuery = { caseNumber: string } | { name: string };

const CASE_NUMBER = /^[a-z][a-z-]{0,39}-\d{4}-\d{6}$/i;

export function FindCase({
  id,
  search,
  onChoose,
}: {
  /** The search field's id. */
  id: string;
  search: (q: CaseQuery) => Promise<CaseMatch[]>;
  onChoose: (m: CaseMatch) => void;
}) {
  const { t, date, locale } = useI18n();
  const offices = useOffices();
  const [text, setText] = useState("");
  const find = useMutation({
    mutationFn: (q: string) => search(CASE_NUMBER.test(q) ? { caseNumber: q } : { name: q }),
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
        <Label htmlFor={id} hint={t("findCase.hint")}>
          {t("findCase.label")}
        </Label>
        <TextInput
          id={id}
          name="find"
          type="search"
          required
          minLength={2}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <Button type="submit" className="margin-top-2" disabled={find.isPending}>
          {t("findCase.search")}
        </Button>
      </form>
      {find.error && <ProblemAlert error={find.error} />}
      {find.data && (
        <table className="usa-table usa-table--borderless usa-table--stacked width-full">
          <caption>{t("findCase.matches", { n: find.data.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("worklist.applicant")}</th>
              <th scope="col">{t("person.nationality")}</th>
              <th scope="col">{t("deadline.case")}</th>
              <th scope="col">{t("case.office")}</th>
              <th scope="col">{t("case.filedOn")}</th>
              <th scope="col">
                <span className="usa-sr-only">{t("findCase.choose")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {find.data.length === 0 && (
              <tr>
                <td colSpan={6}>{t("cases.empty")}</td>
              </tr>
            )}
            {find.data.map((m) => (
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
                    {t("findCase.chooseCase", { number: m.caseNumber ?? shortId(m.caseId) })}
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
