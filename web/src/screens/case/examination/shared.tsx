/** What the examination's pages share: the check's list and a fact's short description. */
import type { ReactNode } from "react";
import { Alert } from "../../../components/Alert.tsx";
import { useI18n } from "../../../i18n/index.tsx";
import type { CheckResult, Fact, Sources } from "./api.ts";

type I18n = ReturnType<typeof useI18n>;
export interface Choice {
  kind: "evidence" | "segment" | "citation";
  id: string;
  label: string;
}

/** The case's evidence items, interview segments and COI citations a fact may link, named in the reader's language. */
export function sourceGroups(
  sources: Sources,
  { t, date }: Pick<I18n, "t" | "date">,
): { kind: Choice["kind"]; legend: string; choices: Choice[]; available: boolean }[] {
  return [
    {
      kind: "evidence",
      legend: t("exam.links.evidence"),
      available: true,
      choices: sources.evidence
        .filter((e) => e.status === "active")
        .map((e) => ({
          kind: "evidence",
          id: e.id,
          label: t("exam.links.evidenceItem", { n: e.number, title: e.title }),
        })),
    },
    {
      kind: "segment",
      legend: t("exam.links.segments"),
      available: sources.available.segments,
      choices: sources.segments.map((s) => ({
        kind: "segment",
        id: s.id,
        label: t("exam.links.segment", { on: date(s.interviewOn), n: s.position, question: s.question }),
      })),
    },
    {
      kind: "citation",
      legend: t("exam.links.citations"),
      available: sources.available.citations,
      choices: sources.citations.map((c) => ({
        kind: "citation",
        id: c.id,
        label: t("exam.links.citation", {
          title: c.title,
          source: c.source,
          on: c.publishedOn ? date(c.publishedOn) : t("exam.links.undated"),
        }),
      })),
    },
  ];
}

/**
 * What a fact's link points at, in the reader's language when the case's sources are loaded (the
 * server's label, in English, otherwise).
 */
export function LinkText({ link, sources }: { link: Fact["links"][number]; sources: Sources | undefined }) {
  const i18n = useI18n();
  const found = sources
    ? sourceGroups(sources, i18n)
        .flatMap((g) => g.choices)
        .find((c) => c.kind === link.kind && c.id === link.targetId)
    : undefined;
  return <>{found?.label ?? link.label}</>;
}

/** The check's gaps, each in the reader's language (the server's message is English). */
export function CheckList({ check, facts }: { check: CheckResult; facts: readonly Fact[] }) {
  const { t } = useI18n();
  const position = (id: string | undefined) => facts.find((f) => f.id === id)?.position ?? "?";
  if (check.ok)
    return (
      <Alert type="success" headingLevel="h3" slim role="status" className="exam-check">
        {t("exam.check.ok")}
      </Alert>
    );
  return (
    <Alert
      type="warning"
      headingLevel="h3"
      heading={t("exam.check.heading")}
      role="status"
      className="exam-check"
    >
      <ul className="usa-list margin-y-05" data-testid="exam-check-issues">
        {check.issues.map((i) => (
          <li key={`${i.code}-${i.path}`} data-code={i.code}>
            {i.code === "no_assessment" && t("exam.check.no_assessment")}
            {i.code === "fact_without_finding" &&
              t("exam.check.fact_without_finding", { n: position(i.factId) })}
            {i.code === "inconsistency_without_segment" &&
              t("exam.check.inconsistency_without_segment", { n: position(i.factId) })}
            {i.code === "citation_undated" && t("exam.check.citation_undated", { detail: i.message })}
            {i.code === "remedy_missing" && t("exam.check.remedy_missing")}
            {i.code === "conclusion_missing" && t("exam.check.conclusion_missing")}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

/** When and where a fact happened, and its grounds, in one line. */
export function FactMeta({ fact }: { fact: Fact }): ReactNode {
  const { t, tv, date, list } = useI18n();
  const parts = [
    fact.occurredOn ? date(fact.occurredOn) : fact.period,
    fact.place,
    fact.actor ? t("exam.fact.actorIs", { actor: fact.actor }) : null,
    fact.grounds.length > 0 ? list(fact.grounds.map((g) => tv("exam.ground", g))) : t("exam.fact.noGround"),
    fact.surPlace ? t("exam.fact.surPlace") : null,
  ].filter((p): p is string => typeof p === "string" && p !== "");
  return <span className="exam-fact__meta">{parts.join(" · ")}</span>;
}
