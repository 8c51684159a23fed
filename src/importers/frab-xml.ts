// Schedule XML as written by Pentabarf (FOSDEM 2007-2024), frab, pretalx (FOSDEM 2025-) and the
// C3VOC tooling (CCC congresses): schedule > conference, day > room > event. Old Pentabarf files
// put events directly under <day>; pretalx adds a top-level <persons> list with biographies.
import { ImportError } from '../errors.js';
import type { FormatResult, ParseContext } from './common.js';
import { type FrabDay, type FrabEvent, type FrabLink, frabScheduleToDataset } from './frab-model.js';
import { childElement, childElements, childText, nestedElements, parseXml, type XmlElement } from './xml.js';

export function parseFrabXml(content: string, context: ParseContext): FormatResult {
  const root = parseXml(content, context.file);
  if (root.name !== 'schedule') {
    const problem = `the root element is <${root.name}>; frab schedule XML starts with <schedule>`;
    throw new ImportError(context.file, `line ${root.line}`, root.name, problem);
  }
  const conference = childElement(root, 'conference');
  if (!conference) throw new ImportError(context.file, `line ${root.line}`, 'conference', 'the schedule has no <conference> element');

  const bios = personBios(root);
  const days: FrabDay[] = [];
  const events: FrabEvent[] = [];
  for (const [position, dayElement] of childElements(root, 'day').entries()) {
    const day = { index: dayIndex(dayElement, position, context.file), date: dayElement.attributes.date?.trim() || undefined };
    days.push(day);
    for (const child of dayElement.children) {
      if (child.name === 'event') events.push(readEvent(child, day, undefined, bios));
      else if (child.name === 'room') {
        for (const event of childElements(child, 'event')) events.push(readEvent(event, day, child.attributes.name, bios));
      }
    }
  }

  return frabScheduleToDataset(
    {
      conference: {
        title: childText(conference, 'title'),
        acronym: childText(conference, 'acronym'),
        start: childText(conference, 'start'),
        end: childText(conference, 'end'),
        timeZoneName: childText(conference, 'time_zone_name'),
        city: childText(conference, 'city'),
        venue: childText(conference, 'venue'),
        url: childText(conference, 'url'),
        baseUrl: childText(conference, 'base_url'),
        dayChange: childText(conference, 'day_change'),
      },
      days,
      events,
    },
    context,
  );
}

function dayIndex(day: XmlElement, position: number, file: string): number {
  const text = day.attributes.index?.trim();
  if (!text) return position + 1;
  const index = Number(text);
  if (!Number.isInteger(index) || index < 1 || index > 366) {
    throw new ImportError(file, `day (line ${day.line})`, 'index', `"${text}" is not a day number from 1 to 366`);
  }
  return index;
}

/** pretalx lists people once, with biographies, in schedule > persons > person[id]. */
function personBios(root: XmlElement): Map<string, string> {
  const bios = new Map<string, string>();
  for (const person of nestedElements(root, 'persons', 'person')) {
    const bio = childText(person, 'biography');
    if (person.attributes.id && bio) bios.set(person.attributes.id, bio);
  }
  return bios;
}

function readEvent(event: XmlElement, day: FrabDay, roomName: string | undefined, bios: Map<string, string>): FrabEvent {
  const { id, guid } = event.attributes;
  const links: FrabLink[] = [
    ...nestedElements(event, 'links', 'link').map((link) => ({
      href: link.attributes.href ?? '',
      // C3VOC 2025 nests <title> and <type> in <link>; older files put the title in the text.
      text: childText(link, 'title') ?? link.text.trim(),
      type: childText(link, 'type'),
    })),
    ...nestedElements(event, 'attachments', 'attachment').map((attachment) => ({
      href: attachment.attributes.href ?? '',
      text: attachment.text.trim(),
      type: attachment.attributes.type,
    })),
  ];
  return {
    record: `event ${id ?? guid ?? '(no id)'} (line ${event.line})`,
    id: id?.trim() || undefined,
    guid: guid?.trim() || undefined,
    day,
    roomName,
    date: childText(event, 'date'),
    start: childText(event, 'start'),
    duration: childText(event, 'duration'),
    room: childText(event, 'room'),
    slug: childText(event, 'slug'),
    url: childText(event, 'url'),
    title: childText(event, 'title'),
    subtitle: childText(event, 'subtitle'),
    track: childText(event, 'track'),
    type: childText(event, 'type'),
    language: childText(event, 'language'),
    abstract: childText(event, 'abstract'),
    description: childText(event, 'description'),
    persons: nestedElements(event, 'persons', 'person').map((person) => ({
      name: person.text,
      bio: person.attributes.id ? bios.get(person.attributes.id) : undefined,
    })),
    links,
  };
}
