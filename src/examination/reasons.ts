/**
 * The decision's reasons composed from the assessment (RA 18(2)-(3): the findings on the
 * applicant's factual and legal claims): each material fact with its finding, the evidence,
 * interview segments and COI citations it rests on, named (a citation by title, source, publication
 * date and locator); then the risk on return, persecution, nexus, protection, exclusion and the
 * conclusion with the remedies. Structured sentence frames in Korean or English; the examiner's
 * notes are quoted as written. Pure: what it reads is handed to it.
 */
import type { CitationTranslation } from "../contracts/coi.ts";
import type { AssessmentContent } from "../contracts/examination.ts";
import type { FactRow, LinkRow } from "./db.ts";
import type { CaseCitation, SegmentRef } from "./sources.ts";

export type ReasonsLanguage = "ko" | "en";

export interface ReasonsInput {
  facts: readonly FactRow[];
  links: readonly LinkRow[];
  assessment: AssessmentContent;
  evidence: ReadonlyMap<string, { number: number; title: string }>;
  segments: ReadonlyMap<string, SegmentRef>;
  citations: readonly CaseCitation[];
  /** Final translations of cited passages chosen for the decision, by citation id. */
  translations?: ReadonlyMap<string, readonly CitationTranslation[]>;
}

const FRAMES = {
  en: {
    identity: "1. Identity and nationality",
    identityFinding: {
      established: "The applicant's identity and nationality are established.",
      partly_established: "The applicant's identity and nationality are partly established.",
      not_established: "The applicant's identity and nationality are not established.",
    },
    facts: "2. Material facts and credibility",
    fact: (n: number) => `Material fact ${n}`,
    surPlace: "(sur place)",
    findings: {
      accepted: "Finding: accepted.",
      rejected: "Finding: rejected.",
      benefit_of_doubt: "Finding: accepted with the benefit of the doubt.",
    },
    noFinding: "Finding: none.",
    indicators: {
      detail: "Sufficiency of detail",
      internalConsistency: "Internal consistency",
      externalConsistency: "Consistency with the other evidence",
      coiConsistency: "Consistency with country information",
      plausibility: "Plausibility",
    },
    ratings: {
      positive: "speaks for credibility",
      neutral: "neutral",
      negative: "speaks against credibility",
    },
    supports: "Supported by",
    contradicts: "Contradicted by",
    evidence: (n: number, t: string) => `evidence item ${n} (${t})`,
    segment: (s: SegmentRef) => `the interview of ${s.interviewOn}, segment ${s.position}`,
    citation: (c: CaseCitation) =>
      `${c.title}, ${c.source}, published ${c.publishedOn ?? "(undated)"}${c.locator ? `, ${c.locator}` : ""}`,
    quoted: (t: CitationTranslation) =>
      `, which reads in translation: "${t.text}" (translated by ${t.translators.join(", ")}, reviewed by ${t.reviewers.join(", ")})`,
    explained: (s: SegmentRef) =>
      `The applicant was asked to explain the inconsistency at the interview of ${s.interviewOn}, segment ${s.position}.`,
    risk: "3. Risk on return",
    attention: "How the activity could come to the authorities' attention",
    audience: "Its audience",
    foreignState: "Action of the foreign state",
    persecution: "4. Persecution or serious harm",
    nexus: "5. Nexus to a Convention ground",
    grounds: {
      race: "race",
      religion: "religion",
      nationality: "nationality",
      particular_social_group: "membership of a particular social group",
      political_opinion: "political opinion",
    },
    noGround: "No Convention ground is established.",
    groundsAre: (g: string) => `Grounds: ${g}.`,
    stateProtection: "6. State protection",
    internalProtection: "7. Internal protection alternative",
    exclusion: "8. Exclusion (Refugee Act Article 19)",
    excluded: (g: number | undefined) =>
      `Exclusion applies${g ? ` (Refugee Act Article 19, item ${g})` : ""}.`,
    notExcluded: "No ground of exclusion applies.",
    yesNo: {
      persecution: { yes: "Established.", no: "Not established.", not_applicable: "Not applicable." },
      protection: { yes: "Available.", no: "Not available.", not_applicable: "Not applicable." },
    },
    conclusion: "9. Conclusion",
    outcomes: {
      recognized: "The applicant is recognized as a refugee.",
      not_recognized: "The applicant is not recognized as a refugee.",
      humanitarian_stay: "The applicant is not recognized as a refugee, and humanitarian stay is permitted.",
      excluded: "The applicant is excluded from refugee status.",
    },
    remedy: "Remedies",
  },
  ko: {
    identity: "1. 신원 및 국적",
    identityFinding: {
      established: "신청인의 신원과 국적이 인정된다.",
      partly_established: "신청인의 신원과 국적이 일부 인정된다.",
      not_established: "신청인의 신원과 국적이 인정되지 않는다.",
    },
    facts: "2. 주요 사실과 신빙성",
    fact: (n: number) => `주요 사실 ${n}`,
    surPlace: "(체류 중 발생)",
    findings: {
      accepted: "판단: 인정.",
      rejected: "판단: 불인정.",
      benefit_of_doubt: "판단: 의심스러울 때는 신청인의 이익으로 인정.",
    },
    noFinding: "판단: 없음.",
    indicators: {
      detail: "진술의 구체성",
      internalConsistency: "진술의 내적 일관성",
      externalConsistency: "다른 증거와의 일관성",
      coiConsistency: "출신국 정보와의 일관성",
      plausibility: "개연성",
    },
    ratings: { positive: "신빙성을 뒷받침함", neutral: "중립", negative: "신빙성을 약화시킴" },
    supports: "뒷받침하는 자료",
    contradicts: "배치되는 자료",
    evidence: (n: number, t: string) => `증거 ${n}(${t})`,
    segment: (s: SegmentRef) => `${s.interviewOn} 면접 ${s.position}번 문답`,
    citation: (c: CaseCitation) =>
      `${c.title}, ${c.source}, ${c.publishedOn ?? "(발행일 없음)"} 발행${c.locator ? `, ${c.locator}` : ""}`,
    quoted: (t: CitationTranslation) =>
      ` — 번역문: "${t.text}" (번역: ${t.translators.join(", ")}, 검토: ${t.reviewers.join(", ")})`,
    explained: (s: SegmentRef) =>
      `신청인은 ${s.interviewOn} 면접 ${s.position}번 문답에서 불일치에 대한 해명 기회를 받았다.`,
    risk: "3. 귀국 시 위험",
    attention: "활동이 당국에 알려질 수 있는 경위",
    audience: "활동의 파급 범위",
    foreignState: "외국 정부의 조치",
    persecution: "4. 박해 또는 중대한 위해",
    nexus: "5. 협약상 사유와의 관련성",
    grounds: {
      race: "인종",
      religion: "종교",
      nationality: "국적",
      particular_social_group: "특정 사회집단의 구성원인 신분",
      political_opinion: "정치적 견해",
    },
    noGround: "협약상 사유가 인정되지 않는다.",
    groundsAre: (g: string) => `사유: ${g}.`,
    stateProtection: "6. 국가의 보호",
    internalProtection: "7. 국내 피난 대안",
    exclusion: "8. 난민인정의 제한(난민법 제19조)",
    excluded: (g: number | undefined) =>
      `난민인정 제한 사유에 해당한다${g ? `(난민법 제19조 제${g}호)` : ""}.`,
    notExcluded: "난민인정 제한 사유에 해당하지 않는다.",
    yesNo: {
      persecution: { yes: "인정된다.", no: "인정되지 않는다.", not_applicable: "해당 없음." },
      protection: { yes: "가능하다.", no: "가능하지 않다.", not_applicable: "해당 없음." },
    },
    conclusion: "9. 결론",
    outcomes: {
      recognized: "신청인을 난민으로 인정한다.",
      not_recognized: "신청인을 난민으로 인정하지 아니한다.",
      humanitarian_stay: "신청인을 난민으로 인정하지 아니하되, 인도적 체류를 허가한다.",
      excluded: "신청인은 난민인정이 제한된다.",
    },
    remedy: "불복 방법",
  },
} as const;

