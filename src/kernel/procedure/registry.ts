/**
 * The profiles a deployment runs, by id. The application is handed a registry when it starts
 * (`src/profiles/index.ts` builds the default one from the built-in profiles); nothing else in
 * the code names a profile.
 */
import { missingLabels } from "./labels.ts";
import { FILING_EVENT, type ProcedureProfile } from "./profile.ts";
import { isRecordEvent } from "./record-events.ts";

export interface ProfileRegistry {
  /** The profile new cases get when none is named. */
  readonly defaultProfile: ProcedureProfile;
  get(id: string): ProcedureProfile | undefined;
  /** The profile of a stored case: one that is not registered is a deployment error. */
  require(id: string): ProcedureProfile;
  all(): readonly ProcedureProfile[];
  /** Every jurisdiction whose holiday calendar some profile uses. */
  jurisdictions(): readonly string[];
}

export function createRegistry(profiles: readonly ProcedureProfile[]): ProfileRegistry {
  const [first] = profiles;
  if (!first) throw new Error("a deployment needs at least one procedure profile");
  const byId = new Map<string, ProcedureProfile>();
  for (const p of profiles) {
    if (byId.has(p.id)) throw new Error(`procedure profile ${p.id} is registered twice`);
    for (const type of Object.keys(p.eventSchemas)) {
      if (!p.acts[type]) throw new Error(`profile ${p.id}: event ${type} has no act`);
      if (isRecordEvent({ type }))
        throw new Error(`profile ${p.id}: ${type} is a record event of the kernel, not a profile's`);
    }
    const unlabelled = missingLabels({
      eventTypes: [FILING_EVENT, ...Object.keys(p.eventSchemas)],
      deadlineKinds: p.deadlineKinds,
      labels: p.labels,
    });
    if (unlabelled.length > 0) throw new Error(`profile ${p.id}: ${unlabelled.join("; ")}`);
    for (const type of [...p.approvals, ...p.removesProtection]) {
      if (!Object.hasOwn(p.eventSchemas, type))
        throw new Error(`profile ${p.id}: ${type} needs approval but is not one of its events`);
    }
    byId.set(p.id, p);
  }
  return {
    defaultProfile: first,
    get: (id) => byId.get(id),
    require(id) {
      const p = byId.get(id);
      if (!p) throw new Error(`procedure profile ${id} is not registered in this deployment`);
      return p;
    },
    all: () => [...byId.values()],
    jurisdictions: () => [...new Set(profiles.map((p) => p.jurisdiction))],
  };
}
