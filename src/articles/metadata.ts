// The article's own facts: title, byline (authors with job title and organisation), publisher,
// date, URL and series. The running text follows; these come from the top of the article, its
// byline paragraph, and what the file declares (HTML meta tags, Markdown front matter).
import { looksLikeJobTitle, looksLikePersonName } from './names.js';
import type { ArticleDocument } from './reader.js';

export interface Author {
  name: string;
  jobTitle: string | null;
  organisation: string | null;
}

export interface Series {
  name: string | null;
  part: number | null;
  parts: number | null;
}

export interface ArticleMetadata {
  title: string;
  /** Index of the block the title was read from, if it is in the text. */
  titleBlock: number | null;
  bylineBlock: number | null;
  authors: Author[];
  publisher: string | null;
  publishedOn: string | null;
  url: string | null;
  series: Series | null;
}

const BYLINE = /^(?:(?:your\s+|our\s+|the\s+)?(?:authors?|hosts?)|hosted\s+by|presented\s+by|written\s+by|words\s+by|posted\s+by|by)\b\s*[:\-–—]?\s*/i;
/**
 * "Interview by …", "Team post by …", "Posted 10 April 2025 by …": a byline whose first words
 * say what the piece is, or when it appeared, before "by".
 */
const LABELLED_BYLINE =
  /^(?:(?:an?\s+|the\s+)?(?:team\s+)?(?:interview|interviewed|post|posted|published|written|words|notes|text|photos|report|recap|story|article|episode|compiled|collected|curated|edited|blog\s+post|write-?up)\b[^.\n]{0,40}?\s+)by\s+/i;
/** "the platform team at Oakridge Insurance", "the Hackbrett hackspace, Leipzig": a byline naming a group, not people. */
const GROUP_BYLINE =
  /^the\s+(?:(?:[\p{Ll}-]+\s+){0,3}(?:team|crew|folks|people|staff|editors|editorial\s+team|writers|organisers|organizers)\s+(?:at|of|from)\s+(.+?)|(\p{Lu}.*?)\s+(?:hackspace|hackerspace|makerspace|team|crew|collective|club|community|group|association|society))\s*(?:,\s*[\p{Lu}][\p{L}-]+)?[.\s]*$/u;
