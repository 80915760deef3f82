import { hostileCorpus } from '../../stand-in/hostile-corpus';
import { tokenSubprotocols } from '../../lib/secrets/tokens';
import { wsFrame, wsOversizedHeader } from './hostile-http';

/** One hostile exchange on a fresh loopback connection, and what the server may answer. */
export interface HostileInput {
  name: string;
  send: (string | Buffer)[];
  /** Statuses the server may answer with; a close without an answer is also fine unless `mustAnswer`. */
  statuses: readonly number[];
  mustAnswer?: boolean;
  /** The server may wait for the rest of an incomplete request instead of answering (bounded by its timeouts). */
  mayWait?: boolean;
}

const CRLF = '\r\n';
const request = (head: string, headers: string[] = [], body: string | Buffer = '') => [
  `${head}${CRLF}${['Host: 127.0.0.1', 'Connection: close', ...headers].join(CRLF)}${CRLF}${CRLF}`,
  body,
];
const BAD_REQUEST = [400];
const REFUSED = [400, 401, 403, 404, 405, 413, 422, 431];

/** Request lines and targets Node's parser takes but no URL parser should: each must get a 4xx, not a crash. */
function malformedTargets(): HostileInput[] {
  const targets = [
    'http://a:99999/',
    'http://a:99999/ws',
    'http://a:-1/',
    'http://[::1/',
    'http://[zz]/',
    'http://a b/',
    'http:///',
    'http://a:99999/api/threads',
    'https://a:65536/health/ready',
    'http://%zz/',
    'http://a:1:2/',
    'ftp://a:99999/',
  ];
  return targets.map((target) => ({
    name: `GET ${target}`,
    send: request(`GET ${target} HTTP/1.1`),
    statuses: BAD_REQUEST,
    mustAnswer: true,
  }));
}

/** Bytes that are no HTTP at all, or HTTP broken in its framing: 400 or a closed socket. */
function garbage(): HostileInput[] {
  const raw: [string, string | Buffer][] = [
    ['zero bytes', Buffer.alloc(64)],
    ['random bytes', Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 73 + 41) % 256))],
    ['only CRLFs then garbage', `${CRLF.repeat(8)}\u0001\u0002garbage${CRLF}${CRLF}`],
    ['TLS client hello', Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x03, 0x03])],
    ['HTTP/2 preface', `PRI * HTTP/2.0${CRLF}${CRLF}SM${CRLF}${CRLF}`],
    ['request line without version', `GET /${CRLF}${CRLF}`],
    ['lower-case garbage', `hello world${CRLF}${CRLF}`],
    ['NUL in request line', `GET /\u0000 HTTP/1.1${CRLF}${CRLF}`],
    ['space-only request line', `   ${CRLF}${CRLF}`],
    ['HTTP/9.9', `GET / HTTP/9.9${CRLF}Host: x${CRLF}${CRLF}`],
    ['header without colon', `GET / HTTP/1.1${CRLF}Host x${CRLF}${CRLF}`],
    ['header name with space', `GET / HTTP/1.1${CRLF}Bad Header: 1${CRLF}${CRLF}`],
    ['control char in header value', `GET / HTTP/1.1${CRLF}X: a\u0001b${CRLF}${CRLF}`],
    ['bare LF line endings', `GET / HTTP/1.1\nHost: x\n\n`],
    [
      'content-length and transfer-encoding',
      `POST /api/threads HTTP/1.1${CRLF}Host: x${CRLF}Content-Length: 4${CRLF}Transfer-Encoding: chunked${CRLF}${CRLF}0${CRLF}${CRLF}`,
    ],
    [
      'two content-lengths',
      `POST /api/threads HTTP/1.1${CRLF}Host: x${CRLF}Content-Length: 4${CRLF}Content-Length: 5${CRLF}${CRLF}abcd`,
    ],
    [
      'negative content-length',
      `POST /api/threads HTTP/1.1${CRLF}Host: x${CRLF}Content-Length: -1${CRLF}${CRLF}`,
    ],
    ['content-length not a number', `POST / HTTP/1.1${CRLF}Host: x${CRLF}Content-Length: ab${CRLF}${CRLF}`],
    [
      'bad chunk size',
      `POST /auth/validate-token-and-get-user HTTP/1.1${CRLF}Host: x${CRLF}Transfer-Encoding: chunked${CRLF}${CRLF}zz${CRLF}abc${CRLF}0${CRLF}${CRLF}`,
    ],
    [
      'unknown transfer-encoding',
      `POST / HTTP/1.1${CRLF}Host: x${CRLF}Transfer-Encoding: gzip2${CRLF}${CRLF}`,
    ],
    ['header over 16 KiB', `GET / HTTP/1.1${CRLF}Host: x${CRLF}X-Big: ${'a'.repeat(20_000)}${CRLF}${CRLF}`],
    [
      '3,000 headers',
      `GET / HTTP/1.1${CRLF}${Array.from({ length: 3000 }, (_, i) => `X-${i}: 1`).join(CRLF)}${CRLF}${CRLF}`,
    ],
    ['method of 10,000 letters', `${'G'.repeat(10_000)} / HTTP/1.1${CRLF}${CRLF}`],
    ['target of 100,000 characters', `GET /${'a'.repeat(100_000)} HTTP/1.1${CRLF}Host: x${CRLF}${CRLF}`],
  ];
  return raw.map(([name, bytes]) => ({
    name: `garbage: ${name}`,
    send: [bytes],
    // `GET /\r\n` is HTTP/0.9 to Node: it gets the redirect of `/`.
    statuses: [302, 400, 404, 405, 413, 414, 431, 501, 505],
  }));
}

