// A client on a raw TCP socket, for the tests that need what fetch cannot do: send half a
// request and hold it, send the rest later, or time the answer from the last byte sent. Each
// socket is destroyed when the test calls destroyAllRaw (afterEach) or after 30 s at the latest.
import net from "node:net";

export interface RawSocket {
  /** Sends bytes now; resolves once they are written. */
  write(bytes: string): Promise<void>;
  /** Everything the server sent until it closed the connection. */
  closed: Promise<string>;
  /** Resolves with what came once the server has sent at least `pattern`. */
  received(pattern: RegExp): Promise<string>;
  destroy(): void;
}

const open = new Set<net.Socket>();

export async function rawSocket(baseUrl: string): Promise<RawSocket> {
  const { port, hostname } = new URL(baseUrl);
  const socket = net.connect(Number(port), hostname);
  open.add(socket);
  const stop = setTimeout(() => socket.destroy(), 30_000);
  stop.unref();
  let answer = "";
  const waiting = new Set<() => void>();
  socket.on("data", (chunk: Buffer) => {
    answer += chunk.toString("latin1");
    for (const wake of waiting) wake();
  });
  socket.on("error", () => undefined); // a reset by the server shows as the connection closing
  const closed = new Promise<string>((resolve) =>
    socket.once("close", () => {
      clearTimeout(stop);
      open.delete(socket);
      for (const wake of waiting) wake();
      resolve(answer);
    }),
  );
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  return {
    write: (bytes) => new Promise<void>((resolve, reject) => socket.write(bytes, "latin1", (error) => (error ? reject(error) : resolve()))),
    closed,
    received: (pattern) =>
      new Promise<string>((resolve, reject) => {
        const wake = () => {
          if (pattern.test(answer)) {
            waiting.delete(wake);
            resolve(answer);
          } else if (socket.destroyed) {
            waiting.delete(wake);
            reject(new Error(`the connection closed before ${pattern} came; it sent: ${answer.slice(0, 300)}`));
          }
        };
        waiting.add(wake);
        wake();
      }),
    destroy: () => socket.destroy(),
  };
}

/** Destroys every raw socket still open: call from afterEach. */
export function destroyAllRaw(): void {
  for (const socket of open) socket.destroy();
}

/** The JSON body of a raw HTTP/1.1 answer (after its blank line). */
export const rawBody = (answer: string): unknown => JSON.parse(Buffer.from(answer.slice(answer.indexOf("\r\n\r\n") + 4), "latin1").toString("utf8"));

/**
 * How soon a server answers a request sent whole on a raw socket, from its last byte to the
 * status line: the fastest of `tries`, so that a busy moment of this shared machine is not
 * blamed on the server. Resolves with that time and every status line's code.
 */
export async function fastestAnswer(baseUrl: string, request: string, tries = 5): Promise<{ ms: number; statuses: number[] }> {
  const times: number[] = [];
  const statuses: number[] = [];
  for (let i = 0; i < tries; i++) {
    const socket = await rawSocket(baseUrl);
    await socket.write(request);
    const sent = performance.now();
    const answer = await socket.received(/^HTTP\/1\.1 \d{3} /);
    times.push(performance.now() - sent);
    statuses.push(Number(answer.slice(9, 12)));
    socket.destroy();
  }
  return { ms: Math.min(...times), statuses };
}
