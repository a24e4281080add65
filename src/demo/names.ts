/**
 * Name parts for FICTIONAL demo applicants, by nationality. A name is assembled from common given
 * names and family names drawn independently, so it belongs to nobody in particular; combinations
 * that name a well-known person are refused (`FAMOUS_NAMES`) and drawn again.
 *
 * Each part carries its Latin spelling, the spelling in the native script where the nationality
 * writes names in another script (ISO 15924 code on the profile), a common Hangul transcription,
 * and sometimes a variant Latin spelling (so that the same person can appear under two spellings,
 * as in real registers).
 */
import type { Rng } from "./random.ts";

export interface NamePart {
  latin: string;
  native?: string;
  hangul?: string;
  /** A variant Latin spelling seen in other documents. */
  alt?: string;
}

/** One token of an assembled name. */
interface Token extends NamePart {
  /** Left out of the Hangul transcription (patronymics usually are). */
  hangulOmit?: boolean;
}

export type NameSex = "female" | "male";

export interface DemoName {
  value: string;
  /** ISO 15924 script code. */
  script?: string;
  kind?: "primary" | "alias" | "latin_transliteration" | "hangul_transcription" | "birth_name" | "other";
}

export interface NationalityProfile {
  /** ISO 3166-1 alpha-3. */
  code: string;
  nameEn: string;
  /** Relative share of applications (rough proportions of recent Korean statistics). */
  weight: number;
  /** ISO 15924 code of the native script of the `native` spellings, or null when names are written in Latin. */
  script: string | null;
  /** Script of the `native` spellings when they are only an alias (Uzbek Cyrillic next to Uzbek Latin). */
  aliasScript?: string;
  nativeJoiner: string;
  hangulJoiner: string;
  /** Add an ASCII-only alias for names with diacritics (Vietnamese, Turkish). */
  asciiAlias?: boolean;
  /** BCP 47 language tags the applicant speaks, first the interview language, with weights. */
  languages: readonly (readonly [readonly string[], number])[];
  compose(rng: Rng, sex: NameSex): Token[];
}

const p = (latin: string, native?: string, hangul?: string, alt?: string): NamePart => ({
  latin,
  ...(native !== undefined ? { native } : {}),
  ...(hangul !== undefined ? { hangul } : {}),
  ...(alt !== undefined ? { alt } : {}),
});

/** An East-Slavic-style family name (masculine -ov/-ev/-in); the feminine form adds -a. */
interface SlavicFamily {
  latin: string;
  native: string;
  hangul: string;
  alt?: string;
}
const sf = (latin: string, native: string, hangul: string, alt?: string): SlavicFamily => ({
  latin,
  native,
  hangul,
  ...(alt !== undefined ? { alt } : {}),
});

function slavicFamily(f: SlavicFamily, sex: NameSex): Token {
  if (sex === "male") return f;
  return {
    latin: `${f.latin}a`,
    native: `${f.native}а`,
    hangul: f.hangul.endsWith("프") ? `${f.hangul.slice(0, -1)}바` : f.hangul,
    ...(f.alt !== undefined ? { alt: `${f.alt}a` } : {}),
  };
}

/** A male given name that can form a patronymic; `stem` overrides the regular -ov- stem. */
interface FatherName extends NamePart {
  stem?: { latin: string; native: string };
}

function patronymic(father: FatherName, sex: NameSex): Token {
  const latinStem = father.stem?.latin ?? `${father.latin}ov`;
  const nativeStem = father.stem?.native ?? `${father.native ?? ""}ов`;
  return sex === "male"
    ? { latin: `${latinStem}ich`, native: `${nativeStem}ич`, hangulOmit: true }
    : { latin: `${latinStem}na`, native: `${nativeStem}на`, hangulOmit: true };
}

function given(rng: Rng, sex: NameSex, lists: { male: readonly NamePart[]; female: readonly NamePart[] }) {
  return rng.pick(sex === "male" ? lists.male : lists.female);
}

/** Two or three different parts, in the order drawn. */
function distinct(rng: Rng, parts: readonly NamePart[], count: number): NamePart[] {
  return rng.shuffle(parts).slice(0, count);
}

function merge(parts: readonly NamePart[], latinJoiner: string, nativeJoiner: string): Token {
  const [first, ...rest] = parts;
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return {
    latin: [first?.latin ?? "", ...rest.map((r) => r.latin)]
      .map((s, i) => (i === 0 ? cap(s) : s))
      .join(latinJoiner),
    native: parts.map((x) => x.native ?? "").join(nativeJoiner),
    hangul: parts.map((x) => x.hangul ?? "").join(""),
  };
}

// ---------------------------------------------------------------- Cyrillic: Russia, Kazakhstan, Kyrgyzstan

const RUS = {
  male: [
    p("Aleksandr", "Александр", "알렉산드르", "Alexander"),
    { ...p("Dmitry", "Дмитрий", "드미트리", "Dmitriy"), stem: { latin: "Dmitriyev", native: "Дмитриев" } },
    { ...p("Sergey", "Сергей", "세르게이", "Sergei"), stem: { latin: "Sergeyev", native: "Сергеев" } },
    { ...p("Andrey", "Андрей", "안드레이", "Andrei"), stem: { latin: "Andreyev", native: "Андреев" } },
    p("Maksim", "Максим", "막심", "Maxim"),
    p("Ivan", "Иван", "이반"),
    { ...p("Nikolay", "Николай", "니콜라이", "Nikolai"), stem: { latin: "Nikolayev", native: "Николаев" } },
    { ...p("Pavel", "Павел", "파벨"), stem: { latin: "Pavlov", native: "Павлов" } },
    p("Artem", "Артём", "아르툠", "Artyom"),
    p("Kirill", "Кирилл", "키릴"),
    p("Roman", "Роман", "로만"),
  ] as readonly FatherName[],
  female: [
    p("Anna", "Анна", "안나"),
    p("Elena", "Елена", "옐레나", "Yelena"),
    p("Olga", "Ольга", "올가"),
    p("Natalya", "Наталья", "나탈리야", "Natalia"),
    p("Tatyana", "Татьяна", "타티야나", "Tatiana"),
    p("Irina", "Ирина", "이리나"),
    p("Yuliya", "Юлия", "율리야", "Julia"),
    p("Ekaterina", "Екатерина", "예카테리나", "Yekaterina"),
    p("Svetlana", "Светлана", "스베틀라나"),
    p("Mariya", "Мария", "마리야", "Maria"),
    p("Darya", "Дарья", "다리야", "Daria"),
  ],
  family: [
    sf("Ivanov", "Иванов", "이바노프"),
    sf("Smirnov", "Смирнов", "스미르노프"),
    sf("Kuznetsov", "Кузнецов", "쿠즈네초프"),
    sf("Vasilyev", "Васильев", "바실리예프", "Vasiliev"),
    sf("Sokolov", "Соколов", "소콜로프"),
    sf("Mikhaylov", "Михайлов", "미하일로프", "Mikhailov"),
    sf("Novikov", "Новиков", "노비코프"),
    sf("Fedorov", "Фёдоров", "표도로프", "Fyodorov"),
    sf("Morozov", "Морозов", "모로조프"),
    sf("Lebedev", "Лебедев", "레베데프"),
    sf("Semenov", "Семёнов", "세묘노프", "Semyonov"),
    sf("Egorov", "Егоров", "예고로프", "Yegorov"),
  ],
};

