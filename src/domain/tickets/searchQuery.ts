/** A request's number as the desk writes it: SD, the Moscow year, five digits or more. */
export const TICKET_NUMBER_PATTERN = /^SD-\d{4}-\d{5,}$/i;

/** A number of the desk requests were imported from, as support quotes it: 1234, #1234, GLPI 1234. */
const EXTERNAL_REFERENCE_PATTERN = /^(?:glpi[\s-]*)?#?(\d{1,12})$/i;

/** The longest search a person may type. */
export const SEARCH_MAX_LENGTH = 200;

/** The shortest piece of a word searched by its letters (a trigram needs three). */
const FRAGMENT_MIN_LENGTH = 3;

export interface SearchTerms {
  /** The whole text, for the stemmed search with its syntax ("a phrase", -word, OR). */
  text: string;
  /** A request number written in full: the one request it names, whatever else matches. */
  number: string | null;
  /** A number the request had in the desk it was imported from. */
  externalReference: string | null;
  /** One plain word or number part, also looked for inside words, numbers and file names. */
  fragment: string | null;
  /**
   * Whether each alternative (OR) is one word, besides words left out (-word): then its hits may be
   * read from a sample of each word's. Words that must stand together (two words, a phrase) must not:
   * samples of two words intersect to almost nothing.
   */
  sampleable: boolean;
  /** Tags named as `tag:name`: only requests carrying each of them, whatever the words. */
  tags: string[];
}

const TAG_TOKEN = /(?:^|\s)tag:(\S+)/gi;

/** Reads what a person typed into the search field. */
export function readSearch(typed: string): SearchTerms {
  const tags = [...typed.matchAll(TAG_TOKEN)].map((match) => (match[1] ?? '').toLowerCase());
  const text = typed.replace(TAG_TOKEN, ' ').trim().replace(/\s+/g, ' ');
  const number = TICKET_NUMBER_PATTERN.test(text) ? text.toUpperCase() : null;
  const externalReference = EXTERNAL_REFERENCE_PATTERN.exec(text)?.[1] ?? null;
  const plain = /^[^\s"'()-][^\s"'()]*$/.test(text) && text.length >= FRAGMENT_MIN_LENGTH;
  const alternatives = text.split(/\s+OR\s+/);
  const sampleable =
    !text.includes('"') &&
    alternatives.every(
      (alternative) => alternative.split(' ').filter((word) => word && !word.startsWith('-')).length === 1,
    );
  return {
    text,
    number,
    externalReference,
    fragment: plain ? text : null,
    sampleable,
    tags: [...new Set(tags)],
  };
}
