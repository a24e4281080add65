/** Holidays: a year's public holidays, and adding a temporary or election holiday. */
import { Button, Label, Select, TextInput } from "@trussworks/react-uswds";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { HolidayInputSchema } from "../../../../src/contracts/api.ts";
import { client, type HolidayInput } from "../../api.ts";
import { Loading, PlainInput } from "../../components/common.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { keys, queries } from "../../queries.ts";
import { ActionOutcome } from "./shared.tsx";

export function Holidays() {
  const { t, tv, date } = useI18n();
  const [year, setYear] = useState(new Date().getFullYear());
  const list = useQuery({ ...queries.holidays(year), placeholderData: keepPreviousData });
  const [form, setForm] = useState({ date: "", name: "", kind: "temporary", source: "" });
  const [invalid, setInvalid] = useState(false);
  const queryClient = useQueryClient();
  // A new holiday moves the deadlines that fell on it: the cases and the worklist are read again.
  const add = useMutation({
    mutationFn: (input: HolidayInput) => client.addHoliday(input),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.allHolidays }),
        queryClient.invalidateQueries({ queryKey: keys.cases }),
        queryClient.invalidateQueries({ queryKey: keys.deadlines }),
      ]),
  });
  const busy = add.isPending;
  return (
    <>
      <h2>{t("admin.holidays.heading")}</h2>
      <ActionOutcome actions={[[add, add.data && t("admin.holidays.added", { n: add.data.casesUpdated })]]} />
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
          const checked = HolidayInputSchema.safeParse(input);
          setInvalid(!checked.success);
          if (checked.success) add.mutate(checked.data);
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