const KAZ = {
  male: [
    p("Nurlan", "Нурлан", "누를란"),
    p("Yerlan", "Ерлан", "예를란", "Erlan"),
    p("Azamat", "Азамат", "아자마트"),
    p("Daniyar", "Данияр", "다니야르"),
    p("Yerzhan", "Ержан", "예르잔", "Erzhan"),
    p("Bauyrzhan", "Бауыржан", "바우르잔", "Baurzhan"),
    p("Askhat", "Асхат", "아스하트"),
    p("Arman", "Арман", "아르만"),
    p("Serik", "Серик", "세릭"),
    p("Marat", "Марат", "마라트"),
  ] as readonly FatherName[],
  female: [
    p("Aigerim", "Айгерим", "아이게림"),
    p("Gulnara", "Гульнара", "굴나라"),
    p("Dinara", "Динара", "디나라"),
    p("Assel", "Асель", "아셀", "Asel"),
    p("Zhanar", "Жанар", "자나르"),
    p("Saule", "Сауле", "사울레"),
    p("Aliya", "Алия", "알리야"),
    p("Madina", "Мадина", "마디나"),
    p("Aizhan", "Айжан", "아이잔"),
  ],
  family: [
    sf("Akhmetov", "Ахметов", "아흐메토프"),
    sf("Zhumabayev", "Жумабаев", "주마바예프", "Zhumabaev"),
    sf("Iskakov", "Искаков", "이스카코프"),
    sf("Kassymov", "Касымов", "카시모프", "Kasymov"),
    sf("Ospanov", "Оспанов", "오스파노프"),
    sf("Bekmuratov", "Бекмуратов", "베크무라토프"),
    sf("Omarov", "Омаров", "오마로프"),
    sf("Tulegenov", "Тулегенов", "툴레게노프"),
    sf("Abdrakhmanov", "Абдрахманов", "아브드라흐마노프"),
    sf("Nurzhanov", "Нуржанов", "누르자노프"),
  ],
};

const KGZ = {
  male: [
    p("Bakyt", "Бакыт", "바킷"),
    p("Almaz", "Алмаз", "알마즈"),
    p("Nurbek", "Нурбек", "누르벡"),
    p("Ulan", "Улан", "울란"),
    p("Bektur", "Бектур", "벡투르"),
    p("Adilet", "Адилет", "아딜렛"),
    p("Talant", "Талант", "탈란트"),
    p("Ermek", "Эрмек", "에르멕"),
    p("Timur", "Тимур", "티무르"),
  ] as readonly FatherName[],
  female: [
    p("Aigul", "Айгуль", "아이굴"),
    p("Cholpon", "Чолпон", "촐폰"),
    p("Gulzat", "Гулзат", "굴자트"),
    p("Aida", "Аида", "아이다"),
    p("Begimai", "Бегимай", "베기마이"),
    p("Nazgul", "Назгуль", "나즈굴"),
    p("Zhyldyz", "Жылдыз", "질디즈"),
    p("Meerim", "Мээрим", "메림"),
  ],
  family: [
    sf("Asanov", "Асанов", "아사노프"),
    sf("Usenov", "Усенов", "우세노프"),
    sf("Abdyldaev", "Абдылдаев", "아브딜다예프"),
    sf("Toktogulov", "Токтогулов", "톡토굴로프"),
    sf("Mamytov", "Мамытов", "마미토프"),
    sf("Sadykov", "Садыков", "사디코프"),
    sf("Zhumabekov", "Жумабеков", "주마베코프"),
    sf("Osmonov", "Осмонов", "오스모노프"),
    sf("Turdubaev", "Турдубаев", "투르두바예프"),
  ],
};

/** Family name, given name, patronymic, as written in Russian-language documents. */
function cyrillicThreePart(lists: {
  male: readonly FatherName[];
  female: readonly NamePart[];
  family: readonly SlavicFamily[];
}) {
  return (rng: Rng, sex: NameSex): Token[] => [
    slavicFamily(rng.pick(lists.family), sex),
    given(rng, sex, lists),
    patronymic(rng.pick(lists.male), sex),
  ];
}

// ---------------------------------------------------------------- Uzbekistan (Latin, with Cyrillic alias)

const UZB = {
  male: [
    p("Jasur", "Жасур", "자수르"),
    p("Sardor", "Сардор", "사르도르"),
    p("Bekzod", "Бекзод", "벡조드"),
    p("Sherzod", "Шерзод", "셰르조드"),
    p("Rustam", "Рустам", "루스탐"),
    p("Otabek", "Отабек", "오타벡"),
    p("Dilshod", "Дилшод", "딜쇼드"),
    p("Akmal", "Акмал", "아크말"),
    p("Jahongir", "Жахонгир", "자혼기르"),
    p("Farrux", "Фаррух", "파루흐", "Farrukh"),
  ],
  female: [
    p("Dilnoza", "Дилноза", "딜노자"),
    p("Nigora", "Нигора", "니고라"),
    p("Gulnora", "Гулнора", "굴노라"),
    p("Malika", "Малика", "말리카"),
    p("Shahnoza", "Шахноза", "샤흐노자"),
    p("Zarina", "Зарина", "자리나"),
    p("Feruza", "Феруза", "페루자"),
    p("Madina", "Мадина", "마디나"),
  ],
  family: [
    sf("Rahimov", "Рахимов", "라히모프", "Rakhimov"),
    sf("Yusupov", "Юсупов", "유수포프"),
    sf("Tursunov", "Турсунов", "투르수노프"),
    sf("Nazarov", "Назаров", "나자로프"),
    sf("Ergashev", "Эргашев", "에르가셰프"),
    sf("Sobirov", "Собиров", "소비로프", "Sabirov"),
    sf("Abdullayev", "Абдуллаев", "압둘라예프", "Abdullaev"),
    sf("Umarov", "Умаров", "우마로프"),
    sf("Qodirov", "Кодиров", "코디로프", "Kadirov"),
    sf("Ismoilov", "Исмоилов", "이스모일로프", "Ismailov"),
  ],
};

// ---------------------------------------------------------------- Mongolia (Cyrillic): father's name, then given name

const MNG = {
  male: [
    p("Batbayar", "Батбаяр", "바트바야르"),
    p("Ganbold", "Ганболд", "간볼드"),
    p("Ganzorig", "Ганзориг", "간조릭"),
    p("Otgonbayar", "Отгонбаяр", "오트공바야르"),
    p("Naranbaatar", "Наранбаатар", "나랑바타르"),
    p("Tsogt", "Цогт", "척트"),
    p("Bat-Erdene", "Бат-Эрдэнэ", "바트에르덴"),
    p("Temuulen", "Тэмүүлэн", "테물렌"),
    p("Munkhbat", "Мөнхбат", "뭉흐바트"),
    p("Tumurbaatar", "Төмөрбаатар", "투무르바타르"),
  ],
  female: [
    p("Enkhjargal", "Энхжаргал", "엥흐자르갈"),
    p("Narantsetseg", "Наранцэцэг", "나랑체첵"),
    p("Solongo", "Солонго", "솔롱고"),
    p("Anujin", "Анужин", "아누진"),
    p("Bolormaa", "Болормаа", "볼로르마"),
    p("Sarnai", "Сарнай", "사르나이"),
    p("Khulan", "Хулан", "훌란"),
    p("Nomin", "Номин", "노민"),
    p("Oyunchimeg", "Оюунчимэг", "오윤치멕"),
  ],
};

// ---------------------------------------------------------------- China (Han characters, pinyin)

