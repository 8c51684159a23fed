// Which conference an article is about, when the caller does not say: the conference whose
// distinctive name words ("KubeCon", "FOSDEM", "38C3") the text uses, preferring the one whose year
// and city it names and, given a publication date, the one that ended shortly before it.
import type { ConferenceSummary } from './graph.js';
import type { ArticleModel } from './model.js';
import { isStopword, words } from './text.js';

const GENERIC = new Set(['conference', 'con', 'summit', 'days', 'day', 'edition', 'annual', 'international', 'global', 'virtual', 'online', 'europe', 'eu', 'north', 'america', 'na', 'asia', 'china', 'india', 'japan', 'latin', 'africa', 'australia', 'cloudnativecon']);
const REGIONS = new Set(['europe', 'eu', 'north', 'america', 'na', 'asia', 'china', 'india', 'japan', 'latin', 'africa', 'australia']);
const DAY_MS = 86_400_000;

export interface RankedConference {
  conference: ConferenceSummary;
  score: number;
  reasons: string[];
}

export function rankConferences(conferences: ConferenceSummary[], model: ArticleModel, publishedOn: string | null): RankedConference[] {
  const present = new Set(model.tokens.map((token) => token.key));
  const years = new Set(model.tokens.filter((token) => /^(?:19|20)\d\d$/.test(token.key)).map((token) => Number(token.key)));
  const ranked: RankedConference[] = [];
  for (const conference of conferences) {
    const nameWords = new Set(
      words(`${conference.name} ${conference.series ?? ''} ${conference.edition ?? ''} ${conference.slug.replace(/-/g, ' ')}`).filter(
        (key) => !isStopword(key) && !/^\d+$/.test(key),
      ),
    );
    const distinctive = [...nameWords].filter((key) => !GENERIC.has(key) && present.has(key));
    if (distinctive.length === 0) continue;
    const reasons = [`the text names it ("${distinctive.join('", "')}")`];
    let score = 3 * Math.min(2, distinctive.length);
    const regions = [...nameWords].filter((key) => REGIONS.has(key) && present.has(key));
    if (regions.length > 0) {
      score += 0.5 * regions.length;
      reasons.push(`and its region ("${regions.join('", "')}")`);
    }
    const year = conference.year ?? (conference.startsOn ? Number(conference.startsOn.slice(0, 4)) : null);
    if (year !== null && years.has(year)) {
      score += 2;
      reasons.push(`and its year ${year}`);
    } else if (years.size > 0) score -= 1;
    const city = conference.location ? words(conference.location.split(',')[0]).filter((key) => !isStopword(key)) : [];
    if (city.length > 0 && city.every((key) => present.has(key))) {
      score += 1;
      reasons.push(`and its city (${conference.location!.split(',')[0].trim()})`);
    }
    if (publishedOn && conference.startsOn) {
      const gap = (Date.parse(publishedOn) - Date.parse(conference.startsOn)) / DAY_MS;
      if (gap < 0) score -= 3;
      else if (gap <= 365) {
        score += 2 * (1 - gap / 365);
        reasons.push(`and it took place ${Math.round(gap)} days before the article was published`);
      }
    }
    ranked.push({ conference, score, reasons });
  }
  return ranked.sort((a, b) => b.score - a.score || (b.conference.startsOn ?? '').localeCompare(a.conference.startsOn ?? ''));
}
