/**
 * The benchmark's data: cases in the examination stage with about ten events each, made through
 * the application's own commands (so every record is one the procedure accepted).
 */
import type { Actor } from "../src/app/actor.ts";
import { systemPrincipal } from "../src/security/access/policy.ts";
import { createPerson } from "../src/persons/create-person.ts";
import { openCase } from "../src/cases/open-case.ts";
import { recordEvent, recordedView } from "../src/cases/record-event.ts";
import { today, type AppContext } from "../src/app/context.ts";
import { addDays } from "../src/kernel/calendar/dates.ts";

const ACTOR: Actor = { principal: systemPrincipal("bench"), address: "local" };
const NATIONALITIES = ["KHM", "RUS", "EGY", "PAK", "CHN", "NGA", "KAZ", "MAR"];

/**
 * Filed 120 days ago (the decision is due at six months, so still under examination), then
 * summons and interviews, alternating, 20 days apart: `events` events in all, the last one
 * 20 to 30 days ago, so that events dated today can follow. A longer history (the examination
 * stage allows any number of summons and interviews) is spread over the same 80 days, several
 * pairs a day where it must, each interview on the day of its summons.
 */
export async function seedCase(ctx: AppContext, n: number, events: number): Promise<string> {
  const now = today(ctx);
  const person = await createPerson(ctx, ACTOR, {
    names: [{ value: `Bench Applicant ${n}`, script: "Latn" }],
    nationality: NATIONALITIES[n % NATIONALITIES.length] ?? "XXX",
    sex: n % 2 ? "female" : "male",
  });
  const filedOn = addDays(now, -120);
  const opened = await openCase(ctx, ACTOR, {
    personId: person.id,
    office: "seoul",
    channel: "in_country",
    kind: "first",
    filedOn,
  });
  let version = opened.version;
  const lastPair = Math.max(1, Math.ceil((events - 1) / 2) - 1);
  const step = lastPair * 20 <= 80 ? 20 : 80 / lastPair;
  const lag = step >= 7 ? 7 : 0;
  for (let i = 1; i < events; i++) {
    const pair = Math.floor((i - 1) / 2);
    const summonsOn = addDays(filedOn, 10 + Math.floor(pair * step));
    const event =
      i % 2 === 1
        ? {
            type: "summons_served",
            occurredOn: summonsOn,
            interviewOn: addDays(summonsOn, lag),
            method: "post",
          }
        : { type: "interview_held", occurredOn: addDays(summonsOn, lag), examinerId: "examiner-1" };
    version = recordedView(await recordEvent(ctx, ACTOR, opened.id, version, event)).version;
  }
  return opened.id;
}

/** Seed `count` cases, `parallel` at a time; returns their ids in creation order. */
export async function seedCases(
  ctx: AppContext,
  count: number,
  events = 10,
  parallel = 8,
): Promise<string[]> {
  const ids = new Array<string>(count);
  let next = 0;
  const worker = async () => {
    for (let n = next++; n < count; n = next++) ids[n] = await seedCase(ctx, n, events);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  return ids;
}