const CHN = {
  family: [
    p("Wang", "王", "왕"),
    p("Li", "李", "리"),
    p("Zhang", "张", "장"),
    p("Liu", "刘", "류"),
    p("Chen", "陈", "천"),
    p("Yang", "杨", "양"),
    p("Zhao", "赵", "자오"),
    p("Huang", "黄", "황"),
    p("Zhou", "周", "저우"),
    p("Wu", "吴", "우"),
    p("Xu", "徐", "쉬"),
    p("Sun", "孙", "쑨"),
    p("Zhu", "朱", "주"),
    p("Hu", "胡", "후"),
    p("Guo", "郭", "궈"),
    p("Lin", "林", "린"),
    p("He", "何", "허"),
    p("Gao", "高", "가오"),
  ],
  /** Single syllables, combined two at a time into a given name. */
  male: [
    p("wei", "伟", "웨이"),
    p("qiang", "强", "창"),
    p("lei", "磊", "레이"),
    p("jun", "军", "쥔"),
    p("yong", "勇", "융"),
    p("jie", "杰", "제"),
    p("tao", "涛", "타오"),
    p("ming", "明", "밍"),
    p("chao", "超", "차오"),
    p("gang", "刚", "강"),
    p("jian", "建", "젠"),
    p("guo", "国", "궈"),
    p("wen", "文", "원"),
    p("hai", "海", "하이"),
    p("ping", "平", "핑"),
    p("zhi", "志", "즈"),
    p("yu", "宇", "위"),
  ],
  female: [
    p("fang", "芳", "팡"),
    p("li", "丽", "리"),
    p("jing", "静", "징"),
    p("min", "敏", "민"),
    p("yan", "艳", "옌"),
    p("xiu", "秀", "슈"),
    p("xia", "霞", "샤"),
    p("yu", "玉", "위"),
    p("lan", "兰", "란"),
    p("hong", "红", "훙"),
    p("mei", "梅", "메이"),
    p("ting", "婷", "팅"),
    p("xue", "雪", "쉐"),
    p("juan", "娟", "쥐안"),
    p("xiao", "晓", "샤오"),
    p("hui", "慧", "후이"),
  ],
};

// ---------------------------------------------------------------- Cambodia (Khmer): family name first

const KHM = {
  family: [
    p("Sok", "សុខ", "속"),
    p("Chan", "ចាន់", "찬"),
    p("Keo", "កែវ", "께오"),
    p("Meas", "មាស", "메아스"),
    p("Heng", "ហេង", "행"),
    p("Chea", "ជា", "찌어"),
    p("Prak", "ប្រាក់", "쁘락"),
    p("Ouk", "អ៊ុក", "욱"),
    p("Pich", "ពេជ្រ", "삑"),
    p("Lim", "លឹម", "림"),
    p("Touch", "ទូច", "뚝"),
    p("Nhem", "ញឹម", "녬"),
  ],
  male: [
    p("Dara", "ដារ៉ា", "다라"),
    p("Sophal", "សុផល", "소팔"),
    p("Vannak", "វណ្ណៈ", "반낙"),
    p("Rithy", "រិទ្ធី", "리티"),
    p("Bunthoeun", "ប៊ុនធឿន", "분퇸"),
    p("Visal", "វិសាល", "비살"),
    p("Piseth", "ពិសិដ្ឋ", "피셋"),
    p("Samnang", "សំណាង", "삼낭"),
    p("Veasna", "វាសនា", "비어스나"),
    p("Kosal", "កុសល", "꼬살"),
    p("Chamroeun", "ចំរើន", "짬른"),
  ],
  female: [
    p("Sreymom", "ស្រីមុំ", "스레이몸"),
    p("Sophea", "សុភា", "소피어"),
    p("Chanthou", "ចាន់ធូ", "찬투"),
    p("Bopha", "បុប្ផា", "보파"),
    p("Sreyleak", "ស្រីល័ក្ខ", "스레이리악"),
    p("Sokunthea", "សុគន្ធា", "소꾼티어"),
    p("Kanha", "កញ្ញា", "깐야"),
    p("Raksmey", "រស្មី", "락스메이"),
    p("Channary", "ចន្ទនារី", "찬나리"),
    p("Malis", "ម្លិះ", "말리스"),
    p("Leakhena", "លក្ខិណា", "리어케나"),
  ],
};

// ---------------------------------------------------------------- Myanmar (Burmese): no family name

const MMR = {
  male: [
    p("Aung", "အောင်", "아웅"),
    p("Kyaw", "ကျော်", "쩌"),
    p("Min", "မင်း", "민"),
    p("Htet", "ထက်", "텟"),
    p("Zaw", "ဇော်", "조"),
    p("Myo", "မျိုး", "묘"),
    p("Naing", "နိုင်", "나잉"),
    p("Thura", "သူရ", "뚜라"),
    p("Lin", "လင်း", "린"),
    p("Hein", "ဟိန်း", "헤인"),
    p("Phyo", "ဖြိုး", "표"),
    p("Htoo", "ထူး", "투"),
  ],
  female: [
    p("Su", "စု", "수"),
    p("Hnin", "နှင်း", "닌"),
    p("Ei", "အိ", "에이"),
    p("Phyu", "ဖြူ", "퓨"),
    p("Thandar", "သန္တာ", "딴다"),
    p("Khin", "ခင်", "킨"),
    p("May", "မေ", "메이"),
    p("Nwe", "နွယ်", "눼"),
    p("Yadanar", "ရတနာ", "야다나"),
    p("Moe", "မိုး", "모"),
    p("Thiri", "သီရိ", "띠리"),
    p("Myat", "မြတ်", "먓"),
  ],
};

// ---------------------------------------------------------------- Vietnam (Latin with diacritics)

const VNM = {
  family: [
    p("Nguyễn", undefined, "응우옌"),
    p("Trần", undefined, "쩐"),
    p("Lê", undefined, "레"),
    p("Phạm", undefined, "팜"),
    p("Hoàng", undefined, "호앙"),
    p("Huỳnh", undefined, "후인"),
    p("Vũ", undefined, "부"),
    p("Võ", undefined, "보"),
    p("Đặng", undefined, "당"),
    p("Bùi", undefined, "부이"),
    p("Đỗ", undefined, "도"),
  ],
  middleMale: [
    p("Văn", undefined, "반"),
    p("Đức", undefined, "득"),
    p("Minh", undefined, "민"),
    p("Hữu", undefined, "흐우"),
  ],
  middleFemale: [
    p("Thị", undefined, "티"),
    p("Ngọc", undefined, "응옥"),
    p("Thanh", undefined, "타인"),
    p("Thu", undefined, "투"),
  ],
  male: [
    p("Hùng", undefined, "훙"),
    p("Dũng", undefined, "중"),
    p("Tuấn", undefined, "뚜안"),
    p("Nam", undefined, "남"),
    p("Long", undefined, "롱"),
    p("Hải", undefined, "하이"),
    p("Sơn", undefined, "선"),
    p("Phong", undefined, "퐁"),
    p("Khánh", undefined, "카인"),
  ],
  female: [
    p("Lan", undefined, "란"),
    p("Hương", undefined, "흐엉"),
    p("Hoa", undefined, "호아"),
    p("Mai", undefined, "마이"),
    p("Linh", undefined, "린"),
    p("Trang", undefined, "짱"),
    p("Thảo", undefined, "타오"),
    p("Hạnh", undefined, "하인"),
    p("Yến", undefined, "옌"),
    p("Nhung", undefined, "늉"),
  ],
};

// ---------------------------------------------------------------- Arabic script: Egypt, Yemen, Syria

const EGY = {
  male: [
    p("Mohamed", "محمد", "모하메드", "Mohammed"),
    p("Ahmed", "أحمد", "아흐메드", "Ahmad"),
    p("Mahmoud", "محمود", "마흐무드", "Mahmud"),
    p("Omar", "عمر", "오마르"),
    p("Youssef", "يوسف", "유세프", "Yousef"),
    p("Mostafa", "مصطفى", "모스타파", "Mustafa"),
    p("Karim", "كريم", "카림", "Kareem"),
    p("Tarek", "طارق", "타렉", "Tariq"),
    p("Amr", "عمرو", "아므르"),
    p("Islam", "إسلام", "이슬람"),
  ],
  female: [
    p("Fatma", "فاطمة", "파트마", "Fatima"),
    p("Mariam", "مريم", "마리암", "Maryam"),
    p("Nour", "نور", "누르", "Noor"),
    p("Aya", "آية", "아야"),
    p("Salma", "سلمى", "살마"),
    p("Heba", "هبة", "헤바"),
    p("Rania", "رانيا", "라니아"),
    p("Yasmin", "ياسمين", "야스민", "Yasmine"),
    p("Dina", "دينا", "디나"),
    p("Mona", "منى", "모나"),
  ],
  family: [
    p("Abdelrahman", "عبد الرحمن", "압델라흐만", "Abdel Rahman"),
    p("Hassan", "حسن", "하산"),
    p("Ibrahim", "إبراهيم", "이브라힘"),
    p("Mansour", "منصور", "만수르"),
    p("Sayed", "سيد", "사예드", "El-Sayed"),
    p("Ramadan", "رمضان", "라마단"),
    p("Shehata", "شحاتة", "셰하타"),
    p("Gamal", "جمال", "가말"),
    p("Soliman", "سليمان", "솔리만", "Suleiman"),
    p("Abdelaziz", "عبد العزيز", "압델아지즈", "Abdel Aziz"),
    p("Farouk", "فاروق", "파루크"),
  ],
};

