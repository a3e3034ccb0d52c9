/** Text normalisation for case- and accent-insensitive search ("Zoë" finds "zoe", "ZOE" and "Zoë"). */

/** Lower-cases, strips diacritics (Unicode NFD + removal of combining marks) and folds white space. */
export function normalizeSearchText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
