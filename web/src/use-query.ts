// Loads a page's data, and loads it again when the variables change or the graph changed (live
// updates). While it reloads, the page keeps showing what it had, so a live update does not flash.
import { useEffect, useState } from 'preact/hooks';
import { type GraphQLDocument, query } from './client';
import { liveState, onLiveChange } from './live';

export interface QueryState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
}

export function useLiveVersion(): number {
  const [version, setVersion] = useState(liveState().version);
  useEffect(() => onLiveChange(() => setVersion(liveState().version)), []);
  return version;
}

export function useQuery<T>(document: GraphQLDocument, variables: Record<string, unknown>, { skip = false } = {}): QueryState<T> {
  const key = JSON.stringify(variables);
  const version = useLiveVersion();
  const [state, setState] = useState<QueryState<T> & { key?: string }>({ data: undefined, error: undefined, loading: !skip });
  useEffect(() => {
    if (skip) return;
    const controller = new AbortController();
    setState((previous) => ({ data: previous.key === key ? previous.data : undefined, error: undefined, loading: true, key: previous.key }));
    query<T>(document, variables, controller.signal).then(
      (data) => setState({ data, error: undefined, loading: false, key }),
      (error: Error) => {
        if (!controller.signal.aborted) setState({ data: undefined, error, loading: false, key });
      },
    );
    return () => controller.abort();
    // The variables are compared by their JSON (key).
  }, [document, key, version, skip]);
  return state;
}
