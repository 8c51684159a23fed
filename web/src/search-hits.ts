// Search hits as the dashboard links them: a page address and a name for any kind of entity.
import { paths } from './router';

export interface HitNode {
  id: string;
  slug?: string;
  name?: string;
  title?: string;
  conference?: { slug: string; name?: string };
}

export interface SearchHit {
  type: string;
  score: number;
  snippet: { text: string; highlights: Array<{ start: number; length: number }> };
  node: HitNode;
}

export const typeLabels: Record<string, string> = {
  TALK: 'Talk',
  PERSON: 'Person',
  ORGANISATION: 'Organisation',
  CONFERENCE: 'Conference',
  TOPIC: 'Topic',
  ARTICLE: 'Article',
};

export function hitHref(type: string, node: HitNode): string {
  const slug = node.slug ?? '';
  switch (type) {
    case 'TALK':
      return paths.talk(node.conference?.slug ?? '', slug);
    case 'PERSON':
      return paths.person(slug);
    case 'ORGANISATION':
      return paths.organisation(slug);
    case 'CONFERENCE':
      return paths.conference(slug);
    case 'TOPIC':
      return paths.topic(slug);
    default:
      return paths.article(slug);
  }
}

export const hitName = (node: HitNode) => node.title ?? node.name ?? node.id;

/** The snippet cut into plain and matched parts. */
export function snippetParts(snippet: SearchHit['snippet']): Array<{ text: string; matched: boolean }> {
  const parts: Array<{ text: string; matched: boolean }> = [];
  let at = 0;
  for (const { start, length } of [...snippet.highlights].sort((a, b) => a.start - b.start)) {
    if (start < at) continue;
    if (start > at) parts.push({ text: snippet.text.slice(at, start), matched: false });
    parts.push({ text: snippet.text.slice(start, start + length), matched: true });
    at = start + length;
  }
  if (at < snippet.text.length) parts.push({ text: snippet.text.slice(at), matched: false });
  return parts;
}
