/**
 * The words of a notification, in Korean and then English (an account keeps no language). A
 * message names the case by its number and links to the workspace; it never names the applicant or
 * carries reasons, because e-mail leaves the authority's systems.
 */
import type { NotificationKind } from "./outbox.ts";

export interface Message {
  subject: string;
  text: string;
}

export function messageOf(kind: NotificationKind, c: { caseNumber: string; link: string }): Message {
  switch (kind) {
    case "draft_returned":
      return {
        subject: `[OpenRSD] 결정 초안 반려 / Decision draft returned: ${c.caseNumber}`,
        text: [
          `사건 ${c.caseNumber}의 결정 초안이 반려되었습니다. 반려 이유는 업무 시스템에서 확인하세요.`,
          c.link,
          "",
          `The decision draft for case ${c.caseNumber} was returned to you. Read the reason in the workspace.`,
          c.link,
        ].join("\n"),
      };
    case "approval_waiting":
      return {
        subject: `[OpenRSD] 결재 대기 / Decision waiting for approval: ${c.caseNumber}`,
        text: [
          `사건 ${c.caseNumber}의 결정이 결재를 기다리고 있습니다.`,
          c.link,
          "",
          `A decision for case ${c.caseNumber} is waiting for your approval.`,
          c.link,
        ].join("\n"),
      };
  }
}
