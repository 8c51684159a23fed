// The proposal as a person reads it in a terminal: the article, then each proposed reaction with
// why, then what could not be matched.
import type { ArticleProposal } from './proposal.js';

const role = (who: { jobTitle: string | null; organisation: string | null }) =>
  [who.jobTitle, who.organisation].filter(Boolean).join(', ') || 'role not given';

function clip(text: string, max = 160): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function formatProposal(proposal: ArticleProposal): string {
  const { article, conference, items, unmatched } = proposal;
  const lines: string[] = [];
  lines.push(`Article: "${article.title}" (slug ${article.slug})`);
  const facts = [
    `publisher ${article.publisher ?? 'unknown'}`,
    `published ${article.publishedOn ?? 'on an unknown date'}`,
    ...(article.url ? [article.url] : []),
    ...(article.series?.part ? [`part ${article.series.part}${article.series.parts ? ` of ${article.series.parts}` : ''}${article.series.name ? ` of "${article.series.name}"` : ''}`] : []),
  ];
  lines.push(`  ${facts.join('; ')}`);
  lines.push(`  authors: ${article.authors.length ? article.authors.map((a) => `${a.name} (${role(a)})`).join('; ') : 'none found'}`);
  lines.push(`Conference: ${conference.name} (${conference.slug}), ${conference.chosenBecause}`);
  lines.push('');
  const accepted = items.filter((item) => item.accepted).length;
  lines.push(`${items.length} reaction(s) proposed, ${accepted} accepted by default:`);
  items.forEach((item, index) => {
    const who = item.reactor ? `${item.reactor.name} (${role(item.reactor)})` : 'nobody named';
    lines.push(`[${index}] ${item.accepted ? 'accepted' : 'NOT accepted'}  ${item.kind}  ${who}  on  "${item.talk.title}"`);
    lines.push(`    talk ${item.talk.conference}/${item.talk.slug}, externalId ${item.talk.externalId ?? '-'}, id ${item.talk.id}; confidence ${item.confidence.toFixed(2)}`);
    if (item.reactor) lines.push(`    reactor (${item.reactor.basis === 'named' ? 'named in the text' : 'an author'}): "${clip(item.reactor.said, 100)}"`);
    lines.push(`    cue: ${item.cue ? `"${item.cue}"` : 'none (a mention)'}`);
    for (const reason of item.reasons) lines.push(`    - ${reason}`);
    for (const span of item.evidence) lines.push(`    evidence ${span.start}-${span.end}: "${clip(span.text)}"`);
  });
  lines.push('');
  lines.push(`${unmatched.length} mention(s) not matched to a talk${unmatched.length ? ':' : '.'}`);
  for (const entry of unmatched) lines.push(`  ${entry.span.start}-${entry.span.end} "${clip(entry.text, 80)}": ${entry.why}`);
  lines.push('');
  lines.push('To apply: save it with --json, set "accepted" and write each accepted item\'s "summary" in your own words, then run talkgraph apply-proposal <file>.');
  return lines.join('\n');
}