const ARABIC_GIVEN = {
  male: [
    p("Mohammed", "محمد", "모하메드", "Muhammad"),
    p("Ahmed", "أحمد", "아흐메드", "Ahmad"),
    p("Abdullah", "عبدالله", "압둘라", "Abdallah"),
    p("Ali", "علي", "알리"),
    p("Khaled", "خالد", "칼레드", "Khalid"),
    p("Faris", "فارس", "파리스"),
    p("Hamza", "حمزة", "함자"),
    p("Samer", "سامر", "사메르"),
    p("Majed", "ماجد", "마제드", "Majid"),
    p("Walid", "وليد", "왈리드", "Waleed"),
    p("Omar", "عمر", "오마르", "Umar"),
    p("Fadi", "فادي", "파디"),
  ],
  female: [
    p("Fatima", "فاطمة", "파티마"),
    p("Amal", "أمل", "아말"),
    p("Noor", "نور", "누르", "Nour"),
    p("Hind", "هند", "힌드"),
    p("Huda", "هدى", "후다"),
    p("Rasha", "رشا", "라샤"),
    p("Lina", "لينا", "리나"),
    p("Rima", "ريما", "리마"),
    p("Sara", "سارة", "사라", "Sarah"),
    p("Maryam", "مريم", "마리암", "Mariam"),
    p("Aisha", "عائشة", "아이샤", "Aysha"),
  ],
};

const YEM_FAMILY = [
  p("Al-Ahmadi", "الأحمدي", "알아흐마디"),
  p("Al-Amri", "العمري", "알암리"),
  p("Al-Qadhi", "القاضي", "알카디", "Al-Qadi"),
  p("Al-Hakimi", "الحكيمي", "알하키미"),
  p("Al-Yafei", "اليافعي", "알야피이", "Al-Yafai"),
  p("Al-Maqtari", "المقطري", "알마크타리"),
  p("Al-Zubairi", "الزبيري", "알주바이리"),
  p("Al-Ansi", "العنسي", "알안시"),
  p("Al-Wesabi", "الوصابي", "알웨사비", "Al-Wisabi"),
  p("Al-Saqqaf", "السقاف", "알사카프", "Alsaqqaf"),
];

const SYR_FAMILY = [
  p("Haddad", "حداد", "하다드"),
  p("Khoury", "خوري", "쿠리", "Khouri"),
  p("Al-Halabi", "الحلبي", "알할라비"),
  p("Al-Masri", "المصري", "알마스리"),
  p("Sabbagh", "صباغ", "사바그"),
  p("Kassab", "قصاب", "카사브", "Qassab"),
  p("Al-Homsi", "الحمصي", "알홈시"),
  p("Najjar", "نجار", "나자르"),
  p("Attar", "عطار", "아타르"),
  p("Hamoud", "حمود", "하무드"),
  p("Al-Khatib", "الخطيب", "알카티브"),
];

// ---------------------------------------------------------------- Pakistan (Urdu), Iran (Persian), Afghanistan (Dari)

const PAK = {
  male: [
    p("Usman", "عثمان", "우스만", "Osman"),
    p("Bilal", "بلال", "빌랄"),
    p("Hamza", "حمزہ", "함자"),
    p("Faisal", "فیصل", "파이살"),
    p("Adnan", "عدنان", "아드난"),
    p("Zubair", "زبیر", "주바이르"),
    p("Waqas", "وقاص", "와카스"),
    p("Kamran", "کامران", "캄란"),
    p("Ali", "علی", "알리"),
  ],
  female: [
    p("Ayesha", "عائشہ", "아이샤", "Aisha"),
    p("Fatima", "فاطمہ", "파티마"),
    p("Sana", "ثناء", "사나"),
    p("Hira", "حرا", "히라"),
    p("Zainab", "زینب", "자이납", "Zaynab"),
    p("Amna", "آمنہ", "아므나"),
    p("Rabia", "رابعہ", "라비아"),
    p("Sadia", "سعدیہ", "사디아"),
  ],
  prefixMale: p("Muhammad", "محمد", "무함마드", "Mohammad"),
  family: [
    p("Khan", "خان", "칸"),
    p("Ahmed", "احمد", "아메드", "Ahmad"),
    p("Hussain", "حسین", "후사인", "Hussein"),
    p("Malik", "ملک", "말리크"),
    p("Butt", "بٹ", "버트"),
    p("Chaudhry", "چوہدری", "초드리", "Choudhry"),
    p("Qureshi", "قریشی", "쿠레시"),
    p("Raza", "رضا", "라자"),
    p("Akhtar", "اختر", "악타르"),
    p("Abbasi", "عباسی", "아바시"),
    p("Javed", "جاوید", "자베드"),
  ],
};

const IRN = {
  male: [
    p("Reza", "رضا", "레자"),
    p("Mohammad", "محمد", "모하마드", "Mohammed"),
    p("Ali", "علی", "알리"),
    p("Hossein", "حسین", "호세인", "Hosein"),
    p("Mehdi", "مهدی", "메흐디", "Mahdi"),
    p("Amir", "امیر", "아미르"),
    p("Saeed", "سعید", "사이드", "Said"),
    p("Hamid", "حمید", "하미드"),
    p("Arash", "آرش", "아라시"),
    p("Babak", "بابک", "바박"),
  ],
  female: [
    p("Maryam", "مریم", "마리얌"),
    p("Zahra", "زهرا", "자흐라"),
    p("Fatemeh", "فاطمه", "파테메", "Fatemah"),
    p("Sara", "سارا", "사라"),
    p("Leila", "لیلا", "레일라", "Layla"),
    p("Parisa", "پریسا", "파리사"),
    p("Shiva", "شیوا", "시바"),
    p("Elham", "الهام", "엘함"),
    p("Niloufar", "نیلوفر", "닐루파르", "Nilufar"),
  ],
  family: [
    p("Ahmadi", "احمدی", "아마디"),
    p("Hosseini", "حسینی", "호세이니", "Hoseini"),
    p("Rezaei", "رضایی", "레자이", "Rezaee"),
    p("Moradi", "مرادی", "모라디"),
    p("Karimi", "کریمی", "카리미"),
    p("Jafari", "جعفری", "자파리", "Jafary"),
    p("Rahimi", "رحیمی", "라히미"),
    p("Ghasemi", "قاسمی", "가세미", "Qasemi"),
    p("Sadeghi", "صادقی", "사데기", "Sadeqi"),
    p("Kazemi", "کاظمی", "카제미"),
  ],
};

