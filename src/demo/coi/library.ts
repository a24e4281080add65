/**
 * The demo's country-of-origin information library: a few hundred documents in Korean and
 * English about the general situation in fictional countries and in a few real ones, written for
 * the demo by a seeded generator (the same seed, the same library). Every source is a fictional
 * organisation and every author a team, never a person; nothing here quotes a real report.
 */
import type { AppContext } from "../../app/context.ts";
import type { Queryable } from "../../store/db.ts";
import { createRng, type Rng } from "../random.ts";
import { v7 as uuidv7 } from "uuid";

export interface DemoCoiDocument {
  source: string;
  title: string;
  author: string | null;
  publishedOn: string;
  accessedOn: string;
  url: string;
  country: string;
  language: "ko" | "en";
  topics: string[];
  profiles: string[];
  passages: { text: string; locator: string }[];
}

interface Country {
  code: string;
  en: string;
  ko: string;
  /** The capital or a main city, for the sentences. */
  cityEn: string;
  cityKo: string;
}

const COUNTRIES: readonly Country[] = [
  { code: "KHM", en: "Cambodia", ko: "캄보디아", cityEn: "Phnom Penh", cityKo: "프놈펜" },
  { code: "MMR", en: "Myanmar", ko: "미얀마", cityEn: "Yangon", cityKo: "양곤" },
  { code: "LKA", en: "Sri Lanka", ko: "스리랑카", cityEn: "Colombo", cityKo: "콜롬보" },
  { code: "UGA", en: "Uganda", ko: "우간다", cityEn: "Kampala", cityKo: "캄팔라" },
  // Fictional countries, with user-assigned codes.
  { code: "QVD", en: "Veldoria", ko: "벨도리아", cityEn: "Castrel", cityKo: "카스트렐" },
  { code: "QMS", en: "Marestan", ko: "마레스탄", cityEn: "Ordabad", cityKo: "오르다바드" },
  { code: "QOS", en: "Ostravia", ko: "오스트라비아", cityEn: "Velinsk", cityKo: "벨린스크" },
];

interface Source {
  name: string;
  host: string;
  language: "ko" | "en";
}

const SOURCES: readonly Source[] = [
  { name: "Mekong Rights Monitor", host: "mekong-rights.example.org", language: "en" },
  { name: "Borderline Press Freedom Watch", host: "borderline-press.example.org", language: "en" },
  { name: "Northern Observatory on Asylum", host: "northern-observatory.example.org", language: "en" },
  { name: "Global Returnee Network", host: "returnee-network.example.org", language: "en" },
  { name: "Institute for Comparative Country Studies", host: "iccs.example.org", language: "en" },
  { name: "메콩 인권 감시단", host: "mekong-kr.example.org", language: "ko" },
  { name: "아시아 이주 연구센터", host: "asia-migration.example.kr", language: "ko" },
  { name: "국제 표현의자유 센터", host: "free-expression.example.kr", language: "ko" },
  { name: "난민 국가정보 연구회", host: "coi-study.example.kr", language: "ko" },
];

const AUTHORS = {
  en: ["Research team", "Country analysis unit", "Field research desk", null],
  ko: ["조사팀", "국가분석팀", "현지조사단", null],
} as const;

interface Theme {
  topic: string;
  profile: string;
  en: { title: string; subject: string; sentences: readonly string[] };
  ko: { title: string; subject: string; sentences: readonly string[] };
}

/**
 * Sentence templates per theme. Slots: {country} {city} {year} {n} {platform} {host} and, in
 * Korean, the same names. Varied enough to search: each theme has its own words.
 */
