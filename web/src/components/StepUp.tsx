/** Confirming the second factor again before a sensitive action (approvals, key rotation). */
import { Label, TextInput } from "@trussworks/react-uswds";
import { useQuery } from "@tanstack/react-query";
import { useI18n } from "../i18n/index.tsx";
import { queries } from "../queries.ts";

/** In demo mode only: the signed-in demo account's current code, so the browser alone suffices. */
export function useDemoCode(username: string): string | null {
  const demo = useQuery(queries.demoAccounts());
  if (demo.isError) return null;
  return demo.data?.accounts.find((a) => a.username === username)?.code ?? null;
}

export function StepUpField({
  id,
  value,
  onChange,
  username,
}: {
  id: string;
  value: string;
  onChange: (v: string) => void;
  username: string;
}) {
  const { t } = useI18n();
  const demo = useDemoCode(username);
  return (
    <>
      <Label htmlFor={id} hint={t("stepUp.hint")}>
        {t("stepUp.code")}
      </Label>
      {demo && <p className="usa-hint margin-y-05">{t("stepUp.demo", { code: demo })}</p>}
      <TextInput
        id={id}
        name="totp"
        type="text"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]{6}"
        maxLength={6}
        required
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </>
  );
}
