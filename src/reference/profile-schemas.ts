/**
 * The API's view of the registered procedure profiles: the event body the server accepts (the
 * union of every profile's events) and each profile's description with its events' JSON Schemas,
 * from which the web builds its event forms, and the profile's labels, with which it names them.
 */
import { z } from "zod";
import type { ProfileDescription } from "../contracts/api.ts";
import type { ProfileLabels, VocabularyLabels } from "../kernel/procedure/labels.ts";
import type { ProcedureProfile } from "../kernel/procedure/profile.ts";
import { withRecordLabels } from "../kernel/procedure/record-labels.ts";
import type { ProfileRegistry } from "../kernel/procedure/registry.ts";

/** Every event any registered profile lets a user record, discriminated by `type`. */
export function recordableEventSchema(profiles: ProfileRegistry): z.ZodType {
  const byType = new Map<string, z.ZodType[]>();
  for (const p of profiles.all()) {
    for (const [type, schema] of Object.entries(p.eventSchemas)) {
      const list = byType.get(type) ?? [];
      if (!list.includes(schema)) list.push(schema);
      byType.set(type, list);
    }
  }
  const options = [...byType.values()].map((list) =>
    list.length === 1 ? list[0]! : z.union(list as [z.ZodType, z.ZodType, ...z.ZodType[]]),
  );
  if (options.length === 1) return options[0]!;
  return z
    .union(options as [z.ZodType, z.ZodType, ...z.ZodType[]])
    .describe(
      "An event of the case's procedure profile: `type`, `occurredOn` and the event's own fields; unknown fields are refused",
    );
}

const jsonSchema = (s: z.ZodType) =>
  z.toJSONSchema(s, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;

/** The languages a profile gives labels in, with their labels. */
const languages = (labels: ProfileLabels) =>
  Object.fromEntries(
    Object.entries(labels).filter((e): e is [string, VocabularyLabels] => e[1] !== undefined),
  );

const described = new WeakMap<ProcedureProfile, ProfileDescription>();

export function describeProfile(profile: ProcedureProfile, isDefault: boolean): ProfileDescription {
  let d = described.get(profile);
  if (!d) {
    d = {
      id: profile.id,
      title: profile.title,
      jurisdiction: profile.jurisdiction,
      timeZone: profile.timeZone,
      default: isDefault,
      filing: jsonSchema(profile.filingSchema),
      events: Object.entries(profile.eventSchemas).map(([type, schema]) => ({
        type,
        act: profile.acts[type] ?? "intake",
        needsApproval: profile.approvals.has(type) || profile.removesProtection.has(type),
        removesProtection: profile.removesProtection.has(type),
        schema: jsonSchema(schema),
      })),
      deadlineKinds: [...profile.deadlineKinds],
      // The record events (evidence) are named by the kernel, beneath the profile's own words.
      labels: { ...languages(withRecordLabels(profile.labels)), en: withRecordLabels(profile.labels).en },
    };
    described.set(profile, d);
  }
  return d;
}
