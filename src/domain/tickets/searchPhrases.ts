/**
 * The word pairs a search's phrases need. A phrase of common words ("доступ отвечает", ERR-2702, which
 * the text search reads as err <-> -2702) matches few documents, but each of its words matches a large
 * part of a big desk, and the word index can only intersect their postings and check every candidate's
 * positions. The desk also indexes each document's adjacent pairs of words (see `search_phrases` in the
 * migrations): a phrase's pairs are each looked up as one key, and only the few documents holding all of
 * them are checked against the phrase itself. The pairs are read from the query PostgreSQL made of what
 * was typed (its text form), never guessed from the typed text, so that they are exactly what a match
 * must hold: nothing is lost by looking for them first.
 */

type QueryNode =
  | { kind: 'word'; lexeme: string; exact: boolean }
  | { kind: 'not' }
  | { kind: 'and' | 'or'; left: QueryNode; right: QueryNode }
  | { kind: 'phrase'; left: QueryNode; right: QueryNode; distance: number };

/** Two adjacent words as the pair index keeps them. */
const pairOf = (first: string, second: string) => `${first} ${second}`;

/**
 * The pairs every document matching `query` (a tsquery in PostgreSQL's text form) holds: the words
 * one position apart inside a phrase, where each side is one exact word (not a prefix, an alternative
 * or a negation). Alternatives need only what both sides need; a negation needs nothing.
 */
export function requiredWordPairs(query: string): string[] {
  if (query.trim() === '') return [];
  try {
    return [...required(new QueryReader(query).read())].sort();
  } catch {
    // A form this reader does not know is searched by its words alone: slower, never wrong.
    return [];
  }
}

function required(node: QueryNode): Set<string> {
  switch (node.kind) {
    case 'word':
    case 'not':
      return new Set();
    case 'and':
      return new Set([...required(node.left), ...required(node.right)]);
    case 'or': {
      const right = required(node.right);
      return new Set([...required(node.left)].filter((pair) => right.has(pair)));
    }
    case 'phrase': {
      const pairs = new Set([...required(node.left), ...required(node.right)]);
      // A phrase's left side ends where its right side begins, `distance` positions further on.
      const last = edgeWord(node.left, 'last');
      const first = edgeWord(node.right, 'first');
      if (node.distance === 1 && last && first) pairs.add(pairOf(last, first));
      return pairs;
    }
  }
}

/** The exact word a phrase starts or ends with; null when that end is not one exact word. */
function edgeWord(node: QueryNode, edge: 'first' | 'last'): string | null {
  if (node.kind === 'word') return node.exact ? node.lexeme : null;
  if (node.kind === 'phrase') return edgeWord(edge === 'first' ? node.left : node.right, edge);
  return null;
}

/**
 * Reads a tsquery's text form: quoted lexemes (a quote or backslash inside doubled), `:*` and weights
 * after them, `!`, `<->` and `<N>`, `&`, `|` and parentheses, binding in that order from the tightest.
 */
class QueryReader {
  private at = 0;

  constructor(private readonly text: string) {}

  read(): QueryNode {
    const node = this.alternatives();
    this.skipSpaces();
    if (this.at !== this.text.length) throw this.unexpected();
    return node;
  }

  private alternatives(): QueryNode {
    let node = this.conjunction();
    while (this.take('|')) node = { kind: 'or', left: node, right: this.conjunction() };
    return node;
  }

  private conjunction(): QueryNode {
    let node = this.phrase();
    while (this.take('&')) node = { kind: 'and', left: node, right: this.phrase() };
    return node;
  }

  private phrase(): QueryNode {
    let node = this.operand();
    for (let distance = this.distance(); distance !== null; distance = this.distance()) {
      node = { kind: 'phrase', left: node, right: this.operand(), distance };
    }
    return node;
  }

  private distance(): number | null {
    this.skipSpaces();
    const found = /^<(-|\d+)>/.exec(this.text.slice(this.at));
    if (!found) return null;
    this.at += found[0].length;
    return found[1] === '-' ? 1 : Number(found[1]);
  }

  private operand(): QueryNode {
    if (this.take('!')) {
      this.operand();
      return { kind: 'not' };
    }
    if (this.take('(')) {
      const node = this.alternatives();
      if (!this.take(')')) throw this.unexpected();
      return node;
    }
    return this.word();
  }

  private word(): QueryNode {
    this.skipSpaces();
    if (this.text[this.at] !== "'") throw this.unexpected();
    let lexeme = '';
    for (this.at += 1; ; this.at += 1) {
      const char = this.text[this.at];
      if (char === undefined) throw this.unexpected();
      if ((char === "'" || char === '\\') && this.text[this.at + 1] === char) {
        lexeme += char;
        this.at += 1;
      } else if (char === "'") break;
      else lexeme += char;
    }
    this.at += 1;
    const marks = /^:[*A-D]+/.exec(this.text.slice(this.at))?.[0] ?? '';
    this.at += marks.length;
    return { kind: 'word', lexeme, exact: !marks.includes('*') };
  }

  private take(token: string): boolean {
    this.skipSpaces();
    if (!this.text.startsWith(token, this.at)) return false;
    this.at += token.length;
    return true;
  }

  private skipSpaces() {
    while (this.text[this.at] === ' ') this.at += 1;
  }

  private unexpected() {
    return new Error(`Unreadable search query at ${this.at}`);
  }
}
