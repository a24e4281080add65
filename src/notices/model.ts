/**
 * The notice as the renderer takes it: every word already chosen, in the legal language and, for
 * the outcome and the remedies, in the applicant's language where a reviewed translation holds
 * every text the notice needs. Built from the profile's content (`NoticeRules.content`) and the
 * case's facts; knows no jurisdiction.
 */
import countries from "i18n-iso-countries";
import type { LegalDate } from "../kernel/calendar/dates.ts";
import type { NoticeContent, NoticeText, NoticeTexts } from "../kernel/procedure/notices.ts";
import { NOTICE_FONTS } from "./fonts.ts";

export interface NoticeRemedyModel {
  title: string;
  text: string;
  due: string;
}

export interface NoticeTranslationModel {
  lang: string;
  heading: string;
  note: string;
  labels: { decision: string; reasons: string; remedies: string; follows: string };
  outcome: string;
  /** The decision's reasons in the translation's language (only a case's own translation has them). */
  reasons: string[];
  remedies: NoticeRemedyModel[];
  follows: string[];
  reviewer: string;
  reviewedOn: string;
}

export interface NoticeModel {
  fonts: string[];
  /** Set on a preview (not served): the words that say so on the page. */
  preview: string | null;
  title: string;
  issuer: string;
  caseNumber: string;
  labels: {
    caseNumber: string;
    names: string;
    nationality: string;
    birthDate: string;
    decidedOn: string;
    servedOn: string;
    decision: string;
    basis: string;
    reasons: string;
    remedies: string;
    follows: string;
  };
  applicant: { names: string[]; nationality: string; birthDate: string | null };
  decidedOn: string;
  servedOn: string | null;
  issuedOn: string;
  outcome: string;
  basis: string[];
  reasons: string[];
  remedies: NoticeRemedyModel[];
  follows: string[];
  closing: string;
  translation: NoticeTranslationModel | null;
}

/** The facts of the case a notice names beside the profile's content. */
export interface NoticeFacts {
  caseNumber: string;
  /** The office's name in the legal language. */
  officeName: string;
  names: string[];
  /** ISO 3166-1 alpha-3. */
  nationality: string;
  birthDate: string | null;
  decidedOn: LegalDate;
  servedOn: LegalDate | null;
  /** The languages the applicant speaks (BCP 47), in order. */
  languages: readonly string[];
}

/** A legal date as the language writes it: Korean "2026년 12월 1일", otherwise as it is. */
export function formatDate(lang: string, date: LegalDate): string {
  if (lang === "ko") {
    const [y, m, d] = date.split("-");
    return `${y}년 ${Number(m)}월 ${Number(d)}일`;
  }
  return date;
}

