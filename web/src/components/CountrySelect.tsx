/**
 * Pickers for codes: one country (CountryPicker), or several countries or languages (CodeListPicker,
 * and CountrySelect for countries), each an accessible USWDS combo box searchable by the name in
 * Korean or English or by the code; the code is what is kept.
 */
import { Button, ComboBox, type ComboBoxRef } from "@trussworks/react-uswds";
import { useRef } from "react";
import { useI18n } from "../i18n/index.tsx";
import { countryOptions, NO_COUNTRY, type CodeOption } from "./codes.ts";

/** One country; `statesOnly`: a state that can act (none of the codes for no nationality). */
export function CountryPicker({
  id,
  value,
  onChange,
  statesOnly = false,
}: {
  id: string;
  value: string;
  onChange: (code: string) => void;
  statesOnly?: boolean;
}) {
  const { t, locale } = useI18n();
  const options = countryOptions(locale);
  return (
    <ComboBox
      key={locale}
      id={id}
      name={id}
      options={
        statesOnly ? options.filter((o) => !(NO_COUNTRY as readonly string[]).includes(o.value)) : options
      }
      defaultValue={value || undefined}
      onChange={(code) => onChange(code ?? "")}
      noResults={t("picker.noResults")}
    />
  );
}

/** Several codes: a combo box adds one at a time; each chosen one is listed with a button to remove it. */
export function CodeListPicker({
  id,
  options,
  value,
  onChange,
}: {
  id: string;
  options: CodeOption[];
  value: readonly string[];
  onChange: (codes: string[]) => void;
}) {
  const { t, locale } = useI18n();
  const box = useRef<ComboBoxRef>(null);
  const labelOf = (code: string) => options.find((o) => o.value === code)?.label ?? code;
  return (
    <>
      <ComboBox
        key={locale}
        ref={box}
        id={id}
        name={id}
        options={options}
        noResults={t("picker.noResults")}
        onChange={(code) => {
          if (!code) return;
          if (!value.includes(code)) onChange([...value, code]);
          box.current?.clearSelection();
        }}
      />
      {value.length > 0 && (
        <ul
          className="usa-list usa-list--unstyled picked"
          aria-label={t("picker.chosen")}
          id={`${id}-chosen`}
        >
          {value.map((code) => (
            <li key={code} className="picked__item" data-code={code}>
              <span>{labelOf(code)}</span>{" "}
              <Button
                type="button"
                unstyled
                className="margin-left-1"
                onClick={() => onChange(value.filter((c) => c !== code))}
              >
                {t("picker.remove")}
                <span className="usa-sr-only"> {labelOf(code)}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Several countries, "not known" (XXX) and stateless among them. */
export function CountrySelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value: readonly string[];
  onChange: (codes: string[]) => void;
  describedBy?: string;
}) {
  const { locale } = useI18n();
  return <CodeListPicker id={id} options={countryOptions(locale)} value={value} onChange={onChange} />;
}
