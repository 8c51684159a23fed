import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../src/errors.js';
import {
  formatInZone,
  htmlToText,
  organisationSlug,
  parseDuration,
  personSlug,
  zonedTimeToInstant,
} from '../src/importers/common.js';
import { detectFormat, type ParsedSchedule, parseSchedule, validateDataset } from '../src/importers/index.js';
import { splitSummary } from '../src/importers/sched-speakers.js';
import { childText, LineCounter, parseXml } from '../src/importers/xml.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const parseFixture = (name: string, options: { timeZone?: string } = {}) => parseSchedule(fixture(name), { file: name, ...options });

function talks(result: ParsedSchedule) {
  return result.dataset.conferences![0].talks!;
}
function talk(result: ParsedSchedule, externalId: string) {
  const found = talks(result).find((candidate) => candidate.externalId === externalId);
  if (!found) throw new Error(`no talk ${externalId}`);
  return found;
}
function person(result: ParsedSchedule, slug: string) {
  return result.dataset.people!.find((candidate) => candidate.slug === slug);
}

/** The ImportError that `run` throws; fails the test when it throws anything else or nothing. */
function importError(run: () => unknown): ImportError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
  }
  throw new Error('expected an ImportError');
}

describe('detectFormat', () => {
  it('recognises each format by content, whatever the file is called', () => {
    expect(detectFormat(fixture('schedule.frab.xml'))).toBe('frab-xml');
    expect(detectFormat(fixture('schedule.c3voc.json'))).toBe('c3voc-json');
    expect(detectFormat(fixture('schedule.sched.ics'))).toBe('sched-ics');
    expect(detectFormat(fixture('schedule.talkgraph.json'))).toBe('talkgraph');
  });

  it('still recognises broken JSON, so the syntax error gets reported', () => {
    expect(detectFormat(fixture('bad.malformed.json'))).toBe('talkgraph');
  });

  it('returns null for anything else', () => {
    expect(detectFormat(fixture('bad.unknown.txt'))).toBeNull();
    expect(detectFormat('<rss version="2.0"><channel/></rss>')).toBeNull();
    expect(detectFormat('{"format": "other"}')).toBeNull();
    expect(detectFormat('')).toBeNull();
  });

  it('looks past an XML declaration, comments and a BOM', () => {
    expect(detectFormat('\uFEFF<?xml version="1.0"?>\n<!-- exported -->\n<schedule></schedule>')).toBe('frab-xml');
  });
});

describe('frab XML', () => {
  const result = parseFixture('schedule.frab.xml');
  const conference = result.dataset.conferences![0];

  it('reads the conference and infers Brussels time from the city', () => {
    expect(result.format).toBe('frab-xml');
    expect(conference).toMatchObject({
      slug: 'demo-devroom-days-2025',
      name: 'Demo Devroom Days 2025',
      series: 'Demo Devroom Days',
      year: 2025,
      startsOn: '2025-02-01',
      endsOn: '2025-02-02',
      timeZone: 'Europe/Brussels',
      location: 'Campus Solbosch, Brussels',
    });
    expect(conference.format).toBeUndefined();
    expect(talks(result)).toHaveLength(4);
    expect(result.skipped).toBe(0);
    expect(result.warnings).toEqual([]);
  });

  it('computes start and end in Brussels winter time when the event has no <date>', () => {
    const keynote = talk(result, '101');
    expect(keynote).toMatchObject({
      slug: 'opening-keynote',
      title: 'Opening Keynote',
      subtitle: 'Why we meet',
      kind: 'KEYNOTE',
      track: 'Keynotes',
      room: 'Aula A',
      language: 'en',
      day: 1,
      startsAt: '2025-02-01T09:30:00+01:00',
      endsAt: '2025-02-01T10:15:00+01:00',
      recordingUrl: 'https://video.example.org/2025/opening_keynote.mp4',
    });
    expect(keynote.slidesUrl).toBeUndefined();
  });

  it('turns the HTML description into plain text when there is no abstract', () => {
    expect(talk(result, '101').abstract).toBe('Welcome to Demo & friends.\n\n- one\n- two\n\nSee the docs (https://example.org/docs).');
  });

  it('keeps speakers in document order and deduplicates people by name slug', () => {
    expect(talk(result, '101').speakers).toEqual([{ person: 'ana-souza' }, { person: 'lukasz-nowak' }]);
    expect(talk(result, '6f1c2a9e-0000-4000-8000-000000000102').speakers).toEqual([{ person: 'lukasz-nowak' }]);
    // Each keeps the schedule's person id, as <conference slug>/<id>: "Łukasz  Nowak" is id 2 both times.
    expect(result.dataset.people).toEqual([
      { slug: 'ana-souza', name: 'Ana Souza', identifiers: [{ scheme: 'FRAB', value: 'demo-devroom-days-2025/1' }] },
      { slug: 'lukasz-nowak', name: 'Łukasz Nowak', identifiers: [{ scheme: 'FRAB', value: 'demo-devroom-days-2025/2' }] },
      { slug: 'jan-de-vries', name: 'Jan de Vries', identifiers: [{ scheme: 'FRAB', value: 'demo-devroom-days-2025/3' }] },
    ]);
    expect(result.dataset.organisations).toEqual([]);
  });

  it('prefers the guid as external id, reads <date> with its offset, HH:MM:SS durations and slides attachments', () => {
    expect(talk(result, '6f1c2a9e-0000-4000-8000-000000000102')).toMatchObject({
      slug: 'lightning-talks',
      kind: 'LIGHTNING',
      startsAt: '2025-02-01T11:00:00+01:00',
      endsAt: '2025-02-01T11:15:00+01:00',
      slidesUrl: 'https://files.example.org/lightning.pdf',
    });
  });

  it('reads events placed directly under <day> and makes colliding slugs unique with the external id', () => {
    expect(talk(result, '201')).toMatchObject({ slug: 'lightning-talks-201', kind: 'WORKSHOP', day: 2, room: 'Lab 1' });
  });

  it('maps unknown types to OTHER and lets an end pass midnight', () => {
    expect(talk(result, '202')).toMatchObject({
      slug: 'closing',
      kind: 'OTHER',
      speakers: [],
      startsAt: '2025-02-02T23:30:00+01:00',
      endsAt: '2025-02-03T00:30:00+01:00',
    });
  });
});

