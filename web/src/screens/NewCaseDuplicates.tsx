/**
 * Intake's duplicate warning: persons already registered with one of the identifiers given, or
 * with the same name, date of birth and nationality (as far as the clerk may see them). The clerk
 * opens a case for one of them, or registers the applicant anyway, explicitly.
 */
import { Button } from "@trussworks/react-uswds";
import { useEffect, useRef } from "react";
import { Link } from "react-router";
import type { PersonDuplicate } from "../../../src/contracts/api.ts";
import { Alert } from "../components/Alert.tsx";
import { shortId } from "../components/common.tsx";
import { countryName } from "../components/codes.ts";
import { useI18n } from "../i18n/index.tsx";

export function NewCaseDuplicates({
  items,
  busy,
  onOpenFor,
  onRegisterAnyway,
}: {
  items: PersonDuplicate[];
  busy: boolean;
  onOpenFor: (personId: string) => void;
  onRegisterAnyway: () => void;
}) {
  const { t, date, locale, list } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <Alert
      type="warning"
      headingLevel="h2"
      heading={t("newCase.duplicates.heading")}
      alertRef={ref}
      className="margin-bottom-4 duplicates"
    >
      <p>{t("newCase.duplicates.intro")}</p>
      <ul className="usa-list">
        {items.map((d) => (
          <li key={d.personId} className="margin-bottom-2">
            <strong>{d.names.map((n) => n.value).join(" / ")}</strong>
            {" · "}
            {countryName(locale, d.nationality)}
            {d.birthDate ? ` · ${date(d.birthDate)}` : ""}
            <br />
            {list(d.matchedBy.map((m) => t(`newCase.duplicates.by.${m}`)))}
            {d.cases.length > 0 && (
              <>
                {" · "}
                {d.cases.map((c, i) => (
                  <span key={c.id}>
                    {i > 0 && ", "}
                    <Link to={`/cases/${c.id}`}>
                      {c.caseNumber ?? t("common.caseNo", { id: shortId(c.id) })}
                    </Link>
                  </span>
                ))}
              </>
            )}
            <br />
            <Button type="button" outline disabled={busy} onClick={() => onOpenFor(d.personId)}>
              {t("newCase.duplicates.openFor")}
              <span className="usa-sr-only"> {d.names.map((n) => n.value).join(" / ")}</span>
            </Button>
          </li>
        ))}
      </ul>
      <Button type="button" secondary disabled={busy} onClick={onRegisterAnyway}>
        {t("newCase.duplicates.registerAnyway")}
      </Button>
    </Alert>
  );
}
