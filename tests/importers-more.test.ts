// The importers for programmes that recap posts refer to: Sched JSON lines, Sessionize "All
// Data", pretalx API results and CSV with a column mapping. Parsing (values, identity, errors),
// then loading into both databases (idempotence, updates in place, one node per person and
// organisation across formats), then the real KubeCon EU 2025 and DDD Melbourne programmes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSchedule } from '../src/db/import.js';
import type { LoadSummary } from '../src/db/load-dataset.js';
import { ImportError } from '../src/errors.js';
import { detectFormat, type ParsedSchedule, parseSchedule, type ParseOptions } from '../src/importers/index.js';
import { parseTagLine } from '../src/importers/sessionize.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './helpers/databases.js';

const fixtures = resolve(import.meta.dirname, 'fixtures');
const fixture = (name: string) => readFileSync(join(fixtures, name), 'utf8');
const parse = (name: string, options: Omit<ParseOptions, 'file'> = {}) => parseSchedule(fixture(name), { file: name, ...options });

const CSV_COLUMNS = 'id=ID,title=Session,speakers=Presenters,organisation=Company,jobTitle=Role,date=Day,starts=Start,ends=End,room=Room,kind=Format,abstract=Abstract,topics=Tags';

/** Where a schedule said it: the file and the record (the talk's id in it). */
const said = (file: string, record: string) => ({ kind: 'SCHEDULE' as const, file, record });

/** How each fixture is imported: the options its format needs. */
const fixtureOptions: Record<string, Omit<ParseOptions, 'file'>> = {
  'schedule.sched.jsonl': { timeZone: 'Europe/Lisbon', conference: 'Demo Cloud Summit Europe' },
  'schedule.sessionize.json': { timeZone: 'Australia/Melbourne', conference: 'Demo Dev Day' },
  'schedule.pretalx.json': {},
  'schedule.pretalx-talks.json': { conference: 'Demo Infra Days 2026' },
  'schedule.csv': { timeZone: 'Europe/Berlin', conference: 'Platform Day', columns: CSV_COLUMNS },
};