function fill(template: string, params: Readonly<Record<string, string>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

/** A text of a language, or undefined when that language lacks it. */
function word(texts: NoticeTexts, t: NoticeText, extra: Record<string, string> = {}): string | undefined {
  const found = texts.texts[t.key];
  return found === undefined ? undefined : fill(found, { ...t.params, ...extra });
}

class MissingText extends Error {}

function must(texts: NoticeTexts, t: NoticeText | string, extra?: Record<string, string>): string {
  const text = typeof t === "string" ? { key: t } : t;
  const found = word(texts, text, extra);
  if (found === undefined) throw new MissingText(`${texts.language}: ${text.key}`);
  return found;
}

/** The country's name in the language, with its code (Intl knows regions by alpha-2). */
function countryName(alpha3: string, lang: string): string {
  try {
    const names = new Intl.DisplayNames([lang], { type: "region" });
    const alpha2 = countries.alpha3ToAlpha2(alpha3);
    return alpha2 ? `${names.of(alpha2) ?? alpha3} (${alpha3})` : alpha3;
  } catch {
    return alpha3;
  }
}

/** Paragraphs of a text: split on blank lines, each paragraph's lines joined. */
export function paragraphs(text: string | null): string[] {
  if (!text) return [];
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

function remediesIn(texts: NoticeTexts, content: NoticeContent) {
  return content.remedies.map((r) => ({
    title: must(texts, r.title),
    text: must(texts, r.text),
    due: r.dueOn
      ? must(texts, "label.due", { date: formatDate(texts.language, r.dueOn) })
      : must(texts, "label.due_preview"),
  }));
}

/** The language of the applicant's that a reviewed translation covers, and that translation. */
function translationFor(
  languages: readonly string[],
  legal: NoticeTexts,
  translations: readonly NoticeTexts[],
  content: NoticeContent,
): NoticeTranslationModel | null {
  for (const tag of languages) {
    const primary = tag.toLowerCase().split("-")[0] ?? "";
    if (primary === legal.language) return null;
    const tr = translations.find((t) => t.language.toLowerCase().split("-")[0] === primary);
    if (!tr) continue;
    try {
      const languageName = new Intl.DisplayNames(["ko"], { type: "language" }).of(tr.language) ?? tr.language;
      return {
        lang: primary,
        heading: must(legal, tr.translator ? "label.translation_by" : "label.translation", {
          language: languageName,
          translator: tr.translator ?? "",
          reviewer: tr.reviewer,
          reviewedOn: tr.reviewedOn,
        }),
        note: must(tr, "translation.note"),
        labels: {
          decision: must(tr, "label.decision"),
          reasons: tr.reasons?.length ? must(tr, "label.reasons") : "",
          remedies: content.remedies.length > 0 ? must(tr, "label.remedies") : "",
          follows: content.follows.length > 0 ? must(tr, "label.follows") : "",
        },
        outcome: must(tr, content.outcome),
        reasons: [...(tr.reasons ?? [])],
        remedies: remediesIn(tr, content),
        follows: content.follows.map((f) => must(tr, f)),
        reviewer: tr.reviewer,
        reviewedOn: tr.reviewedOn,
      };
    } catch (e) {
      if (e instanceof MissingText) continue; // a translation lacking a text needed is not shown
      throw e;
    }
  }
  return null;
}

/** The whole notice, every word chosen. A text the legal language lacks is a fault of the profile. */
export function noticeModel(
  content: NoticeContent,
  facts: NoticeFacts,
  legal: NoticeTexts,
  translations: readonly NoticeTexts[],
  issuedOn: LegalDate,
): NoticeModel {
  const lang = legal.language;
  const L = (key: string) => must(legal, `label.${key}`);
  return {
    fonts: [...NOTICE_FONTS],
    preview: facts.servedOn ? null : L("preview"),
    title: must(legal, content.title),
    issuer: must(legal, "label.issuer", { office: facts.officeName }),
    caseNumber: facts.caseNumber,
    labels: {
      caseNumber: L("case_number"),
      names: L("names"),
      nationality: L("nationality"),
      birthDate: L("birth_date"),
      decidedOn: L("decided_on"),
      servedOn: L("served_on"),
      decision: L("decision"),
      basis: L("basis"),
      reasons: L("reasons"),
      remedies: L("remedies"),
      follows: L("follows"),
    },
    applicant: {
      names: facts.names,
      nationality: countryName(facts.nationality, lang),
      birthDate: facts.birthDate ? formatDate(lang, facts.birthDate) : null,
    },
    decidedOn: formatDate(lang, facts.decidedOn),
    servedOn: facts.servedOn ? formatDate(lang, facts.servedOn) : null,
    issuedOn: formatDate(lang, issuedOn),
    outcome: must(legal, content.outcome),
    basis: content.basis.map((b) => must(legal, b)),
    reasons: content.reasons ? paragraphs(content.reasons) : [L("no_reasons")],
    remedies: remediesIn(legal, content),
    follows: content.follows.map((f) => must(legal, f)),
    closing: L("closing"),
    translation: translationFor(facts.languages, legal, translations, content),
  };
}
