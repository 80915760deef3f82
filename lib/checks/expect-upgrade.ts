import { WS_AUTH_SUBPROTOCOL } from '../protocol';
import { E2EFailure, type Verdict } from './failure';
import type { FrameLog } from '../recorder/frame-log';
import { describeSocketAuth, type ClientSocket } from '../clients/ws-client';

function verdictOf(refusal: string): Verdict {
  if (/Unexpected server response: 40[13]\b/.test(refusal)) return 'auth-rejected';
  if (/subprotocol/i.test(refusal)) return 'protocol-drift';
  return 'staging-unreachable';
}

/**
 * The upgrade must have succeeded, and a subprotocol upgrade must have had `jwt-auth` selected (a browser drops
 * the socket otherwise). Fails naming the socket, how it authenticated and the header or status that was wrong.
 */
export function expectUpgraded(log: FrameLog, socket: ClientSocket): void {
  const phase = `WebSocket upgrade by ${describeSocketAuth(socket.auth)}`;
  const wantsProtocol = socket.auth.kind === 'subprotocol';
  if (socket.refusal !== undefined) {
    const isProtocol = /subprotocol/i.test(socket.refusal);
    throw new E2EFailure(
      {
        verdict: verdictOf(socket.refusal),
        phase,
        summary: `socket #${socket.index} did not open: ${socket.refusal}`,
        issues: isProtocol
          ? [
              {
                path: 'Sec-WebSocket-Protocol',
                expected: `"${WS_AUTH_SUBPROTOCOL}" (selected by the server)`,
                received: socket.refusal,
                message: 'subprotocol not selected',
              },
            ]
          : [],
      },
      log,
    );
  }
  if (wantsProtocol && socket.protocol !== WS_AUTH_SUBPROTOCOL) {
    throw new E2EFailure(
      {
        verdict: 'protocol-drift',
        phase,
        summary: `socket #${socket.index} opened without selecting ${WS_AUTH_SUBPROTOCOL}`,
        issues: [
          {
            path: 'Sec-WebSocket-Protocol',
            expected: `"${WS_AUTH_SUBPROTOCOL}"`,
            received: socket.protocol,
            message: 'subprotocol not selected',
          },
        ],
      },
      log,
    );
  }
}