function talks(result: ParsedSchedule) {
  return result.dataset.conferences[0].talks!;
}
function talk(result: ParsedSchedule, externalId: string) {
  const found = talks(result).find((candidate) => candidate.externalId === externalId);
  if (!found) throw new Error(`no talk ${externalId}`);
  return found;
}
function person(result: ParsedSchedule, slug: string) {
  return result.dataset.people.find((candidate) => candidate.slug === slug);
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

describe('detecting the new formats', () => {
  it('recognises Sched JSON lines, Sessionize All Data and pretalx results by content', () => {
    expect(detectFormat(fixture('schedule.sched.jsonl'))).toBe('sched-jsonl');
    expect(detectFormat(fixture('schedule.sched.jsonl').split('\n')[2])).toBe('sched-jsonl');
    expect(detectFormat(fixture('schedule.sessionize.json'))).toBe('sessionize-json');
    expect(detectFormat(fixture('schedule.pretalx.json'))).toBe('pretalx-json');
    expect(detectFormat(fixture('schedule.pretalx-talks.json'))).toBe('pretalx-json');
    expect(detectFormat(fixture('schedule.pretalx-speakers.json'))).toBe('pretalx-json');
  });

  it('reads CSV only with a column mapping (any text could be CSV), and --format forces it', () => {
    expect(detectFormat(fixture('schedule.csv'))).toBeNull();
    expect(parse('schedule.csv', fixtureOptions['schedule.csv']).format).toBe('csv');
    const error = importError(() => parse('schedule.csv', { format: 'csv', conference: 'Platform Day' }));
    expect(error.message).toMatch(/^schedule\.csv, field "--columns": CSV needs a column mapping, like --columns .*the columns of this file are "ID", "Session", "Presenters"/);
  });

  it('lists every format when it cannot tell', () => {
    const error = importError(() => parseSchedule('{"results": "no"}', { file: 'odd.json' }));
    for (const format of ['sched-jsonl', 'sessionize-json', 'pretalx-json', 'csv (with --columns)', '--format']) expect(error.message).toContain(format);
  });

  it('warns that --conference means nothing to files that name their conference', () => {
    const result = parseSchedule(fixture('schedule.sched.ics'), { file: 'schedule.sched.ics', conference: 'Something Else' });
    expect(result.dataset.conferences[0].name).toBe('Demo Cloud Summit Europe 2027');
    expect(result.warnings).toContain('--conference is ignored: sched-ics files name their conference');
  });
});

describe('Sched JSON lines', () => {
  const result = parse('schedule.sched.jsonl', fixtureOptions['schedule.sched.jsonl']);

  it('names the conference from --conference plus the year, and takes dates, zone and site from the file', () => {
    expect(result.format).toBe('sched-jsonl');
    expect(result.dataset.conferences[0]).toMatchObject({
      slug: 'demo-cloud-summit-europe-2028',
      name: 'Demo Cloud Summit Europe 2028',
      series: 'Demo Cloud Summit Europe',
      year: 2028,
      startsOn: '2028-04-03',
      endsOn: '2028-04-05',
      timeZone: 'Europe/Lisbon',
      website: 'https://demoeu2028.sched.com/',
    });
  });

  it('skips registration, the cloakroom, break slots and cancelled sessions, and keeps the event id from the URL', () => {
    expect(result.skipped).toBe(4);
    expect(talks(result).map((entry) => entry.externalId)).toEqual(['2pLt7', '2kEy1', '2gOp3', '2mTr4', '2bOf5']);
  });

  it('reads the local start in the conference zone, the track from the first event type and the kind from any', () => {
    expect(talk(result, '2kEy1')).toEqual({
      slug: 'keynote-opening-remarks',
      externalId: '2kEy1',
      title: 'Keynote: Opening Remarks',
      abstract: 'Where the summit goes next & why.\n\nBring questions.',
      kind: 'KEYNOTE',
      track: 'Keynote Sessions',
      day: 2,
      // Lisbon is on summer time (UTC+1) from the last Sunday of March.
      startsAt: '2028-04-04T09:00:00+01:00',
      scheduleUrl: 'https://demoeu2028.sched.com/event/2kEy1/keynote-opening-remarks-rosa-lima-chief-technology-officer-acme-cloud-inc',
      speakers: [{ person: 'rosa-lima', organisation: 'acme-cloud', organisationSource: said('schedule.sched.jsonl', '2kEy1') }],
    });
    expect(talk(result, '2pLt7')).toMatchObject({ kind: 'LIGHTNING', track: 'Project Opportunities', day: 1, speakers: [{ person: 'omar-haddad' }] });
    expect(talk(result, '2mTr4')).toMatchObject({ kind: 'TALK', track: 'Maintainer Track', title: 'SIG Node: Intro and Deep Dive' });
    expect(talk(result, '2bOf5')).toMatchObject({ kind: 'BOF', track: 'Experiences', startsAt: '2028-04-05T16:00:00+01:00', day: 3 });
    expect(talk(result, '2mTr4')).not.toHaveProperty('abstract');
  });

  it('reads speakers, job titles and organisations from the title suffix as the iCalendar importer does', () => {
    expect(talk(result, '2gOp3')).toMatchObject({
      title: 'GitOps - The Boring Parts, Revisited',
      speakers: [
        { person: 'kim-park', organisation: 'google' },
        { person: 'vera-ivanova', organisation: 'delta-data' },
      ],
    });
    expect(talk(result, '2mTr4').speakers).toEqual([
      { person: 'lee-chen', organisation: 'google', organisationSource: said('schedule.sched.jsonl', '2mTr4') },
      { person: 'sam-ortiz', organisation: 'google', organisationSource: said('schedule.sched.jsonl', '2mTr4') },
    ]);
    // A role's source is the first talk the person gave in the file.
    expect(person(result, 'rosa-lima')).toEqual({
      slug: 'rosa-lima',
      name: 'Rosa Lima',
      affiliations: [{ organisation: 'acme-cloud', jobTitle: 'Chief Technology Officer', sources: [said('schedule.sched.jsonl', '2kEy1')] }],
    });
    // "Maintainer" is a role in Sched's company slot, not an organisation.
    expect(person(result, 'omar-haddad')).toEqual({ slug: 'omar-haddad', name: 'Omar Haddad' });
    expect(result.dataset.organisations).toEqual([
      { slug: 'acme-cloud', name: 'Acme Cloud Inc.' },
      { slug: 'google', name: 'Google LLC' },
      { slug: 'delta-data', name: 'Delta Data' },
    ]);

    const summary = 'GitOps - The Boring Parts, Revisited - Kim Park\\, Google LLC & Vera Ivanova\\, Delta Data';
    const ics = ['BEGIN:VCALENDAR', 'PRODID:-//Sched.com Demo Cloud Summit Europe 2028//EN', 'BEGIN:VEVENT', 'UID:x1', 'DTSTART:20280404T103000Z',
      `SUMMARY:${summary}`, 'CATEGORIES:PLATFORM ENGINEERING', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
    const fromIcs = parseSchedule(ics, { file: 'same.ics' });
    // The same speakers and organisations, each said by its own file and record.
    const withoutSource = (speakers: ReturnType<typeof talks>[number]['speakers']) => speakers!.map(({ organisationSource, ...speaker }) => speaker);
    expect(withoutSource(talks(fromIcs)[0].speakers)).toEqual(withoutSource(talk(result, '2gOp3').speakers));
    expect(talks(fromIcs)[0].speakers!.map((speaker) => speaker.organisationSource)).toEqual([said('same.ics', 'x1'), said('same.ics', 'x1')]);
    expect(fromIcs.dataset.conferences[0].slug).toBe(result.dataset.conferences[0].slug);
  });

  it('reads the speaker suffixes of this file as the shared rule now does: organisations are not names, and title words are not people', () => {
    const line = (id: string, title: string) =>
      JSON.stringify({ url: `https://demoeu2028.sched.com/event/${id}/x`, title, eventTypes: 'Security', eventDate: '2028-04-04T10:00:00' });
    const file = [
      line('a1', 'Rook Deep Dive - Travis Nielsen & Madhu Rajanna, IBM, Artem Torubarov & Deepika Upadhyay, Clyso'),
      line('a2', 'AI Agent Observability - Guangya Liu, IBM & Karthik Kalyanaraman, Langtrace AI'),
      line('a3', 'Model Serving - Ann Lee, IBM'),
      line('a4', 'Contribfest: Istio - Hands-on Development and Contribution Workshop'),
      line('a5', 'Azure Day Hosted by Microsoft - SOLD OUT'),
    ].join('\n');
    const read = parseSchedule(file, { file: 'rule.jsonl', timeZone: 'Europe/Lisbon', conference: 'Demo' });
    // "IBM" reads as a name in a1 ("," typed for ";"), but a2 and a3 give it as an organisation.
    expect(talk(read, 'a2').speakers).toEqual([
      { person: 'guangya-liu', organisation: 'ibm', organisationSource: said('rule.jsonl', 'a2') },
      { person: 'karthik-kalyanaraman', organisation: 'langtrace-ai', organisationSource: said('rule.jsonl', 'a2') },
    ]);
    expect(talk(read, 'a4')).toMatchObject({ title: 'Contribfest: Istio - Hands-on Development and Contribution Workshop' });
    expect(talk(read, 'a4')).not.toHaveProperty('speakers');
    expect(talk(read, 'a5')).toMatchObject({ title: 'Azure Day Hosted by Microsoft - SOLD OUT' });
    expect(talk(read, 'a5')).not.toHaveProperty('speakers');
  });

  it('names a KubeCon programme from its Sched site as the iCalendar feed does', () => {
    const kubecon = parseSchedule(fixture('schedule.sched.jsonl').replaceAll('demoeu2028', 'kccnceu2028'), { file: 'kubecon.jsonl', timeZone: 'Europe/London' });
    expect(kubecon.dataset.conferences[0]).toMatchObject({
      slug: 'kubecon-cloudnativecon-europe-2028',
      name: 'KubeCon + CloudNativeCon Europe 2028',
      timeZone: 'Europe/London',
    });
    expect(talk(kubecon, '2kEy1').startsAt).toBe('2028-04-04T09:00:00+01:00');
  });

  it('says what to change: no zone, no conference name, a line that is no event', () => {
    const noZone = importError(() => parse('schedule.sched.jsonl', { conference: 'Demo Cloud Summit Europe' }));
    expect(noZone.message).toBe(
      'schedule.sched.jsonl, record line 1 (event 2aaA1), field "eventDate": "2028-04-03T08:00:00" has no zone and the file names none; ' +
        "give the conference's zone with --time-zone, e.g. --time-zone Europe/London",
    );
    const noName = importError(() => parse('schedule.sched.jsonl', { timeZone: 'Europe/Lisbon' }));
    expect(noName.message).toMatch(/^schedule\.sched\.jsonl, field "conference": the file does not name its conference and the Sched site demoeu2028\.sched\.com does not tell; give it with --conference/);

    const lines = fixture('schedule.sched.jsonl').split('\n');
    const broken = (line: number, text: string) => [...lines.slice(0, line - 1), text, ...lines.slice(line)].join('\n');
    const options = { file: 'bad.jsonl', ...fixtureOptions['schedule.sched.jsonl'] };
    expect(importError(() => parseSchedule(broken(3, '{"url": "https://demoeu2028.sched.com/event/2pLt7/x", "title": "Oops"'), options)).message).toMatch(
      /^bad\.jsonl, record line 3: malformed JSON: .*; each line must be one JSON object$/,
    );
    expect(importError(() => parseSchedule(broken(3, '{"url": "https://example.org/talks/7", "title": "T", "eventDate": "2028-04-04T10:00:00"}'), options)).message).toMatch(
      /^bad\.jsonl, record line 3, field "url": "https:\/\/example\.org\/talks\/7" is not a Sched event URL; write the event page/,
    );
    expect(importError(() => parseSchedule(broken(5, lines[4].replace('2028-04-04T09:00:00', 'next Tuesday')), options)).message).toBe(
      'bad.jsonl, record line 5 (event 2kEy1), field "eventDate": "next Tuesday" is not a date-time; write it like 2025-04-02T11:15:00',
    );
    expect(importError(() => parseSchedule(broken(5, lines[4].replace('/event/2kEy1/', '/event/2pLt7/')), options)).message).toBe(
      'bad.jsonl, record line 5 (event 2pLt7), field "url": line 3 (event 2pLt7) has the same Sched event id "2pLt7"; each event must appear once',
    );
  });
});

describe('Sessionize All Data', () => {
  const result = parse('schedule.sessionize.json', fixtureOptions['schedule.sessionize.json']);

  it('names the conference from --conference and the year of its sessions, in the zone given', () => {
    expect(result.format).toBe('sessionize-json');
    expect(result.dataset.conferences[0]).toMatchObject({
      slug: 'demo-dev-day-2027',
      name: 'Demo Dev Day 2027',
      year: 2027,
      startsOn: '2027-03-20',
      endsOn: '2027-03-20',
      timeZone: 'Australia/Melbourne',
    });
  });

  it('leaves out service sessions and sessions that were not accepted, and the speakers only they had', () => {
    expect(result.skipped).toBe(2);
    expect(talks(result).map((entry) => entry.externalId)).toEqual(['900101', '900102', '900104', '900106']);
    expect(person(result, 'declan-reyes')).toBeUndefined();
    expect(result.dataset.organisations.map((organisation) => organisation.name)).not.toContain('Nowhere Ltd');
  });

  it('reads times in the zone, the room, the kind from the session format, topics from tags, and recordings', () => {
    expect(talk(result, '900102')).toEqual({
      slug: 'hands-on-property-based-testing-in-an-afternoon',
      externalId: '900102',
      title: 'Hands-on: Property-Based Testing in an Afternoon',
      abstract: 'Bring a laptop.\nWe write generators, shrink failures and find a real bug.',
      kind: 'WORKSHOP',
      room: 'Workshop room',
      day: 1,
      // Melbourne is on daylight time (UTC+11) until the first Sunday of April.
      startsAt: '2027-03-20T10:00:00+11:00',
      endsAt: '2027-03-20T12:00:00+11:00',
      speakers: [{ person: 'priya-natarajan', organisation: 'delta-data', organisationSource: said('schedule.sessionize.json', '900102') }, { person: 'tom-obrien' }],
      topics: ['testing', 'functional-programming'],
    });
    expect(talk(result, '900101')).toMatchObject({ kind: 'TALK', room: 'Main hall', recordingUrl: 'https://www.youtube.com/watch?v=demo0000001', topics: ['community'] });
    expect(talk(result, '900104')).toMatchObject({ kind: 'LIGHTNING', endsAt: '2027-03-20T13:10:00+11:00' });
    expect(talk(result, '900106')).toMatchObject({ kind: 'TALK', topics: [] });
    expect(result.dataset.topics).toEqual([
      { slug: 'community', name: 'Community' },
      { slug: 'testing', name: 'Testing' },
      { slug: 'functional-programming', name: 'Functional programming' },
      { slug: 'accessibility', name: 'Accessibility' },
    ]);
  });

  it('takes job title and organisation from a company question, else from a tag line that says so, with bio and links', () => {
    expect(person(result, 'rosa-lima')).toEqual({
      slug: 'rosa-lima',
      name: 'Rosa Lima',
      bio: 'Rosa runs platform teams and the organising committee.',
      links: ['https://www.linkedin.com/in/rosa-lima-demo', 'https://acme-cloud.example'],
      affiliations: [{ organisation: 'acme-cloud', jobTitle: 'CTO', sources: [said('schedule.sessionize.json', '900101')] }],
      // The Sessionize speaker id, the same in every event's export.
      identifiers: [{ scheme: 'SESSIONIZE', value: '3f2c6a1e-0001-4c1b-9d7e-000000000001' }],
    });
    expect(person(result, 'priya-natarajan')!.affiliations).toEqual([
      { organisation: 'delta-data', jobTitle: 'Co-Founder', sources: [said('schedule.sessionize.json', '900102')] },
    ]);
    expect(person(result, 'mei-tanaka')!.affiliations).toEqual([
      { organisation: 'beta-systems', jobTitle: 'Senior Front-end Engineer', sources: [said('schedule.sessionize.json', '900104')] },
    ]);
    expect(person(result, 'tom-obrien')).toEqual({
      slug: 'tom-obrien',
      name: "Tom O'Brien",
      links: ['https://tom.example/blog'],
      identifiers: [{ scheme: 'SESSIONIZE', value: '3f2c6a1e-0001-4c1b-9d7e-000000000003' }],
    });
  });

  it('reads a tag line as an affiliation only when it plainly says so', () => {
    const read = (tagLine: string, name = 'Jo Bloggs') => parseTagLine(tagLine, name).map(({ organisation, jobTitle }) => `${jobTitle} @ ${organisation}`);
    expect(read('CTO @ Mentorloop')).toEqual(['CTO @ Mentorloop']);
    expect(read('Co-Founder - Pinch Payments')).toEqual(['Co-Founder @ Pinch Payments']);
    expect(read('Engineering Manager, Bunnings')).toEqual(['Engineering Manager @ Bunnings']);
    expect(read('Staff Quality Coach at Culture Amp')).toEqual(['Staff Quality Coach @ Culture Amp']);
    expect(read('Frontend developer at 3pLearning')).toEqual(['Frontend developer @ 3pLearning']);
    expect(read('Motorola Solutions, Android Developer')).toEqual(['Android Developer @ Motorola Solutions']);
    expect(read('Manager @ Amazon Web Services | CEO @ SHOUTOUT | Community Leader')).toEqual(['Manager @ Amazon Web Services', 'CEO @ SHOUTOUT']);
    expect(read('Sarah Young, Senior Cloud Security Advocate, Microsoft', 'Sarah Young')).toEqual(['Senior Cloud Security Advocate @ Microsoft']);
    for (const vague of [
      'I like long walks on the beach talking about JavaScript',
      'Senior front-end developer, Speaker, Mentor, Dog Lover',
      '.NET Developer, Microsoft MVP',
      'Data Consultant and Microsoft AI MVP',
      'Helping new and emerging tech leaders become happy, confident and effective.',
      'Software Engineer @ Independent',
      'Principal Software Engineer',
      '',
    ]) {
      expect(read(vague), vague).toEqual([]);
    }
  });

  it('says what to change: no conference name, no zone, an unknown speaker', () => {
    expect(importError(() => parse('schedule.sessionize.json', { timeZone: 'Australia/Melbourne' })).message).toBe(
      'schedule.sessionize.json, field "conference": a Sessionize export does not name its event; give the name with --conference, ' +
        'e.g. --conference "DDD Melbourne" (the year of the first session is added when the name has none)',
    );
    expect(importError(() => parse('schedule.sessionize.json', { conference: 'Demo Dev Day' })).message).toBe(
      'schedule.sessionize.json, record session 900101 (sessions[0]), field "startsAt": "2027-03-20T09:00:00" has no zone and Sessionize exports name none; ' +
        "give the conference's zone with --time-zone, e.g. --time-zone Australia/Melbourne",
    );
    const unknown = fixture('schedule.sessionize.json').replace('"speakers": ["3f2c6a1e-0001-4c1b-9d7e-000000000004"]', '"speakers": ["no-such-speaker"]');
    expect(importError(() => parseSchedule(unknown, { file: 'x.json', ...fixtureOptions['schedule.sessionize.json'] })).message).toBe(
      'x.json, record session 900104 (sessions[3]), field "speakers[0]": no speaker with id "no-such-speaker" in "speakers"',
    );
  });
});

describe('pretalx API results', () => {
  it('reads a talk list from before API v1: embedded speakers, one slot, names as text or per language', () => {
    const result = parse('schedule.pretalx-talks.json', fixtureOptions['schedule.pretalx-talks.json']);
    expect(result.format).toBe('pretalx-json');
    expect(result.skipped).toBe(1);
    expect(result.dataset.conferences[0]).toMatchObject({
      slug: 'demo-infra-days-2026',
      name: 'Demo Infra Days 2026',
      year: 2026,
      startsOn: '2026-09-12',
      endsOn: '2026-09-13',
    });
    expect(talk(result, 'QX7KLM')).toEqual({
      slug: 'pid-1-is-not-magic',
      externalId: 'QX7KLM',
      title: 'PID 1 Is Not Magic',
      abstract: 'What an init system does, and what it does not.',
      kind: 'TALK',
      track: 'Systems',
      room: 'Hall A',
      language: 'en',
      day: 1,
      startsAt: '2026-09-12T10:00:00+02:00',
      endsAt: '2026-09-12T10:30:00+02:00',
      slidesUrl: 'https://files.example.org/pid1-slides.pdf',
      recordingUrl: 'https://media.example.org/v/pid1',
      speakers: [{ person: 'ana-souza' }],
    });
    expect(talk(result, 'RT3WVB')).toMatchObject({
      kind: 'LIGHTNING',
      room: 'Hall B',
      language: 'de',
      day: 2,
      abstract: 'Five minutes, one diagram.',
      speakers: [{ person: 'ana-souza' }, { person: 'jan-de-vries' }],
    });
    // No event, so no pretalx instance; the code is kept per edition, under the conference named.
    expect(person(result, 'ana-souza')).toEqual({
      slug: 'ana-souza',
      name: 'Ana Souza',
      bio: 'Ana maintains a **tiny** init system.',
      identifiers: [{ scheme: 'FRAB', value: 'demo-infra-days-2026/AB12CD' }],
    });
  });

  it('reads an event with all its result pages in one file: speakers by code, expanded names, company answers', () => {
    const result = parse('schedule.pretalx.json');
    expect(result.skipped).toBe(1);
    expect(result.warnings).toEqual([]);
    expect(result.dataset.conferences[0]).toMatchObject({
      // The pretalx event slug, as pretalx's own frab and C3VOC exports give it.
      slug: 'infradays-2026',
      name: 'Demo Infra Days 2026',
      series: 'Demo Infra Days',
      startsOn: '2026-09-12',
      endsOn: '2026-09-13',
      timeZone: 'Europe/Berlin',
    });
    // 08:00Z in the event's zone.
    expect(talk(result, 'QX7KLM')).toMatchObject({ startsAt: '2026-09-12T10:00:00+02:00', track: 'Systems', room: 'Hall A', speakers: [{ person: 'ana-souza', organisation: 'acme-cloud' }] });
    expect(talk(result, 'MN5TYU')).toMatchObject({
      kind: 'WORKSHOP',
      room: 'Lab 1',
      day: 2,
      startsAt: '2026-09-13T11:00:00+02:00',
      endsAt: '2026-09-13T12:30:00+02:00',
      speakers: [{ person: 'jan-de-vries' }, { person: 'kofi-mensah' }],
    });
    expect(person(result, 'ana-souza')!.affiliations).toEqual([{ organisation: 'acme-cloud', jobTitle: 'Staff Engineer', sources: [said('schedule.pretalx.json', 'QX7KLM')] }]);
    // The event names no URL and no custom domain, so no pretalx instance to qualify the speaker
    // codes with: no PRETALX identifiers (the pages' previous link is how the file was fetched, not
    // the instance's name). The code is still the person's id in this edition.
    expect(person(result, 'ana-souza')!.identifiers).toEqual([{ scheme: 'FRAB', value: 'infradays-2026/AB12CD' }]);
    // "Independent" is no organisation.
    expect(person(result, 'jan-de-vries')).toEqual({ slug: 'jan-de-vries', name: 'Jan de Vries', identifiers: [{ scheme: 'FRAB', value: 'infradays-2026/EF34GH' }] });
    expect(result.dataset.organisations).toEqual([{ slug: 'acme-cloud', name: 'Acme Cloud Inc.' }]);
  });

  it('names the pretalx instance from the event’s other URLs or its custom domain when it has no base URL', () => {
    const identifiers = (content: string) => parseSchedule(content, { file: 'tiny.json' }).dataset.people.map((p) => [p.slug, p.identifiers]);
    const tiny = JSON.parse(fixture('schedule.pretalx-no-base.json'));
    // No base URL: the schedule and login URLs are on the instance.
    expect(identifiers(JSON.stringify(tiny))).toEqual([
      [
        'lina-berg',
        [
          { scheme: 'PRETALX', value: 'cfp.tiny.example.net/SP9QRS' },
          { scheme: 'FRAB', value: 'tinyconf-2026/SP9QRS' },
        ],
      ],
    ]);
    // A base URL, where there is one, names it as before.
    const based = structuredClone(tiny);
    based.event.urls.base = 'https://pretalx.example.com/tinyconf-2026/';
    expect(identifiers(JSON.stringify(based))[0][1]).toContainEqual({ scheme: 'PRETALX', value: 'pretalx.example.com/SP9QRS' });
    // No URLs at all: the custom domain, given as a URL or a bare host.
    const custom = structuredClone(tiny);
    delete custom.event.urls;
    custom.event.custom_domain = 'https://talks.tiny.example.org';
    expect(identifiers(JSON.stringify(custom))[0][1]).toContainEqual({ scheme: 'PRETALX', value: 'talks.tiny.example.org/SP9QRS' });
    custom.event.custom_domain = 'talks.tiny.example.org';
    expect(identifiers(JSON.stringify(custom))[0][1]).toContainEqual({ scheme: 'PRETALX', value: 'talks.tiny.example.org/SP9QRS' });
    // Nothing names the instance: no PRETALX identifier, and the per-edition one stays.
    custom.event.custom_domain = null;
    custom.talks.previous = 'https://api.elsewhere.example/api/events/tinyconf-2026/submissions/';
    custom.talks.next = null;
    const result = parseSchedule(JSON.stringify({ ...custom, talks: [custom.talks] }), { file: 'tiny.json' });
    expect(result.dataset.people[0].identifiers).toEqual([{ scheme: 'FRAB', value: 'tinyconf-2026/SP9QRS' }]);
  });

  it('reads a speaker list alone as people, with no conference', () => {
    const result = parse('schedule.pretalx-speakers.json');
    expect(result.dataset.conferences).toEqual([]);
    expect(result.dataset.people).toEqual([
      { slug: 'ana-souza', name: 'Ana Souza', bio: 'Ana maintains a **tiny** init system.' },
      { slug: 'jan-de-vries', name: 'Jan de Vries', bio: 'Jan writes schedulers.' },
    ]);
  });

  it('notes references it cannot name, and says what to change for those it needs', () => {
    const combined = JSON.parse(fixture('schedule.pretalx.json'));
    const firstTalk = combined.talks[0].results[0];

    const trackId = structuredClone(combined);
    trackId.talks[0].results[0].track = 7;
    expect(parseSchedule(JSON.stringify(trackId), { file: 'ids.json' }).warnings).toEqual([
      'track is given as an id and was left out; request the talks with ?expand=track to import its name',
    ]);

    const withoutSpeakers = { ...combined, speakers: undefined };
    expect(importError(() => parseSchedule(JSON.stringify(withoutSpeakers), { file: 'codes.json' })).message).toMatch(
      /^codes\.json, record talk QX7KLM \(talks\[0\]\.results\[0\]\), field "speakers\[0\]": speaker "AB12CD" has no name: request the talks with \?expand=speakers/,
    );
    const slotIds = { ...combined, talks: [{ ...combined.talks[0], results: [{ ...firstTalk, slots: [501] }, combined.talks[0].results[1]] }, combined.talks[1]] };
    expect(importError(() => parseSchedule(JSON.stringify(slotIds), { file: 'slots.json' })).message).toBe(
      'slots.json, record talk QX7KLM (talks[0].results[0]), field "slots[0]": the slot is an id; request the talks with ?expand=speakers,track,submission_type,slots.room',
    );
    const missingPage = { ...combined, talks: [combined.talks[0]] };
    expect(importError(() => parseSchedule(JSON.stringify(missingPage), { file: 'pages.json' })).message).toBe(
      'pages.json, field "talks": the pages hold 2 of 3 results; add the missing pages',
    );
    expect(importError(() => parseSchedule(JSON.stringify(combined.talks[0]), { file: 'page1.json', conference: 'Demo' })).message).toMatch(
      /^page1\.json, field "next": this is one page of 3 results; put all pages in one file as a list: \{"event": …, "talks": \[page 1, page 2, …\]\}/,
    );
    expect(importError(() => parse('schedule.pretalx-talks.json')).message).toMatch(
      /^schedule\.pretalx-talks\.json, field "conference": a pretalx talk list does not name its event; give the name with --conference/,
    );
  });
});

describe('CSV with a column mapping', () => {
  const result = parse('schedule.csv', fixtureOptions['schedule.csv']);

  it('reads quoted cells, cells over several lines, and a day and clock times in the zone given', () => {
    expect(result.dataset.conferences[0]).toMatchObject({
      slug: 'platform-day-2026',
      name: 'Platform Day 2026',
      startsOn: '2026-06-18',
      endsOn: '2026-06-19',
      timeZone: 'Europe/Berlin',
    });
    expect(talk(result, 'PD-01')).toEqual({
      slug: 'opening-keynote-paved-roads',
      externalId: 'PD-01',
      title: 'Opening Keynote: Paved Roads',
      abstract: 'Why golden paths beat gates, and how "paved" differs from "fenced".',
      kind: 'KEYNOTE',
      room: 'Main Stage',
      day: 1,
      startsAt: '2026-06-18T09:00:00+02:00',
      endsAt: '2026-06-18T09:30:00+02:00',
      speakers: [{ person: 'rosa-lima', organisation: 'acme-cloud', organisationSource: said('schedule.csv', 'PD-01') }],
      topics: ['platform', 'culture'],
    });
    expect(talk(result, 'PD-02')).toMatchObject({ title: 'Secrets, Safely', abstract: 'Two approaches:\n- external secret stores\n- sealed secrets' });
  });

  it('pairs organisations with speakers, or gives one to all; a role is no organisation', () => {
    expect(talk(result, 'PD-02').speakers).toEqual([
      { person: 'kim-park', organisation: 'google', organisationSource: said('schedule.csv', 'PD-02') },
      { person: 'vera-ivanova', organisation: 'delta-data', organisationSource: said('schedule.csv', 'PD-02') },
    ]);
    expect(talk(result, 'PD-04').speakers).toEqual([
      { person: 'lee-chen', organisation: 'google', organisationSource: said('schedule.csv', 'PD-04') },
      { person: 'omar-haddad', organisation: 'google', organisationSource: said('schedule.csv', 'PD-04') },
    ]);
    expect(talk(result, 'PD-03').speakers).toEqual([{ person: 'sam-ortiz' }]);
    expect(person(result, 'rosa-lima')!.affiliations).toEqual([{ organisation: 'acme-cloud', jobTitle: 'Chief Technology Officer', sources: [said('schedule.csv', 'PD-01')] }]);
  });

  it('lets an end before the start pass midnight, and maps unknown formats to OTHER', () => {
    expect(talk(result, 'PD-03')).toMatchObject({ kind: 'LIGHTNING', startsAt: '2026-06-18T23:55:00+02:00', endsAt: '2026-06-19T00:05:00+02:00' });
    expect(talk(result, 'PD-04')).toMatchObject({ kind: 'OTHER', day: 2, startsAt: '2026-06-19T11:00:00+02:00' });
    expect(talk(result, 'PD-04')).not.toHaveProperty('endsAt');
  });

  it('reads ";"-separated files, quoted headers, another separator, full date-times and durations', () => {
    const text = 'Talk;"Who, exactly";When;Minutes\n"Deploy Fridays";Ann Lee, Bo Chan;2026-06-18T14:00:00+02:00;45\n';
    const csv = parseSchedule(text, {
      file: 'semi.csv',
      conference: 'Ops Day 2026',
      columns: 'title=talk,speakers="Who, exactly",starts=When,duration=Minutes',
      separator: ',',
    });
    expect(talks(csv)).toEqual([
      {
        slug: 'deploy-fridays',
        title: 'Deploy Fridays',
        day: 1,
        startsAt: '2026-06-18T14:00:00+02:00',
        endsAt: '2026-06-18T14:45:00+02:00',
        speakers: [{ person: 'ann-lee' }, { person: 'bo-chan' }],
      },
    ]);
  });

  it('says what to change in the mapping, naming the row and the column for bad cells', () => {
    const options = (extra: Partial<ParseOptions>) => ({ ...fixtureOptions['schedule.csv'], ...extra });
    expect(importError(() => parse('schedule.csv', options({ columns: 'title=Session,speaker=Presenters' }))).message).toMatch(
      /^schedule\.csv, field "--columns": unknown field "speaker"; the fields are title, id, abstract, speakers,/,
    );
    expect(importError(() => parse('schedule.csv', options({ columns: 'title=Talk' }))).message).toMatch(
      /^schedule\.csv, record line 1, field "--columns": no column "Talk" for title; the columns of this file are "ID", "Session",/,
    );
    expect(importError(() => parse('schedule.csv', options({ conference: undefined }))).message).toMatch(
      /^schedule\.csv, field "conference": a CSV file does not name its conference; give it with --conference/,
    );
    expect(importError(() => parse('schedule.csv', options({ timeZone: undefined }))).message).toBe(
      'schedule.csv, record row 1 (line 2), field "Start": "09:00" has no zone; give the conference\'s zone with --time-zone, e.g. --time-zone Europe/Berlin',
    );
    const mismatch = fixture('schedule.csv').replace('Google LLC; Delta Data', 'Google LLC; Delta Data; Acme');
    expect(importError(() => parseSchedule(mismatch, { file: 'm.csv', ...fixtureOptions['schedule.csv'] })).message).toBe(
      'm.csv, record row 2 (line 3), field "Company": 3 values for 2 speakers; give one for all of them, or one per speaker in the same order',
    );
    // Row 3 starts on line 6: row 2's abstract spans three lines.
    const badTime = fixture('schedule.csv').replace('23:55', 'late');
    expect(importError(() => parseSchedule(badTime, { file: 't.csv', ...fixtureOptions['schedule.csv'] })).message).toBe(
      't.csv, record row 3 (line 6), field "Start": "late" is not a time; write 2025-04-02T14:30, or 14:30 with a date column',
    );
    expect(importError(() => parseSchedule('A,B\n1,"2\n', { file: 'q.csv', columns: 'title=A', conference: 'X' })).message).toMatch(
      /^q\.csv, record line 2: malformed CSV: Quote Not Closed/,
    );
  });
});

const changed = (summary: LoadSummary) => Object.values(summary).reduce((n, c) => n + c.created + c.updated + c.removed, 0);

describe.each(databaseKinds)('importing the new formats on %s PostgreSQL', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(() => db?.dispose());

  it('imports each fixture, and importing it again changes nothing', async () => {
    for (const [file, format, talkCount] of [
      ['schedule.sched.jsonl', 'sched-jsonl', 5],
      ['schedule.sessionize.json', 'sessionize-json', 4],
      ['schedule.pretalx.json', 'pretalx-json', 2],
      ['schedule.csv', 'csv', 4],
    ] as const) {
      const options = { file, ...fixtureOptions[file] };
      const first = await importSchedule(db.prisma, fixture(file), options);
      expect(first.format).toBe(format);
      expect(first.summary.talks).toMatchObject({ created: talkCount, updated: 0 });
      const again = await importSchedule(db.prisma, fixture(file), options);
      expect(changed(again.summary), file).toBe(0);
      expect(again.summary.talks.unchanged).toBe(talkCount);
    }
  });

  it('makes one person and one organisation of Rosa Lima and Acme Cloud across four formats', async () => {
    const rosa = await db.prisma.person.findUniqueOrThrow({
      where: { slug: 'rosa-lima' },
      include: { talks: { include: { organisation: true, talk: { include: { conference: true } } } } },
    });
    expect(rosa.links).toEqual(['https://www.linkedin.com/in/rosa-lima-demo', 'https://acme-cloud.example']);
    expect(rosa.talks.map((role) => [role.talk.conference.slug, role.organisation?.name]).sort()).toEqual([
      ['demo-cloud-summit-europe-2028', 'Acme Cloud Inc.'],
      ['demo-dev-day-2027', 'Acme Cloud Inc.'],
      ['platform-day-2026', 'Acme Cloud Inc.'],
    ]);
    expect(await db.prisma.organisation.count({ where: { slug: 'acme-cloud' } })).toBe(1);
    const ana = await db.prisma.person.findUniqueOrThrow({ where: { slug: 'ana-souza' }, include: { affiliations: { include: { organisation: true } } } });
    expect(ana.affiliations.map((affiliation) => [affiliation.organisation.slug, affiliation.jobTitle])).toEqual([['acme-cloud', 'Staff Engineer']]);
  });

  it('updates a talk in place, matched on the Sched event id, when a newer scrape renames it', async () => {
    const newer = fixture('schedule.sched.jsonl').replace('"title": "GitOps - The Boring Parts, Revisited', '"title": "GitOps - The Boring Parts, Again');
    const result = await importSchedule(db.prisma, newer, { file: 'newer.jsonl', ...fixtureOptions['schedule.sched.jsonl'] });
    expect(result.summary.talks).toMatchObject({ created: 0, updated: 1, unchanged: 4 });
    const renamed = await db.prisma.talk.findFirstOrThrow({ where: { externalId: '2gOp3' } });
    expect(renamed.title).toBe('GitOps - The Boring Parts, Again');
  });

  it('adds people from a pretalx speaker list without touching the talks, and writes nothing from a bad CSV', async () => {
    const people = await importSchedule(db.prisma, fixture('schedule.pretalx-speakers.json'), { file: 'schedule.pretalx-speakers.json' });
    expect(people.summary.people).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect((await db.prisma.person.findUniqueOrThrow({ where: { slug: 'jan-de-vries' } })).bio).toBe('Jan writes schedulers.');

    const talksBefore = await db.prisma.talk.count();
    const bad = fixture('schedule.csv').replace('PD-04,Fireside Chat', 'PD-05,New Talk').replace('23:55', 'late');
    await expect(importSchedule(db.prisma, bad, { file: 'bad.csv', ...fixtureOptions['schedule.csv'] })).rejects.toThrow(/^bad\.csv, record row 3/);
    expect(await db.prisma.talk.count()).toBe(talksBefore);
  });
});

const sharedData = resolve(import.meta.dirname, '../../shared/data');

describe.skipIf(!existsSync(sharedData)).each(databaseKinds)('the real programmes on %s PostgreSQL (needs ../shared/data)', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(() => db?.dispose());

  const real = (path: string) => readFileSync(resolve(sharedData, path), 'utf8');
  /** Records of the file, whether new to the graph or already in it. */
  const seen = (counts: { created: number; updated: number; unchanged: number }) => counts.created + counts.updated + counts.unchanged;

  it('DDD Melbourne 2024 and 2025 (Sessionize) import into an empty graph with one --conference, sharing returning speakers and companies', async () => {
    const { prisma } = db;
    const options = { timeZone: 'Australia/Melbourne', conference: 'DDD Melbourne' };
    const file2024 = 'sessionize-dddmelbourne/ddd-melbourne-2024.json';
    const file2025 = 'sessionize-dddmelbourne/ddd-melbourne-2025.json';
    const first2024 = await importSchedule(prisma, real(file2024), { file: file2024, ...options });
    expect(first2024.summary).toMatchObject({
      talks: { created: 26 },
      people: { created: 30 },
      speakers: { created: 30 },
      // Read from tag lines such as "CTO @ Mentorloop" (17 in 2024, counted by hand).
      organisations: { created: 17 },
      topics: { created: 26 },
    });
    const first2025 = await importSchedule(prisma, real(file2025), { file: file2025, ...options });
    expect(first2025.summary).toMatchObject({
      talks: { created: 28 },
      // Aaron Powell, Garima Singh, Jaswanth Manigundan, Julian Burr and Michael Crook spoke both years.
      people: { created: 24, unchanged: 5 },
      speakers: { created: 29 },
      // 14 organisations; Amazon Web Services, Bunnings, Culture Amp and Vouch were there in 2024.
      organisations: { created: 10, unchanged: 4 },
      // 25 tags used; 22 of them were used in 2024.
      topics: { created: 3, unchanged: 22 },
    });

    const editions = await prisma.conference.findMany({ where: { series: 'DDD Melbourne' }, orderBy: { year: 'asc' }, select: { slug: true, startsOn: true } });
    expect(editions.map((edition) => [edition.slug, edition.startsOn?.toISOString().slice(0, 10)])).toEqual([
      ['ddd-melbourne-2024', '2024-03-16'],
      ['ddd-melbourne-2025', '2025-02-22'],
    ]);
    const opening = await prisma.talk.findFirstOrThrow({ where: { externalId: '581840' }, include: { speakers: { include: { person: true } } } });
    expect(opening.startsAt?.toISOString()).toBe('2024-03-15T22:00:00.000Z');
    expect(opening.speakers.map((speaker) => speaker.person.name)).toEqual(['Julie Lerman']);
    const tracy = await prisma.person.findUniqueOrThrow({ where: { slug: 'tracy-bongiorno' }, include: { affiliations: { include: { organisation: true } } } });
    expect(tracy.affiliations.map((affiliation) => [affiliation.organisation.name, affiliation.jobTitle])).toEqual([['Mentorloop', 'CTO']]);

    for (const file of [file2024, file2025]) {
      const again = await importSchedule(prisma, real(file), { file, ...options });
      expect(changed(again.summary), file).toBe(0);
    }
  });

  it('KubeCon + CloudNativeCon Europe 2025 (Sched JSON lines) imports whole, and again as a no-op', async () => {
    const { prisma } = db;
    const file = 'kubecon-eu-2025-sched/talks.jsonl';
    const first = await importSchedule(prisma, real(file), { file, timeZone: 'Europe/London' });
    // 565 lines less 10 Registration, 8 Breaks, 3 "Project Lightning Talk: Break" and 1 "CANCELED:" (counted with jq).
    expect(first.skipped).toBe(22);
    expect(first.summary.talks.created).toBe(543);
    // From the shared Sched speaker rule, as it reads this file's titles. DDD Melbourne came
    // first, so some of these people and organisations (Microsoft, say) were already known.
    expect(seen(first.summary.people)).toBe(642);
    expect(seen(first.summary.organisations)).toBe(264);
    expect(first.summary.organisations.unchanged).toBeGreaterThan(0);
    expect(first.summary.speakers.created).toBe(766);

    const conference = await prisma.conference.findUniqueOrThrow({ where: { slug: 'kubecon-cloudnativecon-europe-2025' } });
    expect(conference).toMatchObject({ name: 'KubeCon + CloudNativeCon Europe 2025', timeZone: 'Europe/London', website: 'https://kccnceu2025.sched.com/' });
    const keynote = await prisma.talk.findFirstOrThrow({
      where: { conferenceId: conference.id, externalId: '1txBO' },
      include: { speakers: { include: { person: true, organisation: true } } },
    });
    expect(keynote).toMatchObject({ title: 'Keynote: Welcome + Opening Remarks', kind: 'KEYNOTE', track: 'Keynote Sessions' });
    expect(keynote.speakers.map((speaker) => [speaker.person.name, speaker.organisation?.name])).toEqual([['Chris Aniszczyk', 'Cloud Native Computing Foundation']]);

    const again = await importSchedule(prisma, real(file), { file, timeZone: 'Europe/London' });
    expect(changed(again.summary)).toBe(0);
    expect(again.summary.talks.unchanged).toBe(543);
  });
});