const THEMES: readonly Theme[] = [
  {
    topic: "transnational_repression",
    profile: "opposition_activists_abroad",
    en: {
      title: "{country}: treatment of opposition activists abroad",
      subject: "opposition activists abroad",
      sentences: [
        "Authorities in {country} are reported to monitor the online activity of opposition supporters living abroad, including in {host}.",
        "Several activists who organised protests abroad in {year} said that relatives in {city} were questioned by the police.",
        "Government officials publicly named overseas critics as traitors and called on host states to return them.",
        "At least {n} members of the dissolved opposition party abroad were charged in absentia with incitement.",
        "Sources describe surveillance of diaspora gatherings and photographs of participants being shared on {platform}.",
        "Activists who held leading roles in overseas branches of the opposition were singled out in state media.",
        "A returning activist was detained at the airport in {city} and questioned about meetings attended abroad.",
      ],
    },
    ko: {
      title: "{country}: 해외 야당 활동가에 대한 처우",
      subject: "해외 야당 활동가",
      sentences: [
        "{country} 당국은 {host}에 거주하는 야당 지지자들의 온라인 활동을 감시하는 것으로 보고된다.",
        "{year}년 해외에서 집회를 조직한 활동가들은 {city}에 있는 가족이 경찰 조사를 받았다고 진술하였다.",
        "정부 인사들은 해외 비판자들을 반역자로 지목하고 체류국에 이들의 송환을 요구하였다.",
        "해산된 야당의 해외 당원 최소 {n}명이 궐석 상태에서 선동 혐의로 기소되었다.",
        "해외 교민 모임이 감시되고 참가자들의 사진이 {platform}에 공유되었다는 자료가 있다.",
        "야당 해외 지부에서 주도적 역할을 한 활동가들은 국영 매체에서 실명으로 비난받았다.",
        "귀국한 한 활동가는 {city} 공항에서 구금되어 해외 모임 참석에 관하여 조사를 받았다.",
      ],
    },
  },
  {
    topic: "freedom_of_expression",
    profile: "online_critics",
    en: {
      title: "{country}: freedom of expression online",
      subject: "online critics",
      sentences: [
        "Freedom of expression online is restricted in {country}; a cybercrime law adopted in {year} is used against critics.",
        "Users who shared posts critical of the government on {platform} were summoned and asked to delete them.",
        "At least {n} people were prosecuted in {year} for comments posted on social media.",
        "Authorities blocked several independent news websites and required platforms to remove content.",
        "Posts with a large audience drew more attention from the authorities than private messages.",
        "Online critics reported harassment by accounts linked to the ruling party.",
      ],
    },
    ko: {
      title: "{country}: 온라인 표현의 자유",
      subject: "온라인 비판자",
      sentences: [
        "{country}에서 온라인 표현의 자유는 제한되어 있으며 {year}년 제정된 사이버범죄법이 비판자들에게 적용된다.",
        "{platform}에 정부 비판 게시물을 공유한 이용자들은 소환되어 게시물 삭제를 요구받았다.",
        "{year}년 소셜미디어 댓글을 이유로 최소 {n}명이 기소되었다.",
        "당국은 여러 독립 언론 사이트를 차단하고 플랫폼에 게시물 삭제를 요구하였다.",
        "조회수가 많은 게시물은 개인 메시지보다 당국의 주목을 더 많이 받았다.",
        "온라인 비판자들은 집권당과 연계된 계정들로부터 괴롭힘을 당했다고 보고하였다.",
      ],
    },
  },
  {
    topic: "repatriation",
    profile: "returnees",
    en: {
      title: "{country}: returnees and repatriation requests",
      subject: "returnees",
      sentences: [
        "The government of {country} asked neighbouring states in {year} to repatriate named critics.",
        "Returnees who had applied for asylum abroad were questioned on arrival in {city}.",
        "Sources could not confirm the treatment of {n} people returned in {year}; monitoring access was limited.",
        "Repatriation requests were made through diplomatic notes and, in some cases, through police cooperation channels.",
        "Failed asylum seekers without a political profile were generally released after registration.",
      ],
    },
    ko: {
      title: "{country}: 귀환자 및 송환 요청",
      subject: "귀환자",
      sentences: [
        "{country} 정부는 {year}년 인접국에 특정 비판자들의 송환을 요청하였다.",
        "해외에서 비호를 신청했던 귀환자들은 {city} 도착 시 조사를 받았다.",
        "{year}년 송환된 {n}명에 대한 처우는 확인되지 않았으며 감시 접근이 제한되었다.",
        "송환 요청은 외교 공한을 통해, 일부는 경찰 협력 경로를 통해 이루어졌다.",
        "정치적 이력이 없는 비호 불인정자는 대체로 등록 절차 후 석방되었다.",
      ],
    },
  },
  {
    topic: "press_freedom",
    profile: "journalists",
    en: {
      title: "{country}: situation of journalists",
      subject: "journalists",
      sentences: [
        "Independent journalists in {country} face prosecution for reporting on land disputes and protests.",
        "In {year} at least {n} journalists were detained while covering demonstrations in {city}.",
        "Several media outlets had their licences revoked after publishing investigations into officials.",
        "Journalists reported self-censorship and pressure on advertisers.",
      ],
    },
    ko: {
      title: "{country}: 언론인의 상황",
      subject: "언론인",
      sentences: [
        "{country}의 독립 언론인들은 토지 분쟁과 시위를 보도한 이유로 기소될 위험이 있다.",
        "{year}년 {city}에서 시위를 취재하던 언론인 최소 {n}명이 구금되었다.",
        "공직자 비리를 보도한 여러 언론사는 허가가 취소되었다.",
        "언론인들은 자기검열과 광고주에 대한 압력을 보고하였다.",
      ],
    },
  },
  {
    topic: "religion",
    profile: "religious_minorities",
    en: {
      title: "{country}: religious minorities",
      subject: "religious minorities",
      sentences: [
        "Members of unregistered congregations in {country} reported raids on places of worship in {year}.",
        "Converts faced pressure from family and local officials, particularly outside {city}.",
        "At least {n} religious leaders were detained on charges of illegal assembly.",
        "The law requires religious groups to register; registration is often refused to minority faiths.",
      ],
    },
    ko: {
      title: "{country}: 종교적 소수자",
      subject: "종교적 소수자",
      sentences: [
        "{country}의 미등록 교회 신도들은 {year}년 예배 장소에 대한 단속을 보고하였다.",
        "개종자들은 특히 {city} 외곽에서 가족과 지방 공무원의 압력을 받았다.",
        "최소 {n}명의 종교 지도자가 불법 집회 혐의로 구금되었다.",
        "법은 종교 단체의 등록을 요구하며 소수 종교의 등록은 자주 거부된다.",
      ],
    },
  },
  {
    topic: "military_service",
    profile: "draft_evaders",
    en: {
      title: "{country}: military service and draft evasion",
      subject: "draft evaders",
      sentences: [
        "Military service in {country} is compulsory; there is no alternative civilian service.",
        "Draft evaders can be sentenced to up to {n} months in prison, and some were sent to front-line units.",
        "In {year} mobilisation orders were delivered to homes in {city} and at workplaces.",
        "Conscientious objectors are not recognised and are prosecuted as deserters.",
      ],
    },
    ko: {
      title: "{country}: 병역과 병역기피",
      subject: "병역기피자",
      sentences: [
        "{country}에서 병역은 의무이며 대체복무 제도는 없다.",
        "병역기피자는 최대 {n}개월의 징역형을 받을 수 있으며 일부는 전방 부대로 보내졌다.",
        "{year}년 {city}의 가정과 직장에 동원 명령이 전달되었다.",
        "양심적 병역거부는 인정되지 않으며 탈영병으로 처벌된다.",
      ],
    },
  },
  {
    topic: "gender_based_violence",
    profile: "women_at_risk",
    en: {
      title: "{country}: women at risk of gender-based violence",
      subject: "women at risk",
      sentences: [
        "Domestic violence remains widespread in {country}, and few cases reach the courts.",
        "Shelters exist only in {city} and have room for about {n} women.",
        "Police often treat violence in the family as a private matter, according to sources consulted in {year}.",
        "Women who leave forced marriages face stigma and limited state protection.",
      ],
    },
    ko: {
      title: "{country}: 젠더 기반 폭력 위험에 처한 여성",
      subject: "위험에 처한 여성",
      sentences: [
        "{country}에서 가정폭력은 여전히 만연하며 법원에 이르는 사건은 드물다.",
        "보호시설은 {city}에만 있으며 약 {n}명의 여성을 수용할 수 있다.",
        "{year}년 확인된 자료에 따르면 경찰은 가정 내 폭력을 사적인 문제로 취급하는 경우가 많다.",
        "강제결혼에서 벗어난 여성들은 낙인과 제한적인 국가 보호에 직면한다.",
      ],
    },
  },
  {
    topic: "detention",
    profile: "human_rights_defenders",
    en: {
      title: "{country}: detention of human rights defenders",
      subject: "human rights defenders",
      sentences: [
        "Human rights defenders in {country} were held in pre-trial detention for months without charge.",
        "Detainees in {city} reported overcrowding and lack of medical care in {year}.",
        "At least {n} defenders remained in detention at the end of {year}.",
        "Lawyers representing defenders were themselves threatened with disbarment.",
      ],
    },
    ko: {
      title: "{country}: 인권옹호자의 구금",
      subject: "인권옹호자",
      sentences: [
        "{country}의 인권옹호자들은 기소 없이 수개월간 미결 구금되었다.",
        "{year}년 {city}의 수용자들은 과밀 수용과 의료 부족을 보고하였다.",
        "{year}년 말 기준 최소 {n}명의 인권옹호자가 구금 상태였다.",
        "인권옹호자를 변호한 변호사들 역시 자격 박탈 위협을 받았다.",
      ],
    },
  },
];

