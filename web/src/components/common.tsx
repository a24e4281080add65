/** Small pieces every screen uses. */
import { Tag } from "@trussworks/react-uswds";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { useI18n } from "../i18n/index.tsx";
import type { Vocabulary } from "../vocabulary.ts";

export { Loading } from "./Loading.tsx";

/** The last eight characters of a case's id: its random part, enough to tell cases apart on screen. */
export const shortId = (id: string) => id.slice(-8);

const STATUS_TAG: Record<string, string> = {
  open: "bg-primary",
  met: "bg-green",
  missed: "bg-secondary-dark",
  lapsed: "bg-base",
};

export function DeadlineStatus({ status }: { status: string }) {
  const { tv } = useI18n();
  return <Tag className={STATUS_TAG[status] ?? "bg-base"}>{tv("deadlineStatus", status)}</Tag>;
}

export function CaseLink({ id, portal = false }: { id: string; portal?: boolean }) {
  const { t } = useI18n();
  return (
    <Link to={portal ? `/portal/cases/${id}` : `/cases/${id}`} className="usa-link">
      {t("common.caseNo", { id: shortId(id) })}
    </Link>
  );
}

/** Days from today (Korean time) to a legal date: negative when past. */
export function daysFrom(todayIso: string, iso: string): number {
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.parse(`${todayIso}T00:00:00Z`)) / 86_400_000);
}

/** Today's date in a time zone (a procedure profile's: the law's "today"). */
export function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());
}

export function todayInSeoul(): string {
  return todayIn("Asia/Seoul");
}

export function DueDate({ dueOn, status }: { dueOn: string; status: string }) {
  const { t, date } = useI18n();
  const days = daysFrom(todayInSeoul(), dueOn);
  const relative =
    status === "open"
      ? days === 0
        ? t("deadline.dueToday")
        : t("deadline.dueIn", { n: days })
      : status === "missed"
        ? t("deadline.overdueBy", { n: -days })
        : "";
  return (
    <>
      <time dateTime={dueOn}>{date(dueOn)}</time>
      {relative && <span className="display-block font-body-3xs text-base">{relative}</span>}
    </>
  );
}

/**
 * A case's deadlines, as the case page and the portal show them, named in the words of the case's
 * profile; `withParty` adds whose they are.
 */
export function DeadlinesTable({
  deadlines,
  vocabulary,
  withParty = false,
}: {
  vocabulary: Vocabulary;
  deadlines: readonly {
    kind: string;
    dueOn: string;
    status: string;
    basis: string;
    level?: number | null;
    party?: string | null;
  }[];
  withParty?: boolean;
}) {
  const { t, tv } = useI18n();
  return (
    <table className="usa-table usa-table--borderless usa-table--stacked width-full">
      <caption className="usa-sr-only">{t("case.deadlines.heading")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("deadline.kind")}</th>
          <th scope="col">{t("deadline.dueOn")}</th>
          <th scope="col">{t("deadline.basis")}</th>
          <th scope="col">{t("deadline.status")}</th>
        </tr>
      </thead>
      <tbody>
        {deadlines.map((d) => (
          <tr key={`${d.kind}-${d.dueOn}-${d.level ?? 0}-${d.party ?? ""}`}>
            <th scope="row" data-label={t("deadline.kind")}>
              {vocabulary.deadlineKind(d.kind)}
              {withParty && d.party ? (
                <span className="display-block font-body-3xs text-base">{tv("party", d.party)}</span>
              ) : null}
            </th>
            <td data-label={t("deadline.dueOn")}>
              <DueDate dueOn={d.dueOn} status={d.status} />
            </td>
            <td data-label={t("deadline.basis")}>{d.basis}</td>
            <td data-label={t("deadline.status")}>
              <DeadlineStatus status={d.status} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="facts">
      {items.map(([k, v]) => (
        <div key={k} className="facts__row">
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function MoreButton({ onClick, busy }: { onClick: () => void; busy: boolean }) {
  const { t } = useI18n();
  return (
    <button type="button" className="usa-button usa-button--outline" onClick={onClick} disabled={busy}>
      {busy ? t("common.loading") : t("common.more")}
    </button>
  );
}

/** A USWDS text field of a type the component library does not offer (date, month). */
export function PlainInput({
  invalid,
  className,
  validationStatus: _v,
  ...props
}: React.InputHTMLAttributes<HTMLInputElement> & {
  invalid?: boolean | undefined;
  validationStatus?: string | undefined;
}) {
  return (
    <input
      className={`usa-input${invalid ? " usa-input--error" : ""} ${className ?? ""}`.trim()}
      {...props}
    />
  );
}
