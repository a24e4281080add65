/**
 * The demo interpreter's coming interviews: four open cases under examination or objection (Seoul's
 * first), each with an interview on a coming weekday, in the applicant's first language, as an examiner
 * assigns them (src/interviews). Written directly, as the demo's other grants are.
 */
import { v7 as uuidv7 } from "uuid";
import { today, type AppContext } from "../app/context.ts";
import { addDays, type LegalDate } from "../kernel/calendar/dates.ts";
import { insertAssignment } from "../interviews/db.ts";

const PLACES: Record<string, string> = {
  seoul: "서울출입국·외국인청 난민면접실 2",
  busan: "부산출입국·외국인청 난민면접실 1",
  incheon: "인천출입국·외국인청 난민면접실",
};

/** The next Monday-to-Friday day on or after `d`. */
function weekday(d: LegalDate): LegalDate {
  let day = d;
  while ([0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay())) day = addDays(day, 1);
  return day;
}

export async function assignDemoInterviews(ctx: AppContext, interpreterId: string): Promise<number> {
  const cases = await ctx.db.query<{ id: string; office: string; languages: string[] }>(
    `SELECT c.id, c.office_id AS office, p.languages
       FROM cases c JOIN persons p ON p.id = c.person_id
      WHERE c.stage IN ('examination', 'objection') AND NOT c.final
      ORDER BY c.office_id = 'seoul' DESC, c.filed_on DESC LIMIT 4`,
  );
  const now = today(ctx);
  let day = now;
  for (const c of cases) {
    day = weekday(addDays(day, 1));
    await insertAssignment(ctx.db, {
      officeId: c.office,
      id: uuidv7(),
      caseId: c.id,
      interpreterId,
      interviewOn: day,
      language: c.languages[0] ?? "en",
      place: PLACES[c.office] ?? "난민면접실",
      createdAt: ctx.clock(),
      createdBy: "demo",
    });
  }
  return cases.length;
}
