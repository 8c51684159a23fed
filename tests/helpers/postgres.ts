/** The server tests create their databases on; `.ci/run` makes sure it is up. */
export function adminUrl(): string {
  return process.env.TALKGRAPH_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
}

export function postgresEnabled(): boolean {
  return process.env.TALKGRAPH_TEST_POSTGRES !== 'off';
}

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}