describe('C3VOC JSON', () => {
  const result = parseFixture('schedule.c3voc.json');

  it('reads the conference', () => {
    expect(result.format).toBe('c3voc-json');
    expect(result.dataset.conferences![0]).toMatchObject({
      slug: 'democamp-2023',
      name: 'Demo Camp 2023',
      year: 2023,
      startsOn: '2023-08-16',
      endsOn: '2023-08-17',
      timeZone: 'Europe/Berlin',
      website: 'https://cfp.example.org/democamp-2023/schedule/',
    });
    expect(talks(result)).toHaveLength(3);
  });

  it('strips the "<acronym>-<id>-" prefix from frab slugs and reads links', () => {
    expect(talk(result, '0b8a52cc-1111-4f00-9000-000000000001')).toMatchObject({
      slug: 'soldering-for-everyone',
      kind: 'WORKSHOP',
      day: 1,
      startsAt: '2023-08-16T12:00:00+02:00',
      endsAt: '2023-08-16T12:40:00+02:00',
      abstract: 'Learn to solder.\n\nNo experience needed.',
      scheduleUrl: 'https://cfp.example.org/democamp-2023/talk/AB12CD/',
      recordingUrl: 'https://media.example.org/v/soldering',
    });
  });

  it('handles both person variants (public_name, and pretalx name with biography)', () => {
    const panel = talk(result, '0b8a52cc-1111-4f00-9000-000000000002');
    expect(panel).toMatchObject({
      slug: 'panel-the-future-of-camps',
      kind: 'PANEL',
      language: 'de',
      abstract: 'A lively discussion.',
      // No <date>: day date and start in Europe/Berlin summer time.
      startsAt: '2023-08-16T20:30:00+02:00',
      endsAt: '2023-08-16T21:30:00+02:00',
      speakers: [{ person: 'tom-berger' }, { person: 'mira-kowalski' }],
    });
    // One person by name slug, with the pretalx code each variant gives her (a per-edition FRAB id).
    expect(person(result, 'mira-kowalski')).toEqual({
      slug: 'mira-kowalski',
      name: 'Mira Kowalski',
      bio: 'Mira builds **badges**.',
      identifiers: [
        { scheme: 'FRAB', value: 'democamp-2023/PQR789' },
        { scheme: 'FRAB', value: 'democamp-2023/XYZ123' },
      ],
    });
    expect(person(result, 'tom-berger')!.identifiers).toEqual([{ scheme: 'FRAB', value: 'democamp-2023/6' }]);
  });

  it('reads the second day', () => {
    expect(talk(result, '0b8a52cc-1111-4f00-9000-000000000003')).toMatchObject({ slug: 'closing', kind: 'TALK', day: 2, subtitle: 'See you next time' });
  });
});

