/**
 * What the screens read, as TanStack Query options: one query key per resource, so that a write
 * can say which reads it makes stale (`invalidate`). Reference data (offices, profiles, the
 * figures' definitions) changes only with a deployment and is read once per page load.
 */
import { QueryClient, queryOptions, type QueryKey } from "@tanstack/react-query";
import { ApiError, client, type Figures, type Session } from "./api.ts";

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A refusal is an answer, not a failure to retry; the screens show it at once.
        retry: false,
        // A page shows what it was opened with until the user reloads or records something:
        // an event is sent with that version (If-Match), so it must not change underneath.
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
      mutations: { retry: false },
    },
  });
}

const FOREVER = { staleTime: Infinity, gcTime: Infinity } as const;

/** Query keys: a resource's key starts with its collection's, so invalidating `cases` reaches every case. */
export const keys = {
  session: ["session"] as const,
  demoAccounts: ["demo-accounts"] as const,
  offices: ["offices"] as const,
  profiles: ["profiles"] as const,
  profile: (id: string) => ["profiles", id] as const,
  cases: ["cases"] as const,
  case: (id: string) => ["cases", id] as const,
  caseEvents: (id: string) => ["cases", id, "events"] as const,
  caseSearches: ["cases", "search"] as const,
  caseSearch: (search: unknown) => ["cases", "search", search] as const,
  person: (id: string) => ["persons", id] as const,
  deadlines: ["deadlines"] as const,
  approvals: ["approvals"] as const,
  inbox: ["inbox"] as const,
  caseDrafts: (id: string) => ["cases", id, "drafts"] as const,
  evidence: (caseId: string) => ["cases", caseId, "evidence"] as const,
  evidenceItem: (caseId: string, itemId: string) => ["cases", caseId, "evidence", itemId] as const,
  assignees: ["assignees"] as const,
  portal: ["portal"] as const,
  interviews: ["interviews"] as const,
  agenda: ["committee", "agenda"] as const,
  accounts: ["accounts"] as const,
  accessRequests: ["access-requests"] as const,
  mandates: (caseId: string) => ["mandates", caseId] as const,
  disclosures: (caseId: string) => ["disclosures", caseId] as const,
  alerts: ["alerts"] as const,
  allHolidays: ["holidays"] as const,
  holidays: (year: number) => ["holidays", year] as const,
  keys: ["keys"] as const,
  audit: (month: string) => ["audit", month] as const,
  statistics: ["statistics"] as const,
} satisfies Record<string, QueryKey | ((...a: never[]) => QueryKey)>;

/** The inbox lists the deadlines of the user's own cases due within this many days. */
export const INBOX_DAYS = 14;

