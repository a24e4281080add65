/**
 * A dialog that asks for a second factor given with one action (docs/security.md requirement 18):
 * a new code from the authenticator app, sent with the request it authorises. Used where the
 * server wants the proof in the request itself, such as approving an event that takes protection
 * away. A native <dialog>: modal, focus kept inside, Escape closes it.
 */
import { Button } from "@trussworks/react-uswds";
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useI18n } from "../i18n/index.tsx";
import { ProblemAlert } from "./ProblemAlert.tsx";
import { StepUpField } from "./StepUp.tsx";

export function FreshFactorDialog({
  open,
  heading,
  children,
  confirmLabel,
  username,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  open: boolean;
  heading: string;
  /** What the action does, shown above the code field. */
  children?: ReactNode;
  confirmLabel: string;
  username: string;
  busy: boolean;
  error: unknown;
  onConfirm: (code: string) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [code, setCode] = useState("");
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setCode("");
      dialog.showModal();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);

  function confirm(e: FormEvent) {
    e.preventDefault();
    onConfirm(code);
  }
  return (
    <dialog ref={ref} className="fresh-factor" aria-labelledby={`${id}-heading`} onClose={onClose}>
      <form className="usa-form maxw-none" onSubmit={confirm}>
        <h2 id={`${id}-heading`} className="margin-top-0">
          {heading}
        </h2>
        {children}
        <p className="usa-hint">{t("freshFactor.why")}</p>
        {error !== null && error !== undefined && <ProblemAlert error={error} />}
        <StepUpField id={`${id}-code`} value={code} onChange={setCode} username={username} />
        <div className="margin-top-2">
          <Button type="submit" disabled={busy}>
            {confirmLabel}
          </Button>
          <Button type="button" outline disabled={busy} onClick={onClose}>
            {t("common.cancel")}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