describe('Sched iCalendar', () => {
  const result = parseFixture('schedule.sched.ics');

  it('names the conference from PRODID and takes the dates from the sessions', () => {
    expect(result.format).toBe('sched-ics');
    expect(result.dataset.conferences![0]).toMatchObject({
      slug: 'demo-cloud-summit-europe-2027',
      name: 'Demo Cloud Summit Europe 2027',
      series: 'Demo Cloud Summit Europe',
      year: 2027,
      startsOn: '2027-03-16',
      endsOn: '2027-03-17',
      location: 'Lisbon, Portugal',
      website: 'https://demoeu2027.sched.com/',
    });
  });

  it('skips registration and breaks and counts them', () => {
    expect(result.skipped).toBe(2);
    expect(talks(result).map((session) => session.externalId)).not.toContain('brk0000000000000000000000000001');
    expect(talks(result)).toHaveLength(4);
  });

  it('unfolds lines, unescapes text and reads speakers with job titles and organisations', () => {
    const keynote = { kind: 'SCHEDULE', file: 'schedule.sched.ics', record: 'a1b2c3d4e5f60718293a4b5c6d7e8f90' };
    expect(talk(result, 'a1b2c3d4e5f60718293a4b5c6d7e8f90')).toMatchObject({
      slug: 'keynote-scaling-calm',
      title: 'Keynote: Scaling Calm',
      kind: 'KEYNOTE',
      track: 'KEYNOTE SESSIONS',
      room: 'Hall 1',
      day: 1,
      startsAt: '2027-03-16T09:00:00Z',
      endsAt: '2027-03-16T09:30:00Z',
      abstract: 'How we stopped paging people at night.\nTwo lessons, one demo. Bring questions.',
      scheduleUrl: 'https://demoeu2027.sched.com/event/a1b2c3d4e5f60718293a4b5c6d7e8f90',
      speakers: [
        { person: 'rosa-lima', organisation: 'acme-cloud', organisationSource: keynote },
        { person: 'omar-haddad', organisation: 'beta-systems', organisationSource: keynote },
      ],
    });
    expect(person(result, 'rosa-lima')).toEqual({
      slug: 'rosa-lima',
      name: 'Rosa Lima',
      // Said by the first talk she gives in the file (the later d00dfeed… names the organisation only).
      affiliations: [{ organisation: 'acme-cloud', jobTitle: 'Principal Engineer, Platform Team', sources: [keynote] }],
    });
    expect(person(result, 'omar-haddad')!.affiliations).toEqual([{ organisation: 'beta-systems', jobTitle: 'CTO', sources: [keynote] }]);
    expect(talk(result, 'd00dfeedd00dfeedd00dfeedd00dfeed').speakers).toEqual([
      { person: 'rosa-lima', organisation: 'acme-cloud', organisationSource: { kind: 'SCHEDULE', file: 'schedule.sched.ics', record: 'd00dfeedd00dfeedd00dfeedd00dfeed' } },
    ]);
  });

  it('keeps " - " inside a title, reads "; " groups and TZID times, and gives no organisation for "Independent"', () => {
    expect(talk(result, 'f0e1d2c3b4a5968778695a4b3c2d1e0f')).toMatchObject({
      title: 'GitOps - The Boring Parts',
      slug: 'gitops-the-boring-parts',
      kind: 'TALK',
      day: 2,
      // 11:30 in Europe/Berlin (CET) is 10:30 UTC.
      startsAt: '2027-03-17T10:30:00Z',
      endsAt: '2027-03-17T11:05:00Z',
      speakers: [
        { person: 'kim-park', organisation: 'google' },
        { person: 'lee-chen', organisation: 'google' },
        { person: 'sam-ortiz' },
      ],
    });
    expect(person(result, 'sam-ortiz')).toEqual({ slug: 'sam-ortiz', name: 'Sam Ortiz' });
  });

  it('leaves a title without speakers alone and takes the kind from the category', () => {
    const meet = talk(result, 'c0ffee00c0ffee00c0ffee00c0ffee00');
    expect(meet).toMatchObject({ title: 'Contributor Meet + Greet', kind: 'LIGHTNING', track: 'LIGHTNING TALKS' });
    // Unknown rather than empty, so a load keeps speakers curated in the graph.
    expect(meet).not.toHaveProperty('speakers');
  });

  it('makes "Acme Cloud Inc." and "Acme Cloud" one organisation, keeping the first spelling', () => {
    expect(talk(result, 'd00dfeedd00dfeedd00dfeedd00dfeed')).toMatchObject({ kind: 'LIGHTNING', speakers: [{ person: 'rosa-lima', organisation: 'acme-cloud' }] });
    expect(result.dataset.organisations).toEqual([
      { slug: 'acme-cloud', name: 'Acme Cloud Inc.' },
      { slug: 'beta-systems', name: 'Beta Systems' },
      { slug: 'google', name: 'Google LLC' },
    ]);
  });

  it('uses the calendar zone for local dates and offsets when it names a real one', () => {
    const calendar = fixture('schedule.sched.ics').replace('X-WR-TIMEZONE:UTC', 'X-WR-TIMEZONE:Europe/Lisbon');
    const local = parseSchedule(calendar, { file: 'lisbon.ics' });
    expect(local.dataset.conferences![0].timeZone).toBe('Europe/Lisbon');
    expect(talk(local, 'a1b2c3d4e5f60718293a4b5c6d7e8f90').startsAt).toBe('2027-03-16T09:00:00+00:00');
  });
});

