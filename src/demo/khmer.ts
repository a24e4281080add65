/**
 * The Khmer the demo's translator writes: the Korean decision notice's sentences (the profile's
 * `ko.texts`, src/profiles/kr-refugee-act/notices.ts), unit by unit with as many sentences as the
 * Korean so that segments align, and the reasons of the demo's decisions. Placeholders (`{date}`)
 * are kept as they are. The demo enters these through the same commands a translator uses, and a
 * second person reviews them, so that the office's translation memory holds them; they are not
 * the project's reviewed translation of the notice (those are beside the Korean, in notices.ts).
 */

/** The notice's units in Khmer, by the key of the Korean text they translate. */
export const KHMER_NOTICE_TEXTS: Readonly<Record<string, string>> = {
  "title.recognized": "លិខិតជូនដំណឹងអំពីសេចក្ដីសម្រេចទទួលស្គាល់ឋានៈជាជនភៀសខ្លួន",
  "title.refused": "លិខិតជូនដំណឹងអំពីសេចក្ដីសម្រេចមិនទទួលស្គាល់ឋានៈជាជនភៀសខ្លួន",
  "title.redecision": "លិខិតជូនដំណឹងអំពីសេចក្ដីសម្រេចឡើងវិញលើការទទួលស្គាល់ឋានៈជាជនភៀសខ្លួន",
  "title.objection": "លិខិតជូនដំណឹងអំពីសេចក្ដីសម្រេចលើពាក្យបណ្ដឹងជំទាស់",
  "label.issuer": "ប្រធាន{office}",
  "label.case_number": "លេខសំណុំរឿង",
  "label.applicant": "អ្នកដាក់ពាក្យសុំ",
  "label.names": "ឈ្មោះ",
  "label.nationality": "សញ្ជាតិ",
  "label.birth_date": "ថ្ងៃខែឆ្នាំកំណើត",
  "label.decision": "សេចក្ដីសម្រេច",
  "label.basis": "មូលដ្ឋានច្បាប់",
  "label.reasons": "មូលហេតុនៃសេចក្ដីសម្រេច",
  "label.decided_on": "កាលបរិច្ឆេទនៃសេចក្ដីសម្រេច",
  "label.served_on": "កាលបរិច្ឆេទទទួលលិខិតជូនដំណឹង",
  "label.remedies": "វិធីតវ៉ា និងរយៈពេលកំណត់",
  "label.follows": "ការណែនាំបន្ទាប់ពីសេចក្ដីសម្រេច",
  "label.due": "ផុតកំណត់៖ ត្រឹមថ្ងៃ {date}",
  "label.due_preview": "ផុតកំណត់៖ រាប់ចាប់ពីថ្ងៃដែលអ្នកទទួលបានលិខិតជូនដំណឹងនេះ",
  "label.preview": "ការមើលជាមុន៖ នេះជាសេចក្ដីព្រាងមុនពេលប្រគល់ជូន ហើយមិនទាន់មានអានុភាពគតិយុត្តទេ",
  "label.closing": "សូមជូនដំណឹងអំពីសេចក្ដីសម្រេចដូចមានចែងខាងលើ។",
  "label.translation": "ការបកប្រែ ({language}) · ពិនិត្យដោយ៖ {reviewer}, {reviewedOn}",
  "label.no_reasons": "(មិនមានការចុះមូលហេតុនៃសេចក្ដីសម្រេចទេ)",
  "translation.note": "ការបកប្រែនេះសម្រាប់ជាព័ត៌មានប៉ុណ្ណោះ ហើយអត្ថបទដើមជាភាសាកូរ៉េជាអត្ថបទដែលមានអានុភាពគតិយុត្ត។",
  "outcome.recognized": "អ្នកដាក់ពាក្យសុំត្រូវបានទទួលស្គាល់ជាជនភៀសខ្លួន។",
  "outcome.not_recognized": "ពាក្យសុំទទួលស្គាល់ឋានៈជាជនភៀសខ្លួនរបស់អ្នកដាក់ពាក្យសុំមិនត្រូវបានទទួលយកទេ (មិនទទួលស្គាល់ជាជនភៀសខ្លួន)។",
  "outcome.not_recognized_humanitarian":
    "ពាក្យសុំទទួលស្គាល់ឋានៈជាជនភៀសខ្លួនរបស់អ្នកដាក់ពាក្យសុំមិនត្រូវបានទទួលយកទេ (មិនទទួលស្គាល់ជាជនភៀសខ្លួន)។ ទោះជាយ៉ាងណាក៏ដោយ អ្នកដាក់ពាក្យសុំត្រូវបានអនុញ្ញាតឱ្យស្នាក់នៅដោយមូលហេតុមនុស្សធម៌។",
  "outcome.excluded":
    "អ្នកដាក់ពាក្យសុំមិនត្រូវបានទទួលស្គាល់ជាជនភៀសខ្លួនទេ ដោយសារស្ថិតក្នុងករណីនៃមាត្រា ១៩ ចំណុច {ground} នៃច្បាប់ស្ដីពីជនភៀសខ្លួន។",
  "outcome.excluded_humanitarian":
    "អ្នកដាក់ពាក្យសុំមិនត្រូវបានទទួលស្គាល់ជាជនភៀសខ្លួនទេ ដោយសារស្ថិតក្នុងករណីនៃមាត្រា ១៩ ចំណុច {ground} នៃច្បាប់ស្ដីពីជនភៀសខ្លួន។ ទោះជាយ៉ាងណាក៏ដោយ អ្នកដាក់ពាក្យសុំត្រូវបានអនុញ្ញាតឱ្យស្នាក់នៅដោយមូលហេតុមនុស្សធម៌។",
  "outcome.objection_recognized": "ពាក្យបណ្ដឹងជំទាស់ត្រូវបានទទួលយក ហើយអ្នកដាក់ពាក្យសុំត្រូវបានទទួលស្គាល់ជាជនភៀសខ្លួន។",
  "outcome.objection_dismissed": "ពាក្យបណ្ដឹងជំទាស់ត្រូវបានច្រានចោល។",
  "outcome.objection_dismissed_humanitarian":
    "ពាក្យបណ្ដឹងជំទាស់ត្រូវបានច្រានចោល។ ទោះជាយ៉ាងណាក៏ដោយ អ្នកដាក់ពាក្យសុំត្រូវបានអនុញ្ញាតឱ្យស្នាក់នៅដោយមូលហេតុមនុស្សធម៌។",
  "outcome.objection_rejected": "ពាក្យបណ្ដឹងជំទាស់ត្រូវបានបដិសេធ ដោយសារមិនបំពេញលក្ខខណ្ឌដែលអាចទទួលយកបាន។",
  "basis.ra18_1":
    "ច្បាប់ស្ដីពីជនភៀសខ្លួន មាត្រា ១៨ កថាខណ្ឌ ១ (សេចក្ដីសម្រេចទទួលស្គាល់ និងការប្រគល់វិញ្ញាបនបត្របញ្ជាក់ឋានៈជាជនភៀសខ្លួន)",
  "basis.ra18_2": "ច្បាប់ស្ដីពីជនភៀសខ្លួន មាត្រា ១៨ កថាខណ្ឌ ២ និង ៣ (សេចក្ដីសម្រេចមិនទទួលស្គាល់ និងការជូនដំណឹងអំពីមូលហេតុ)",
  "basis.ra19": "ច្បាប់ស្ដីពីជនភៀសខ្លួន មាត្រា ១៩ ចំណុច {ground} (ការកម្រិតលើការទទួលស្គាល់ឋានៈជាជនភៀសខ្លួន)",
  "basis.ra2_3": "ច្បាប់ស្ដីពីជនភៀសខ្លួន មាត្រា ២ ចំណុច ៣ (ការអនុញ្ញាតឱ្យស្នាក់នៅដោយមូលហេតុមនុស្សធម៌)",
  "basis.ala30_2": "ច្បាប់ស្ដីពីវិវាទរដ្ឋបាល មាត្រា ៣០ កថាខណ្ឌ ២ (សេចក្ដីសម្រេចឡើងវិញតាមសាលក្រមលុបចោល)",
  "basis.ra21": "ច្បាប់ស្ដីពីជនភៀសខ្លួន មាត្រា ២១ (ពាក្យបណ្ដឹងជំទាស់ និងសេចក្ដីសម្រេចលើពាក្យបណ្ដឹងនោះ)",
  "remedy.objection.title": "ពាក្យបណ្ដឹងជំទាស់ (ច្បាប់ស្ដីពីជនភៀសខ្លួន មាត្រា ២១ កថាខណ្ឌ ១)",
  "remedy.objection.text":
    "ប្រសិនបើអ្នកមិនយល់ស្របនឹងសេចក្ដីសម្រេចនេះ អ្នកអាចដាក់ពាក្យបណ្ដឹងជំទាស់ទៅរដ្ឋមន្ត្រីក្រសួងយុត្តិធម៌ ក្នុងរយៈពេល ៣០ ថ្ងៃ គិតចាប់ពីថ្ងៃដែលអ្នកទទួលបានលិខិតជូនដំណឹងនេះ។ សូមដាក់លិខិតបណ្ដឹងជំទាស់ ដោយភ្ជាប់ឯកសារដែលបញ្ជាក់ពីមូលហេតុនៃការជំទាស់ ទៅប្រធានការិយាល័យអន្តោប្រវេសន៍ដែលបានចេញលិខិតជូនដំណឹងនេះ។",
  "remedy.suit.title": "បណ្ដឹងរដ្ឋបាល (ច្បាប់ស្ដីពីវិវាទរដ្ឋបាល មាត្រា ២០ កថាខណ្ឌ ១)",
  "remedy.suit.text":
    "អ្នកអាចប្ដឹងទៅតុលាការរដ្ឋបាលដែលមានសមត្ថកិច្ច (តុលាការរដ្ឋបាលក្រុងសេអ៊ូល ឬតុលាការរដ្ឋបាលដែលមានយុត្តាធិការលើទីតាំងរបស់ចុងចោទ) ដើម្បីសុំឱ្យលុបចោលសេចក្ដីសម្រេចនេះ ដោយដាក់ពាក្យបណ្ដឹងក្នុងរយៈពេល ៩០ ថ្ងៃ គិតចាប់ពីថ្ងៃដែលអ្នកទទួលបានលិខិតជូនដំណឹងនេះ។ ប្រសិនបើអ្នកបានដាក់ពាក្យបណ្ដឹងជំទាស់ អ្នកអាចប្ដឹងក្នុងរយៈពេល ៩០ ថ្ងៃ គិតចាប់ពីថ្ងៃដែលអ្នកទទួលបានលិខិតជូនដំណឹងអំពីសេចក្ដីសម្រេចលើពាក្យបណ្ដឹងជំទាស់នោះ។",
  "remedy.suit_objection.text":
    "ប្រសិនបើអ្នកមិនយល់ស្របនឹងសេចក្ដីសម្រេចលើពាក្យបណ្ដឹងជំទាស់នេះ អ្នកអាចប្ដឹងទៅតុលាការរដ្ឋបាលដែលមានសមត្ថកិច្ច (តុលាការរដ្ឋបាលក្រុងសេអ៊ូល ឬតុលាការរដ្ឋបាលដែលមានយុត្តាធិការលើទីតាំងរបស់ចុងចោទ) ដើម្បីសុំឱ្យលុបចោលសេចក្ដីសម្រេចមិនទទួលស្គាល់ឋានៈជាជនភៀសខ្លួន ដោយដាក់ពាក្យបណ្ដឹងក្នុងរយៈពេល ៩០ ថ្ងៃ គិតចាប់ពីថ្ងៃដែលអ្នកទទួលបានលិខិតជូនដំណឹងនេះ។",
  "follows.recognized":
    "អ្នកដែលត្រូវបានទទួលស្គាល់ជាជនភៀសខ្លួននឹងទទួលបានវិញ្ញាបនបត្របញ្ជាក់ឋានៈជាជនភៀសខ្លួន (ច្បាប់ស្ដីពីជនភៀសខ្លួន មាត្រា ១៨ កថាខណ្ឌ ១)។ អ្នកអាចស្នើសុំប្ដូរឋានៈស្នាក់នៅ (ការស្នាក់នៅ F-2) ហើយនឹងទទួលបានការគាំពារសង្គម ការគាំពារជីវភាពមូលដ្ឋាន និងការអប់រំ ក្នុងកម្រិតដូចពលរដ្ឋកូរ៉េ (ច្បាប់ស្ដីពីជនភៀសខ្លួន មាត្រា ៣១ ដល់មាត្រា ៣៣)។",
  "follows.humanitarian":
    "អ្នកដែលទទួលបានការអនុញ្ញាតឱ្យស្នាក់នៅដោយមូលហេតុមនុស្សធម៌ អាចស្នាក់នៅក្នុងឋានៈស្នាក់នៅ (ផ្សេងៗ G-1) និងអាចស្នើសុំការអនុញ្ញាតឱ្យធ្វើការងារ (ច្បាប់ស្ដីពីជនភៀសខ្លួន មាត្រា ៣៩)។",
};

