// Schedule XML as written by Pentabarf (FOSDEM 2007-2024), frab, pretalx (FOSDEM 2025-) and the
// C3VOC tooling (CCC congresses): schedule > conference, day > room > event. Old Pentabarf files
// put events directly under <day>; pretalx adds a top-level <persons> list with biographies.
import { ImportError } from '../errors.js';
import { type FormatResult, MAX_EVENTS, type ParseContext } from './common.js';
import { type FrabDay, type FrabEvent, type FrabLink, frabScheduleToDataset } from './frab-model.js';
import { childElement, childElements, childText, nestedElements, parseXml, type XmlElement } from './xml.js';

/** An event read as its element closed; its day and its speakers' biographies are known only at the end. */
interface PendingEvent {
  event: FrabEvent;
  dayElement: XmlElement;
  /** pretalx person ids, parallel to event.persons. */
  personIds: Array<string | undefined>;
}

export function parseFrabXml(content: string, context: ParseContext): FormatResult {
  // Events are read as they close and leave the element tree at once: a FOSDEM year is 900
  // events, and only the few elements around them stay as elements until the end.
  const pending: PendingEvent[] = [];
  let eventCount = 0;
  const root = parseXml(content, context.file, (element, ancestors) => {
    if (element.name !== 'event' || ancestors.length < 2) return false;
    const parent = ancestors[ancestors.length - 1];
    const grandparent = ancestors[ancestors.length - 2];
    const inDay = parent.name === 'day' && ancestors.length === 2;
    const inRoom = parent.name === 'room' && grandparent.name === 'day' && ancestors.length === 3;
    if (!inDay && !inRoom) return false;
    // Past the limit events are only counted, so the error can say how many the file has.
    if (++eventCount <= MAX_EVENTS) pending.push(readEvent(element, inDay ? parent : grandparent, inRoom ? parent.attributes.name : undefined));
    return true;
  });
  if (root.name !== 'schedule') {
    const problem = `the root element is <${root.name}>; frab schedule XML starts with <schedule>`;
    throw new ImportError(context.file, `line ${root.line}`, root.name, problem);
  }
  const conference = childElement(root, 'conference');
  if (!conference) throw new ImportError(context.file, `line ${root.line}`, 'conference', 'the schedule has no <conference> element');
  if (eventCount > MAX_EVENTS) {
    throw new ImportError(context.file, undefined, 'events', `${eventCount} events; at most ${MAX_EVENTS} can be imported from one file`);
  }

  const bios = personBios(root);
  const days = new Map<XmlElement, FrabDay>();
  for (const [position, dayElement] of childElements(root, 'day').entries()) {
    days.set(dayElement, { index: dayIndex(dayElement, position, context.file), date: dayElement.attributes.date?.trim() || undefined });
  }
  const events = pending.map(({ event, dayElement, personIds }) => {
    event.day = days.get(dayElement)!;
    event.persons.forEach((person, index) => {
      const id = personIds[index];
      if (id) {
        person.bio = bios.get(id);
        // pretalx's guids (38C3) and Pentabarf's ids (FOSDEM) are new for each edition.
        person.id = id.trim() || undefined;
      }
    });
    return event;
  });

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
      days: [...days.values()],
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

function readEvent(event: XmlElement, dayElement: XmlElement, roomName: string | undefined): PendingEvent {
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
  const persons = nestedElements(event, 'persons', 'person');
  return {
    dayElement,
    personIds: persons.map((person) => person.attributes.id ?? person.attributes.guid),
    event: {
      record: `event ${id ?? guid ?? '(no id)'} (line ${event.line})`,
      id: id?.trim() || undefined,
      guid: guid?.trim() || undefined,
      // Set once the whole file is read (see parseFrabXml).
      day: { index: 0 },
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
      persons: persons.map((person) => ({ name: person.text })),
      links,
    },
  };
}