describe('talkgraph import with --conference, --columns and --time-zone', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'talkgraph-cli-more-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const talkgraph = (...args: string[]) =>
    spawnSync(process.execPath, [resolve(import.meta.dirname, '../bin/talkgraph.mjs'), ...args], {
      env: { ...process.env, DATABASE_URL: '', TALKGRAPH_DATA_DIR: join(dataDir, 'db') },
      encoding: 'utf8',
      timeout: 120_000,
    });

  it('imports a CSV file with --columns, and Sessionize exports of two years with one --conference', () => {
    const csv = talkgraph('import', join(fixtures, 'schedule.csv'), '--columns', CSV_COLUMNS, '--conference', 'Platform Day', '--time-zone', 'Europe/Berlin');
    expect(csv.status, csv.stderr).toBe(0);
    expect(csv.stdout).toMatch(/schedule\.csv \(csv, [\d.]+ s\):\n[\s\S]*talks +4 created, 0 updated, 0 unchanged/);

    const nextYear = join(dataDir, 'sessionize-2028.json');
    writeFileSync(nextYear, fixture('schedule.sessionize.json').replaceAll('2027-03-20', '2028-03-18'));
    const sessionize = talkgraph('import', join(fixtures, 'schedule.sessionize.json'), nextYear, '--conference', 'Demo Dev Day', '--time-zone', 'Australia/Melbourne');
    expect(sessionize.status, sessionize.stderr).toBe(0);
    expect(sessionize.stdout).toMatch(/schedule\.sessionize\.json \(sessionize-json, [\d.]+ s, 2 non-talk entries skipped\)/);
    expect(sessionize.stdout).toMatch(/All 2 files in [\d.]+ s:\n[\s\S]*conferences +2 created/);

    const missing = talkgraph('import', join(fixtures, 'schedule.sched.jsonl'), '--conference', 'Demo Cloud Summit Europe');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^talkgraph: .*schedule\.sched\.jsonl, record line 1 \(event 2aaA1\), field "eventDate": .*--time-zone/m);
  });
});
