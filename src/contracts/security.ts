/**
 * The API's schemas for signing in, accounts and API tokens, and integrity and oversight
 * (hash chains, audit checkpoints, the monthly access review, keys).
 */
import { z } from "zod";
import { CursorSchema, IdSchema, LegalDateSchema, pageOf } from "./common.ts";

/** The roles an account can hold (docs/security.md requirement 4; rights: src/security/access/rights.ts). */
export const ROLES = [
  "intake_clerk",
  "examiner",
  "supervisor",
  "committee_secretary",
  "committee_member",
  "litigation_officer",
  "analyst",
  "administrator",
  "interpreter",
  "representative",
  "coi_researcher",
  "translator",
] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = z.enum(ROLES);

// ------------------------------------------------------------------------------------------
// Signing in, the second factor, passkeys

/** A WebAuthn response: checked by @simplewebauthn on the server; here only its outer shape. */
export const WebAuthnResponseSchema = z.looseObject({
  id: z.string().max(1024),
  rawId: z.string().max(1024),
  type: z.literal("public-key"),
  response: z.looseObject({}),
});

export const LoginSchema = z.strictObject({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(256),
  totp: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  passkey: WebAuthnResponseSchema.optional(),
});

export const SignedInAccountSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  officeId: z.string().nullable(),
});

export const LoginResultSchema = z.object({
  account: SignedInAccountSchema,
  expiresAt: z.string().describe("When the session ends (ISO 8601)"),
});

export const PasskeyLoginOptionsInputSchema = z.strictObject({
  username: z.string().min(1).max(100).optional(),
});

const PasskeyDescriptorSchema = z.looseObject({
  id: z.string(),
  type: z.literal("public-key"),
  transports: z.array(z.string()).optional(),
});

/** PublicKeyCredentialRequestOptionsJSON (WebAuthn Level 3), for navigator.credentials.get. */
export const PasskeyLoginOptionsSchema = z
  .looseObject({
    challenge: z.string(),
    timeout: z.number().optional(),
    rpId: z.string().optional(),
    allowCredentials: z.array(PasskeyDescriptorSchema).optional(),
    userVerification: z.string().optional(),
  })
  .describe("Options for navigator.credentials.get (PublicKeyCredentialRequestOptionsJSON)");

/** PublicKeyCredentialCreationOptionsJSON (WebAuthn Level 3), for navigator.credentials.create. */
export const PasskeyRegistrationOptionsSchema = z
  .looseObject({
    challenge: z.string(),
    rp: z.looseObject({ name: z.string(), id: z.string().optional() }),
    user: z.looseObject({ id: z.string(), name: z.string(), displayName: z.string() }),
    pubKeyCredParams: z.array(z.looseObject({ alg: z.number(), type: z.literal("public-key") })),
    timeout: z.number().optional(),
    excludeCredentials: z.array(PasskeyDescriptorSchema).optional(),
    authenticatorSelection: z.record(z.string(), z.unknown()).optional(),
    attestation: z.string().optional(),
  })
  .describe("Options for navigator.credentials.create (PublicKeyCredentialCreationOptionsJSON)");

export const PasskeyRegisteredSchema = z.object({ credentialId: z.string() });

export const SessionSchema = z.object({
  accountId: z.string().describe("The account's id: what records and assignments name it by"),
  username: z.string(),
  role: z.string(),
  officeId: z.string().nullable(),
  via: z.string().describe("`session` (a signed-in person) or `token` (another system)"),
  mfaAt: z.string().nullable().describe("When the second factor was last proven in this session"),
});

export const StepUpSchema = z.strictObject({
  totp: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  passkey: WebAuthnResponseSchema.optional(),
});

// ------------------------------------------------------------------------------------------
// Accounts and API tokens

export const AccountSchema = z.object({
  id: IdSchema,
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  officeId: z.string().nullable(),
  totpEnrolled: z.boolean(),
  passkeyEnrolled: z.boolean(),
  service: z.boolean(),
  disabledAt: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
});