const AFG = {
  male: [
    p("Ahmad", "احمد", "아흐마드"),
    p("Mustafa", "مصطفی", "무스타파"),
    p("Farid", "فرید", "파리드"),
    p("Jawad", "جواد", "자와드"),
    p("Naweed", "نوید", "나위드", "Navid"),
    p("Sohrab", "سهراب", "소흐랍"),
    p("Nasir", "ناصر", "나시르"),
    p("Habib", "حبیب", "하빕"),
    p("Wahid", "وحید", "와히드"),
  ],
  female: [
    p("Zahra", "زهرا", "자흐라"),
    p("Mariam", "مریم", "마리암", "Maryam"),
    p("Fereshta", "فرشته", "페레슈타", "Freshta"),
    p("Mina", "مینا", "미나"),
    p("Nilofar", "نیلوفر", "닐로파르"),
    p("Shabnam", "شبنم", "샤브남"),
    p("Fatima", "فاطمه", "파티마"),
    p("Marzia", "مرضیه", "마르지아", "Marziya"),
  ],
  family: [
    p("Rahimi", "رحیمی", "라히미"),
    p("Hakimi", "حکیمی", "하키미"),
    p("Sultani", "سلطانی", "술타니"),
    p("Noori", "نوری", "누리", "Nuri"),
    p("Amiri", "امیری", "아미리"),
    p("Haidari", "حیدری", "하이다리", "Haydari"),
    p("Safi", "صافی", "사피"),
    p("Mohammadi", "محمدی", "모하마디"),
    p("Sadat", "سادات", "사다트"),
    p("Azizi", "عزیزی", "아지지"),
  ],
};

// ---------------------------------------------------------------- South Asia: Bangladesh, India (Punjabi), Sri Lanka

const BGD = {
  male: [
    p("Mohammad", "মোহাম্মদ", "모하마드", "Mohammed"),
    p("Rahim", "রহিম", "라힘"),
    p("Karim", "করিম", "카림"),
    p("Hasan", "হাসান", "하산", "Hassan"),
    p("Rafiq", "রফিক", "라피크", "Rafique"),
    p("Jamal", "জামাল", "자말"),
    p("Sohel", "সোহেল", "소헬"),
    p("Arif", "আরিফ", "아리프"),
    p("Shahin", "শাহীন", "샤힌", "Shaheen"),
  ],
  female: [
    p("Fatema", "ফাতেমা", "파테마", "Fatima"),
    p("Sumaiya", "সুমাইয়া", "수마이야"),
    p("Rokeya", "রোকেয়া", "로케야"),
    p("Shirin", "শিরিন", "시린"),
    p("Ayesha", "আয়েশা", "아예샤", "Aysha"),
    p("Jannatul", "জান্নাতুল", "잔나툴"),
    p("Nusrat", "নুসরাত", "누스랏"),
  ],
  family: [
    p("Hossain", "হোসেন", "호세인", "Hossen"),
    p("Rahman", "রহমান", "라만"),
    p("Islam", "ইসলাম", "이슬람"),
    p("Ahmed", "আহমেদ", "아메드"),
    p("Uddin", "উদ্দিন", "우딘"),
    p("Miah", "মিয়া", "미아", "Mia"),
    p("Sarkar", "সরকার", "사르카르", "Sarker"),
    p("Chowdhury", "চৌধুরী", "초두리", "Choudhury"),
  ],
  familyFemale: [p("Akter", "আক্তার", "악테르", "Akhter"), p("Begum", "বেগম", "베굼")],
};

const IND = {
  male: [
    p("Gurpreet", "ਗੁਰਪ੍ਰੀਤ", "구르프릿"),
    p("Harpreet", "ਹਰਪ੍ਰੀਤ", "하르프릿"),
    p("Amandeep", "ਅਮਨਦੀਪ", "아만딥"),
    p("Gurdeep", "ਗੁਰਦੀਪ", "구르딥"),
    p("Kuldeep", "ਕੁਲਦੀਪ", "쿨딥"),
    p("Jaswinder", "ਜਸਵਿੰਦਰ", "자스윈데르"),
    p("Navjot", "ਨਵਜੋਤ", "나브조트"),
    p("Lakhwinder", "ਲਖਵਿੰਦਰ", "라크윈데르"),
  ],
  female: [
    p("Harpreet", "ਹਰਪ੍ਰੀਤ", "하르프릿"),
    p("Jaspreet", "ਜਸਪ੍ਰੀਤ", "자스프릿"),
    p("Amandeep", "ਅਮਨਦੀਪ", "아만딥"),
    p("Ramandeep", "ਰਮਨਦੀਪ", "라만딥"),
    p("Baljit", "ਬਲਜੀਤ", "발지트"),
    p("Navjot", "ਨਵਜੋਤ", "나브조트"),
    p("Simranjit", "ਸਿਮਰਨਜੀਤ", "심란지트"),
  ],
  singh: p("Singh", "ਸਿੰਘ", "싱"),
  kaur: p("Kaur", "ਕੌਰ", "카우르"),
  family: [
    p("Sandhu", "ਸੰਧੂ", "산두"),
    p("Gill", "ਗਿੱਲ", "길"),
    p("Dhillon", "ਢਿੱਲੋਂ", "딜론"),
    p("Sidhu", "ਸਿੱਧੂ", "시두"),
    p("Brar", "ਬਰਾੜ", "브라르"),
    p("Grewal", "ਗਰੇਵਾਲ", "그레왈"),
    p("Bains", "ਬੈਂਸ", "베인스"),
    p("Randhawa", "ਰੰਧਾਵਾ", "란다와"),
    p("Virk", "ਵਿਰਕ", "비르크"),
  ],
};

const LKA = {
  male: [
    p("Nuwan", "නුවන්", "누완"),
    p("Chaminda", "චමින්ද", "차민다"),
    p("Kasun", "කසුන්", "카순"),
    p("Ruwan", "රුවන්", "루완"),
    p("Saman", "සමන්", "사만"),
    p("Pradeep", "ප්‍රදීප්", "프라딥"),
    p("Dinesh", "දිනේෂ්", "디네시"),
    p("Lahiru", "ලහිරු", "라히루"),
    p("Tharindu", "තරිඳු", "타린두"),
  ],
  female: [
    p("Nadeesha", "නදීෂා", "나디샤"),
    p("Dilani", "දිලානි", "딜라니"),
    p("Chathurika", "චතුරිකා", "차투리카"),
    p("Sanduni", "සඳුනි", "산두니"),
    p("Iresha", "ඉරේෂා", "이레샤"),
    p("Madushani", "මධුෂානි", "마두샤니"),
    p("Ishara", "ඉෂාරා", "이샤라"),
  ],
  family: [
    p("Perera", "පෙරේරා", "페레라"),
    p("Fernando", "ප්‍රනාන්දු", "페르난도"),
    p("Silva", "සිල්වා", "실바", "De Silva"),
    p("Jayasinghe", "ජයසිංහ", "자야싱허"),
    p("Bandara", "බණ්ඩාර", "반다라"),
    p("Dissanayake", "දිසානායක", "디사나야케"),
    p("Herath", "හේරත්", "헤라트"),
    p("Kumara", "කුමාර", "쿠마라"),
    p("Rathnayake", "රත්නායක", "라트나야케", "Ratnayake"),
  ],
};

// ---------------------------------------------------------------- Ethiopia (Ge'ez script): given name, father's name

const ETH = {
  male: [
    p("Abebe", "አበበ", "아베베"),
    p("Dawit", "ዳዊት", "다윗"),
    p("Tesfaye", "ተስፋዬ", "테스파예"),
    p("Yonas", "ዮናስ", "요나스"),
    p("Bereket", "በረከት", "베레켓"),
    p("Solomon", "ሰሎሞን", "솔로몬"),
    p("Girma", "ግርማ", "기르마"),
    p("Mulugeta", "ሙሉጌታ", "물루게타"),
    p("Henok", "ሄኖክ", "헤녹"),
    p("Yohannes", "ዮሐንስ", "요하네스"),
  ],
  female: [
    p("Tigist", "ትዕግስት", "티기스트"),
    p("Meron", "ሜሮን", "메론"),
    p("Selam", "ሰላም", "셀람"),
    p("Hiwot", "ሕይወት", "히워트"),
    p("Bethlehem", "ቤተልሔም", "베들레헴"),
    p("Aster", "አስቴር", "아스테르"),
    p("Rahel", "ራሔል", "라헬"),
    p("Hana", "ሐና", "하나"),
  ],
  father: [
    p("Tadesse", "ታደሰ", "타데세"),
    p("Bekele", "በቀለ", "베켈레"),
    p("Getachew", "ጌታቸው", "게타추"),
    p("Alemu", "አለሙ", "알레무"),
    p("Kebede", "ከበደ", "케베데"),
    p("Wolde", "ወልዴ", "월데"),
    p("Assefa", "አሰፋ", "아세파", "Asefa"),
    p("Tekle", "ተክሌ", "테클레"),
    p("Mekonnen", "መኮንን", "메코넨", "Mekonen"),
    p("Worku", "ወርቁ", "워르쿠"),
  ],
};