/** Well-formed requests with hostile content: wrong methods, odd paths, bad JSON, bad tokens. */
function oddRequests(): HostileInput[] {
  const paths = [
    '/',
    '/%00',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/api/threads/..%2F..%2Fetc%2Fpasswd/messages',
    '/api/threads?limit=-1&offset=NaN',
    '/api/threads?limit=99999999999999999999',
    '/api/threads/%ff%fe/messages',
    '/chat/%E0%A4%A',
    '/__standin/connections/x/drop',
    '/__standin/identity?x=%zz',
    '/ws',
    '/health/ready?' + 'a=1&'.repeat(2000),
  ];
  const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'CONNECT'];
  const inputs: HostileInput[] = [];
  for (const path of paths)
    for (const method of ['GET', 'POST'])
      inputs.push({
        name: `${method} ${path.slice(0, 60)}`,
        send: request(`${method} ${path} HTTP/1.1`, ['Content-Length: 0']),
        statuses: [200, 204, 302, ...REFUSED],
        mustAnswer: true,
      });
  for (const method of methods)
    inputs.push({
      name: `${method} /api/threads without a token`,
      send: request(`${method} /api/threads HTTP/1.1`, ['Content-Length: 0']),
      statuses: [204, ...REFUSED],
      mustAnswer: method !== 'CONNECT',
    });
  const bodies: [string, string | Buffer][] = [
    ['not JSON', 'not json at all'],
    ['truncated JSON', '{"token": "abc'],
    ['JSON null', 'null'],
    ['JSON array', '[1,2,3]'],
    ['token not a string', '{"token": {"$ne": null}}'],
    ['token of 60 KiB', JSON.stringify({ token: 'a'.repeat(60_000) })],
    ['nested 10,000 deep', `${'['.repeat(10_000)}${']'.repeat(10_000)}`],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d])],
    ['__proto__ pollution', '{"__proto__":{"admin":true},"token":"x"}'],
    ['alg none token', JSON.stringify({ token: `${b64({ alg: 'none' })}.${b64({ sub: 'u' })}.` })],
  ];
  for (const [name, body] of bodies)
    for (const path of ['/auth/validate-token-and-get-user', '/auth/refresh'])
      inputs.push({
        name: `POST ${path}: ${name}`,
        send: request(
          `POST ${path} HTTP/1.1`,
          ['Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`],
          body,
        ),
        statuses: [400, 401, 413, 422],
        mustAnswer: true,
      });
  for (const header of [
    'Authorization: Bearer',
    'Authorization: Bearer ',
    'Authorization: Basic Zm9vOmJhcg==',
    'Authorization: Bearer a.b.c',
    `Authorization: Bearer ${'x'.repeat(8000)}`,
    // An unsigned token (alg none), built here: no literal JWT in the repository.
    `Authorization: Bearer ${b64({ alg: 'none' })}.${b64({ sub: 'u' })}.`,
    'Cookie: session=%zz',
    'Origin: null',
    'Origin: http://evil.example',
  ])
    inputs.push({
      name: `GET /api/threads with ${header.slice(0, 40)}`,
      send: request('GET /api/threads HTTP/1.1', [header]),
      statuses: [401, 400, 431],
      mustAnswer: true,
    });
  return inputs;
}

