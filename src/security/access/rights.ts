/**
 * Who may do what: every role's rights, in one place (docs/security.md requirement 4). `docs/security.md`
 * shows this table; a test keeps the two in step. Rights are checked by the server before a
 * command runs; which *cases* a right reaches is decided by `policy.ts` (office, mandate).
 */
import type { Act } from "../../kernel/procedure/profile.ts";

import { ROLES, type Role } from "../identity/roles.ts";

export { ROLES, type Role };

export const RIGHTS = [
  "person.create",
  "person.read",
  "person.update",
  "case.open",
  "case.read",
  "case.list",
  "deadline.read",
  "event.intake",
  "event.examination",
  "event.decision",
  "event.objection",
  "event.litigation",
  "event.status",
  "event.enforcement",
  "decision.approve",
  "case.assign",
  "holiday.read",
  "holiday.manage",
  "account.manage",
  "token.manage",
  "mandate.manage",
  "audit.report",
  "integrity.verify",
  "keys.manage",
  "alerts.read",
  "disclosure.request",
  "disclosure.confirm",
  "portal.read",
  "interview.read_assigned",
  "evidence.read",
  "evidence.attach",
  "evidence.manage",
  "evidence.export",
  "statistics.read",
  "statistics.decision_makers",
  "committee.agenda",
  "committee.agenda_manage",
  "committee.vote",
  "coi.read",
  "coi.manage",
  "policy.manage",
  "translation.request",
  "translation.work",
  "translation.memory",
  "translation.engines",
] as const;
export type Right = (typeof RIGHTS)[number];

/**
 * The right that records an event, by its act. Each procedure profile says which act each of its
 * events is (`acts`), so the roles below never name a jurisdiction's events.
 */
const ACT_RIGHTS: Record<Act, Right> = {
  intake: "event.intake",
  examination: "event.examination",
  decision: "event.decision",
  objection: "event.objection",
  litigation: "event.litigation",
  status: "event.status",
  enforcement: "event.enforcement",
};

export function rightOfAct(act: Act): Right {
  return ACT_RIGHTS[act];
}

interface RoleDefinition {
  /** What the role is for, as the docs say it. */
  description: string;
  /** Staff whose work is national rather than one office's see every office's cases. */
  spansOffices: boolean;
  rights: readonly Right[];
}

const CASEWORK: Right[] = [
  "person.read",
  "case.read",
  "case.list",
  "deadline.read",
  "holiday.read",
  "statistics.read",
  "evidence.read",
];

export const ROLE_DEFINITIONS: Record<Role, RoleDefinition> = {
  intake_clerk: {
    description: "registers applicants, opens cases, records service of notices and mandates",
    spansOffices: false,
    rights: [
      ...CASEWORK,
      "person.create",
      "person.update",
      "case.open",
      "event.intake",
      "event.enforcement",
      "mandate.manage",
      "evidence.attach",
    ],
  },
  examiner: {
    description: "interviews and drafts first-instance decisions for their office",
    spansOffices: false,
    rights: [
      ...CASEWORK,
      "person.update",
      "event.intake",
      "event.examination",
      "event.decision",
      "evidence.attach",
      "evidence.manage",
      "coi.read",
      "translation.request",
      "translation.work",
    ],
  },
  supervisor: {
    description:
      "approves examiners' decisions; cancellation and cessation; requests disclosures and confirms their recipients; sees their office's alerts",
    spansOffices: false,
    rights: [
      ...CASEWORK,
      "person.update",
      "event.intake",
      "event.examination",
      "event.decision",
      "event.status",
      "event.enforcement",
      "decision.approve",
      "case.assign",
      "disclosure.request",
      "disclosure.confirm",
      "alerts.read",
      "statistics.decision_makers",
      "evidence.attach",
      "evidence.manage",
      "evidence.export",
      "coi.read",
      "coi.manage",
      "translation.request",
      "translation.work",
      "translation.memory",
    ],
  },
  committee_secretary: {
    description: "records objections and the Refugee Committee's decisions, for every office",
    spansOffices: true,
    rights: [
      ...CASEWORK,
      "event.objection",
      "evidence.attach",
      "committee.agenda",
      "committee.agenda_manage",
      "coi.read",
    ],
  },
  committee_member: {
    description:
      "a member of the Refugee Committee: reads the cases on the committee's agenda, and no other, and records a vote on each",
    spansOffices: true,
    rights: [
      "person.read",
      "case.read",
      "holiday.read",
      "evidence.read",
      "committee.agenda",
      "committee.vote",
      "coi.read",
    ],
  },
  litigation_officer: {
    description: "records suits, judgments, service and appeals for their office",
    spansOffices: false,
    rights: [
      ...CASEWORK,
      "event.litigation",
      "event.enforcement",
      "evidence.attach",
      "evidence.manage",
      "evidence.export",
      "coi.read",
    ],
  },
  analyst: {
    description: "works with statistics; no access to individual case files",
    spansOffices: true,
    rights: ["holiday.read", "statistics.read", "statistics.decision_makers"],
  },
  administrator: {
    description: "accounts, tokens, mandates, holidays, keys, audit reports and integrity; no case files",
    spansOffices: true,
    rights: [
      "holiday.read",
      "holiday.manage",
      "account.manage",
      "token.manage",
      "mandate.manage",
      "audit.report",
      "integrity.verify",
      "policy.manage",
      "translation.engines",
      "keys.manage",
      "alerts.read",
      "statistics.read",
    ],
  },
  interpreter: {
    description:
      "sees only the interviews assigned to them, and attaches evidence to those interviews' cases",
    spansOffices: true,
    rights: ["interview.read_assigned", "evidence.attach"],
  },
  representative: {
    description: "a lawyer: sees only the cases where they hold a current mandate, through the portal",
    spansOffices: true,
    rights: ["portal.read", "holiday.read"],
  },
  coi_researcher: {
    description:
      "keeps the country-of-origin information library: adds and edits documents and their passages; no case files",
    spansOffices: true,
    rights: ["holiday.read", "coi.read", "coi.manage"],
  },
  translator: {
    description:
      "translates and reviews the case texts whose translation is assigned to them, and sees nothing else of the case",
    spansOffices: true,
    rights: ["holiday.read", "translation.work"],
  },
};

export function hasRight(role: Role, right: Right): boolean {
  return ROLE_DEFINITIONS[role].rights.includes(right);
}

export { isRole } from "../identity/roles.ts";
