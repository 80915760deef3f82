import { connect } from 'node:net';

/** What a raw exchange with a server came to: its status line (if any), and how the socket ended. */
export interface RawOutcome {
  status: number | undefined;
  /** The server answered, then closed or kept the socket (either is fine). */
  answered: boolean;
  /** The connection was reset (ECONNRESET, EPIPE) before any answer. */
  reset: boolean;
  /** Neither an answer nor a close within the deadline (the server may legitimately wait for more bytes). */
  silent: boolean;
  /** Everything received, as latin1 (bounded). */
  received: string;
}

const MAX_RECEIVED = 64 * 1024;

/**
 * Sends bytes to 127.0.0.1:port over a plain TCP socket and waits, at most `deadlineMs`, for the server to
 * answer and/or close. Loopback only; the socket is always destroyed at the end.
 */
export function rawExchange(
  port: number,
  chunks: readonly (string | Buffer)[],
  deadlineMs: number,
  until: (received: string) => boolean = () => false,
): Promise<RawOutcome> {
  return new Promise((resolve) => {
    let received = '';
    let reset = false;
    const socket = connect({ host: '127.0.0.1', port });
    const finish = (silent: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(received)?.[1];
      resolve({
        status: status ? Number(status) : undefined,
        answered: status !== undefined,
        reset: reset && status === undefined,
        silent: silent && status === undefined,
        received,
      });
    };
    const timer = setTimeout(() => finish(true), deadlineMs);
    socket.on('connect', () => {
      for (const chunk of chunks) socket.write(chunk);
    });
    socket.on('data', (data: Buffer) => {
      if (received.length < MAX_RECEIVED) received += data.toString('latin1');
      if (until(received)) finish(false);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') reset = true;
    });
    socket.on('close', () => finish(false));
  });
}

/** A client-to-server WebSocket frame, masked as the protocol requires unless `masked` is false. */
export function wsFrame(
  opcode: number,
  payload: Buffer,
  options: { fin?: boolean; masked?: boolean; rsv?: number } = {},
): Buffer {
  const masked = options.masked ?? true;
  const first = ((options.fin ?? true) ? 0x80 : 0) | ((options.rsv ?? 0) << 4) | opcode;
  const length = payload.length;
  const head =
    length < 126
      ? Buffer.from([first, (masked ? 0x80 : 0) | length])
      : length < 65536
        ? Buffer.from([first, (masked ? 0x80 : 0) | 126, length >> 8, length & 0xff])
        : Buffer.concat([Buffer.from([first, (masked ? 0x80 : 0) | 127]), bigLength(length)]);
  if (!masked) return Buffer.concat([head, payload]);
  const mask = Buffer.from([0x12, 0x34, 0x56, 0x78]);
  const body = Buffer.from(payload.map((byte, i) => byte ^ (mask[i % 4] ?? 0)));
  return Buffer.concat([head, mask, body]);
}

function bigLength(length: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(length));
  return bytes;
}

/** A frame header that announces more bytes than the server accepts (the payload never follows). */
export function wsOversizedHeader(announcedBytes: number): Buffer {
  return Buffer.concat([
    Buffer.from([0x81, 0x80 | 127]),
    bigLength(announcedBytes),
    Buffer.from([1, 2, 3, 4]),
  ]);
}