describe('Sched speaker lists', () => {
  const read = (summary: string, known: string[] = []) => splitSummary(summary, new Set(known));

  it('splits on the last " - " that is followed by speakers', () => {
    expect(read('Tooling - A Field Guide - Jo Bloggs, Acme')).toEqual({
      title: 'Tooling - A Field Guide',
      speakers: [{ name: 'Jo Bloggs', affiliations: [{ organisation: 'Acme' }] }],
    });
    expect(read('Community Day - Half-Day Event | PASS REQUIRED')).toEqual({ title: 'Community Day - Half-Day Event | PASS REQUIRED', speakers: [] });
    expect(read('Sponsored Demo: Fast - Why speed is not a strategy and you know it').speakers).toEqual([]);
  });

  it('shares an organisation among names before it and separates groups with " & " or "; "', () => {
    expect(read('X - Ann Lee, Bo Chan, Cy Diaz & Di Eng, Red Hat').speakers.map((speaker) => [speaker.name, speaker.affiliations[0]?.organisation])).toEqual([
      ['Ann Lee', 'Red Hat'],
      ['Bo Chan', 'Red Hat'],
      ['Cy Diaz', 'Red Hat'],
      ['Di Eng', 'Red Hat'],
    ]);
    expect(read('X - Ann Lee & Bo Chan, Red Hat').speakers.map((speaker) => speaker.affiliations[0].organisation)).toEqual(['Red Hat', 'Red Hat']);
    expect(read('X - Ann Lee, Monzo & Bo Chan, Independent').speakers.map((speaker) => speaker.affiliations[0].organisation)).toEqual(['Monzo', 'Independent']);
    expect(read('X - Ann Lee, CNCF; Bo Chan & Cy Diaz, Google; Di Eng, Acme').speakers.map((speaker) => speaker.affiliations[0].organisation)).toEqual([
      'CNCF',
      'Google',
      'Google',
      'Acme',
    ]);
  });

  it('reads "A, X & B, Y" as two groups, unless X is known to speak elsewhere in the file', () => {
    expect(read('X - Ann Lee, Bo Chan & Cy Diaz, Acme').speakers.map((speaker) => speaker.affiliations[0]?.organisation)).toEqual(['Bo Chan', 'Acme']);
    expect(read('X - Ann Lee, Bo Chan & Cy Diaz, Acme', ['Bo Chan']).speakers.map((speaker) => speaker.affiliations[0]?.organisation)).toEqual(['Acme', 'Acme', 'Acme']);
  });

  it('reads job titles, a job title containing " - ", "Founder & CEO" and a second affiliation', () => {
    expect(read('Keynote: Rails - Ann Lee, Senior Engineer - Platform Specialist, Acme').speakers).toEqual([
      { name: 'Ann Lee', affiliations: [{ organisation: 'Acme', jobTitle: 'Senior Engineer - Platform Specialist' }] },
    ]);
    expect(read('Keynote: Up - Ann Lee, Founder & CEO, Acme & Bo Chan, Chief Product Officer, Acme').speakers).toEqual([
      { name: 'Ann Lee', affiliations: [{ organisation: 'Acme', jobTitle: 'Founder & CEO' }] },
      { name: 'Bo Chan', affiliations: [{ organisation: 'Acme', jobTitle: 'Chief Product Officer' }] },
    ]);
    expect(read('Intro - Ann Lee, Community Manager, Kubewarden & Core Maintainer, Helm').speakers).toEqual([
      {
        name: 'Ann Lee',
        affiliations: [
          { organisation: 'Kubewarden', jobTitle: 'Community Manager' },
          { organisation: 'Helm', jobTitle: 'Core Maintainer' },
        ],
      },
    ]);
  });

  it('reads " and " between people but not inside a job title, names without organisation, and legal suffixes', () => {
    expect(read('X - Ann Lee and Bo Chan').speakers.map((speaker) => speaker.name)).toEqual(['Ann Lee', 'Bo Chan']);
    expect(read('X - Ann Lee, Acme and Bo Chan, Beta').speakers.map((speaker) => speaker.affiliations[0].organisation)).toEqual(['Acme', 'Beta']);
    expect(read('X - Ann Lee, Product Manager and Technologist, Acme').speakers[0].affiliations).toEqual([
      { organisation: 'Acme', jobTitle: 'Product Manager and Technologist' },
    ]);
    expect(read('X - Ann Lee, Acme, Inc.').speakers[0].affiliations).toEqual([{ organisation: 'Acme, Inc.' }]);
    expect(read('X - Ann Lee, Chronosphere | A Bigger Company').speakers[0].affiliations).toEqual([{ organisation: 'Chronosphere' }]);
  });

  it('accepts a missing space around the dash', () => {
    expect(read('Are You Ready? -Ann Lee, Acme').title).toBe('Are You Ready?');
  });
});

describe('talkgraph JSON', () => {
  it('passes a valid dataset through', () => {
    const result = parseFixture('schedule.talkgraph.json');
    expect(result.format).toBe('talkgraph');
    expect(talks(result)[0].title).toBe('Opening Keynote');
  });

  it('reports the first schema problem with its path and record', () => {
    const content = fixture('schedule.talkgraph.json').replace('"title": "Opening Keynote"', '"title": "   "');
    const error = importError(() => parseSchedule(content, { file: 'empty-title.json' }));
    expect(error.message).toContain('empty-title.json');
    expect(error.message).toContain('talk opening-keynote');
    expect(error.message).toContain('conferences[0].talks[0].title');
    expect(error.message).toContain('must not be empty');
  });
});

describe('bad input', () => {
  it('malformed XML: names the file, the line and the element', () => {
    const error = importError(() => parseFixture('bad.malformed.xml'));
    expect(error.message).toContain('bad.malformed.xml');
    expect(error.message).toContain('line 7');
    expect(error.message).toContain('field "event"');
    expect(error.message).toContain('expected </event> (opened on line 5) but found </day>');
  });

  it('malformed JSON: names the file, the line and column and the path', () => {
    const error = importError(() => parseFixture('bad.malformed.json'));
    expect(error.message).toContain('bad.malformed.json');
    expect(error.message).toContain('line 10, column 9');
    expect(error.message).toContain('field "conferences[0].talks"');
    expect(error.message).toContain('expected "," or "]"');
  });

  it('an unparseable duration: names the event, its line and the field', () => {
    const error = importError(() => parseFixture('bad.duration.frab.xml'));
    expect(error.message).toContain('bad.duration.frab.xml');
    expect(error.message).toContain('event 7 (line 6)');
    expect(error.message).toContain('field "duration"');
    expect(error.message).toContain('"half an hour" is not a duration');
  });

  it('a VEVENT without DTSTART: names the UID, the line and the field', () => {
    const error = importError(() => parseFixture('bad.missing-dtstart.ics'));
    expect(error.message).toContain('bad.missing-dtstart.ics');
    expect(error.message).toContain('VEVENT nostart0000000000000000000000001 (line 4)');
    expect(error.message).toContain('field "DTSTART"');
  });

  it('an unknown format: lists the supported formats and --format', () => {
    const error = importError(() => parseFixture('bad.unknown.txt'));
    expect(error.message).toContain('bad.unknown.txt');
    for (const format of ['talkgraph', 'c3voc-json', 'frab-xml', 'sched-ics', '--format']) expect(error.message).toContain(format);
  });

  it('a forced format that does not fit the content fails as that format', () => {
    const error = importError(() => parseSchedule(fixture('schedule.c3voc.json'), { file: 'camp.json', format: 'frab-xml' }));
    expect(error.message).toContain('malformed XML');
  });

  it('an unknown time zone option', () => {
    const error = importError(() => parseSchedule(fixture('schedule.frab.xml'), { file: 'x.xml', timeZone: 'Mars/Olympus' }));
    expect(error.message).toContain('field "timeZone"');
  });

  it('an event without a title, and two events with one id', () => {
    const untitled = fixture('schedule.frab.xml').replace('<title>Closing Party</title>', '');
    expect(importError(() => parseSchedule(untitled, { file: 'x.xml' })).message).toMatch(/event 202 \(line \d+\), field "title"/);
    const twice = fixture('schedule.frab.xml').replace('<event id="202">', '<event id="201">');
    expect(importError(() => parseSchedule(twice, { file: 'x.xml' })).message).toContain('another event already has id "201"');
  });
});