// ---------------------------------------------------------------- Latin-script names

const NGA = {
  male: [
    p("Chinedu", undefined, "치네두"),
    p("Emeka", undefined, "에메카"),
    p("Oluwaseun", undefined, "올루와세운"),
    p("Tunde", undefined, "툰데"),
    p("Ibrahim", undefined, "이브라힘"),
    p("Babatunde", undefined, "바바툰데"),
    p("Samuel", undefined, "새뮤얼"),
    p("Daniel", undefined, "대니얼"),
    p("Ikechukwu", undefined, "이케추쿠"),
    p("Musa", undefined, "무사"),
  ],
  female: [
    p("Chioma", undefined, "치오마"),
    p("Funmilayo", undefined, "푼밀라요"),
    p("Blessing", undefined, "블레싱"),
    p("Adaeze", undefined, "아다에제"),
    p("Aisha", undefined, "아이샤"),
    p("Folake", undefined, "폴라케"),
    p("Amaka", undefined, "아마카"),
    p("Temitope", undefined, "테미토페"),
    p("Precious", undefined, "프레셔스"),
  ],
  family: [
    p("Okafor", undefined, "오카포르"),
    p("Adeyemi", undefined, "아데예미"),
    p("Okonkwo", undefined, "오콩코"),
    p("Eze", undefined, "에제"),
    p("Bello", undefined, "벨로"),
    p("Ogunleye", undefined, "오군레예"),
    p("Nwosu", undefined, "은워수"),
    p("Afolabi", undefined, "아폴라비"),
    p("Okoro", undefined, "오코로"),
    p("Adebayo", undefined, "아데바요"),
    p("Abubakar", undefined, "아부바카르"),
  ],
};

const CMR = {
  male: [
    p("Jean", undefined, "장"),
    p("Emmanuel", undefined, "에마뉘엘"),
    p("Serge", undefined, "세르주"),
    p("Christian", undefined, "크리스티앙"),
    p("Armand", undefined, "아르망"),
    p("Hervé", undefined, "에르베", "Herve"),
    p("Blaise", undefined, "블레즈"),
    p("Ernest", undefined, "에르네스트"),
    p("Franck", undefined, "프랑크"),
    p("Cyrille", undefined, "시릴"),
  ],
  female: [
    p("Marie", undefined, "마리"),
    p("Josiane", undefined, "조지안"),
    p("Brigitte", undefined, "브리지트"),
    p("Christelle", undefined, "크리스텔"),
    p("Sandrine", undefined, "상드린"),
    p("Nadège", undefined, "나데주", "Nadege"),
    p("Estelle", undefined, "에스텔"),
    p("Clarisse", undefined, "클라리스"),
  ],
  family: [
    p("Mbarga", undefined, "음바르가"),
    p("Ngono", undefined, "응고노"),
    p("Fotso", undefined, "포초"),
    p("Tchoumi", undefined, "추미"),
    p("Kamga", undefined, "캄가"),
    p("Nkwenti", undefined, "은크웬티"),
    p("Ngwa", undefined, "응와"),
    p("Tabi", undefined, "타비"),
    p("Ebai", undefined, "에바이"),
    p("Fonkeng", undefined, "폰켕"),
    p("Tanyi", undefined, "타니"),
    p("Nfor", undefined, "은포르"),
  ],
};

const LBR = {
  male: [
    p("Emmanuel", undefined, "이매뉴얼"),
    p("Moses", undefined, "모지스"),
    p("Samuel", undefined, "새뮤얼"),
    p("James", undefined, "제임스"),
    p("Varney", undefined, "바니"),
    p("Augustine", undefined, "어거스틴"),
    p("Momo", undefined, "모모"),
    p("Alfred", undefined, "앨프리드"),
    p("Benedict", undefined, "베네딕트"),
  ],
  female: [
    p("Martha", undefined, "마사"),
    p("Comfort", undefined, "컴퍼트"),
    p("Esther", undefined, "에스더"),
    p("Patience", undefined, "페이션스"),
    p("Musu", undefined, "무수"),
    p("Hawa", undefined, "하와"),
    p("Fatu", undefined, "파투"),
    p("Agnes", undefined, "아그네스"),
    p("Korto", undefined, "코르토"),
  ],
  family: [
    p("Kollie", undefined, "콜리"),
    p("Flomo", undefined, "플로모"),
    p("Kpoto", undefined, "크포토"),
    p("Sumo", undefined, "수모"),
    p("Kamara", undefined, "카마라"),
    p("Wesseh", undefined, "웨세"),
    p("Dolo", undefined, "돌로"),
    p("Sackie", undefined, "새키"),
    p("Zinnah", undefined, "지나"),
  ],
};

const UGA = {
  male: [
    p("Moses", undefined, "모지스"),
    p("Brian", undefined, "브라이언"),
    p("Ronald", undefined, "로널드"),
    p("Isaac", undefined, "아이작"),
    p("Denis", undefined, "데니스"),
    p("Joseph", undefined, "조지프"),
    p("Ivan", undefined, "이반"),
    p("Godfrey", undefined, "갓프리"),
    p("Patrick", undefined, "패트릭"),
  ],
  female: [
    p("Sarah", undefined, "세라"),
    p("Grace", undefined, "그레이스"),
    p("Brenda", undefined, "브렌다"),
    p("Florence", undefined, "플로렌스"),
    p("Prossy", undefined, "프로시"),
    p("Joan", undefined, "조앤"),
    p("Annet", undefined, "아넷"),
    p("Sharon", undefined, "섀런"),
  ],
  family: [
    p("Okello", undefined, "오켈로"),
    p("Mugisha", undefined, "무기샤"),
    p("Tumusiime", undefined, "투무시이메"),
    p("Byaruhanga", undefined, "비아루항가"),
    p("Opio", undefined, "오피오"),
    p("Wasswa", undefined, "와스와"),
    p("Kiggundu", undefined, "키군두"),
    p("Ouma", undefined, "오우마"),
    p("Nsubuga", undefined, "은수부가"),
    p("Ssemakula", undefined, "세마쿨라"),
  ],
};

const TUR = {
  male: [
    p("Mehmet", undefined, "메흐메트"),
    p("Mustafa", undefined, "무스타파"),
    p("Ahmet", undefined, "아흐메트"),
    p("Hüseyin", undefined, "휘세인"),
    p("Hasan", undefined, "하산"),
    p("İbrahim", undefined, "이브라힘"),
    p("Murat", undefined, "무라트"),
    p("Yusuf", undefined, "유수프"),
    p("Serkan", undefined, "세르칸"),
    p("Deniz", undefined, "데니즈"),
  ],
  female: [
    p("Ayşe", undefined, "아이셰"),
    p("Zeynep", undefined, "제이네프"),
    p("Elif", undefined, "엘리프"),
    p("Emine", undefined, "에미네"),
    p("Hatice", undefined, "하티제"),
    p("Merve", undefined, "메르베"),
    p("Büşra", undefined, "뷔슈라"),
    p("Esra", undefined, "에스라"),
    p("Gülsüm", undefined, "귈쉼"),
  ],
  family: [
    p("Yılmaz", undefined, "이을마즈"),
    p("Kaya", undefined, "카야"),
    p("Demir", undefined, "데미르"),
    p("Çelik", undefined, "첼리크"),
    p("Yıldız", undefined, "이을드즈"),
    p("Öztürk", undefined, "외즈튀르크"),
    p("Aydın", undefined, "아이든"),
    p("Özdemir", undefined, "외즈데미르"),
    p("Arslan", undefined, "아르슬란"),
    p("Doğan", undefined, "도안"),
    p("Polat", undefined, "폴라트"),
  ],
};

