// The floors `npm run bench:floor` measures talkgraph against, each a server of its own process:
//   raw   Node's http module: reads the body, parses it as JSON, answers a constant body
//   yoga  graphql-yoga's defaults with a one-field schema: what the framework costs a request
// Both answer `{ __typename }` and serve /ready; PORT and HOST as the other benchmark servers.
import { createServer } from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';

const port = Number(process.env.PORT ?? 4200);
const host = process.env.HOST ?? '127.0.0.1';
const answer = '{"data":{"__typename":"Query"}}';

if (process.argv[2] === 'raw') {
  createServer((request, response) => {
    if (request.url === '/ready') return void response.end('{}');
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(answer) });
      response.end(answer);
    });
  }).listen(port, host);
} else {
  const yoga = createYoga({ schema: createSchema({ typeDefs: 'type Query { ready: Boolean }', resolvers: { Query: { ready: () => true } } }), logging: false });
  createServer((request, response) => {
    if (request.url === '/ready') return void response.end('{}');
    void yoga(request, response);
  }).listen(port, host);
}