describe('XML reader', () => {
  it('reads attributes (with ">" inside quotes), CDATA, comments, entities and self-closing tags', () => {
    const root = parseXml(
      `<?xml version="1.0"?>\n<!DOCTYPE schedule>\n<schedule a='x > y' b="&quot;q&quot;"><!-- note --><t><![CDATA[<p>raw & ok</p>]]></t><e/><n>&#233;&#x41;&amp;&nbsp;</n></schedule>`,
      'r.xml',
    );
    expect(root.attributes).toEqual({ a: 'x > y', b: '"q"' });
    expect(childText(root, 't')).toBe('<p>raw & ok</p>');
    expect(root.children.map((child) => child.name)).toEqual(['t', 'e', 'n']);
    // Unknown entities stay as written, for htmlToText to decode later.
    expect(childText(root, 'n')).toBe('éA&&nbsp;');
    expect(root.line).toBe(3);
  });

  it.each([
    ['<schedule><a></schedule>', 'x.xml, record line 1, column 14, field "a": malformed XML: expected </a>'],
    ['<schedule></schedule><schedule/>', 'a second root element'],
    ['<schedule>\n<a b="1></a></schedule>', 'line 2, column 3, field "a"'],
    ['<!DOCTYPE s [<!ENTITY x "boom">]><s/>', 'internal subset'],
    ['<schedule>\n  <title>truncated', 'the document ends inside <title>'],
    ['<schedule>1 < 2</schedule>', 'write &lt; for a literal "<"'],
  ])('%s', (xml, message) => {
    expect(importError(() => parseXml(xml, 'x.xml')).message).toContain(message);
  });

  it('finds line and column by looking at each character once, however long the line', () => {
    const oneLine = '<event>x</event>'.repeat(50_000);
    const counter = new LineCounter(oneLine);
    for (let offset = 0; offset < oneLine.length; offset += 16) counter.at(offset);
    expect(counter.at(oneLine.length - 1)).toEqual({ line: 1, column: oneLine.length });
    expect(counter.scanned).toBeLessThanOrEqual(oneLine.length);

    const lines = new LineCounter('ab\ncd\n\nefg');
    expect([0, 1, 3, 6, 7, 9].map((offset) => lines.at(offset))).toEqual([
      { line: 1, column: 1 },
      { line: 1, column: 2 },
      { line: 2, column: 1 },
      { line: 3, column: 1 },
      { line: 4, column: 1 },
      { line: 4, column: 3 },
    ]);
  });

  it('reads a schedule written on one line as it reads the same schedule on many', () => {
    const multiLine = fixture('schedule.frab.xml');
    const oneLine = multiLine.replace(/>\s*\n\s*</g, '><');
    expect(oneLine.split('\n').length).toBeLessThan(multiLine.split('\n').length / 4);
    expect(parseSchedule(oneLine, { file: 'one-line.xml' }).dataset).toEqual(parseSchedule(multiLine, { file: 'x.xml' }).dataset);
  });

  it('reads 20,000 events on one line, and places an error after them at its column', () => {
    const events = Array.from({ length: 20_000 }, (_, index) => `<event id="${index}"><title>Talk ${index}</title><persons><person>P ${index % 700}</person></persons></event>`).join('');
    const xml = `<schedule><conference><title>Wide 2025</title></conference><day index="1" date="2025-01-01">${events}</day></schedule>`;
    const parsed = parseSchedule(xml, { file: 'wide.xml' });
    expect(talks(parsed)).toHaveLength(20_000);
    expect(talks(parsed)[19_999]).toMatchObject({ title: 'Talk 19999', externalId: '19999', speakers: [{ person: 'p-399' }] });
    const broken = xml.replace('</day>', '<oops></day>');
    expect(importError(() => parseXml(broken, 'wide.xml')).message).toContain(`line 1, column ${broken.indexOf('</day>') + 1}`);
  });

  it('hands finished elements to the reader, which may take them out of the tree', () => {
    const seen: string[] = [];
    const root = parseXml('<s>\n  <day n="1">\n    <event id="a"><t>A</t></event>\n    <event id="b"/>\n  </day>\n</s>', 'x.xml', (element, ancestors) => {
      seen.push(`${ancestors.map((a) => a.name).join('>')}>${element.name}`);
      return element.name === 'event';
    });
    expect(seen).toEqual(['s>day>event>t', 's>day>event', 's>day>event', 's>day']);
    const [day] = root.children;
    expect(day.children).toEqual([]);
    // Indentation between taken-out elements stays indentation, not text.
    expect(day.text.trim()).toBe('');
    expect(day.text).toBe('\n    ');
  });
});