const MYS = {
  male: [
    p("Ahmad", undefined, "아맛"),
    p("Muhammad", undefined, "무하맛", "Mohd"),
    p("Azlan", undefined, "아즐란"),
    p("Faizal", undefined, "파이잘", "Faisal"),
    p("Hafiz", undefined, "하피즈"),
    p("Amirul", undefined, "아미룰"),
    p("Syafiq", undefined, "샤픽", "Shafiq"),
    p("Haziq", undefined, "하직"),
    p("Firdaus", undefined, "피르다우스"),
    p("Rizal", undefined, "리잘"),
  ],
  female: [
    p("Nurul", undefined, "누룰"),
    p("Farah", undefined, "파라"),
    p("Aina", undefined, "아이나"),
    p("Syafiqah", undefined, "샤피카", "Shafiqah"),
    p("Aisyah", undefined, "아이샤", "Aishah"),
    p("Liyana", undefined, "리야나"),
    p("Izzati", undefined, "이자티"),
    p("Amira", undefined, "아미라"),
  ],
  father: [
    p("Abdullah", undefined, "압둘라"),
    p("Hassan", undefined, "하산"),
    p("Ibrahim", undefined, "이브라힘"),
    p("Yusof", undefined, "유솝", "Yusuf"),
    p("Kamal", undefined, "카말"),
    p("Rahman", undefined, "라만"),
    p("Osman", undefined, "오스만", "Othman"),
    p("Hamid", undefined, "하미드"),
    p("Aziz", undefined, "아지즈"),
    p("Salleh", undefined, "살레"),
  ],
  bin: p("bin", undefined, "빈"),
  binti: p("binti", undefined, "빈티", "binte"),
};

// ---------------------------------------------------------------- profiles

const givenFamily =
  (lists: { male: readonly NamePart[]; female: readonly NamePart[]; family: readonly NamePart[] }) =>
  (rng: Rng, sex: NameSex): Token[] => [given(rng, sex, lists), rng.pick(lists.family)];

const arabic = (family: readonly NamePart[]) => givenFamily({ ...ARABIC_GIVEN, family });

export const NATIONALITIES: readonly NationalityProfile[] = [
  {
    code: "KAZ",
    nameEn: "Kazakhstan",
    weight: 15,
    script: "Cyrl",
    nativeJoiner: " ",
    hangulJoiner: " ",
    languages: [
      [["ru", "kk"], 6],
      [["kk", "ru"], 4],
    ],
    compose: cyrillicThreePart(KAZ),
  },
  {
    code: "RUS",
    nameEn: "Russia",
    weight: 13,
    script: "Cyrl",
    nativeJoiner: " ",
    hangulJoiner: " ",
    languages: [[["ru"], 1]],
    compose: cyrillicThreePart(RUS),
  },
  {
    code: "CHN",
    nameEn: "China",
    weight: 10,
    script: "Hani",
    nativeJoiner: "",
    hangulJoiner: "",
    languages: [[["zh"], 1]],
    compose: (rng, sex) => [
      rng.pick(CHN.family),
      merge(distinct(rng, sex === "male" ? CHN.male : CHN.female, 2), "", ""),
    ],
  },
  {
    code: "MYS",
    nameEn: "Malaysia",
    weight: 7,
    script: null,
    nativeJoiner: " ",
    hangulJoiner: " ",
    languages: [
      [["ms"], 8],
      [["ms", "en"], 2],
    ],
    compose: (rng, sex) =>
      sex === "male"
        ? [given(rng, sex, MYS), MYS.bin, rng.pick(MYS.father)]
        : (() => {
            const first = given(rng, sex, MYS);
            const nur = first.latin !== "Nurul" && rng.chance(0.4) ? [p("Nur", undefined, "누르")] : [];
            return [...nur, first, MYS.binti, rng.pick(MYS.father)];
          })(),
  },
  {
    code: "KGZ",
    nameEn: "Kyrgyzstan",
    weight: 5,
    script: "Cyrl",
    nativeJoiner: " ",
    hangulJoiner: " ",
    languages: [
      [["ky", "ru"], 7],
      [["ru"], 3],
    ],
    compose: cyrillicThreePart(KGZ),
  },
  {
    code: "UZB",
    nameEn: "Uzbekistan",
    weight: 4,
    script: null,
    aliasScript: "Cyrl",
    nativeJoiner: " ",
    hangulJoiner: " ",
    languages: [
      [["uz", "ru"], 7],
      [["uz"], 3],
    ],
    compose: (rng, sex) => [given(rng, sex, UZB), slavicFamily(rng.pick(UZB.family), sex)],
  },
  {
    code: "PAK",
    nameEn: "Pakistan",
    weight: 4,
    script: "Arab",
    nativeJoiner: " ",
    hangulJoiner: " ",
    languages: [
      [["ur"], 6],
      [["pa", "ur"], 4],
    ],
    compose: (rng, sex) => [
      ...(sex === "male" && rng.chance(0.45) ? [PAK.prefixMale] : []),
      given(rng, sex, PAK),
      rng.pick(PAK.family),
    ],
  },
  {
    code: "IND",
    nameEn: "India",
    weight: 4,
    script: "Guru",
    nativeJoiner: " ",
    hangulJoiner: " ",
    languages: [
      [["pa"], 6],
      [["pa", "hi"], 4],
    ],
    compose: (rng, sex) => [
      given(rng, sex, IND),
      sex === "male" ? IND.singh : IND.kaur,
      ...(rng.chance(0.7) ? [rng.pick(IND.family)] : []),
    ],
  },
  {
    code: "EGY",
    nameEn: "Egypt",
    weight: 4,
    script: "Arab",
    nativeJoiner: " ",
    hangulJoiner: " ",
    languages: [[["ar"], 1]],
    compose: givenFamily(EGY),
  },
  {
    code: "BGD",
    nameEn: "Bangladesh",
    weight: 3,
    script: "Beng",
    nativeJoiner: " ",
    hangulJoiner: " ",
    languages: [[["bn"], 1]],
    compose: (rng, sex) => [
      given(rng, sex, BGD),
      rng.pick(sex === "female" && rng.chance(0.6) ? BGD.familyFemale : BGD.family),
    ],
  },
  {
    code: "NGA",
    nameEn: "Nigeria",
    weight: 2.5,
    script: null,
    nativeJoiner: " ",
    hangulJoiner: " ",
    languages: [
      [["en"], 4],
      [["en", "ig"], 3],
      [["en", "yo"], 3],
      [["ha", "en"], 1],
    ],
    compose: givenFamily(NGA),
  },
  {
    code: "KHM",
    nameEn: "Cambodia",
    weight: 3,
    script: "Khmr",
    nativeJoiner: " ",
    hangulJoiner: " ",
    languages: [[["km"], 1]],
    compose: (rng, sex) => [rng.pick(KHM.family), given(rng, sex, KHM)],
  },
  {
    code: "MMR",
    nameEn: "Myanmar",
    weight: 1.5,
    script: "Mymr",
    nativeJoiner: "",
    hangulJoiner: "",
    languages: [[["my"], 1]],
    compose: (rng, sex) => distinct(rng, sex === "male" ? MMR.male : MMR.female, rng.chance(0.6) ? 2 : 3),
  },
  {
    code: "MNG",
    nameEn: "Mongolia",
    weight: 2,
    script: "Cyrl",
    nativeJoiner: " ",
    hangulJoiner: " ",
    languages: [[["mn"], 1]],
    compose: (rng, sex) => [rng.pick(MNG.male), given(rng, sex, MNG)],
  },
  {
    code: "VNM",
    nameEn: "Vietnam",
    weight: 3,
    script: null,
    asciiAlias: true,
    nativeJoiner: " ",
    hangulJoiner: " ",
    languages: [[["vi"], 1]],
    compose: (rng, sex) => [
      rng.pick(VNM.family),
      rng.pick(sex === "male" ? VNM.middleMale : VNM.middleFemale),
      given(rng, sex, VNM),
    ],
  },
  {
    code: "LKA",
    nameEn: "Sri Lanka",
    weight: 1.5,
    script: "Sinh",
    nativeJoiner: " ",
    hangulJoiner: " ",
    languages: [[["si"], 1]],
    compose: givenFamily(LKA),
  },
  {
    code: "TUR",
    nameEn: "Turkey",
    weight: 2,
    script: null,
    asciiAlias: true,
    nativeJoiner: " ",
    hangulJoiner: " ",
    languages: [
      [["tr"], 6],
      [["ku", "tr"], 4],
    ],
    compose: givenFamily(TUR),
  },
  {
    code: "YEM",
    nameEn: "Yemen",
    weight: 0.9,
    script: "Arab",
    nativeJoiner: " ",
    hangulJoiner: " ",
    languages: [[["ar"], 1]],
    compose: arabic(YEM_FAMILY),
  },
  {
    code: "AFG",
    nameEn: "Afghanistan",
    weight: 0.9,
    script: "Arab",
    nativeJoiner: " ",
    hangulJoiner: " ",
    languages: [
      [["prs"], 6],
      [["ps", "prs"], 4],
    ],
    compose: givenFamily(AFG),
  },
  {
    code: "ETH",
    nameEn: "Ethiopia",
    weight: 0.8,
    script: "Ethi",
    nativeJoiner: " ",
    hangulJoiner: " ",
    languages: [
      [["am"], 6],
      [["om", "am"], 3],
      [["ti", "am"], 1],
    ],
    compose: (rng, sex) => [given(rng, sex, ETH), rng.pick(ETH.father)],
  },
  {
    code: "CMR",
    nameEn: "Cameroon",
    weight: 0.6,
    script: null,
    nativeJoiner: " ",
    hangulJoiner: " ",
    languages: [
      [["en"], 5],
      [["fr"], 4],
      [["en", "fr"], 1],
    ],
    compose: givenFamily(CMR),
  },
  {
    code: "IRN",
    nameEn: "Iran",
    weight: 0.8,
    script: "Arab",
    nativeJoiner: " ",
    hangulJoiner: " ",
    languages: [[["fa"], 1]],
    compose: givenFamily(IRN),
  },
  {
    code: "LBR",
    nameEn: "Liberia",
    weight: 0.5,
    script: null,
    nativeJoiner: " ",
    hangulJoiner: " ",
    languages: [[["en"], 1]],
    compose: givenFamily(LBR),
  },
  {
    code: "UGA",
    nameEn: "Uganda",
    weight: 0.5,
    script: null,
    nativeJoiner: " ",
    hangulJoiner: " ",
    languages: [
      [["en", "lg"], 5],
      [["en"], 3],
      [["en", "ach"], 2],
    ],
    compose: givenFamily(UGA),
  },
  {
    code: "SYR",
    nameEn: "Syria",
    weight: 0.5,
    script: "Arab",
    nativeJoiner: " ",
    hangulJoiner: " ",
    languages: [[["ar"], 1]],
    compose: arabic(SYR_FAMILY),
  },
];

