/**
 * The procedure profiles built into OpenRSD. A deployment's registry is made from these (or from
 * any list a test or an integrator hands `createAppContext`); add a new jurisdiction by writing
 * its folder beside `kr-refugee-act/` and listing it here.
 */
import { createRegistry, type ProfileRegistry } from "../kernel/procedure/registry.ts";
import type { ProcedureProfile } from "../kernel/procedure/profile.ts";
import { krRefugeeAct } from "./kr-refugee-act/profile.ts";

export const BUILT_IN_PROFILES: readonly ProcedureProfile[] = [krRefugeeAct];

export function builtInRegistry(): ProfileRegistry {
  return createRegistry(BUILT_IN_PROFILES);
}
