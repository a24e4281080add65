/** Korean or English, at the top right of every page (sign-in too); the choice is kept in the browser. */
import { LOCALES, useI18n, type MessageKey } from "../i18n/index.tsx";

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <div className="lang-switch" role="group" aria-label={t("lang.label")}>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          className={`usa-button usa-button--unstyled lang-switch__option${l === locale ? " is-current" : ""}`}
          aria-pressed={l === locale}
          lang={l}
          onClick={() => setLocale(l)}
        >
          {t(`lang.${l}` as MessageKey)}
        </button>
      ))}
    </div>
  );
}