export const NATIONALITY_CODES: readonly string[] = NATIONALITIES.map((n) => n.code);

const BY_CODE = new Map(NATIONALITIES.map((n) => [n.code, n]));

export function nationality(code: string): NationalityProfile {
  const found = BY_CODE.get(code);
  if (!found) throw new RangeError(`no demo name data for nationality ${code}`);
  return found;
}

// ---------------------------------------------------------------- famous names

/**
 * Combinations that would name a well-known person (heads of state, politicians, activists, athletes,
 * artists). A drawn name containing every word of one entry is thrown away and drawn again.
 * The parts lists already leave out the most famous surnames; this list catches what is left.
 */
export const FAMOUS_NAMES: readonly string[] = [
  "aung san",
  "suu kyi",
  "min aung",
  "kyaw zaw",
  "sergey ivanov",
  "sergey fedorov",
  "svetlana kuznetsova",
  "andrey kuznetsov",
  "olga morozova",
  "elena lebedeva",
  "maksim sokolov",
  "mohamed ramadan",
  "ahmed hassan",
  "karim abdelaziz",
  "yasmin abdelaziz",
  "mohamed ibrahim",
  "mohammed ali",
  "muhammad ali",
  "faisal qureshi",
  "bilal khan",
  "usman khan",
  "hamza abbasi",
  "zainab abbasi",
  "ali karimi",
  "mohammad jafari",
  "gurpreet sandhu",
  "navjot sidhu",
  "harpreet brar",
  "kuldeep singh",
  "dinesh gunawardena",
  "lahiru kumara",
  "sharmin akter",
  "emeka okafor",
  "mehmet yilmaz",
  "zeynep kaya",
  "yusuf yilmaz",
  "abebe bekele",
  "dawit kebede",
];

function asciiFold(s: string): string {
  return s.replace(/ı/g, "i").replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD").replace(/\p{M}/gu, "");
}

function words(s: string): string[] {
  return asciiFold(s)
    .toLowerCase()
    .split(/[\s-]+/)
    .filter((w) => w.length > 0);
}

const FAMOUS_WORDS = FAMOUS_NAMES.map(words);

/** True when a Latin name contains every word of a well-known person's name. */
export function isFamousName(latin: string): boolean {
  const have = new Set(words(latin));
  return FAMOUS_WORDS.some((entry) => entry.every((w) => have.has(w)));
}

// ---------------------------------------------------------------- assembling names

export function composeNames(rng: Rng, profile: NationalityProfile, sex: NameSex): DemoName[] {
  let tokens = profile.compose(rng, sex);
  for (let attempt = 0; attempt < 50 && isFamousName(tokens.map((t) => t.latin).join(" ")); attempt++) {
    tokens = profile.compose(rng, sex);
  }
  const latin = tokens.map((t) => t.latin).join(" ");
  if (isFamousName(latin))
    throw new Error(`could not draw a name for ${profile.code} that names nobody famous`);

  const names: DemoName[] = [];
  const native = tokens.every((t) => t.native !== undefined)
    ? tokens.map((t) => t.native).join(profile.nativeJoiner)
    : null;
  if (profile.script && native) {
    names.push({ value: native, script: profile.script, kind: "primary" });
    names.push({ value: latin, script: "Latn", kind: "latin_transliteration" });
  } else {
    names.push({ value: latin, script: "Latn", kind: "primary" });
    if (profile.aliasScript && native && rng.chance(0.5)) {
      names.push({ value: native, script: profile.aliasScript, kind: "alias" });
    }
  }
  if (tokens.some((t) => t.alt !== undefined) && rng.chance(0.3)) {
    names.push({ value: tokens.map((t) => t.alt ?? t.latin).join(" "), script: "Latn", kind: "alias" });
  }
  if (profile.asciiAlias && asciiFold(latin) !== latin && rng.chance(0.5)) {
    names.push({ value: asciiFold(latin), script: "Latn", kind: "alias" });
  }
  const shown = tokens.filter((t) => !t.hangulOmit);
  if (shown.every((t) => t.hangul !== undefined) && rng.chance(0.45)) {
    names.push({
      value: shown.map((t) => t.hangul).join(profile.hangulJoiner),
      script: "Hang",
      kind: "hangul_transcription",
    });
  }
  return names;
}
