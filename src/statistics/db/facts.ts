/**
 * The statistics rows of each case (stat_cases, stat_decisions), replaced whenever its projection
 * is saved. Derived data: rebuilt from the event log at will. The person's nationality, sex and
 * birth date (decrypted) are read from `persons` here, and only the age band is kept, so no
 * name, date of birth or identifier is ever copied.
 */
import { ageBand, type StatCase } from "../../kernel/statistics/facts.ts";
import type { Keyring } from "../../security/crypto/keyring.ts";
import { openText } from "../../security/crypto/sealed.ts";
import type { Queryable } from "../../store/db.ts";

export async function saveStatFacts(
  tx: Queryable,
  keyring: Keyring,
  row: { officeId: string; caseId: string; personId: string; facts: StatCase },
): Promise<void> {
  const { officeId, caseId, personId, facts } = row;
  const [person] = await tx.query<{
    nationality: string | null;
    sex: string | null;
    birth_date: string | null;
    birth_date_enc: string | null;
  }>("SELECT nationality, sex, birth_date, birth_date_enc FROM persons WHERE id = $1", [personId]);
  // The date of birth is sealed (docs/security.md requirement 20); only the age band is kept here.
  const birthDate = person
    ? (openText(keyring, person.birth_date_enc, { table: "persons", row: personId, field: "birth_date" }) ??
      person.birth_date)
    : null;
  const band = ageBand(birthDate, facts.filedOn);
  await tx.query("DELETE FROM stat_decisions WHERE office_id = $1 AND case_id = $2", [officeId, caseId]);
  await tx.query(
    `INSERT INTO stat_cases (office_id, case_id, person_id, filed_on, filed_year, channel, kind, nationality, sex,
                             age_band, first_outcome, first_decided_on, final_outcome, final_on)
     VALUES ($1, $2, $3, $4, extract(year FROM $4::date), $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (office_id, case_id) DO UPDATE SET
       first_outcome = EXCLUDED.first_outcome, first_decided_on = EXCLUDED.first_decided_on,
       final_outcome = EXCLUDED.final_outcome, final_on = EXCLUDED.final_on,
       nationality = EXCLUDED.nationality, sex = EXCLUDED.sex, age_band = EXCLUDED.age_band`,
    [
      officeId,
      caseId,
      personId,
      facts.filedOn,
      facts.channel,
      facts.kind,
      person?.nationality ?? null,
      person?.sex ?? null,
      band,
      facts.firstInstance?.outcome ?? null,
      facts.firstInstance?.decidedOn ?? null,
      facts.final?.outcome ?? null,
      facts.final?.since ?? null,
    ],
  );
  if (facts.decisions.length === 0) return;
  const d = facts.decisions;
  await tx.query(
    `INSERT INTO stat_decisions (office_id, case_id, seq, level, decided_on, decided_year, outcome, substantive,
                                 redecision, reverses_refusal, decision_maker, filed_on, channel, kind,
                                 nationality, sex, age_band)
     SELECT $1, $2, u.seq, u.level, u.decided_on, extract(year FROM u.decided_on), u.outcome, u.substantive,
            u.redecision, u.reverses, u.maker, $3, $4, $5, $6, $7, $8
       FROM unnest($9::int[], $10::text[], $11::date[], $12::text[], $13::boolean[], $14::boolean[],
                   $15::boolean[], $16::text[]) AS u(seq, level, decided_on, outcome, substantive, redecision,
                                                    reverses, maker)`,
    [
      officeId,
      caseId,
      facts.filedOn,
      facts.channel,
      facts.kind,
      person?.nationality ?? null,
      person?.sex ?? null,
      band,
      d.map((x) => x.seq),
      d.map((x) => x.level),
      d.map((x) => x.decidedOn),
      d.map((x) => x.outcome),
      d.map((x) => x.substantive),
      d.map((x) => x.redecision),
      d.map((x) => x.reversesRefusal),
      d.map((x) => x.decisionMaker),
    ],
  );
}