const ScopeSchema = z
  .string()
  .regex(/^[a-z_]+\.[a-z_]+$/)
  .max(64)
  .describe("A right of the account's role, e.g. `case.read`");

const SecondFactorField = StepUpSchema.optional().describe(
  "A second factor given with this approval: a TOTP code not used before, or a passkey assertion. Without it, a step-up (POST /auth/step-up) of the last 2 minutes that no other action used.",
);

export const AccessRequestInputSchema = z
  .discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("account"),
      username: z.string().min(3).max(64),
      displayName: z.string().trim().min(1).max(200),
      role: RoleSchema,
      officeId: z.string().max(40).nullable(),
      service: z
        .boolean()
        .optional()
        .describe(
          "A service account for another system: no password, never signs in, acts through API tokens",
        ),
    }),
    z.strictObject({
      kind: z.literal("role"),
      accountId: IdSchema,
      role: RoleSchema,
      officeId: z.string().max(40).nullable(),
    }),
    z.strictObject({
      kind: z.literal("enrolment"),
      accountId: IdSchema.describe(
        "A person's account whose user lost their password or authenticator: both end on approval, and the user enrols again",
      ),
    }),
    z.strictObject({
      kind: z.literal("enable"),
      accountId: IdSchema.describe(
        "A disabled account to enable again; a person's account enrols afresh (a new password and authenticator)",
      ),
    }),
    z.strictObject({
      kind: z.literal("token"),
      accountId: IdSchema.describe("A service account"),
      name: z.string().trim().min(1).max(200).describe('What the token is for, e.g. "court e-filing bridge"'),
      scopes: z.array(ScopeSchema).min(1).max(40),
    }),
  ])
  .describe(
    "A new account, a new role and office for an account, an API token for a service account, a new enrolment for a person who lost their password or authenticator, or a disabled account enabled again",
  );

export const AccessRequestSchema = z.object({
  id: IdSchema,
  kind: z.enum(["account", "role", "token", "enrolment", "enable"]),
  accountId: z.string().nullable().describe("The account concerned (for a new account, once approved)"),
  username: z.string(),
  displayName: z.string().nullable(),
  role: z.string().nullable(),
  officeId: z.string().nullable(),
  service: z.boolean(),
  tokenName: z.string().nullable(),
  scopes: z.array(z.string()).nullable(),
  state: z.enum(["pending", "approved", "rejected"]),
  requestedBy: z.string(),
  requesterId: z.string().nullable().describe("Null when requested at the machine"),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  deciderId: z.string().nullable(),
  decidedAt: z.string().nullable(),
  breakGlass: z.boolean().describe("Approved at the machine without a second administrator"),
  reason: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  enrolUntil: z.string().nullable(),
  enrolledAt: z.string().nullable(),
  tokenId: z.string().nullable(),
});

export const AccessRequestListSchema = z.object({ items: z.array(AccessRequestSchema) });

export const AccessRequestedSchema = z.object({
  request: AccessRequestSchema,
  enrolmentLink: z
    .string()
    .nullable()
    .describe(
      "For a person's new account: the enrolment link's secret, shown this once to the requester (the page is /enrol#<secret>); the user also needs the approver's code",
    ),
});

export const AccessApprovalSchema = z.strictObject({ secondFactor: SecondFactorField });

export const AccessApprovedSchema = z.object({
  request: AccessRequestSchema,
  enrolmentCode: z
    .string()
    .nullable()
    .describe("For a person's new account: the one-time code, shown this once to the approver"),
  token: z.string().nullable().describe("For a token request: the bearer token, shown this once"),
});

export const AccessRejectionSchema = z.strictObject({ reason: z.string().trim().min(1).max(1000) });

const EnrolmentSecret = z.string().min(16).max(128);
const EnrolmentCode = z.string().min(4).max(32);

