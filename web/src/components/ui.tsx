// Small building blocks shared by the pages: sections, lists with counts, states of loading.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { reactionKind } from '../format';
import { paths } from '../router';

export function Section({ title, id, children, wide = false }: { title: string; id: string; children: ComponentChildren; wide?: boolean }) {
  return (
    <section class={wide ? 'card wide' : 'card'} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** The page's heading: focused after each navigation, so a screen reader starts from it. */
export function PageTitle({ children, kicker }: { children: ComponentChildren; kicker?: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (document.activeElement === document.body || document.activeElement?.closest('main') === null) heading.current?.focus({ preventScroll: true });
    document.title = `${heading.current?.textContent ?? 'talkgraph'} · talkgraph`;
  }, [heading.current?.textContent]);
  return (
    <header class="page-title">
      {kicker ? <p class="kicker">{kicker}</p> : null}
      <h1 tabIndex={-1} ref={heading}>
        {children}
      </h1>
    </header>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="muted" role="status">
      Loading {what}…
    </p>
  );
}

export function Failure({ error }: { error: Error }) {
  return (
    <p class="error" role="alert">
      Could not load this: {error.message}
    </p>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="muted">{children}</p>;
}

export interface CountRow {
  key: string;
  label: ComponentChildren;
  count: number;
}

/** A ranked list with each count drawn as a bar beside it; the numbers stay readable as text. */
export function CountTable({ rows, caption, unit }: { rows: CountRow[]; caption: string; unit: string }) {
  const max = Math.max(1, ...rows.map((row) => row.count));
  return (
    <table class="counts">
      <caption class="visually-hidden">{caption}</caption>
      <thead class="visually-hidden">
        <tr>
          <th scope="col">Name</th>
          <th scope="col">{unit}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            <td>
              <span class="bar" style={{ width: `${(row.count / max) * 100}%` }} aria-hidden="true" />
              <span class="number">{row.count.toLocaleString('en-GB')}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function KindBadge({ kind }: { kind: string }) {
  return <span class={`badge kind-${kind.toLowerCase()}`}>{reactionKind(kind)}</span>;
}

interface Named {
  slug: string;
  name: string;
}

export const PersonLink = ({ person }: { person: Named }) => <a href={paths.person(person.slug)}>{person.name}</a>;
export const OrganisationLink = ({ organisation }: { organisation: Named }) => <a href={paths.organisation(organisation.slug)}>{organisation.name}</a>;
export const ConferenceLink = ({ conference }: { conference: Named }) => <a href={paths.conference(conference.slug)}>{conference.name}</a>;
export const TalkLink = ({ talk }: { talk: { slug: string; title: string; conference: { slug: string } } }) => (
  <a href={paths.talk(talk.conference.slug, talk.slug)}>{talk.title}</a>
);

/** "A, B and C", each an element. */
export function Joined({ items }: { items: ComponentChildren[] }) {
  return (
    <>
      {items.map((item, index) => (
        <>
          {index > 0 ? (index === items.length - 1 ? ' and ' : ', ') : null}
          {item}
        </>
      ))}
    </>
  );
}

export function Speakers({ speakers }: { speakers: Array<{ person: Named; organisation?: Named | null }> }) {
  if (speakers.length === 0) return null;
  return (
    <Joined
      items={speakers.map((speaker) => (
        <span key={speaker.person.slug}>
          <PersonLink person={speaker.person} />
          {speaker.organisation ? (
            <>
              {' '}
              (<OrganisationLink organisation={speaker.organisation} />)
            </>
          ) : null}
        </span>
      ))}
    />
  );
}

export function ConnectionsLink({ id, name }: { id: string; name: string }) {
  return (
    <a class="button secondary" href={paths.connections(id)}>
      How is {name} connected to…
    </a>
  );
}
