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
  upcoming: "bg-base-dark",
  reached: "bg-base-darker",
};

/**
 * What a deadline row says of its state: a date from which something holds (`info`) is upcoming
 * or reached, never met or missed; anything else has its status.
 */
function shownStatus(d: { status: string; obligation?: string | undefined; dueOn: string }): string {
  if (d.obligation !== "info" || d.status === "lapsed") return d.status;
  return daysFrom(todayInSeoul(), d.dueOn) > 0 ? "upcoming" : "reached";
}

export function DeadlineStatus({ status }: { status: string }) {
  const { tv } = useI18n();
  return <Tag className={STATUS_TAG[status] ?? "bg-base"}>{tv("deadlineStatus", status)}</Tag>;
}

/** A link to a case, named by its case number (e.g. SEOUL-2024-000123), or its short id before it has one. */
export function CaseLink({
  id,
  number,
  portal = false,
}: {
  id: string;
  number?: string | null | undefined;
  portal?: boolean;
}) {
  const { t } = useI18n();
  return (
    <Link to={portal ? `/portal/cases/${id}` : `/cases/${id}`} className="usa-link">
      {number ?? t("common.caseNo", { id: shortId(id) })}
    </Link>
  );
}

type Name = { value: string; script?: string | undefined; kind?: string | undefined };

/**
 * An applicant's name in the script the reader reads (Hangul in Korean, Latin in English) when one
 * was recorded, else their primary name; with the Latin form beside it when that is another.
 */
export function applicantName(
  names: readonly Name[],
  locale: string,
): { main: string; latin: string | null } {
  const script = locale === "ko" ? "Hang" : "Latn";
  const primary = names.find((n) => n.kind === "primary") ?? names[0];
  const main = names.find((n) => n.script === script) ?? primary;
  const latin = names.find((n) => n.script === "Latn" || n.kind === "latin_transliteration");
  return {
    main: main?.value ?? "",
    latin: latin && latin.value !== main?.value ? latin.value : null,
  };
}

export function ApplicantName({ names }: { names: readonly Name[] }) {
  const { locale } = useI18n();
  const { main, latin } = applicantName(names, locale);
  return (
    <span className="applicant-name">
      <span>{main}</span>
      {latin && (
        <span className="text-base-dark" lang="en">
          {" "}
          ({latin})
        </span>
      )}
    </span>
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

/**
 * A due date and what it means today: how far off, how it was settled (done in time, done late,
 * no longer applying since a day), or, for a date from which something holds, whether it has come.
 * `closed`: the case is final or closed, so an undone duty is no longer counted day by day.
 */
export function DueDate({
  dueOn,
  status,
  obligation,
  settledOn,
  closed = false,
}: {
  dueOn: string;
  status: string;
  obligation?: string | undefined;
  settledOn?: string | undefined;
  closed?: boolean;
}) {
  const { t, date, number } = useI18n();
  const days = daysFrom(todayInSeoul(), dueOn);
  const relative =
    status === "lapsed"
      ? settledOn
        ? t("deadline.lapsedOn", { date: date(settledOn) })
        : ""
      : obligation === "info"
        ? days > 0
          ? t("deadline.holdsFrom", { n: number(days) })
          : t("deadline.holdsSince")
        : status === "open"
          ? days === 0
            ? t("deadline.dueToday")
            : t("deadline.dueIn", { n: number(days) })
          : settledOn
            ? status === "met"
              ? t("deadline.doneOn", { date: date(settledOn) })
              : t("deadline.doneLate", { date: date(settledOn), n: number(daysFrom(dueOn, settledOn)) })
            : status === "missed"
              ? closed
                ? t("deadline.neverDone")
                : t("deadline.overdueBy", { n: number(-days) })
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
  closed = false,
}: {
  vocabulary: Vocabulary;
  deadlines: readonly {
    kind: string;
    dueOn: string;
    status: string;
    basis: string;
    obligation?: string | undefined;
    settledOn?: string | undefined;
    level?: number | null;
    party?: string | null;
  }[];
  withParty?: boolean;
  /** The case is final or closed. */
  closed?: boolean;
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
              {(withParty && d.party) || d.level ? (
                <span className="display-block font-body-3xs text-base">
                  {[withParty && d.party ? tv("party", d.party) : "", d.level ? tv("level", d.level) : ""]
                    .filter(Boolean)
                    .join(" · ")}
                </span>
              ) : null}
            </th>
            <td data-label={t("deadline.dueOn")}>
              <DueDate
                dueOn={d.dueOn}
                status={d.status}
                obligation={d.obligation}
                settledOn={d.settledOn}
                closed={closed}
              />
            </td>
            <td data-label={t("deadline.basis")}>{vocabulary.basis(d.basis)}</td>
            <td data-label={t("deadline.status")}>
              <DeadlineStatus status={shownStatus(d)} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What each state of a deadline row means, under the table. */
export function DeadlineLegend() {
  const { t, tv } = useI18n();
  return (
    <details className="deadline-legend margin-top-1">
      <summary>{t("deadline.legend.summary")}</summary>
      <dl className="deadline-legend__list">
        {(["open", "met", "missed", "lapsed"] as const).map((s) => (
          <div key={s}>
            <dt>
              <DeadlineStatus status={s} />
            </dt>
            <dd>{t(`deadline.legend.${s}`)}</dd>
          </div>
        ))}
        <div>
          <dt>
            <DeadlineStatus status="upcoming" /> <DeadlineStatus status="reached" />
          </dt>
          <dd>{t("deadline.legend.info")}</dd>
        </div>
      </dl>
      <p className="usa-hint">{t("deadline.legend.level", { level: tv("level", 2) })}</p>
    </details>
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