const PLATFORMS = ["Facebook", "YouTube", "TikTok", "Telegram", "X"] as const;
const HOSTS = {
  en: ["the Republic of Korea", "Thailand", "Japan", "Australia", "France"],
  ko: ["대한민국", "태국", "일본", "호주", "프랑스"],
} as const;

function fill(template: string, lang: "en" | "ko", c: Country, year: number, rng: Rng): string {
  return template
    .replaceAll("{country}", lang === "en" ? c.en : c.ko)
    .replaceAll("{city}", lang === "en" ? c.cityEn : c.cityKo)
    .replaceAll("{year}", String(year))
    .replaceAll("{n}", String(rng.int(3, 60)))
    .replaceAll("{platform}", rng.pick(PLATFORMS))
    .replaceAll("{host}", rng.pick(HOSTS[lang]));
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The demo library: `count` documents, the same for the same seed. */
export function generateCoiLibrary(options: { seed?: number; count?: number } = {}): DemoCoiDocument[] {
  const rng = createRng(options.seed ?? 20261115);
  const count = options.count ?? 320;
  const out: DemoCoiDocument[] = [];
  for (let i = 0; i < count; i++) {
    // Cambodia and its activists abroad more often: the demo's sur-place case is about them.
    const country = rng.weighted(COUNTRIES.map((c) => [c, c.code === "KHM" ? 4 : 1] as const));
    const theme = rng.weighted(THEMES.map((t, k) => [t, k < 3 ? 3 : 1] as const));
    const source = rng.pick(SOURCES);
    const lang = source.language;
    const t = theme[lang];
    const year = rng.int(2016, 2026);
    const month = rng.int(1, year === 2026 ? 10 : 12);
    const publishedOn = `${year}-${pad(month)}-${pad(rng.int(1, 28))}`;
    const accessedOn = `2026-${pad(rng.int(Math.min(month + 1, 11), 11))}-${pad(rng.int(1, 28))}`;
    const passages: { text: string; locator: string }[] = [];
    const sentences = rng.shuffle(t.sentences);
    const n = rng.int(3, Math.min(6, sentences.length));
    let page = rng.int(1, 5);
    for (let k = 0; k < n; k++) {
      const text = [sentences[k]!, ...(rng.chance(0.4) ? [rng.pick(t.sentences)] : [])]
        .filter((s, j, all) => all.indexOf(s) === j)
        .map((s) => fill(s, lang, country, year, rng))
        .join(" ");
      page += rng.int(0, 3);
      passages.push({ text, locator: rng.chance(0.5) ? `p. ${page}` : `para. ${k + 1}` });
    }
    const otherTopics = rng.chance(0.3) ? [rng.pick(THEMES).topic] : [];
    out.push({
      source: source.name,
      title: `${fill(t.title, lang, country, year, rng)} (${year})`,
      author: rng.pick(AUTHORS[lang]),
      publishedOn: accessedOn < publishedOn ? accessedOn : publishedOn,
      accessedOn,
      url: `https://${source.host}/reports/${country.code.toLowerCase()}-${year}-${i + 1}`,
      country: country.code,
      language: lang,
      topics: [...new Set([theme.topic, ...otherTopics])],
      profiles: [theme.profile],
      passages,
    });
  }
  return out;
}

/** Insert documents and passages in two statements (the demo, the benchmark's documents). */
export async function insertCoiDocuments(
  tx: Queryable,
  docs: readonly DemoCoiDocument[],
  at: Date,
  by: string,
): Promise<void> {
  const ids = docs.map(() => uuidv7());
  await tx.query(
    `INSERT INTO coi_documents (id, source, title, author, published_on, accessed_on, url, country,
       language, topics, profiles, created_at, created_by, updated_at, updated_by)
     SELECT x.id, x.source, x.title, x.author, x.published_on, x.accessed_on, x.url, x.country,
       x.language, ARRAY(SELECT json_array_elements_text(x.topics)),
       ARRAY(SELECT json_array_elements_text(x.profiles)), $12, $13, $12, $13
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[], $7::text[],
       $8::text[], $9::text[], $10::json[], $11::json[])
       AS x(id, source, title, author, published_on, accessed_on, url, country, language, topics, profiles)`,
    [
      ids,
      docs.map((d) => d.source),
      docs.map((d) => d.title),
      docs.map((d) => d.author),
      docs.map((d) => d.publishedOn),
      docs.map((d) => d.accessedOn),
      docs.map((d) => d.url),
      docs.map((d) => d.country),
      docs.map((d) => d.language),
      docs.map((d) => JSON.stringify(d.topics)),
      docs.map((d) => JSON.stringify(d.profiles)),
      at,
      by,
    ],
  );
  const rows = docs.flatMap((d, i) =>
    d.passages.map((p, k) => ({ id: uuidv7(), doc: ids[i]!, position: k + 1, ...p })),
  );
  await tx.query(
    `INSERT INTO coi_passages (id, document_id, position, text, locator, created_at, created_by,
       updated_at, updated_by)
     SELECT x.id, x.doc, x.position, x.text, x.locator, $6, $7, $6, $7
     FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::text[]) AS x(id, doc, position, text, locator)`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.doc),
      rows.map((r) => r.position),
      rows.map((r) => r.text),
      rows.map((r) => r.locator),
      at,
      by,
    ],
  );
}

/** Load the demo library once (when the library is empty). Returns how many documents were added. */
export async function loadCoiLibrary(ctx: AppContext): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.query<{ any: boolean }>("SELECT EXISTS (SELECT 1 FROM coi_documents) AS any");
    if (row?.any) return 0;
    const docs = generateCoiLibrary();
    await insertCoiDocuments(tx, docs, ctx.clock(), "demo");
    return docs.length;
  });
}