export const EnrolmentStartSchema = z.strictObject({ link: EnrolmentSecret, code: EnrolmentCode });

export const EnrolmentStartedSchema = z.object({
  username: z.string(),
  totp: z
    .object({ secret: z.string(), uri: z.string() })
    .describe("The new authenticator's secret, shown to the user this once"),
});

export const EnrolmentCompleteSchema = z.strictObject({
  link: EnrolmentSecret,
  code: EnrolmentCode,
  password: z.string().min(1).max(256),
  totp: z.string().regex(/^\d{6}$/),
});

export const EnrolledSchema = z.object({ username: z.string() });

// ------------------------------------------------------------------------------------------
// Integrity and oversight

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Access records are from 1970 on; the month after must still be a four-digit year. */
export const AUDIT_MONTH_RULE = "YYYY-MM, from 1970-01 to 9998-12";

/** A month the access review can cover, as [year, month], or null. */
export function parseAuditMonth(text: string): [number, number] | null {
  const match = MONTH.exec(text);
  if (!match) return null;
  const [year, month] = [Number(match[1]), Number(match[2])];
  return year >= 1970 && year <= 9998 ? [year, month] : null;
}

export const AuditReportQuerySchema = z.object({
  month: z
    .string()
    .max(7)
    .refine((m) => parseAuditMonth(m) !== null, AUDIT_MONTH_RULE)
    .describe(AUDIT_MONTH_RULE),
});

/** Who did what to which case or person, when: the access records, searched (newest first). */
export const AuditEntriesQuerySchema = z
  .object({
    caseId: IdSchema.optional().describe("The case's id"),
    caseNumber: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .optional()
      .describe("The case's number (e.g. SEOUL-2024-000123), instead of its id"),
    personId: IdSchema.optional().describe("The person's id: entries about any of their cases"),
    account: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe("The username of the account that acted (or the name tried at a failed sign-in)"),
    from: LegalDateSchema.optional().describe("First day, in Asia/Seoul (YYYY-MM-DD)"),
    to: LegalDateSchema.optional().describe("Last day, in Asia/Seoul (YYYY-MM-DD), included"),
    cursor: CursorSchema.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    path: ["to"],
    message: "the last day must not be before the first",
  });

export const AuditEntrySchema = z.object({
  seq: z.number().int().describe("The entry's number in the access record"),
  at: z.string().describe("When (ISO 8601, UTC); shown in Asia/Seoul"),
  actor: z.string().describe("The account's username (or the name tried at a failed sign-in)"),
  actorRole: z.string(),
  action: z.string().describe("e.g. case.read, case.event.record, login.failed"),
  outcome: z.enum(["ok", "denied", "failed"]),
  officeId: z.string().nullable(),
  caseId: z.string().nullable(),
  caseNumber: z.string().nullable(),
  address: z.string().describe("The client's IP address"),
  purpose: z.string().nullable().describe("The reason given for the access, if any"),
});

export const AuditEntriesSchema = pageOf(AuditEntrySchema);

export const CaseChainReportSchema = z.object({
  ok: z.boolean(),
  cases: z.number().int().describe("Chains checked (up to and including the first bad one)"),
  events: z.number().int(),
  firstBad: z
    .object({
      officeId: z.string(),
      caseId: z.string(),
      sequence: z.number().int(),
      reason: z.string(),
    })
    .optional(),
});

export const AuditChainReportSchema = z.object({
  ok: z.boolean(),
  entries: z.number().int().describe("Entries checked (up to and including the first bad one)"),
  head: z.object({ seq: z.number().int(), hash: z.string() }),
  firstBad: z
    .object({
      seq: z.number().int(),
      entry: z.number().int().optional(),
      reason: z.enum(["changed", "removed", "reordered", "unsealed"]),
      detail: z.string(),
    })
    .optional(),
});

export const IntegrityReportSchema = z.object({
  ok: z.boolean(),
  cases: CaseChainReportSchema,
  audit: AuditChainReportSchema,
});