export const queries = {
  /** Who is signed in; null when no one is (the cookie is missing, expired or revoked). */
  session: () =>
    queryOptions({
      queryKey: keys.session,
      queryFn: async ({ signal }): Promise<Session | null> => {
        try {
          return await client.session(signal);
        } catch (e) {
          if (e instanceof ApiError) return null;
          throw e;
        }
      },
      ...FOREVER,
    }),
  /** Demo mode only (404 otherwise): the accounts and their codes, which change every 30 seconds. */
  demoAccounts: () =>
    queryOptions({
      queryKey: keys.demoAccounts,
      queryFn: ({ signal }) => client.demoAccounts(signal),
      refetchInterval: 10_000,
    }),
  offices: () =>
    queryOptions({
      queryKey: keys.offices,
      queryFn: async ({ signal }) => (await client.offices(signal)).items,
      ...FOREVER,
    }),
  profiles: () =>
    queryOptions({
      queryKey: keys.profiles,
      queryFn: async ({ signal }) => (await client.profiles(signal)).items,
      ...FOREVER,
    }),
  profile: (id: string) =>
    queryOptions({
      queryKey: keys.profile(id),
      queryFn: ({ signal }) => client.profile(id, signal),
      ...FOREVER,
    }),
  /** The case view with the version it was read at (its ETag), which a recorded event must name. */
  case: (id: string) =>
    queryOptions({
      queryKey: keys.case(id),
      queryFn: async ({ signal }) => {
        const r = await client.case(id, signal);
        return { view: r.data, version: r.etag ?? `"${r.data.version}"` };
      },
    }),
  /** The case as it stood on an earlier day: what the procedure allowed then (for an event entered late). */
  caseAsOf: (id: string, asOf: string) =>
    queryOptions({
      queryKey: [...keys.case(id), "asOf", asOf] as const,
      queryFn: async ({ signal }) => (await client.case(id, signal, asOf)).data,
    }),
  caseEvents: (id: string) =>
    queryOptions({
      queryKey: keys.caseEvents(id),
      queryFn: async ({ signal }) => (await client.caseEvents(id, signal)).items,
    }),
  person: (id: string) =>
    queryOptions({ queryKey: keys.person(id), queryFn: ({ signal }) => client.person(id, signal) }),
  approvals: () =>
    queryOptions({
      queryKey: keys.approvals,
      queryFn: async ({ signal }) => (await client.approvals(signal)).items,
    }),
  /** What needs me, deadlines within `INBOX_DAYS`; the header's count polls it. */
  inbox: () =>
    queryOptions({
      queryKey: keys.inbox,
      queryFn: ({ signal }) => client.inbox(INBOX_DAYS, signal),
      refetchInterval: 120_000,
    }),
  caseDrafts: (id: string) =>
    queryOptions({
      queryKey: keys.caseDrafts(id),
      queryFn: async ({ signal }) => (await client.caseDrafts(id, signal)).items,
    }),
  assignees: () =>
    queryOptions({
      queryKey: keys.assignees,
      queryFn: async ({ signal }) => (await client.assignees(signal)).items,
      staleTime: 300_000,
    }),
  agenda: () =>
    queryOptions({
      queryKey: keys.agenda,
      queryFn: async ({ signal }) => (await client.agenda(signal)).items,
    }),
  myInterviews: () =>
    queryOptions({
      queryKey: keys.interviews,
      queryFn: async ({ signal }) => (await client.myInterviews(signal)).items,
    }),
  /** A case's evidence items (summaries). */
  evidence: (caseId: string) =>
    queryOptions({
      queryKey: keys.evidence(caseId),
      queryFn: async ({ signal }) => (await client.evidence(caseId, signal)).items,
    }),
  evidenceItem: (caseId: string, itemId: string) =>
    queryOptions({
      queryKey: keys.evidenceItem(caseId, itemId),
      queryFn: ({ signal }) => client.evidenceItem(caseId, itemId, signal),
    }),
  custody: (caseId: string, itemId: string) =>
    queryOptions({
      queryKey: [...keys.evidenceItem(caseId, itemId), "custody"] as const,
      queryFn: async ({ signal }) => (await client.custody(caseId, itemId, signal)).items,
    }),
  evidenceSearch: (caseId: string, q: string) =>
    queryOptions({
      queryKey: [...keys.evidence(caseId), "search", q] as const,
      queryFn: async ({ signal }) => (await client.searchEvidence(caseId, q, signal)).items,
    }),
  portalEvidence: (caseId: string) =>
    queryOptions({
      queryKey: [...keys.portal, "cases", caseId, "evidence"],
      queryFn: async ({ signal }) => (await client.portalEvidence(caseId, signal)).items,
    }),
  portalCases: () =>
    queryOptions({
      queryKey: [...keys.portal, "cases"],
      queryFn: async ({ signal }) => (await client.portalCases(signal)).items,
    }),
  portalCase: (id: string) =>
    queryOptions({
      queryKey: [...keys.portal, "cases", id],
      queryFn: ({ signal }) => client.portalCase(id, signal),
    }),
  accounts: () =>
    queryOptions({
      queryKey: keys.accounts,
      queryFn: async ({ signal }) => (await client.accounts(signal)).items,
    }),
  accessRequests: () =>
    queryOptions({
      queryKey: keys.accessRequests,
      queryFn: async ({ signal }) => (await client.accessRequests(signal)).items,
    }),
  mandates: (caseId: string) =>
    queryOptions({
      queryKey: keys.mandates(caseId),
      queryFn: async ({ signal }) => (await client.mandates(caseId, signal)).items,
    }),
  alerts: () =>
    queryOptions({
      queryKey: keys.alerts,
      queryFn: async ({ signal }) => (await client.alerts(signal)).items,
    }),
  disclosures: (caseId: string) =>
    queryOptions({
      queryKey: keys.disclosures(caseId),
      queryFn: async ({ signal }) => (await client.disclosures(caseId, signal)).items,
    }),
  holidays: (year: number) =>
    queryOptions({
      queryKey: keys.holidays(year),
      queryFn: async ({ signal }) => (await client.holidays(year, signal)).items,
    }),
  keys: () => queryOptions({ queryKey: keys.keys, queryFn: ({ signal }) => client.keys(signal) }),
  audit: (month: string) =>
    queryOptions({ queryKey: keys.audit(month), queryFn: ({ signal }) => client.auditReport(month, signal) }),
  statDefinitions: () =>
    queryOptions({
      queryKey: [...keys.statistics, "definitions"],
      queryFn: async ({ signal }) => (await client.statDefinitions(signal)).items,
      ...FOREVER,
    }),
  figures: <P extends keyof Figures>(path: P, query: string) =>
    queryOptions({
      queryKey: [...keys.statistics, path, query],
      queryFn: ({ signal }) => client.figures(path, query, signal),
    }),
};
