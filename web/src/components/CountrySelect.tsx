/**
 * Several countries at once, as ISO 3166-1 alpha-3 codes: a plain multiple select, each country
 * by its name in the reader's language and its code, "unknown" (XXX) first.
 */
import countries from "i18n-iso-countries";
import { useMemo } from "react";
import { useI18n } from "../i18n/index.tsx";

/** The countries as [alpha-3, name in `locale`], sorted by name. */
function countryOptions(locale: string, unknown: string): [string, string][] {
  const names = new Intl.DisplayNames([locale], { type: "region", fallback: "code" });
  const list = Object.entries(countries.getAlpha3Codes()).map(([alpha3, alpha2]): [string, string] => [
    alpha3,
    names.of(alpha2) ?? alpha3,
  ]);
  list.sort((a, b) => a[1].localeCompare(b[1], locale));
  return [["XXX", unknown], ...list];
}

export function CountrySelect({
  id,
  value,
  onChange,
  describedBy,
}: {
  id: string;
  value: readonly string[];
  onChange: (codes: string[]) => void;
  describedBy?: string;
}) {
  const { t, locale } = useI18n();
  const options = useMemo(() => countryOptions(locale, t("country.unknown")), [locale, t]);
  return (
    <select
      id={id}
      name={id}
      multiple
      size={6}
      className="usa-select country-select"
      value={[...value]}
      aria-describedby={describedBy}
      onChange={(e) => onChange([...e.target.selectedOptions].map((o) => o.value))}
    >
      {options.map(([code, name]) => (
        <option key={code} value={code}>
          {name} ({code})
        </option>
      ))}
    </select>
  );
}