function b64(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Bodies over the 64 KiB limit, declared or chunked: a 413, never a reset. */
function oversizedBodies(token: string): HostileInput[] {
  const big = Buffer.alloc(200 * 1024, 'a');
  const chunked = Buffer.concat([
    Buffer.from(`${big.length.toString(16)}${CRLF}`),
    big,
    Buffer.from(`${CRLF}0${CRLF}${CRLF}`),
  ]);
  const auth = `Authorization: Bearer ${token}`;
  return [
    ...[
      '/auth/validate-token-and-get-user',
      '/auth/refresh',
      '/api/threads',
      '/health/ready',
      '/nowhere',
    ].map((path) => ({
      name: `POST ${path} with a 200 KiB body (content-length)`,
      send: request(`POST ${path} HTTP/1.1`, [auth, `Content-Length: ${big.length}`], big),
      statuses: [413],
      mustAnswer: true,
    })),
    ...['/auth/validate-token-and-get-user', '/api/threads'].map((path) => ({
      name: `POST ${path} with a 200 KiB chunked body`,
      send: request(`POST ${path} HTTP/1.1`, [auth, 'Transfer-Encoding: chunked'], chunked),
      statuses: [413],
      mustAnswer: true,
    })),
    {
      name: 'PUT /api/threads/x with a 200 KiB chunked body',
      send: request('PUT /api/threads/x HTTP/1.1', [auth, 'Transfer-Encoding: chunked'], chunked),
      statuses: [413],
      mustAnswer: true,
    },
    {
      name: 'POST with Expect: 100-continue and 1 GiB announced',
      send: request('POST /api/threads HTTP/1.1', [
        auth,
        'Expect: 100-continue',
        `Content-Length: ${2 ** 30}`,
      ]),
      statuses: [413],
      mustAnswer: true,
    },
    {
      name: 'POST /api/threads announcing 1 GiB and sending 200 KiB',
      send: request('POST /api/threads HTTP/1.1', [auth, `Content-Length: ${2 ** 30}`], big),
      statuses: [413],
      mustAnswer: true,
      mayWait: true,
    },
  ];
}

/** Upgrades to /ws: broken handshakes and bad credentials. A 101 then a 1008 close, a 4xx, or a close. */
function upgrades(token: string): HostileInput[] {
  const [auth, carrier] = tokenSubprotocols(token);
  const key = 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==';
  const base = ['Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Version: 13'];
  const cases: [string, string, string[]][] = [
    ['malformed target', 'GET http://a:99999/ws HTTP/1.1', [...base, key]],
    ['no key', 'GET /ws HTTP/1.1', base],
    ['bad key', 'GET /ws HTTP/1.1', [...base, 'Sec-WebSocket-Key: short']],
    [
      'version 8',
      'GET /ws HTTP/1.1',
      ['Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Version: 8', key],
    ],
    ['POST upgrade', 'POST /ws HTTP/1.1', [...base, key]],
    ['other path', 'GET /not-ws HTTP/1.1', [...base, key]],
    ['no token', 'GET /ws HTTP/1.1', [...base, key]],
    ['garbage token', 'GET /ws HTTP/1.1', [...base, key, `Sec-WebSocket-Protocol: ${auth}, jwt.!!!`]],
    [
      'token not base64',
      'GET /ws HTTP/1.1',
      [...base, key, `Sec-WebSocket-Protocol: ${auth}, jwt.${'%'.repeat(50)}`],
    ],
    [
      'huge protocol list',
      'GET /ws HTTP/1.1',
      [...base, key, `Sec-WebSocket-Protocol: ${'p,'.repeat(4000)}p`],
    ],
    ['unknown ticket', 'GET /ws?ticket=nope HTTP/1.1', [...base, key]],
    ['ticket of 10,000 characters', `GET /ws?ticket=${'t'.repeat(10_000)} HTTP/1.1`, [...base, key]],
    ['ticket=%zz', 'GET /ws?ticket=%zz HTTP/1.1', [...base, key]],
    ['Bearer garbage', 'GET /ws HTTP/1.1', [...base, key, 'Authorization: Bearer nope']],
    [
      'valid token, bad extension',
      'GET /ws HTTP/1.1',
      [
        ...base,
        key,
        `Sec-WebSocket-Protocol: ${auth}, ${carrier}`,
        'Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=99',
      ],
    ],
  ];
  return cases.map(([name, line, headers]) => ({
    name: `upgrade: ${name}`,
    send: [`${line}${CRLF}${['Host: 127.0.0.1', ...headers].join(CRLF)}${CRLF}${CRLF}`],
    statuses: [101, 400, 401, 403, 404, 405, 426, 431],
  }));
}

/** After a good upgrade: frames that break the WebSocket protocol itself. The socket may close; the server stays. */
function protocolViolations(token: string): HostileInput[] {
  const [auth, carrier] = tokenSubprotocols(token);
  const upgrade = `GET /ws HTTP/1.1${CRLF}${[
    'Host: 127.0.0.1',
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Version: 13',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    `Sec-WebSocket-Protocol: ${auth}, ${carrier}`,
  ].join(CRLF)}${CRLF}${CRLF}`;
  const text = (s: string) => Buffer.from(s);
  const frames: [string, Buffer][] = [
    ['unmasked text frame', wsFrame(1, text('{"type":"ping"}'), { masked: false })],
    ['reserved opcode 3', wsFrame(3, text('x'))],
    ['reserved opcode 11', wsFrame(11, text('x'))],
    ['RSV1 without an extension', wsFrame(1, text('{}'), { rsv: 4 })],
    ['invalid UTF-8 text', wsFrame(1, Buffer.from([0xc3, 0x28, 0xa0, 0xa1]))],
    ['fragmented ping', wsFrame(9, text('p'), { fin: false })],
    ['ping of 200 bytes', wsFrame(9, Buffer.alloc(200, 1))],
    ['close with code 999', wsFrame(8, Buffer.from([0x03, 0xe7]))],
    ['close with a 1-byte body', wsFrame(8, Buffer.from([0x03]))],
    ['continuation without a start', wsFrame(0, text('x'))],
    ['text frame announcing 2^40 bytes', wsOversizedHeader(2 ** 40)],
    ['text frame of 2 MiB (over maxPayload)', wsFrame(1, Buffer.alloc(2 * 1024 * 1024, 'a'))],
    ['garbage bytes after the upgrade', Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 97) % 256))],
  ];
  return frames.map(([name, frame]) => ({
    name: `websocket: ${name}`,
    send: [upgrade, frame],
    statuses: [101],
  }));
}

/** Every raw HTTP and upgrade input (the token is a valid access token of the stand-in under test). */
export function hostileHttpInputs(token: string): HostileInput[] {
  return [
    ...malformedTargets(),
    ...garbage(),
    ...oddRequests(),
    ...oversizedBodies(token),
    ...upgrades(token),
    ...protocolViolations(token),
  ];
}

/** Client frames for an authenticated socket: the hostile corpus (malformed JSON, bombs, binary, huge). */
export function hostileClientFrames(): { name: string; payload: string | Buffer }[] {
  return hostileCorpus().map(({ name, payload }) => ({ name: `client frame: ${name}`, payload }));
}