describe('iCalendar details', () => {
  const calendar = (event: string[]) =>
    ['BEGIN:VCALENDAR', 'PRODID:-//Sched.com Tiny Summit 2027//EN', 'BEGIN:VEVENT', 'UID:u1', 'SUMMARY:Hello', ...event, 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');

  it('takes the end from DURATION when there is no DTEND', () => {
    const result = parseSchedule(calendar(['DTSTART:20270316T090000Z', 'DURATION:PT1H15M']), { file: 'd.ics' });
    expect(talks(result)[0]).toMatchObject({ startsAt: '2027-03-16T09:00:00Z', endsAt: '2027-03-16T10:15:00Z', day: 1 });
  });

  it('needs a zone for floating times and an IANA name in TZID', () => {
    expect(importError(() => parseSchedule(calendar(['DTSTART:20270316T090000']), { file: 'f.ics' })).message).toMatch(
      /f\.ics, record VEVENT u1 \(line 3\), field "DTSTART": .*has no zone/,
    );
    const floating = parseSchedule(calendar(['DTSTART:20270316T090000']), { file: 'f.ics', timeZone: 'Europe/Lisbon' });
    expect(talks(floating)[0].startsAt).toBe('2027-03-16T09:00:00+00:00');
    expect(importError(() => parseSchedule(calendar(['DTSTART;TZID=Middle Earth:20270316T090000']), { file: 't.ics' })).message).toContain(
      'unknown time zone TZID=Middle Earth',
    );
  });

  it('reports structural errors with their line', () => {
    const unended = ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:u1'].join('\r\n');
    expect(importError(() => parseSchedule(unended, { file: 'u.ics' })).message).toContain('u.ics, record line 2: malformed iCalendar: BEGIN:VEVENT is never ended');
    const garbage = ['BEGIN:VCALENDAR', 'this is not a property', 'END:VCALENDAR'].join('\r\n');
    expect(importError(() => parseSchedule(garbage, { file: 'g.ics' })).message).toContain('g.ics, record line 2');
  });
});

describe('JSON syntax errors', () => {
  it.each([
    ['{"format": "talkgraph", "version": 1,}', 'line 1, column 38', 'a trailing comma before "}"'],
    ['{"format": "talkgraph",\n "version": 1,\n "people": [{"slug": "a", "name": "A\n"}]}', 'line 3, column 37', 'field "people[0].name"'],
    ['{"format": "talkgraph", "version": 1', 'line 1, column 37', 'the end of the file'],
  ])('%s', (content, where, what) => {
    const message = importError(() => parseSchedule(content, { file: 'broken.json' })).message;
    expect(message).toContain(`broken.json, record ${where}`);
    expect(message).toContain(what);
  });
});

describe('limits', () => {
  it('refuses content over 64 MiB before parsing it', () => {
    const error = importError(() => parseSchedule('x'.repeat(64 * 1024 * 1024 + 1), { file: 'huge.xml' }));
    expect(error.message).toContain('huge.xml');
    expect(error.message).toContain('at most 64 MiB');
  });

  it('refuses more than 20,000 events', () => {
    const events = Array.from({ length: 20_001 }, (_, index) => `<event id="${index}"><title>T</title></event>`).join('');
    const xml = `<schedule><conference><title>Big 2025</title></conference><day index="1" date="2025-01-01">${events}</day></schedule>`;
    expect(importError(() => parseSchedule(xml, { file: 'big.xml' })).message).toContain('20001 events; at most 20000');
  });

  it('surfaces the schema limits as ImportErrors naming the talk and field', () => {
    const xml = fixture('schedule.frab.xml').replace('<title>Closing Party</title>', `<title>${'Very long '.repeat(120)}</title>`);
    const error = importError(() => parseSchedule(xml, { file: 'long.xml' }));
    expect(error.message).toContain('record talk 202');
    expect(error.message).toContain('field "conferences[0].talks[3].title"');
  });

  it('validateDataset rejects an importer output that breaks the schema', () => {
    expect(() => validateDataset({ format: 'talkgraph', version: 1, people: [{ slug: 'Not A Slug', name: 'X' }] }, 'out.json')).toThrow(
      /out\.json, record person Not A Slug, field "people\[0\]\.slug": must be lower-case letters/,
    );
  });
});

describe('shared helpers', () => {
  it('computes zone offsets across DST changes', () => {
    // Europe/Brussels switches to summer time on 2025-03-30 at 02:00.
    expect(formatInZone(zonedTimeToInstant('2025-03-29', 10 * 3600, 'Europe/Brussels'), 'Europe/Brussels')).toBe('2025-03-29T10:00:00+01:00');
    expect(formatInZone(zonedTimeToInstant('2025-03-30', 10 * 3600, 'Europe/Brussels'), 'Europe/Brussels')).toBe('2025-03-30T10:00:00+02:00');
    expect(formatInZone(zonedTimeToInstant('2025-07-01', 9 * 3600, 'America/New_York'), 'America/New_York')).toBe('2025-07-01T09:00:00-04:00');
  });

  it('parses frab durations', () => {
    expect(parseDuration('00:25')).toBe(25 * 60);
    expect(parseDuration('01:30:15')).toBe(5415);
    expect(parseDuration('1:00:00:00')).toBe(24 * 3600);
    expect(parseDuration('90 min')).toBeUndefined();
  });

  it('turns HTML into text and keeps Markdown line breaks', () => {
    expect(htmlToText('<p>One &amp; two</p><p>Three<br>four &#8212; <a href="https://x.example/">https://x.example/</a></p>')).toBe(
      'One & two\n\nThree\nfour — https://x.example/',
    );
    expect(htmlToText('<pre>  indented\n    code</pre>')).toBe('indented\n    code');
    expect(htmlToText('First line\n                    second *line*\n\n\n\n                    third')).toBe('First line\nsecond *line*\n\nthird');
    expect(htmlToText('  ')).toBeUndefined();
  });

  it('derives identities deterministically', () => {
    expect(personSlug('  Ciarán   O’Riordan ')).toBe('ciaran-oriordan');
    expect(personSlug('李明')).toMatch(/^person-[0-9a-f]{8}$/);
    expect(organisationSlug('Google LLC')).toBe('google');
    expect(organisationSlug('Huawei Technologies Co., Ltd.')).toBe('huawei-technologies');
    expect(organisationSlug('The Linux Foundation')).toBe(organisationSlug('Linux Foundation'));
    expect(organisationSlug('Inc.')).toBe('inc');
  });
});

// The real schedules in ../shared/data are not part of the repository; these run where they exist.
const sharedData = fileURLToPath(new URL('../../shared/data', import.meta.url));

describe.skipIf(!existsSync(sharedData))('real schedules (needs ../shared/data)', () => {
  const cache = new Map<string, ParsedSchedule>();
  const parseReal = (path: string, options: { timeZone?: string } = {}) => {
    const key = `${path} ${options.timeZone ?? ''}`;
    if (!cache.has(key)) cache.set(key, parseSchedule(readFileSync(`${sharedData}/${path}`, 'utf8'), { file: path, ...options }));
    return cache.get(key)!;
  };

  // Event counts from fosdem-schedules/README.md.
  const fosdemEvents: Record<string, number> = {
    2007: 215, 2008: 258, 2009: 281, 2010: 301, 2011: 331, 2012: 442, 2013: 487, 2014: 513, 2015: 551, 2016: 617,
    2017: 668, 2018: 689, 2019: 775, 2020: 872, 2021: 773, 2022: 730, 2023: 780, 2024: 674, 2025: 943, 2026: 883,
  };

  it('has every FOSDEM year the README lists', () => {
    const files = readdirSync(`${sharedData}/fosdem-schedules`).filter((name) => name.endsWith('.xml'));
    expect(files.sort()).toEqual(Object.keys(fosdemEvents).map((year) => `fosdem-${year}.xml`));
  });

  it.each(Object.entries(fosdemEvents))('FOSDEM %s: every event becomes a talk, with a distinct slug', (year, count) => {
    const result = parseReal(`fosdem-schedules/fosdem-${year}.xml`);
    const conference = result.dataset.conferences![0];
    expect(result.format).toBe('frab-xml');
    expect(conference.slug).toBe(`fosdem-${year}`);
    expect(conference.name).toBe(`FOSDEM ${year}`);
    expect(conference.year).toBe(Number(year));
    expect(conference.talks).toHaveLength(count);
    expect(new Set(conference.talks!.map((candidate) => candidate.slug)).size).toBe(count);
    expect(result.skipped).toBe(0);
    // FOSDEM is always in winter, so Brussels is at +01:00 (except online 2021, which names no city).
    if (year !== '2021') expect(conference.talks!.every((candidate) => candidate.startsAt?.endsWith('+01:00'))).toBe(true);
  });

  it('FOSDEM 2020: the welcome keynote as written in the file', () => {
    const result = parseReal('fosdem-schedules/fosdem-2020.xml');
    expect(talk(result, '9025')).toMatchObject({
      slug: 'keynotes-welcome',
      title: 'Welcome to FOSDEM 2020',
      kind: 'KEYNOTE',
      track: 'Keynotes',
      room: 'Janson',
      day: 1,
      startsAt: '2020-02-01T09:30:00+01:00',
      endsAt: '2020-02-01T09:55:00+01:00',
      recordingUrl: 'https://video.fosdem.org/2020/Janson/keynotes_welcome.webm',
      speakers: [{ person: 'fosdem-staff' }],
    });
    expect(result.dataset.people).toHaveLength(841);
  });

  it('FOSDEM 2007: old Pentabarf layout, HTML abstract, non-ASCII names', () => {
    const result = parseReal('fosdem-schedules/fosdem-2007.xml');
    const aiglx = talk(result, '0');
    expect(aiglx).toMatchObject({ title: 'AIGLX', slug: 'aiglx', startsAt: '2007-02-25T15:00:00+01:00', endsAt: '2007-02-25T15:45:00+01:00' });
    expect(aiglx.kind).toBeUndefined();
    expect(aiglx.abstract).toContain('see how AIGLX (http://fedoraproject.org/wiki/RenderingProject/aiglx) fits in the larger picture.');
    expect(aiglx.speakers).toEqual([{ person: 'kristian-hogsberg' }]);
    expect(person(result, 'kristian-hogsberg')!.name).toBe('Kristian Høgsberg');
    expect(result.dataset.people).toHaveLength(204);
  });

  it('FOSDEM 2008: a broken conference end date does not spoil the dates', () => {
    expect(parseReal('fosdem-schedules/fosdem-2008.xml').dataset.conferences![0]).toMatchObject({ startsOn: '2008-02-23', endsOn: '2008-02-24' });
  });

  it('FOSDEM 2012: character references in names', () => {
    expect(person(parseReal('fosdem-schedules/fosdem-2012.xml'), 'ciaran-oriordan')!.name).toBe('Ciarán O\'Riordan');
  });

  it('FOSDEM 2021 (online): no zone in the file, so no times unless one is given', () => {
    const result = parseReal('fosdem-schedules/fosdem-2021.xml');
    expect(result.dataset.conferences![0]).toMatchObject({ format: 'VIRTUAL' });
    expect(result.dataset.conferences![0].timeZone).toBeUndefined();
    expect(talk(result, '11795').startsAt).toBeUndefined();
    expect(result.warnings).toEqual([expect.stringContaining('773 events have no start time')]);
    const zoned = parseReal('fosdem-schedules/fosdem-2021.xml', { timeZone: 'Europe/Brussels' });
    expect(talk(zoned, '11795')).toMatchObject({ startsAt: '2021-02-06T09:00:00+01:00', endsAt: '2021-02-06T09:25:00+01:00' });
  });

  it('FOSDEM 2026 (pretalx): guid ids, zone from the file, biographies from the persons list', () => {
    const result = parseReal('fosdem-schedules/fosdem-2026.xml');
    expect(result.dataset.conferences![0]).toMatchObject({ timeZone: 'Europe/Brussels', website: 'https://fosdem.org/2026/schedule/' });
    expect(talk(result, '9c3ebb8c-7716-5130-b9fe-ff8544f5636d')).toMatchObject({
      title: 'Welcome to FOSDEM 2026',
      slug: 'sfkntz-welcome-to-fosdem-2026',
      startsAt: '2026-01-31T09:30:00+01:00',
      scheduleUrl: 'https://fosdem.org/2026/schedule/event/SFKNTZ-welcome_to_fosdem_2026/',
    });
    expect(person(result, 'michal-zygowski')!.bio).toMatch(/^Michał Żygowski is a versatile engineer/);
    expect(result.dataset.people).toHaveLength(927);
  });

  it('38C3: 1007 events with their own offsets', () => {
    const result = parseReal('ccc-congress-schedules/38c3-schedule.xml');
    const conference = result.dataset.conferences![0];
    expect(conference).toMatchObject({ slug: '38c3', name: '38C3', year: 2024, startsOn: '2024-12-27', endsOn: '2024-12-30', timeZone: 'Europe/Berlin' });
    expect(conference.talks).toHaveLength(1007);
    expect(talk(result, '270fa44c-821a-577f-8ca3-33e8d4a8c2a7')).toMatchObject({
      slug: '38c3-opening-ceremony',
      title: '38C3: Opening Ceremony',
      kind: 'CEREMONY',
      track: 'CCC',
      room: 'Saal 1',
      startsAt: '2024-12-27T10:30:00+01:00',
      endsAt: '2024-12-27T11:00:00+01:00',
      speakers: [{ person: 'gabriela-bogk' }, { person: 'senficon' }, { person: 'aline-blankertz' }],
    });
    expect(result.dataset.people).toHaveLength(564);
  });

  it('39C3 draft: the partial schedule that broke another parser', () => {
    const result = parseReal('ccc-congress-schedules/39c3-schedule-draft-20251206.xml');
    expect(result.dataset.conferences![0]).toMatchObject({ slug: '39c3', name: '39th Chaos Communications Congress' });
    expect(talks(result)).toHaveLength(215);
    expect(talk(result, 'a2dd3dc7-ecae-50b3-82d9-266ad02f7a40')).toMatchObject({
      title: 'All my Deutschlandtickets gone: Fraud at an industrial scale',
      startsAt: '2025-12-27T16:00:00+01:00',
      endsAt: '2025-12-27T17:00:00+01:00',
      speakers: [{ person: 'q-misell' }, { person: 'maya-551724' }],
    });
    expect(result.dataset.people).toHaveLength(262);
  });

  it('frab JSON (Camp 2019): 79 events', () => {
    const result = parseReal('c3voc-json-samples/frab-camp2019.json');
    expect(result.format).toBe('c3voc-json');
    expect(talks(result)).toHaveLength(79);
    expect(talk(result, 'a0a0fcfe-b7fb-46e3-84b6-97a5406016b4')).toMatchObject({
      title: 'Opening Ceremony',
      kind: 'TALK',
      startsAt: '2019-08-21T11:00:00+02:00',
      speakers: [{ person: 'jinxx' }, { person: 'smtw' }],
    });
  });

  it('pretalx JSON (rC3 2020): 48 events, offsets from the dates', () => {
    const result = parseReal('c3voc-json-samples/pretalx-rc3-2020.json');
    expect(talks(result)).toHaveLength(48);
    expect(result.dataset.people).toHaveLength(56);
    expect(talks(result).find((candidate) => candidate.slug === 'mja8qy')).toMatchObject({
      title: 'Der faule Admin automatisiert: Gluon auf echter Hardware testen',
      language: 'de',
      startsAt: '2020-12-27T11:30:00+01:00',
      endsAt: '2020-12-27T12:10:00+01:00',
      speakers: [{ person: 'chris-fiege' }, { person: 'kasa' }],
    });
  });

  it('KubeCon EU 2026 (Sched): 596 VEVENTs less registration, breaks and break slots', () => {
    const result = parseReal('kubecon-eu-2026-ics/kccnceu2026-all.ics');
    const conference = result.dataset.conferences![0];
    expect(conference).toMatchObject({
      slug: 'kubecon-cloudnativecon-europe-2026',
      name: 'KubeCon + CloudNativeCon Europe 2026',
      series: 'KubeCon + CloudNativeCon Europe',
      year: 2026,
      startsOn: '2026-03-22',
      endsOn: '2026-03-27',
      location: 'Amsterdam, Netherlands',
    });
    // 19 REGISTRATION + 8 BREAKS by category, and 5 breaks filed under PROJECT OPPORTUNITIES.
    expect(result.skipped).toBe(32);
    expect(conference.talks!.length + result.skipped).toBe(596);
    expect(talk(result, 'a100f382f331c59d59f1046a91411d71')).toMatchObject({
      title: 'Breaking the Monolith: Decomposing and Governing Giant LLM Jobs Across Clusters',
      track: 'AI + ML',
      room: 'Elicium 2',
      kind: 'TALK',
      startsAt: '2026-03-24T11:00:00Z',
      endsAt: '2026-03-24T11:30:00Z',
      scheduleUrl: 'http://kccnceu2026.sched.com/event/a100f382f331c59d59f1046a91411d71',
      speakers: [{ person: 'kevin-wang', organisation: 'huawei' }],
    });
    expect(result.dataset.organisations!.find((organisation) => organisation.slug === 'huawei')).toEqual({ slug: 'huawei', name: 'Huawei' });
  });
});
