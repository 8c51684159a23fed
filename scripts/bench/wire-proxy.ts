// What a request costs the database, seen from outside the server: a TCP proxy between a server and
// PostgreSQL that reads only the message headers of the wire protocol as bytes pass through. It
// counts statements (extended-protocol Execute 'E' and simple Query 'Q' from the client), rows
// (DataRow 'D' from the backend) and every byte the backend sends. It works the same for talkgraph
// (Prisma over pg) and for the reference server, and needs nothing from either. The counters are
// global: the runner reads them before and after one request at a time. It only carries those
// sequential requests (load runs connect straight to PostgreSQL), so it does not pace its writes.
import { createServer, type Server, type Socket, connect } from 'node:net';

export interface WireCounts {
  statements: number;
  rows: number;
  backendBytes: number;
}

export interface WireProxy {
  port: number;
  counts(): WireCounts;
  close(): Promise<void>;
}

const EXECUTE = 'E'.charCodeAt(0);
const QUERY = 'Q'.charCodeAt(0);
const DATA_ROW = 'D'.charCodeAt(0);
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

/**
 * Follows a stream of typed messages (one type byte, a 4-byte length that counts itself, the body)
 * across chunk boundaries, reporting each message type; bodies are skipped, never copied.
 */
class MessageHeaders {
  private header = Buffer.alloc(5);
  private headerBytes = 0;
  private bodyLeft = 0;

  constructor(private readonly onMessage: (type: number) => void) {}

  push(chunk: Buffer, from = 0): void {
    let at = from;
    while (at < chunk.length) {
      if (this.bodyLeft > 0) {
        const skipped = Math.min(this.bodyLeft, chunk.length - at);
        this.bodyLeft -= skipped;
        at += skipped;
        continue;
      }
      const copied = chunk.copy(this.header, this.headerBytes, at, Math.min(chunk.length, at + 5 - this.headerBytes));
      this.headerBytes += copied;
      at += copied;
      if (this.headerBytes === 5) {
        this.onMessage(this.header[0]);
        this.bodyLeft = this.header.readUInt32BE(1) - 4;
        this.headerBytes = 0;
      }
    }
  }
}

export async function startWireProxy(target: { host: string; port: number }): Promise<WireProxy> {
  const counts: WireCounts = { statements: 0, rows: 0, backendBytes: 0 };
  const sockets = new Set<Socket>();

  const server: Server = createServer((client) => {
    const backend = connect(target.port, target.host);
    sockets.add(client).add(backend);
    const forget = () => {
      sockets.delete(client);
      sockets.delete(backend);
      client.destroy();
      backend.destroy();
    };
    client.on('error', forget).on('close', forget);
    backend.on('error', forget).on('close', forget);
    client.setNoDelay(true);
    backend.setNoDelay(true);

    const fromClient = new MessageHeaders((type) => {
      if (type === EXECUTE || type === QUERY) counts.statements++;
    });
    const fromBackend = new MessageHeaders((type) => {
      if (type === DATA_ROW) counts.rows++;
    });

    // The first client message has no type byte (startup, or a request to encrypt first). An
    // encryption request is declined here, so the backend only ever speaks typed messages.
    let startup: Buffer | undefined = Buffer.alloc(0);
    client.on('data', (chunk: Buffer) => {
      if (startup) {
        startup = Buffer.concat([startup, chunk]);
        if (startup.length < 8) return;
        const length = startup.readUInt32BE(0);
        if (startup.length < length) return;
        const code = startup.readUInt32BE(4);
        if (length === 8 && (code === SSL_REQUEST || code === GSSENC_REQUEST)) {
          client.write('N');
          const rest = startup.subarray(8);
          startup = Buffer.alloc(0);
          if (rest.length > 0) client.emit('data', rest);
          return;
        }
        const buffered = startup;
        startup = undefined;
        backend.write(buffered);
        fromClient.push(buffered, length);
        return;
      }
      backend.write(chunk);
      fromClient.push(chunk);
    });
    backend.on('data', (chunk: Buffer) => {
      counts.backendBytes += chunk.length;
      fromBackend.push(chunk);
      client.write(chunk);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The wire proxy did not get a TCP port.');
  return {
    port: address.port,
    counts: () => ({ ...counts }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