/**
 * The reasons of the demo's decisions (src/demo/returning-activist.ts, src/demo/showcase.ts), as
 * written, each with its Khmer: one sentence each.
 */
export const KHMER_DEMO_REASONS: Readonly<Record<string, string>> = {
  "The applicant's posts reached a small audience; it is not established that they came to the attention of the authorities of the country of origin.":
    "ការផ្សាយរបស់អ្នកដាក់ពាក្យសុំបានទៅដល់អ្នកអានតែមួយចំនួនតូចប៉ុណ្ណោះ ហើយមិនមានភស្តុតាងគ្រប់គ្រាន់ថា ការផ្សាយទាំងនោះបានធ្វើឱ្យអាជ្ញាធរនៃប្រទេសកំណើតចាប់អារម្មណ៍នោះទេ។",
  "The objection raises nothing that changes the findings of the first-instance decision.":
    "ពាក្យបណ្ដឹងជំទាស់មិនបានលើកឡើងនូវចំណុចណាមួយដែលផ្លាស់ប្ដូរការរកឃើញនៃសេចក្ដីសម្រេចថ្នាក់ដំបូងនោះទេ។",
  "No well-founded fear of persecution established on the facts found.":
    "តាមអង្គហេតុដែលបានរកឃើញ មិនមានការបង្ហាញថាអ្នកដាក់ពាក្យសុំមានការភ័យខ្លាចដែលមានមូលដ្ឋានត្រឹមត្រូវចំពោះការធ្វើទុក្ខបុកម្នេញនោះទេ។",
};

/** The sentences of a text, as the translation's segmentation cuts them (trimmed, none empty). */
export function sentences(text: string, language: string): string[] {
  const segmenter = new Intl.Segmenter(language, { granularity: "sentence" });
  return [...segmenter.segment(text)].map((s) => s.segment.trim()).filter((s) => s.length > 0);
}

/**
 * Korean (or English) sentence → its Khmer, from the notice's Korean texts paired sentence by
 * sentence with the Khmer above, and the demo's reasons.
 */
export function khmerSentences(korean: Readonly<Record<string, string>>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [key, km] of Object.entries(KHMER_NOTICE_TEXTS)) {
    const ko = korean[key];
    if (ko === undefined) continue;
    const from = sentences(ko, "ko");
    const to = sentences(km, "km");
    if (from.length !== to.length)
      throw new Error(`the Khmer of ${key} has ${to.length} sentences, the Korean ${from.length}`);
    from.forEach((s, i) => map.set(s, to[i] ?? ""));
  }
  for (const [source, km] of Object.entries(KHMER_DEMO_REASONS)) map.set(source.trim(), km);
  return map;
}
