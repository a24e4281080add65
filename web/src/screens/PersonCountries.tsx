/**
 * Adding the countries an applicant fears, or where they habitually lived, when they are learned
 * after intake (at the interview, say): the country-of-origin barrier on disclosures checks them.
 * Countries are only ever added here; the server keeps it so.
 */
import { Button, Label } from "@trussworks/react-uswds";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { client } from "../api.ts";
import { Alert } from "../components/Alert.tsx";
import { CountrySelect } from "../components/CountrySelect.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { useI18n } from "../i18n/index.tsx";
import { keys } from "../queries.ts";

export function PersonCountries({ personId }: { personId: string }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [added, setAdded] = useState({ countriesFeared: [] as string[], formerResidences: [] as string[] });
  const add = useMutation({
    mutationFn: () =>
      client.addPersonCountries(personId, {
        ...(added.countriesFeared.length ? { countriesFeared: added.countriesFeared } : {}),
        ...(added.formerResidences.length ? { formerResidences: added.formerResidences } : {}),
      }),
    onSuccess: (person) => {
      setAdded({ countriesFeared: [], formerResidences: [] });
      queryClient.setQueryData(keys.person(personId), person);
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    add.mutate();
  }
  const none = added.countriesFeared.length + added.formerResidences.length === 0;
  return (
    <details className="person-countries">
      <summary>{t("person.addCountries")}</summary>
      <form className="usa-form" onSubmit={submit}>
        <p className="usa-hint">{t("person.addCountriesHint")}</p>
        {add.isError && <ProblemAlert error={add.error} />}
        {add.isSuccess && (
          <Alert type="success" headingLevel="h3" slim role="status">
            {t("person.countriesAdded")}
          </Alert>
        )}
        <Label htmlFor="pc-countriesFeared">{t("person.countriesFeared")}</Label>
        <CountrySelect
          id="pc-countriesFeared"
          value={added.countriesFeared}
          onChange={(codes) => setAdded((a) => ({ ...a, countriesFeared: codes }))}
        />
        <Label htmlFor="pc-formerResidences">{t("person.formerResidences")}</Label>
        <CountrySelect
          id="pc-formerResidences"
          value={added.formerResidences}
          onChange={(codes) => setAdded((a) => ({ ...a, formerResidences: codes }))}
        />
        <Button type="submit" className="margin-top-2" disabled={none || add.isPending}>
          {add.isPending ? t("common.working") : t("person.addCountriesSubmit")}
        </Button>
      </form>
    </details>
  );
}
