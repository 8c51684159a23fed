// Live updates: subscribes to reactionRecorded and graphChanged over server-sent events (a POST with
// "Accept: text/event-stream", graphql-sse's distinct connections mode) and tells the pages that the
// graph changed, so they reload what they show. A server without the subscription (the field does
// not exist, or Subscription at all) answers with an error: live updates are then off for the
// session, quietly, and the pages work as they do without them. A dropped connection is opened again
// after a pause that grows to half a minute.
import { type GraphQLDocument, type GraphQLErrorBody, markServerReadsNoDocumentIds, requestBody, sendsDocumentIds, unknownDocument } from './client';
import liveGraph from './graphql/live-graph.graphql';
import liveReactions from './graphql/live-reactions.graphql';

export type LiveStatus = 'connecting' | 'live' | 'off';

export interface LiveChange {
  /** Words for the announcement, e.g. "Matthew Rose highlighted “Going Beyond CI/CD With Prow”". */
  message: string;
  at: Date;
}

type Listener = () => void;

const state = { status: 'connecting' as LiveStatus, version: 0, last: undefined as LiveChange | undefined };
const listeners = new Set<Listener>();
const emit = () => listeners.forEach((listener) => listener());

export const liveState = () => state;
export function onLiveChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Events come in bursts (an import records hundreds): pages reload once per burst. */
const RELOAD_DELAY_MS = 400;
let reloadTimer: ReturnType<typeof setTimeout> | undefined;
function graphChanged(change: LiveChange) {
  state.last = change;
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(() => {
    state.version += 1;
    emit();
  }, RELOAD_DELAY_MS);
  emit();
}

interface Stream {
  /** Resolves true when the subscription cannot run on this server (do not try again). */
  done: Promise<boolean>;
}

/** Reads one SSE response: `event: next` with `data: {...}`, until `event: complete` or the end. */
async function readEvents(response: Response, onData: (payload: { data?: Record<string, unknown> | null; errors?: GraphQLErrorBody[] }) => boolean | void) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end: number;
    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (event === 'complete') return;
      if (event === 'next' && data.length > 0 && onData(JSON.parse(data.join('\n'))) === false) {
        await reader.cancel();
        return;
      }
    }
  }
}

function subscribe(document: GraphQLDocument, onEvent: (data: Record<string, unknown>) => void, onOpen: () => void): Stream {
  const done = (async () => {
    let byId = sendsDocumentIds() && document.id !== null;
    for (;;) {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify(requestBody(document, {}, byId)),
      });
      const type = response.headers.get('content-type') ?? '';
      if (!type.includes('text/event-stream')) {
        // Refused before it started: a JSON error (no such field or type, or an unknown document id).
        const body = type.includes('json') ? ((await response.json()) as { errors?: GraphQLErrorBody[] }) : {};
        const unknown = byId ? unknownDocument(body.errors) : undefined;
        if (unknown === 'server') markServerReadsNoDocumentIds();
        if (unknown) {
          byId = false;
          continue;
        }
        return response.status < 500;
      }
      let refused = false;
      // A server that cannot run the subscription says so in its first event; one that stays quiet is live.
      const openTimer = setTimeout(onOpen, 1000);
      try {
        await readEvents(response, (payload) => {
          if (payload.errors?.length && !payload.data) {
            refused = true;
            return false;
          }
          onOpen();
          if (payload.data) onEvent(payload.data);
        });
      } finally {
        clearTimeout(openTimer);
      }
      return refused;
    }
  })();
  return { done };
}

const quote = (title: unknown) => (typeof title === 'string' ? `“${title}”` : 'a talk');
const verbs: Record<string, string> = {
  HIGHLIGHT: 'highlighted',
  DAY_HIGHLIGHT: 'chose as highlight of the day',
  RECOMMENDATION: 'recommended',
  TAKEAWAY: 'took a lesson from',
  CRITIQUE: 'criticised',
  MENTION: 'mentioned',
};

interface ReactionEvent {
  reactionRecorded: {
    change: string;
    missedChanges: boolean;
    reaction: { kind: string; person: { name: string }; talk: { title: string } } | null;
  };
}
interface GraphEvent {
  graphChanged: { source: string; missedChanges: boolean; conferences: Array<{ name: string }> };
}

export function describeReaction({ reactionRecorded: change }: ReactionEvent): string {
  const { reaction } = change;
  if (change.missedChanges) return 'Reconnected to live updates: reloaded.';
  if (!reaction) return 'A reaction was removed.';
  const verb = verbs[reaction.kind] ?? 'reacted to';
  return `${change.change === 'UPDATED' ? 'Updated: ' : ''}${reaction.person.name} ${verb} ${quote(reaction.talk.title)}.`;
}

function describeGraph({ graphChanged: change }: GraphEvent): string {
  const names = change.conferences.map((conference) => conference.name);
  return `The graph changed (${change.source}${names.length ? `: ${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}` : ''}).`;
}

/** Runs one subscription for as long as the page is open, reconnecting after failures. */
async function keepSubscribed(document: GraphQLDocument, describe: (data: never) => string, opened: () => void): Promise<'refused'> {
  for (let pause = 2000; ; pause = Math.min(pause * 2, 30_000)) {
    try {
      const refused = await subscribe(
        document,
        (data) => graphChanged({ message: describe(data as never), at: new Date() }),
        () => {
          pause = 2000;
          opened();
        },
      ).done;
      if (refused) return 'refused';
    } catch {
      // The network or the server went away: try again after the pause.
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

let started = false;

/** Starts both subscriptions once; live is "off" only when the server refuses both. */
export function startLiveUpdates() {
  if (started) return;
  started = true;
  let refusals = 0;
  const opened = () => {
    if (state.status !== 'live') {
      state.status = 'live';
      emit();
    }
  };
  for (const [document, describe] of [
    [liveReactions, describeReaction],
    [liveGraph, describeGraph],
  ] as const) {
    void keepSubscribed(document, describe as (data: never) => string, opened).then(() => {
      refusals += 1;
      if (refusals === 2) {
        state.status = 'off';
        emit();
      }
    });
  }
}
