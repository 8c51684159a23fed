// Word-level tools the reader, the matcher and the reactor finder share: folding for comparison,
// tokens with their positions, sentences, stems, and the small edit distance behind name variants.

/** Lower-case ASCII-ish form for comparison: "Ł" is "l", "ß" is "ss", marks and apostrophes go. */
export function fold(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[łŁ]/g, 'l')
    .replace(/[øØ]/g, 'o')
    .replace(/[æÆ]/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[đĐð]/g, 'd')
    .replace(/[þÞ]/g, 'th')
    .toLowerCase()
    .replace(/['’‘`´.-]/g, '');
}

export interface Token {
  /** As written. */
  raw: string;
  /** fold(raw): what comparisons use. */
  key: string;
  start: number;
  end: number;
}

// A word keeps inner apostrophes and dots ("O’Farrell", "Node.js"); hyphens and slashes split
// ("Jean-Pierre", "CI/CD"), and names compare joined as well, so "Jean-Pierre" still meets "Jeanpierre".
const WORD = /[\p{L}\p{N}]+(?:['’.][\p{L}\p{N}]+)*/gu;
const POSSESSIVE = /['’]s$/;

export function tokenize(text: string, offset = 0, end = text.length): Token[] {
  const tokens: Token[] = [];
  WORD.lastIndex = offset;
  for (let match = WORD.exec(text); match && match.index < end; match = WORD.exec(text)) {
    const raw = match[0];
    const key = fold(raw.replace(POSSESSIVE, ''));
    if (key) tokens.push({ raw, key, start: match.index, end: match.index + raw.length });
  }
  return tokens;
}

/** Folded word keys of a phrase, for titles and names. */
export function words(value: string): string[] {
  return tokenize(value).map((token) => token.key);
}

export function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

const STOPWORDS = new Set(
  (
    'a an the and or but nor of in on at to for from by with without into onto over under about as is are was were be been being ' +
    'it its this that these those there here their they them we our us you your i me my he him his she her what why how when ' +
    'where who which not no can will do does did done using use via vs versus than then so if up out more most all any each ' +
    'just also very really new one two talk talks session presentation keynote intro introduction'
  ).split(' '),
);

export function isStopword(key: string): boolean {
  return STOPWORDS.has(key);
}

const NUMBER_WORDS: Record<string, string> = {
  two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10', eleven: '11', twelve: '12',
  twenty: '20', thirty: '30', fifty: '50', hundred: '100', thousand: '1000', million: '1000000',
};

/** A crude English stem so "attacks" meets "attack", "scaling" meets "scale" and "five" meets "5"; both sides use it. */
export function stem(key: string): string {
  if (key in NUMBER_WORDS) return NUMBER_WORDS[key];
  let word = key;
  if (word.length > 4 && word.endsWith('ies')) word = `${word.slice(0, -3)}y`;
  else if (word.length > 4 && /(?:ches|shes|sses|xes)$/.test(word)) word = word.slice(0, -2);
  else if (word.length > 3 && word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) word = word.slice(0, -1);
  if (word.length > 6 && word.endsWith('ation')) word = word.slice(0, -3);
  else if (word.length > 5 && word.endsWith('ing')) word = word.slice(0, -3);
  else if (word.length > 4 && word.endsWith('ed')) word = word.slice(0, -2);
  if (word.length > 4 && word.endsWith('e')) word = word.slice(0, -1);
  return word;
}

/** Content words of a phrase, stemmed. */
export function contentStems(value: string): string[] {
  return words(value)
    .filter((key) => !isStopword(key) && (key.length > 1 || /\d/.test(key)))
    .map(stem);
}

/**
 * Optimal string alignment distance, stopping early above `max`: one dropped, doubled, changed or
 * swapped letter is distance 1.
 */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    let rowMin = Infinity;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, d[i - 2][j - 2] + 1);
      d[i][j] = value;
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
  }
  return d[a.length][b.length];
}

export interface Span {
  start: number;
  end: number;
}

// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS = new Set(['dr', 'mr', 'mrs', 'ms', 'prof', 'st', 'eg', 'e.g', 'ie', 'i.e', 'vs', 'etc', 'inc', 'ltd', 'co', 'jr', 'sr', 'no', 'fig', 'approx']);

/** Sentences of one block of text, as spans into `text`; trimmed, never empty. */
export function sentences(text: string, start: number, end: number): Span[] {
  const out: Span[] = [];
  let from = start;
  const push = (to: number) => {
    let s = from;
    let e = to;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) out.push({ start: s, end: e });
  };
  for (let i = start; i < end; i++) {
    const char = text[i];
    if (char === '\n') {
      push(i);
      from = i + 1;
      continue;
    }
    if (char !== '.' && char !== '!' && char !== '?') continue;
    // Closing quotes and brackets belong to the sentence they end.
    let close = i + 1;
    while (close < end && /["'’”)\]]/.test(text[close])) close++;
    if (close < end && !/\s/.test(text[close])) continue;
    let next = close;
    while (next < end && /\s/.test(text[next])) next++;
    if (next < end && !/[\p{Lu}\p{N}"“‘'(\[*-]/u.test(text[next])) continue;
    if (char === '.') {
      const word = /([\p{L}.]+)$/u.exec(text.slice(Math.max(start, i - 12), i))?.[1] ?? '';
      if (ABBREVIATIONS.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word)) continue;
    }
    push(close);
    from = close;
  }
  push(end);
  return out;
}
