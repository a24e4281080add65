/**
 * The demo's interview record: one interview of the sur-place showcase case, on the first working
 * day from today (today itself on a working day) at 10:00 in a Seoul interview room, in Khmer
 * with the demo interpreter, the applicant's request for a male interviewer met, his lawyer
 * attending, and the first few segments of the transcript entered but not yet read back or signed
 * (so the demo can go on from there). Made through the same commands as a user's requests.
 */
import type { Actor } from "../app/actor.ts";
import { calendarOf, today, type AppContext } from "../app/context.ts";
import { addDays, dayOfWeek, type LegalDate } from "../kernel/calendar/dates.ts";
import { systemPrincipal } from "../security/access/policy.ts";
import { addSegment, scheduleInterview } from "./record.ts";

const SEGMENTS = [
  {
    question: "한국에 온 뒤 어떤 정치 활동을 하였습니까?",
    answer:
      "2020년부터 페이스북과 유튜브에 캄보디아 정부를 비판하는 영상을 올렸고, 재한 캄보디아 야당 지지자 모임의 온라인 홍보를 맡고 있습니다.",
  },
  {
    question: "영상은 몇 명 정도가 보았습니까?",
    answer: "제 채널 구독자는 약 1만 2천 명이고, 가장 많이 본 영상은 조회수가 30만 회를 넘었습니다.",
  },
  {
    question: "본국 정부가 귀하의 활동을 알고 있다고 생각하는 이유는 무엇입니까?",
    answer:
      "캄보디아 대사관이 한국 정부에 제 송환을 요청했다는 말을 들었고, 고향의 가족에게 경찰이 찾아와 저에 대해 물었습니다.",
  },
];

/** Today if it is a working day, else the next one: nobody is interviewed on a Sunday or a holiday. */
export function nextWorkingDay(ctx: AppContext, from: LegalDate): LegalDate {
  const calendar = calendarOf(ctx, ctx.profiles.defaultProfile);
  let d = from;
  while (dayOfWeek(d) === 0 || dayOfWeek(d) === 6 || calendar.isPublicHoliday(d)) d = addDays(d, 1);
  return d;
}

export async function scheduleDemoInterview(
  ctx: AppContext,
  caseId: string,
  interpreterId: string,
): Promise<void> {
  const actor: Actor = { principal: systemPrincipal("demo-examiner"), address: "local" };
  const interview = await scheduleInterview(ctx, actor, caseId, {
    interviewOn: nextWorkingDay(ctx, today(ctx)),
    startTime: "10:00",
    mode: "in_person",
    place: "서울출입국·외국인청 난민면접실 2",
    language: "km",
    interpreterId,
    requests: {
      interviewer: { requested: true, met: true },
      interpreter: { requested: false, met: null },
    },
    attendance: { representative: "Demo lawyer", trustedPerson: null, unhcr: null },
    recordingItemId: null,
  });
  let at = 0;
  for (const s of SEGMENTS) {
    await addSegment(ctx, actor, caseId, interview.id, { ...s, startSecond: at, endSecond: at + 150 });
    at += 180;
  }
}
