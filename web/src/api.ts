/**
 * The API client of the web workspace: same-origin fetch with the session cookie, problem+json
 * errors as ApiError, one place that notices an expired session, and a function per call whose
 * answer has the type of the API's own response schema (src/contracts). Only types are imported
 * from the contract: zod reaches the bundle only where a screen validates with a schema.
 */
import type { z } from "zod";
import type * as C from "../../src/contracts/api.ts";
import type * as M from "../../src/contracts/persons-matching.ts";
import type { Role } from "../../src/security/access/rights.ts";

/** The type of what a contract schema describes. */
type Of<S extends z.ZodType> = z.infer<S>;
/** What a request schema accepts (defaults may be left out). */
type In<S extends z.ZodType> = z.input<S>;

export type Problem = Of<typeof C.ProblemSchema>;
/** The session, its role one of those rights.ts knows (the server has no other). */
export type Session = Of<typeof C.SessionSchema> & { role: Role };
/** A passkey's answer as the browser gives it (PublicKeyCredential.toJSON()). */
export type WebAuthnResponse = Of<typeof C.WebAuthnResponseSchema>;
export type DemoAccounts = Of<typeof C.DemoAccountsSchema>;
export type CaseView = Of<typeof C.CaseViewSchema>;
export type DecisionDraft = Of<typeof C.DecisionDraftSchema>;
export type Person = Of<typeof C.PersonSchema>;
export type PersonMatchList = Of<typeof M.PersonMatchListSchema>;
export type PersonMatch = PersonMatchList["items"][number];
export type PersonLinkInput = In<typeof M.PersonLinkInputSchema>;
export type PersonLink = Of<typeof M.PersonLinkSchema>;
export type Timeline = Of<typeof C.TimelineSchema>;
export type TimelineEntry = Timeline["items"][number];
export type CaseSearchPage = Of<typeof C.CaseSearchPageSchema>;
export type WorklistPage = Of<typeof C.WorklistPageSchema>;
export type Inbox = Of<typeof C.InboxSchema>;
export type Office = Of<typeof C.OfficeSchema>;
export type ProfileSummary = Of<typeof C.ProfileSummarySchema>;
export type ProfileDescription = Of<typeof C.ProfileSchema>;
export type PortalCaseList = Of<typeof C.PortalCaseListSchema>;
export type PortalCase = Of<typeof C.PortalCaseSchema>;
export type Account = Of<typeof C.AccountSchema>;
export type AccessRequest = Of<typeof C.AccessRequestSchema>;
export type AccessRequestInput = In<typeof C.AccessRequestInputSchema>;
export type AccessRequested = Of<typeof C.AccessRequestedSchema>;
export type AccessApproved = Of<typeof C.AccessApprovedSchema>;
export type EnrolmentStarted = Of<typeof C.EnrolmentStartedSchema>;
export type Mandate = Of<typeof C.MandateSchema>;
export type AssignedInterview = Of<typeof C.InterviewSchema>;
export type HolidayYear = Of<typeof C.HolidayYearSchema>;
export type HolidayInput = In<typeof C.HolidayInputSchema>;
export type HolidayAdded = Of<typeof C.HolidayAddedSchema>;
export type KeyStatus = Of<typeof C.KeyStatusSchema>;
export type KeyRotation = Of<typeof C.KeyRotationSchema>;
export type AuditReport = Of<typeof C.AuditReportSchema>;
export type AuditEntries = Of<typeof C.AuditEntriesSchema>;
export type AuditEntry = AuditEntries["items"][number];
export type StatDefinitions = Of<typeof C.StatDefinitionsSchema>;
export type YearlyFigures = Of<typeof C.YearlyStatisticsSchema>;
export type CohortFigures = Of<typeof C.CohortStatisticsSchema>;
export type PendingFigures = Of<typeof C.PendingStatisticsSchema>;
export type ReversalFigures = Of<typeof C.ReversalStatisticsSchema>;
export type DecisionMakerFigures = Of<typeof C.DecisionMakerStatisticsSchema>;
export type ReversedCases = Of<typeof C.ReversedCasesSchema>;
export type Disclosure = Of<typeof C.DisclosureSchema>;
export type Alert = Of<typeof C.AlertListSchema>["items"][number];
export type AgendaEntry = Of<typeof C.AgendaEntrySchema>;
export type EvidenceItem = Of<typeof C.EvidenceItemSchema>;
export type EvidenceItemSummary = Of<typeof C.EvidenceItemSummarySchema>;
export type EvidenceFile = EvidenceItem["files"][number];
export type EvidenceInput = In<typeof C.EvidenceInputSchema>;
export type CustodyEntry = Of<typeof C.CustodySchema>["items"][number];
export type EvidenceSearchResult = Of<typeof C.EvidenceSearchResultSchema>;
export type PortalEvidenceInput = In<typeof C.PortalEvidenceInputSchema>;
export type PortalEvidenceReceipt = Of<typeof C.PortalEvidenceReceiptSchema>;
export type PortalEvidenceList = Of<typeof C.PortalEvidenceListSchema>;
export type CorrectionRequest = In<typeof C.CorrectionRequestSchema>;
export type ObservationInput = In<typeof C.ObservationRequestSchema>;
/** An upload as the server describes it (GET /uploads/{id}): its status, refusal and stored file. */
export type UploadView = Of<typeof C.UploadSchema>;

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(status: number, problem: Problem) {
    super(problem.detail || problem.title);
    this.status = status;
    this.problem = problem;
  }
}