export function composeReasons(lang: ReasonsLanguage, input: ReasonsInput): string {
  const t = FRAMES[lang];
  const a = input.assessment;
  const out: string[] = [];
  type Line = string | undefined | null | false;
  const kept = (lines: Line[]) => lines.filter((l): l is string => typeof l === "string" && l.trim() !== "");
  const para = (...lines: Line[]) => {
    const k = kept(lines);
    if (k.length > 0) out.push(k.join("\n"));
  };
  /** A step of the assessment: its heading, only when the examiner wrote something under it. */
  const step = (heading: string, ...lines: Line[]) => {
    if (kept(lines).length > 0) para(heading, ...lines);
  };

  step(t.identity, a.identity.finding ? t.identityFinding[a.identity.finding] : null, a.identity.note);

  const findings = new Map(a.facts.map((f) => [f.factId, f]));
  const cited = new Map(input.citations.map((c) => [c.id, c]));
  const facts = input.facts.filter((f) => f.status === "active");
  out.push(t.facts);
  facts.forEach((fact, i) => {
    const f = findings.get(fact.id);
    const when = fact.content.occurredOn ?? fact.content.period;
    const where = fact.content.place;
    const head = `${t.fact(i + 1)}${fact.content.surPlace ? ` ${t.surPlace}` : ""}: ${fact.content.statement}${
      when || where ? ` (${[when, where].filter(Boolean).join(", ")})` : ""
    }`;
    const named = (stance: "supports" | "contradicts") =>
      input.links
        .filter((l) => l.factId === fact.id && l.stance === stance)
        .map((l) => {
          if (l.kind === "evidence") {
            const e = input.evidence.get(l.targetId);
            return e ? t.evidence(e.number, e.title) : null;
          }
          if (l.kind === "segment") {
            const s = input.segments.get(l.targetId);
            return s ? t.segment(s) : null;
          }
          const c = cited.get(l.targetId);
          if (!c) return null;
          const translated = input.translations?.get(c.id)?.find((x) => x.language === lang);
          return `${t.citation(c)}${translated ? t.quoted(translated) : ""}`;
        })
        .filter((x): x is string => x !== null);
    const supports = named("supports");
    const contradicts = named("contradicts");
    const indicators = f
      ? (Object.keys(t.indicators) as (keyof typeof t.indicators)[]).flatMap((k) => {
          const ind = f.indicators[k];
          if (!ind?.rating && !ind?.note) return [];
          return [
            `- ${t.indicators[k]}: ${ind.rating ? t.ratings[ind.rating] : ""}${ind.note ? `${ind.rating ? ". " : ""}${ind.note}` : ""}`,
          ];
        })
      : [];
    const explained = f?.explanationSegmentId ? input.segments.get(f.explanationSegmentId) : undefined;
    para(
      head,
      supports.length > 0 && `${t.supports}: ${supports.join("; ")}.`,
      contradicts.length > 0 && `${t.contradicts}: ${contradicts.join("; ")}.`,
      ...indicators,
      explained && t.explained(explained),
      f?.finding ? t.findings[f.finding] : t.noFinding,
      f?.note,
    );
  });

  step(
    t.risk,
    a.risk.note,
    a.risk.attention && `${t.attention}: ${a.risk.attention}`,
    a.risk.audience && `${t.audience}: ${a.risk.audience}`,
    a.risk.foreignStateAction && `${t.foreignState}: ${a.risk.foreignStateAction}`,
  );
  step(
    t.persecution,
    a.persecution.finding && t.yesNo.persecution[a.persecution.finding],
    a.persecution.note,
  );
  step(
    t.nexus,
    a.nexus.grounds.length > 0
      ? t.groundsAre(a.nexus.grounds.map((g) => t.grounds[g]).join(", "))
      : t.noGround,
    a.nexus.note,
  );
  step(
    t.stateProtection,
    a.stateProtection.available && t.yesNo.protection[a.stateProtection.available],
    a.stateProtection.note,
  );
  step(
    t.internalProtection,
    a.internalProtection.available && t.yesNo.protection[a.internalProtection.available],
    a.internalProtection.note,
  );
  step(
    t.exclusion,
    a.exclusion.applies === undefined
      ? null
      : a.exclusion.applies
        ? t.excluded(a.exclusion.ground)
        : t.notExcluded,
    a.exclusion.note,
  );
  step(
    t.conclusion,
    a.conclusion.outcome && t.outcomes[a.conclusion.outcome],
    a.conclusion.note,
    a.conclusion.remedy && `${t.remedy}: ${a.conclusion.remedy}`,
  );
  return out.join("\n\n");
}
