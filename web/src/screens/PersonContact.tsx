/**
 * Changing where the applicant can be reached and who acts for them, learned after intake (a new
 * address, a lawyer instructed later). Both are replaced as given and kept sealed like at intake.
 */
import { Button, Label, TextInput } from "@trussworks/react-uswds";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { client, type Person } from "../api.ts";
import { Alert } from "../components/Alert.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { useI18n } from "../i18n/index.tsx";
import { keys } from "../queries.ts";

export function PersonContact({ person }: { person: Person }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const initial = () => ({
    address: person.contact?.address ?? "",
    phone: person.contact?.phone ?? "",
    repName: person.representative?.name ?? "",
    repContact: person.representative?.contact ?? "",
  });
  const [v, setV] = useState(initial);
  const save = useMutation({
    mutationFn: () => {
      const contact = {
        ...(v.address.trim() ? { address: v.address } : {}),
        ...(v.phone.trim() ? { phone: v.phone } : {}),
      };
      return client.updatePersonContact(person.id, {
        contact: Object.keys(contact).length ? contact : null,
        representative: v.repName.trim()
          ? { name: v.repName, ...(v.repContact.trim() ? { contact: v.repContact } : {}) }
          : null,
      });
    },
    onSuccess: (updated) => queryClient.setQueryData(keys.person(person.id), updated),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate();
  }
  const input = (key: keyof typeof v, label: string, type: "text" | "tel" = "text", hint?: string) => (
    <>
      <Label htmlFor={`pct-${key}`} hint={hint}>
        {label}
      </Label>
      <TextInput
        id={`pct-${key}`}
        name={key}
        type={type}
        value={v[key]}
        onChange={(e) => setV((o) => ({ ...o, [key]: e.target.value }))}
      />
    </>
  );
  return (
    <details className="person-countries">
      <summary>{t("person.changeContact")}</summary>
      <form className="usa-form" onSubmit={submit}>
        <p className="usa-hint">{t("newCase.contactHint")}</p>
        {save.isError && <ProblemAlert error={save.error} />}
        {save.isSuccess && (
          <Alert type="success" headingLevel="h3" slim role="status">
            {t("person.contactChanged")}
          </Alert>
        )}
        {input("address", t("person.address"))}
        {input("phone", t("person.phone"), "tel", t("newCase.phoneHint"))}
        {input("repName", t("newCase.repName"))}
        {input("repContact", t("newCase.repContact"), "text", t("newCase.repContactHint"))}
        <Button type="submit" className="margin-top-2" disabled={save.isPending}>
          {save.isPending ? t("common.working") : t("person.changeContactSubmit")}
        </Button>
      </form>
    </details>
  );
}
