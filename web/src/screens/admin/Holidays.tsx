/** Holidays: a year's public holidays, and adding a temporary or election holiday. */
import { Button, Label, Select, TextInput } from "@trussworks/react-uswds";
import { useState } from "react";
import type { z } from "zod";
import { HolidayInputSchema, type HolidaySchema } from "../../../../src/contracts/api.ts";
import { api } from "../../api.ts";
import { Loading, PlainInput } from "../../components/common.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { useLoad } from "../../useLoad.ts";
import { useAction } from "./shared.tsx";

type Holiday = z.infer<typeof HolidaySchema>;

export function Holidays() {
  const { t, tv, date } = useI18n();
  const [year, setYear] = useState(new Date().getFullYear());
  const list = useLoad(
    async (signal) => (await api.get<{ items: Holiday[] }>(`/holidays?year=${year}`, signal)).data.items,
    [year],
  );
  const [form, setForm] = useState({ date: "", name: "", kind: "temporary", source: "" });
  const [invalid, setInvalid] = useState(false);
  const { run, busy, banner } = useAction();
  return (
    <>
      <h2>{t("admin.holidays.heading")}</h2>
      {banner}
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
          const ok = HolidayInputSchema.safeParse(input).success;
          setInvalid(!ok);
          if (ok)
            void run(async () => {
              const r = await api.post<{ casesUpdated: number }>("/holidays", input);
              list.reload();
              return t("admin.holidays.added", { n: r.data.casesUpdated });
            });
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
