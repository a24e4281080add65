/** The audit report of a month. */
import { Button, Label } from "@trussworks/react-uswds";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Loading, PlainInput } from "../../components/common.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { queries } from "../../queries.ts";
import { DataView } from "./shared.tsx";

export function Audit() {
  const { t } = useI18n();
  const [month, setMonth] = useState(new Date().toISOString().slice(0, 7));
  const [shown, setShown] = useState(month);
  const report = useQuery({ ...queries.audit(shown), placeholderData: keepPreviousData });
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
