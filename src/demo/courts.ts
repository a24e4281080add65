/**
 * Which courts hear a suit against an office's decision (the defendant's seat, ALA 9 and 13), and
 * fictional docket numbers for them.
 */
import { dateParts, type LegalDate } from "../kernel/calendar/dates.ts";

export interface CourtChain {
  first: string;
  high: string;
  supreme: string;
}

const SUPREME = "Supreme Court";

const CHAINS: Record<string, CourtChain> = {
  seoul: { first: "Seoul Administrative Court", high: "Seoul High Court", supreme: SUPREME },
  "seoul-south": { first: "Seoul Administrative Court", high: "Seoul High Court", supreme: SUPREME },
  incheon: { first: "Incheon District Court", high: "Seoul High Court", supreme: SUPREME },
  "incheon-airport": { first: "Incheon District Court", high: "Seoul High Court", supreme: SUPREME },
  busan: { first: "Busan District Court", high: "Busan High Court", supreme: SUPREME },
  ulsan: { first: "Ulsan District Court", high: "Busan High Court", supreme: SUPREME },
  daegu: { first: "Daegu District Court", high: "Daegu High Court", supreme: SUPREME },
  daejeon: { first: "Daejeon District Court", high: "Daejeon High Court", supreme: SUPREME },
  cheongju: { first: "Cheongju District Court", high: "Daejeon High Court", supreme: SUPREME },
  "cheongju-detention": { first: "Cheongju District Court", high: "Daejeon High Court", supreme: SUPREME },
  gwangju: { first: "Gwangju District Court", high: "Gwangju High Court", supreme: SUPREME },
  jeju: { first: "Jeju District Court", high: "Gwangju High Court", supreme: SUPREME },
  suwon: { first: "Suwon District Court", high: "Suwon High Court", supreme: SUPREME },
  "hwaseong-detention": { first: "Suwon District Court", high: "Suwon High Court", supreme: SUPREME },
};

export function courtsFor(office: string): CourtChain {
  return (
    CHAINS[office] ?? { first: "Seoul Administrative Court", high: "Seoul High Court", supreme: SUPREME }
  );
}

/** Case-type marks of Korean dockets: 구단 (administrative, single judge), 누 (administrative appeal), 두 (Supreme Court). */
const MARK = { 1: "구단", 2: "누", 3: "두" } as const;

/**
 * Docket numbers in the Korean shape (year, case-type mark, serial) with six-digit serials from
 * 900001: real serials of these courts stay far below, so no demo docket names a real case.
 */
export class Dockets {
  private serial = 900_000;

  next(level: 1 | 2 | 3, on: LegalDate): string {
    this.serial += 1;
    return `${dateParts(on).year}${MARK[level]}${this.serial}`;
  }
}