let unauthenticated: (() => void) | null = null;
/** Called when a request answers 401 outside signing in: the session has ended. */
export function onUnauthenticated(fn: (() => void) | null): void {
  unauthenticated = fn;
}

export interface ApiResult<T> {
  data: T;
  status: number;
  etag: string | null;
}

interface Options {
  body?: unknown;
  /** A body sent as it is (a file), with its media type, instead of JSON. */
  raw?: { body: Blob | string; type: string };
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
}

export async function request<T>(method: string, path: string, options: Options = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.raw) headers["content-type"] = options.raw.type;
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: "same-origin",
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.raw ? { body: options.raw.body } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError(0, { type: "network", title: "network", status: 0, detail: String(e) });
  }
  const text = await res.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!res.ok) {
    const problem =
      body && typeof body === "object" && "status" in body
        ? (body as Problem)
        : { type: "about:blank", title: res.statusText, status: res.status, detail: "" };
    // A 401 that asks for the second factor again is about this action, not the session.
    const aboutTheAction = /\/(step-up-required|second-factor-required)$/.test(problem.type);
    if (res.status === 401 && !path.startsWith("/auth/") && !aboutTheAction) unauthenticated?.();
    throw new ApiError(res.status, problem);
  }
  return { data: body as T, status: res.status, etag: res.headers.get("etag") };
}

/** A POST whose answer is a file: its bytes and the name from Content-Disposition. */
async function download(path: string, body: unknown): Promise<{ blob: Blob; fileName: string | null }> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method: "POST",
      headers: { accept: "application/zip, application/problem+json", "content-type": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, { type: "network", title: "network", status: 0, detail: String(e) });
  }
  if (!res.ok) {
    let problem: Problem = { type: "about:blank", title: res.statusText, status: res.status, detail: "" };
    try {
      problem = (await res.json()) as Problem;
    } catch {
      // not a problem document
    }
    if (res.status === 401) unauthenticated?.();
    throw new ApiError(res.status, problem);
  }
  const disposition = res.headers.get("content-disposition") ?? "";
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="([^"]+)"/i.exec(disposition)?.[1];
  return { blob: await res.blob(), fileName: star ? decodeURIComponent(star) : (plain ?? null) };
}

const get = async <T>(path: string, signal?: AbortSignal) => (await request<T>("GET", path, { signal })).data;
const post = async <T>(path: string, body: unknown = {}) => (await request<T>("POST", path, { body })).data;
const seg = encodeURIComponent;

/** Each statistics path under /statistics/ and the figures it answers. */
export interface Figures {
  yearly: YearlyFigures;
  cohort: CohortFigures;
  pending: PendingFigures;
  reversals: ReversalFigures;
  "decision-makers": DecisionMakerFigures;
  "decision-makers/reversed-cases": ReversedCases;
}