/** "for the Tessel Data engineering blog": where a piece appeared, and so who published it. */
const PUBLICATION = /\s+(?:for|on)\s+(?:the\s+)?((?:\p{Lu}[\p{L}&'’.-]*\s+){1,4}?)(?:(?:[\p{Ll}-]+\s+){0,2})?(?:blog|newsletter|quarterly|magazine|journal|digest|bulletin|weekly|monthly|podcast|zine|site|website)\b/u;
/**
 * "a few of us from Redcliff Assurance", "Three of us from Ferrovia Cloud were in Amsterdam": the
 * writers say whom they went for, which makes it the post's publisher when nothing else names one.
 */
const OF_US_FROM = /(?<![\p{L}])(?:[Aa]\s+few|[Aa]\s+couple|[Ss]ome|[Ss]everal|[Aa]ll|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|\d+|[Mm]any|[Mm]ost)\s+of\s+us\s+(?:from|at)\s+((?:the\s+)?\p{Lu}[\p{L}&'’.-]*(?:\s+(?:&\s+)?\p{Lu}[\p{L}&'’.-]*){0,3})/u;
/** "Platform team", "the SRE team": a team inside the employer, not an organisation of its own. */
const TEAM = /^(?:the\s+)?(?:[\p{L}&-]+\s+){1,3}(?:team|squad|guild|chapter|department|group)$/iu;
/** "with help from the rest of the co-op", "and friends": a byline's closing words, not an organisation. */
const NOT_AN_ORGANISATION = /^(?:with|without|and|plus|thanks|helped|edited|from|in|on|via)\b/;
/**
 * "I work on the platform team at Brackenridge Insurance", "I'm an SRE at Northlake Bank": the
 * writer's employer, named in the running text.
 */
const WORK_AT =
  /(?<![\p{L}])I(?:\s+(?:work|worked|have\s+worked)|['’]ve\s+worked|\s+am\s+working|['’]m\s+working|(?:['’]m|\s+am)\s+(?:an?\s+)?(?:[\p{L}-]+\s+){0,3}(?:engineer|developer|lead|manager|architect|consultant|sre|designer|analyst|researcher|administrator|admin))\b[^.;\n]{0,60}?\s(?:at|for)\s+((?:\p{Lu}[\p{L}&'’.-]*)(?:\s+(?:&\s+)?\p{Lu}[\p{L}&'’.-]*){0,3})/u;
const SELF_INTRODUCTION =
  /(?<![\p{L}])(?:I['’]m|I\s+am|[Mm]y\s+name\s+is)\s+(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,3})(?:,\s+(?:an?\s+|the\s+)?([^,.;\n]{2,80}?))?(?=[,.;\n]|\s+and\b|$)/u;
/** "Recorded: 31 March 2026", "Length: 52 minutes": a line of show notes or a masthead that starts with a label. */
const LABEL_LINE = /^[\p{L}][\p{L} ]{1,24}:\s/u;
/** "April 2025", "31 Dec 2024, 14:02", "written on the train home, 2 February 2025": a line that dates the post. */
const MONTH = String.raw`(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?`;
const DATE_LINE = new RegExp(
  String.raw`^(?:[^\d\n]{0,40}[,\s])?(?:\d{1,2}\s+${MONTH},?\s+\d{4}|${MONTH}\s+\d{1,2},?\s+\d{4}|${MONTH}\s+\d{4}|\d{4}-\d{2}-\d{2})(?:,?\s+\d{1,2}[:.]\d{2})?[.\s]*$`,
  'i',
);
/** "Kaddi Brenner (@kaddi@norden.social)": a display name and the account's handle. */
const HANDLE = /\s*\(?@[\w.-]+(?:@[\w.-]+)?\)?\s*$/;
const HANDLE_LINE = /^\(?@[\w.-]+(?:@[\w.-]+)?\)?$/;
const HANDLE_AND_DATE = /\(?@[\w.-]+(?:@[\w.-]+)?\)?\s+[·•|]\s+\S/;
const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

export function readMetadata(doc: ArticleDocument): ArticleMetadata {
  const blockText = (index: number) => doc.text.slice(doc.blocks[index].start, doc.blocks[index].end);
  const head = masthead(doc);
  const leading = head ? [] : doc.blocks.slice(0, 4).map((block, index) => ({ block, index }));
  const titleHeading = leading.find(({ block }) => block.kind === 'heading' || block.kind === 'title');
  const titleBlock = titleHeading?.index ?? null;
  if (titleHeading) titleHeading.block.kind = 'title';
  const title =
    head?.title || (doc.format === 'markdown' && doc.declared.title) || (titleBlock !== null ? blockText(titleBlock) : doc.declared.title) || firstWords(doc.text);

  // A byline is a short block near the top or the end; in plain text it is often a line without a
  // full stop, which reads as a heading until it turns out to hold names.
  const near = (index: number) => index !== titleBlock && (index < 8 || index >= doc.blocks.length - 3) && doc.blocks[index].end - doc.blocks[index].start < 400;
  let publisher: string | null = null;
  let authors: Author[] = [];
  // In plain text a byline may be the second line of a block that opens with the site's name or
  // the date ("Posted on the Redcliff Assurance blog, 8 January 2025\nBy Selin Aksoy, …"): each
  // line of the block is tried as well as the whole.
  const bylineText = (index: number, pattern: RegExp) => {
    const lines = sourceLines(doc, index);
    // "**Hosts:** … / **Recorded:** 31 March": a block of labelled lines; the byline ends where the next label starts.
    const labelled = lines.findIndex((line, at) => at > 0 && LABEL_LINE.test(line));
    const whole = labelled > 0 && pattern.test(lines[0]) ? lines.slice(0, labelled).join(' ') : blockText(index);
    return [whole, ...lines.slice(1)].find((line) => pattern.test(line)) ?? whole;
  };
  let bylineBlock = head ? -1 : doc.blocks.findIndex((_, index) => near(index) && BYLINE.test(bylineText(index, BYLINE)) && parseByline(bylineText(index, BYLINE).replace(BYLINE, '')).length > 0);
  if (head) {
    bylineBlock = 0;
    authors = [head.author];
  } else if (bylineBlock >= 0) authors = parseByline(bylineText(bylineBlock, BYLINE).replace(BYLINE, ''));
  else {
    bylineBlock = doc.blocks.findIndex((_, index) => near(index) && LABELLED_BYLINE.test(bylineText(index, LABELLED_BYLINE)) && bylineText(index, LABELLED_BYLINE).length < 240);
    if (bylineBlock >= 0) {
      const rest = bylineText(bylineBlock, LABELLED_BYLINE).replace(LABELLED_BYLINE, '');
      const group = GROUP_BYLINE.exec(rest.trim());
      if (group) publisher = (group[1] ?? group[2]).trim().replace(/[.\s]+$/, '');
      else authors = parseByline(rest);
      if (!group && authors.length === 0) bylineBlock = -1;
    }
  }
  if (bylineBlock < 0) {
    const signed = signature(doc, titleBlock);
    if (signed) {
      bylineBlock = signed.block;
      authors = [signed.author];
    }
  }
  if (bylineBlock >= 0) {
    doc.blocks[bylineBlock].kind = 'paragraph';
    publisher ??= PUBLICATION.exec(blockText(bylineBlock))?.[1].trim() ?? null;
  } else authors = (doc.declared.authors ?? []).map((name) => ({ name: name.trim(), jobTitle: null, organisation: null })).filter((a) => a.name);

  const opening = doc.blocks.slice(0, 6).map((_, index) => blockText(index)).join('\n');
  // "I'm Sofia Brandão, an SRE at Northlake Bank, and with me …": a writer who introduces themselves.
  const intro = authors.length === 0 ? SELF_INTRODUCTION.exec(opening) : null;
  if (intro) {
    const [author] = parseByline(`${intro[1]}${intro[2] ? `, ${intro[2]}` : ''}`);
    if (author?.name === intro[1]) authors = [author];
  }
  publisher ??= OF_US_FROM.exec(opening)?.[1].replace(/^the\s+/, '').trim() ?? null;
  // "I work on the platform team at Brackenridge Insurance": a sole author says who employs them.
  const employer = authors.length === 1 && authors[0].organisation === null ? WORK_AT.exec(opening) : null;
  if (employer && !TEAM.test(employer[1])) authors[0].organisation = employer[1].trim();
  // Someone writing on a company's blog (its site name, "for the Tessel Data blog") writes as one of its people.
  const site = doc.declared.publisher ?? publisher;
  if (site) for (const author of authors) author.organisation ??= site;
  return {
    title: title.trim(),
    titleBlock,
    bylineBlock: bylineBlock >= 0 ? bylineBlock : null,
    authors,
    publisher: ownPublisher(doc.declared.publisher, commonOrganisation(authors)) ?? publisher,
    publishedOn: doc.declared.publishedOn ?? publishedLine(opening),
    url: doc.declared.url && /^https?:\/\/\S+$/.test(doc.declared.url) ? doc.declared.url : null,
    series: series(title, opening),
  };
}

/**
 * A plain-text post that opens with one block of short lines: its title, the writer ("Tereza
 * Dvořáková, DevOps engineer at Modrá Linka", or a display name with a handle) and a date. The
 * first line is the title unless it is the writer.
 */
function masthead(doc: ArticleDocument): { title: string | null; author: Author } | null {
  if (doc.format !== 'text' || doc.blocks.length < 2 || doc.blocks[0].kind === 'item') return null;
  // "Kaddi Brenner (@kaddi@norden.social) · 31 Dec 2024": the name and the date on one line.
  const lines = sourceLines(doc, 0).flatMap((line) => (HANDLE_AND_DATE.test(line) ? line.split(/\s+[·•|]\s+/) : [line]));
  if (lines.length < 2 || lines.length > 4 || lines.some((line) => line.length > 140)) return null;
  // "Kaddi Brenner / @kaddi@norden.social / 31 Dec 2024": a handle on a line of its own vouches for the name above it.
  const handles = lines.filter((line) => HANDLE_LINE.test(line));
  const rest = lines.filter((line) => !DATE_LINE.test(line) && !HANDLE_LINE.test(line));
  if (rest.length === lines.length) return null;
  for (const [index, line] of rest.entries()) {
    const author = writerLine(line) ?? (handles.length === 1 && looksLikePersonName(line) ? { name: line, jobTitle: null, organisation: null } : null);
    if (!author) continue;
    const others = rest.filter((_, at) => at !== index);
    if (others.length > 1 || index > 1) return null;
    const title = index === 1 && !/[.!?,;]$/.test(rest[0]) ? rest[0] : null;
    if (others.length === 1 && title === null) return null;
    return { title, author };
  }
  return null;
}

/** A line that is the writer: "Name, job title at Organisation" or "Name (@handle)". */
function writerLine(line: string): Author | null {
  const handled = HANDLE.test(line) ? line.replace(HANDLE, '') : null;
  if (handled !== null) return looksLikePersonName(handled) ? { name: handled, jobTitle: null, organisation: null } : null;
  if (!/,/.test(line) || /[.!?]$/.test(line)) return null;
  const [author, ...more] = parseByline(line);
  return author && more.length === 0 && line.startsWith(author.name) && (author.jobTitle || author.organisation) ? author : null;
}

/**
 * The company blog's name for the company: "Quillon Payments Engineering" is where staff of
 * Quillon Payments write, and they react for Quillon Payments.
 */
function ownPublisher(declared: string | undefined, authorsOrganisation: string | null): string | null {
  if (!declared) return authorsOrganisation;
  if (authorsOrganisation && declared.toLowerCase().startsWith(`${authorsOrganisation.toLowerCase()} `)) return authorsOrganisation;
  return declared;
}

/**
 * A post signed with the author's name alone: a block that is just a name (with a line of job
 * title and organisation under it) right after the title or at the very top, or a name on the
 * last line of the post ("Thanks for reading!\nGoran Petrović").
 */
function signature(doc: ArticleDocument, titleBlock: number | null): { block: number; author: Author } | null {
  // A line that only dates the post ("April 2025") is not the writer's role.
  const lines = (index: number) => sourceLines(doc, index).filter((line, at) => at === 0 || !DATE_LINE.test(line));
  const top = [titleBlock === null ? 0 : titleBlock + 1, ...(titleBlock === null ? [1] : [])];
  for (const index of top) {
    if (index >= doc.blocks.length) continue;
    const [line, written, ...more] = lines(index);
    const name = line && HANDLE.test(line) ? line.replace(HANDLE, '') : line;
    // "Oren Baptiste, platform engineer at Tidewater Analytics": name and role on one line.
    const oneLine = !written && name && name.length < 120 && /,/.test(name) && !/[.!?]$/.test(name) ? parseByline(name) : [];
    if (oneLine.length === 1 && name.startsWith(oneLine[0].name) && (oneLine[0].jobTitle || oneLine[0].organisation)) return { block: index, author: oneLine[0] };
    if (more.length > 0 || !name || !looksLikePersonName(name)) continue;
    const author: Author = { name, jobTitle: null, organisation: null };
    // A profile's headline: "Site Reliability Engineer at Brightpath Mobility | Kubernetes, on-call
    // survivor": what follows a bar or a dot is a tagline, not part of the employer's name.
    const role = written?.replace(/\s+[|·•]\s.*$/, '');
    const at = role ? /^(.*?)\s+(?:at|@)\s+(.+)$/.exec(role) : null;
    if (role && at && looksLikeJobTitle(at[1])) Object.assign(author, { jobTitle: at[1].trim(), organisation: at[2].trim() });
    else if (role && looksLikeJobTitle(role)) author.jobTitle = role;
    else if (role) continue;
    return { block: index, author };
  }
  const last = doc.blocks.length - 1;
  if (last > 0 && last !== titleBlock) {
    const final = lines(last);
    const name = final[final.length - 1];
    if (name && final.length <= 3 && looksLikePersonName(name) && !/[.!?:]$/.test(name)) return { block: last, author: { name, jobTitle: null, organisation: null } };
  }
  return null;
}

/** A block's lines as the file has them: the reader joins the lines of a paragraph. */
function sourceLines(doc: ArticleDocument, index: number): string[] {
  const { start, end } = doc.toSource(doc.blocks[index]);
  return doc.source
    .slice(start, end)
    .split(/\r?\n|<br\s*\/?>/i)
    .map((line) => line.replace(/<[^>]*>/g, '').replace(/\*{2,}/g, '').replace(/^[\s*_#>-]+|[\s*_]+$/g, '').trim())
    .filter(Boolean);
}

function firstWords(text: string): string {
  const words = text.trim().split(/\s+/).slice(0, 12).join(' ');
  return words || 'Untitled article';
}

/**
 * "Ruby Nguyen, Marketing Coordinator at Max Kelsen, and Jacob O’Farrell, Technical Delivery Lead
 * at Max Kelsen": names start authors; the fragments after a name are that author's job title and
 * organisation ("X at Org", or "X, Org").
 */
export function parseByline(line: string): Author[] {
  const body = line
    // "Sofia Brandão (SRE at Northlake Bank)", "Jonas Richter (Tallpine)": a role or an employer in
    // brackets is the role or the employer; other brackets are asides.
    .replace(/\s*\(([^)]*)\)/g, (_, inner: string) =>
      /\s(?:at|@)\s/.test(inner) || looksLikeJobTitle(inner) || /^\p{Lu}[\p{L}&'’.-]*(?:\s+\p{Lu}[\p{L}&'’.-]*){0,3}$/u.test(inner.trim()) ? `, ${inner}` : '',
    )
    .replace(/\s*[|·•]\s*\d+\s*min(?:ute)?s?\s+read.*$/i, '')
    // "Henrik Aalto · 30 March 2026": what follows a dot or bar is the date or the site.
    .replace(/\s+[|·•]\s.*$/, '')
    // "Grete Sild for the Tessel Data engineering blog": where it appeared, not who she is.
    .replace(/\s+for\s+(?:the\s+)?\S.*$/i, '')
    .replace(/[.\s]+$/, '');
  const parts = body.split(/(\s*;\s*|\s*\n\s*|\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*)/);
  const fragments: Array<{ text: string; separator: string }> = [];
  for (let index = 0; index < parts.length; index += 2) {
    const text = parts[index].trim();
    const separator = parts[index - 1] ?? '';
    const previous = fragments[fragments.length - 1];
    // "Research and Development Lead" is one title: rejoin an "and" that joins two non-names.
    if (previous && /^\s+and\s+$/.test(separator) && !looksLikePersonName(previous.text) && !looksLikePersonName(text)) {
      previous.text = `${previous.text}${separator}${text}`;
    } else if (text) fragments.push({ text, separator });
  }
  const authors: Author[] = [];
  for (const [index, { text, separator }] of fragments.entries()) {
    const current = authors[authors.length - 1];
    const plainComma = /^\s*,\s*$/.test(separator);
    const shared = /^(?:both|all(?:\s+of\s+us)?|each)\s+(?:at|@|of|from|with)\s+(.+)$/i.exec(text);
    if (shared) {
      for (const author of authors) author.organisation ??= shared[1].trim();
      continue;
    }
    // "Sam Lee and Ada Byrne, Northwind Labs": after names joined by "and", a last fragment behind
    // a comma is everyone's organisation.
    if (plainComma && index === fragments.length - 1 && authors.length > 1 && authors.every((a) => a.organisation === null) && !looksLikeJobTitle(text)) {
      for (const author of authors) author.organisation = text;
      continue;
    }
    // After "Jane Doe, Engineer", a plain comma leads to her organisation; "and" or ";" to the next
    // author. Right after a name, it leads to her organisation when the words say so ("Acme Labs").
    const organisationSlot =
      current && current.organisation === null && plainComma && (current.jobTitle !== null || looksLikeOrganisation(text));
    if (looksLikePersonName(text) && !organisationSlot) {
      authors.push({ name: text, jobTitle: null, organisation: null });
      continue;
    }
    if (!current) continue;
    const at = /^(.*?)\s*(?:\bat\b|@)\s*(.+)$/i.exec(text);
    if (at && current.jobTitle === null && current.organisation === null) {
      current.jobTitle = at[1].trim() || null;
      current.organisation = at[2].trim();
    } else if (current.jobTitle === null && current.organisation === null && looksLikeJobTitle(text)) current.jobTitle = text;
    else if (current.organisation === null && !TEAM.test(text) && !NOT_AN_ORGANISATION.test(text)) current.organisation = text;
  }
  return authors;
}

const ORGANISATION_WORDS =
  /\b(?:labs?|inc|ltd|llc|gmbh|ag|bv|plc|corp|corporation|company|co|systems|technologies|technology|software|cloud|analytics|group|foundation|society|university|institute|solutions|networks|consulting|digital|security|data|studios?|works|insurance|bank|capital|health|media|partners|ventures|collective|hackspace|project|agency|services)\b/i;

function looksLikeOrganisation(text: string): boolean {
  return ORGANISATION_WORDS.test(text);
}

function commonOrganisation(authors: Author[]): string | null {
  const counts = new Map<string, number>();
  for (const author of authors) if (author.organisation) counts.set(author.organisation, (counts.get(author.organisation) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  // Two hosts from two companies publish for neither.
  if (ranked.length > 1 && ranked[0][1] === ranked[1][1]) return null;
  return ranked[0]?.[0] ?? null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** "Published on 21 August 2020", "Posted Aug 21, 2020", "Published: 2020-08-21". */
function publishedLine(opening: string): string | null {
  const line = /\b(?:published|posted|updated)\b(?:\s+on)?\s*:?\s*([^\n]{6,40})/i.exec(opening)?.[1];
  if (!line) return null;
  const iso = /(\d{4})-(\d{2})-(\d{2})/.exec(line);
  if (iso) return iso[0];
  const dayFirst = /\b(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3})[a-z]*\.?,?\s+(\d{4})/i.exec(line);
  const monthFirst = /\b([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})/i.exec(line);
  const parts = dayFirst ? [dayFirst[3], dayFirst[2], dayFirst[1]] : monthFirst ? [monthFirst[3], monthFirst[1], monthFirst[2]] : null;
  if (!parts) return null;
  const month = MONTHS.indexOf(parts[1].toLowerCase()) + 1;
  return month > 0 ? `${parts[0]}-${String(month).padStart(2, '0')}-${parts[2].padStart(2, '0')}` : null;
}

/** "part four of a four part series", "Part 2 of 3"; the series name is the title before its part label. */
function series(title: string, opening: string): Series | null {
  const number = (word: string) => NUMBER_WORDS[word.toLowerCase()] ?? (/^\d+$/.test(word) ? Number(word) : null);
  const match =
    /\bpart\s+(\w+)\s+of\s+(?:a|an|the)?\s*(\w+)[- ]part\s+series\b/i.exec(opening) ?? /\bpart\s+(\w+)\s+of\s+(\w+)\b/i.exec(opening);
  if (!match) return null;
  const part = number(match[1]);
  const parts = number(match[2]);
  if (part === null) return null;
  const name = /^(.+?)\s*(?:[:|—–-]\s*(?:day|part)\s+\w+|\(\s*part\s+\w+\s*\))\s*$/i.exec(title)?.[1] ?? null;
  return { name, part, parts };
}
