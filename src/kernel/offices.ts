/**
 * The Korean offices that receive refugee applications (RA 5, RD 24: applications go to a regional
 * immigration office or branch, or, for detained persons, a foreigners' detention centre).
 * Codes are short, lowercase and stable: they appear in URLs, exports and every case-scoped row.
 */
export interface Office {
  code: string;
  nameEn: string;
  nameKo: string;
  kind: "immigration_office" | "airport_office" | "detention_centre";
}

export const OFFICES: readonly Office[] = [
  {
    code: "seoul",
    nameEn: "Seoul Immigration Office",
    nameKo: "서울출입국·외국인청",
    kind: "immigration_office",
  },
  {
    code: "seoul-south",
    nameEn: "Seoul Southern Immigration Office",
    nameKo: "서울남부출입국·외국인사무소",
    kind: "immigration_office",
  },
  {
    code: "incheon",
    nameEn: "Incheon Immigration Office",
    nameKo: "인천출입국·외국인청",
    kind: "immigration_office",
  },
  {
    code: "incheon-airport",
    nameEn: "Incheon Airport Immigration Office",
    nameKo: "인천공항출입국·외국인청",
    kind: "airport_office",
  },
  {
    code: "busan",
    nameEn: "Busan Immigration Office",
    nameKo: "부산출입국·외국인청",
    kind: "immigration_office",
  },
  {
    code: "daegu",
    nameEn: "Daegu Immigration Office",
    nameKo: "대구출입국·외국인사무소",
    kind: "immigration_office",
  },
  {
    code: "daejeon",
    nameEn: "Daejeon Immigration Office",
    nameKo: "대전출입국·외국인사무소",
    kind: "immigration_office",
  },
  {
    code: "gwangju",
    nameEn: "Gwangju Immigration Office",
    nameKo: "광주출입국·외국인사무소",
    kind: "immigration_office",
  },
  {
    code: "suwon",
    nameEn: "Suwon Immigration Office",
    nameKo: "수원출입국·외국인사무소",
    kind: "immigration_office",
  },
  {
    code: "ulsan",
    nameEn: "Ulsan Immigration Office",
    nameKo: "울산출입국·외국인사무소",
    kind: "immigration_office",
  },
  {
    code: "jeju",
    nameEn: "Jeju Immigration Office",
    nameKo: "제주출입국·외국인청",
    kind: "immigration_office",
  },
  {
    code: "cheongju",
    nameEn: "Cheongju Immigration Office",
    nameKo: "청주출입국·외국인사무소",
    kind: "immigration_office",
  },
  {
    code: "hwaseong-detention",
    nameEn: "Hwaseong Foreigners' Detention Center",
    nameKo: "화성외국인보호소",
    kind: "detention_centre",
  },
  {
    code: "cheongju-detention",
    nameEn: "Cheongju Foreigners' Detention Center",
    nameKo: "청주외국인보호소",
    kind: "detention_centre",
  },
];

const BY_CODE = new Map(OFFICES.map((o) => [o.code, o]));

export function findOffice(code: string): Office | undefined {
  return BY_CODE.get(code);
}