/** The calls the workspace makes. Reads take the query's AbortSignal. */
export const client = {
  // Signing in and the session (src/contracts/security.ts)
  session: (signal?: AbortSignal) => get<Session>("/auth/session", signal),
  login: (body: In<typeof C.LoginSchema>) => post<Of<typeof C.LoginResultSchema>>("/auth/login", body),
  logout: () => post<unknown>("/auth/logout"),
  passkeyLoginOptions: (username: string) =>
    post<Of<typeof C.PasskeyLoginOptionsSchema>>("/auth/passkey/options", { username }),
  passkeyRegistrationOptions: () =>
    post<Of<typeof C.PasskeyRegistrationOptionsSchema>>("/auth/passkeys/options"),
  registerPasskey: (credential: WebAuthnResponse) =>
    post<Of<typeof C.PasskeyRegisteredSchema>>("/auth/passkeys", credential),
  stepUp: (totp: string) => post<unknown>("/auth/step-up", { totp: totp.trim() }),
  changePassword: (body: In<typeof C.PasswordChangeSchema>) =>
    post<Of<typeof C.SessionsEndedSchema>>("/auth/password", body),
  startTotpChange: () => post<Of<typeof C.TotpEnrollmentSchema>>("/auth/totp/options"),
  confirmTotpChange: (totp: string) =>
    post<Of<typeof C.SessionsEndedSchema>>("/auth/totp", { totp: totp.trim() }),
  demoAccounts: (signal?: AbortSignal) => get<DemoAccounts>("/public/demo-accounts", signal),

  // Reference data
  offices: (signal?: AbortSignal) => get<Of<typeof C.OfficeListSchema>>("/offices", signal),
  profiles: (signal?: AbortSignal) => get<Of<typeof C.ProfileListSchema>>("/profiles", signal),
  profile: (id: string, signal?: AbortSignal) => get<ProfileDescription>(`/profiles/${seg(id)}`, signal),

  // Cases, persons, the worklist and approvals
  /** The case as it stood on `asOf` (default: today in its profile's time zone). */
  case: (id: string, signal?: AbortSignal, asOf?: string) =>
    request<CaseView>("GET", `/cases/${seg(id)}${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ""}`, {
      signal,
    }),
  caseEvents: (id: string, signal?: AbortSignal) => get<Timeline>(`/cases/${seg(id)}/events`, signal),
  /** 201 with the case view (and its ETag), or 202 with the draft waiting for approval. */
  recordEvent: (id: string, event: Record<string, unknown>, ifMatch: string) =>
    request<CaseView | DecisionDraft>("POST", `/cases/${seg(id)}/events`, {
      body: event,
      headers: { "if-match": ifMatch },
    }),
  openCase: (body: In<typeof C.CaseOpenSchema>) => post<CaseView>("/cases", body),
  searchCases: (body: In<typeof C.CaseSearchSchema>, signal?: AbortSignal) =>
    request<CaseSearchPage>("POST", "/cases/search", { body, signal }).then((r) => r.data),
  person: (id: string, signal?: AbortSignal) => get<Person>(`/persons/${seg(id)}`, signal),
  createPerson: (body: In<typeof C.PersonInputSchema>) => post<Person>("/persons", body),
  /** Persons already registered who may be this one (intake's duplicate warning); a POST, nothing in the URL. */
  findDuplicatePersons: (body: In<typeof C.PersonDuplicatesQuerySchema>) =>
    post<Of<typeof C.PersonDuplicateListSchema>>("/persons/duplicates", body),
  /** Earlier persons who may be this one, across scripts, scored and explained (never linked). */
  personMatches: (id: string, signal?: AbortSignal) =>
    get<PersonMatchList>(`/persons/${seg(id)}/matches`, signal),
  /** Confirm or reject that another person record is this person, with a reason. */
  decidePersonLink: (id: string, body: PersonLinkInput) =>
    post<PersonLink>(`/persons/${seg(id)}/links`, body),
  updatePersonContact: (id: string, body: In<typeof C.PersonContactSchema>) =>
    request<Person>("PUT", `/persons/${seg(id)}/contact`, { body }).then((r) => r.data),
  addPersonCountries: (id: string, body: In<typeof C.PersonCountriesSchema>) =>
    post<Person>(`/persons/${seg(id)}/countries`, body),
  deadlines: (query: URLSearchParams, signal?: AbortSignal) =>
    get<WorklistPage>(`/deadlines?${query.toString()}`, signal),
  approvals: (signal?: AbortSignal) => get<Of<typeof C.DecisionDraftListSchema>>("/approvals", signal),
  /** Approve with a second factor given with the approval itself (a code not used before). */
  approve: (draftId: string, totp: string) =>
    post<CaseView>(`/approvals/${seg(draftId)}/approve`, { secondFactor: { totp: totp.trim() } }),
  disclosures: (caseId: string, signal?: AbortSignal) =>
    get<Of<typeof C.DisclosureListSchema>>(`/cases/${seg(caseId)}/disclosures`, signal),
  requestDisclosure: (caseId: string, body: In<typeof C.DisclosureRequestSchema>) =>
    post<Disclosure>(`/cases/${seg(caseId)}/disclosures`, body),
  alerts: (signal?: AbortSignal) => get<Of<typeof C.AlertListSchema>>("/alerts", signal),
  acknowledgeAlert: (id: string, note: string) => post<null>(`/alerts/${seg(id)}/acknowledge`, { note }),
  confirmRecipient: (caseId: string, disclosureId: string, reason: string) =>
    post<Disclosure>(`/cases/${seg(caseId)}/disclosures/${seg(disclosureId)}/confirm-recipient`, { reason }),
  approveDisclosure: (caseId: string, disclosureId: string) =>
    post<Disclosure>(`/cases/${seg(caseId)}/disclosures/${seg(disclosureId)}/approve`),
  returnDisclosure: (caseId: string, disclosureId: string, reason: string) =>
    post<Disclosure>(`/cases/${seg(caseId)}/disclosures/${seg(disclosureId)}/return`, { reason }),
  giveBack: (draftId: string, reason: string) =>
    post<DecisionDraft>(`/approvals/${seg(draftId)}/return`, { reason }),
  caseDrafts: (caseId: string, signal?: AbortSignal) =>
    get<Of<typeof C.DecisionDraftListSchema>>(`/cases/${seg(caseId)}/drafts`, signal),
  inbox: (days: number, signal?: AbortSignal) => get<Inbox>(`/inbox?days=${days}`, signal),
  assignees: (signal?: AbortSignal) => get<Of<typeof C.AssignableListSchema>>("/assignees", signal),
  assignCase: (caseId: string, accountId: string | null) =>
    request<{ assignee: CaseView["assignee"] }>("PUT", `/cases/${seg(caseId)}/assignee`, {
      body: { accountId },
    }).then((r) => r.data),

  // Evidence (src/contracts/evidence.ts); files arrive by tus uploads (screens/case/evidence/upload.ts)
  upload: (uploadId: string, signal?: AbortSignal) => get<UploadView>(`/uploads/${seg(uploadId)}`, signal),
  evidence: (caseId: string, signal?: AbortSignal) =>
    get<Of<typeof C.EvidenceListSchema>>(`/cases/${seg(caseId)}/evidence`, signal),
  evidenceItem: (caseId: string, itemId: string, signal?: AbortSignal) =>
    get<EvidenceItem>(`/cases/${seg(caseId)}/evidence/${seg(itemId)}`, signal),
  custody: (caseId: string, itemId: string, signal?: AbortSignal) =>
    get<Of<typeof C.CustodySchema>>(`/cases/${seg(caseId)}/evidence/${seg(itemId)}/custody`, signal),
  attachEvidence: (caseId: string, body: EvidenceInput) =>
    post<EvidenceItem>(`/cases/${seg(caseId)}/evidence`, body),
  observe: (caseId: string, itemId: string, body: ObservationInput) =>
    post<EvidenceItem>(`/cases/${seg(caseId)}/evidence/${seg(itemId)}/observations`, body),
  withdrawEvidence: (caseId: string, itemId: string, reason: string) =>
    post<EvidenceItem>(`/cases/${seg(caseId)}/evidence/${seg(itemId)}/withdrawal`, { reason }),
  correctEvidence: (caseId: string, itemId: string, body: CorrectionRequest) =>
    post<EvidenceItem>(`/cases/${seg(caseId)}/evidence/${seg(itemId)}/corrections`, body),
  searchEvidence: (caseId: string, q: string, signal?: AbortSignal) =>
    get<EvidenceSearchResult>(`/cases/${seg(caseId)}/evidence-search?q=${encodeURIComponent(q)}`, signal),
  /** The court bundle as a ZIP (a Blob) with the name the server gives it. */
  courtBundle: (caseId: string, body: In<typeof C.CourtBundleRequestSchema>) =>
    download(`/cases/${seg(caseId)}/court-bundles`, body),
  portalFileEvidence: (caseId: string, body: PortalEvidenceInput) =>
    post<PortalEvidenceReceipt>(`/portal/cases/${seg(caseId)}/evidence`, body),
  portalEvidence: (caseId: string, signal?: AbortSignal) =>
    get<PortalEvidenceList>(`/portal/cases/${seg(caseId)}/evidence`, signal),

  // The lawyers' portal
  portalCases: (signal?: AbortSignal) => get<PortalCaseList>("/portal/cases", signal),
  // E-mail notifications of the signed-in account
  notificationSettings: (signal?: AbortSignal) =>
    get<Of<typeof C.NotificationSettingsSchema>>("/notifications/settings", signal),
  setNotificationSettings: (email: string | null) =>
    request<Of<typeof C.NotificationSettingsSchema>>("PUT", "/notifications/settings", {
      body: { email },
    }).then((r) => r.data),
  // The Refugee Committee
  agenda: (signal?: AbortSignal) => get<Of<typeof C.AgendaSchema>>("/committee/agenda", signal),
  addToAgenda: (body: In<typeof C.AgendaInputSchema>) => post<AgendaEntry>("/committee/agenda", body),
  castVote: (caseId: string, meetingOn: string, body: In<typeof C.VoteInputSchema>) =>
    request<AgendaEntry>("PUT", `/committee/agenda/${seg(caseId)}/${seg(meetingOn)}/vote`, { body }).then(
      (r) => r.data,
    ),
  /** An interpreter's own assigned interviews. */
  myInterviews: (signal?: AbortSignal) => get<Of<typeof C.InterviewListSchema>>("/interviews", signal),
  portalCase: (id: string, signal?: AbortSignal) => get<PortalCase>(`/portal/cases/${seg(id)}`, signal),

  // Administration
  accounts: (signal?: AbortSignal) => get<Of<typeof C.AccountListSchema>>("/accounts", signal),
  accessRequests: (signal?: AbortSignal) =>
    get<Of<typeof C.AccessRequestListSchema>>("/access-requests", signal),
  requestAccess: (body: AccessRequestInput) => post<AccessRequested>("/access-requests", body),
  /** Approve with a second factor given with the approval itself (a code not used before). */
  approveAccess: (id: string, totp: string) =>
    post<AccessApproved>(`/access-requests/${seg(id)}/approve`, { secondFactor: { totp: totp.trim() } }),
  rejectAccess: (id: string, reason: string) =>
    post<AccessRequest>(`/access-requests/${seg(id)}/reject`, { reason }),
  reviewAccess: (id: string) => post<AccessRequest>(`/access-requests/${seg(id)}/review`),
  // Enrolment: no session; the link's secret and the one-time code are the credential.
  startEnrolment: (body: In<typeof C.EnrolmentStartSchema>) =>
    post<EnrolmentStarted>("/enrolment/start", body),
  completeEnrolment: (body: In<typeof C.EnrolmentCompleteSchema>) =>
    post<Of<typeof C.EnrolledSchema>>("/enrolment", body),
  disableAccount: (id: string) => post<Account>(`/accounts/${seg(id)}/disable`),
  mandates: (caseId: string, signal?: AbortSignal) =>
    get<Of<typeof C.MandateListSchema>>(`/cases/${seg(caseId)}/mandates`, signal),
  findCaseForMandate: (body: In<typeof C.MandateCaseSearchSchema>) =>
    request<Of<typeof C.MandateCaseMatchListSchema>>("POST", "/mandates/case-search", { body }).then(
      (r) => r.data,
    ),
  grantMandate: (caseId: string, body: In<typeof C.MandateInputSchema>) =>
    post<Mandate>(`/cases/${seg(caseId)}/mandates`, body),
  revokeMandate: (id: string) => request<null>("DELETE", `/mandates/${seg(id)}`).then((r) => r.data),
  holidays: (year: number, signal?: AbortSignal) => get<HolidayYear>(`/holidays?year=${year}`, signal),
  addHoliday: (body: In<typeof C.HolidayInputSchema>) => post<HolidayAdded>("/holidays", body),
  keys: (signal?: AbortSignal) => get<KeyStatus>("/keys", signal),
  rotateKeys: () => post<KeyRotation>("/keys/rotate"),
  auditReport: (month: string, signal?: AbortSignal) =>
    get<AuditReport>(`/audit/report?month=${seg(month)}`, signal),
  /** `query`: the page's URL query (caseId or caseNumber, personId, account, from, to, cursor). */
  auditEntries: (query: string, signal?: AbortSignal) => get<AuditEntries>(`/audit/entries?${query}`, signal),

  // Statistics: the breakdown and filters are the page's URL query (web/src/statistics.ts)
  statDefinitions: (signal?: AbortSignal) => get<StatDefinitions>("/statistics/definitions", signal),
  figures: <P extends keyof Figures>(path: P, query: string, signal?: AbortSignal) =>
    get<Figures[P]>(`/statistics/${path}?${query}`, signal),
};