export const AuditCheckpointSchema = z
  .object({
    kind: z.string(),
    seq: z.number().int(),
    hash: z.string(),
    at: z.string(),
    caseChains: z.object({
      cases: z.number().int(),
      events: z.number().int(),
      digest: z.string(),
      heads: z
        .array(z.tuple([z.string(), z.string(), z.number().int(), z.string()]))
        .describe("[officeId, caseId, sequence, hash] of every case chain's head"),
    }),
    publicKey: z.string(),
    signature: z.string().describe("Ed25519 over the RFC 8785 canonical JSON of the rest"),
  })
  .describe("A signed checkpoint of the audit chain's head and every case chain's head");

export const CheckpointVerificationSchema = z.object({
  ok: z.boolean(),
  firstMismatch: z
    .object({
      what: z.enum(["format", "signature", "audit", "case-chain"]),
      reason: z.string(),
      seq: z.number().int().optional(),
      officeId: z.string().optional(),
      caseId: z.string().optional(),
      sequence: z.number().int().optional(),
    })
    .optional(),
});

export const AuditReportSchema = z
  .object({
    month: z.string(),
    timeZone: z.string(),
    from: z.string(),
    to: z.string(),
    generatedAt: z.string(),
    keepUntil: z.string().describe("Until when this month's entries must be kept at least"),
    entries: z.number().int(),
    firstSeq: z.number().int().nullable(),
    lastSeq: z.number().int().nullable(),
    outcomes: z.object({ ok: z.number().int(), denied: z.number().int(), failed: z.number().int() }),
    actions: z.array(
      z.object({
        action: z.string(),
        ok: z.number().int(),
        denied: z.number().int(),
        failed: z.number().int(),
        total: z.number().int(),
      }),
    ),
    actors: z.array(
      z.object({
        actor: z.string(),
        actorRole: z.string(),
        reads: z.number().int(),
        writes: z.number().int(),
        casesTouched: z.number().int(),
        denied: z.number().int(),
        outsideHoursReads: z.number().int(),
      }),
    ),
    unusual: z.array(
      z.object({
        kind: z.enum(["many-cases-in-a-day", "many-denied-in-a-day"]),
        actor: z.string(),
        actorRole: z.string(),
        day: z.string(),
        count: z.number().int(),
        threshold: z.number().int(),
      }),
    ),
    failedLogins: z.object({
      total: z.number().int(),
      byActor: z.array(
        z.object({
          actor: z.string(),
          addresses: z.array(z.string()),
          count: z.number().int(),
          first: z.string(),
          last: z.string(),
        }),
      ),
    }),
    refusedExports: z.array(
      z.object({
        seq: z.number().int(),
        at: z.string(),
        actor: z.string(),
        actorRole: z.string(),
        address: z.string(),
        officeId: z.string().nullable(),
        caseId: z.string().nullable(),
        purpose: z.string().nullable(),
        details: z.record(z.string(), z.unknown()),
      }),
    ),
  })
  .describe("The monthly access review (PIPA)");

export const KeyStatusSchema = z.object({
  kekVersion: z.number().int().nullable().describe("The current key-encryption key's version"),
  keks: z.array(
    z.object({ version: z.number().int(), createdAt: z.string(), retiredAt: z.string().nullable() }),
  ),
  dataKeys: z.array(
    z.object({
      id: z.string(),
      purpose: z.enum(["field", "blind_index"]),
      kekVersion: z.number().int(),
      createdAt: z.string(),
      active: z.boolean(),
    }),
  ),
});

export const KeyRotationSchema = z.object({
  kekVersion: z.number().int(),
  rewrapped: z.number().int(),
});

export const CheckpointInputSchema = z
  .looseObject({})
  .describe("A checkpoint as POST /api/v1/audit/checkpoints returned it, kept elsewhere");

export const AccountListSchema = z.object({ items: z.array(AccountSchema) });
