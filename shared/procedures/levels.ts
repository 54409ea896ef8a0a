// Telling a district-level unit (huyện, quận, thị xã, "cấp huyện") in a catalogue's level or
// authority, refused since the district level was abolished on 1 July 2025. Matched as whole
// words with their diacritics ("quận" is a district, "cơ quan" is not; "Huyền" is a name), and
// the unaccented words a province's export may carry only where they cannot be a name.
const DISTRICT_WORDS =
  /(?<!\p{L})(cấp huyện|huyện|quận|thị xã|ubnd huyen|cap huyen|district)(?!\p{L})/iu;

/** The district word found in `text`, or null. */
export function districtMention(text: string): string | null {
  return DISTRICT_WORDS.exec(text.normalize('NFC'))?.[1] ?? null;
}
