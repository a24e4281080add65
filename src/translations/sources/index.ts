/**
 * Every kind of text a translation can be requested of, one resolver each (types.ts says what a
 * resolver does). A new kind is a file here, a member of SOURCE_KINDS in the contract and an
 * entry below.
 */
import type { SourceKind } from "../../contracts/translations.ts";
import { coiPassage } from "./coi-passage.ts";
import { decisionNotice } from "./decision-notice.ts";
import { evidenceText } from "./evidence-text.ts";
import { factStatement } from "./fact-statement.ts";
import { interviewTranscript } from "./interview-transcript.ts";
import type { SourceResolver } from "./types.ts";

export type { CaseRef, ListedSource, SourceResolver, SourceText, SourceUnit } from "./types.ts";

export const SOURCES: Readonly<Record<SourceKind, SourceResolver>> = {
  evidence_text: evidenceText,
  fact_statement: factStatement,
  interview_transcript: interviewTranscript,
  decision_notice: decisionNotice,
  coi_passage: coiPassage,
};
