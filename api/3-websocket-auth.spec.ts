import { expect, test, type ApiFixtures } from '../fixtures/api';
import type { FrameFixtures } from '../fixtures/frames';
import type { SessionFixtures } from '../fixtures/session';
import type { TargetFixtures } from '../fixtures/target';
import { expectRefused } from '../lib/checks/expect-refused';
import { expectUpgraded } from '../lib/checks/expect-upgrade';
import { expectWelcome } from '../lib/checks/expect-welcome';
import {
  REST_PATHS,
  WS_AUTH_SUBPROTOCOL,
  WS_TICKET_REQUEST,
  WebSocketTicketResponseSchema,
  WelcomeFrameSchema,
} from '../lib/protocol';
import type { SocketAuth } from '../lib/clients/ws-client';

type WelcomedSocketFixtures = Pick<ApiFixtures, 'connectSocket'> &
  Pick<FrameFixtures, 'frames'> &
  Pick<SessionFixtures, 'session'> &
  Pick<TargetFixtures, 'target'>;

/** Opens a socket signed in by `auth`: the server must upgrade it and welcome the session's user on it. */
async function expectWelcomedSocket(
  { connectSocket, frames, session, target }: WelcomedSocketFixtures,
  auth: SocketAuth,
): Promise<void> {
  const socket = await connectSocket(auth);
  expectUpgraded(frames, socket);
  await expectWelcome(frames, {
    userId: session.userId,
    deadlines: target.deadlines,
    socket: socket.index,
  });
}

test.describe('Backend contract: WebSocket upgrade', () => {
  test('by subprotocols jwt-auth + jwt.<token>: jwt-auth is selected and the welcome names the token’s user', async ({
    connectSocket,
    frames,
    session,
    target,
  }) => {
    const socket = await connectSocket({ kind: 'subprotocol', token: session.accessToken });
    expectUpgraded(frames, socket);
    expect(socket.protocol, 'Sec-WebSocket-Protocol selected by the server').toBe(WS_AUTH_SUBPROTOCOL);
    const welcome = await expectWelcome(frames, {
      userId: session.userId,
      deadlines: target.deadlines,
      socket: socket.index,
    });
    expect(welcome.frame).toMatchSchema(WelcomeFrameSchema);
  });

  test('by ?ticket=<id>: the ticket opens one socket for the token’s user, and only one', async ({
    api,
    apiRequest,
    connectSocket,
    frames,
    session,
    target,
  }) => {
    const ticketUrl = `${target.frontendUrl}${REST_PATHS.websocketTicket}`;
    // Tickets are issued on the frontend's origin from beta-17 on; beta-15 has no such route and signs its
    // socket in by subprotocol (the test above).
    const offered = await apiRequest.post(ticketUrl, {
      data: WS_TICKET_REQUEST,
      timeout: target.deadlines.apiCall,
    });
    test.skip(
      offered.status() === 404,
      `this frontend issues no WebSocket tickets (POST ${REST_PATHS.websocketTicket} is 404 on its origin, as in beta-15)`,
    );

    const ticket = await test.step('POST /api/websocket/ticket issues a short-lived ticket', async () => {
      const { body } = await api.call({
        method: 'POST',
        url: ticketUrl,
        data: WS_TICKET_REQUEST,
        schema: WebSocketTicketResponseSchema,
      });
      return body;
    });

    await test.step('the ticket opens a socket welcomed for this user', async () => {
      await expectWelcomedSocket(
        { connectSocket, frames, session, target },
        { kind: 'ticket', ticketId: ticket.ticket_id },
      );
    });

    await test.step('the same ticket a second time is refused', async () => {
      const again = await connectSocket({ kind: 'ticket', ticketId: ticket.ticket_id });
      await expectRefused(frames, {
        socket: again.index,
        presented: 'a ticket already used once (tickets are single use)',
        phase: 'WebSocket upgrade by the ticket query parameter',
        deadlineMs: target.deadlines.welcome,
      });
    });
  });

  test('by Authorization: Bearer: the welcome names the token’s user; a forged token is refused with 1008', async ({
    connectSocket,
    frames,
    mintToken,
    session,
    target,
  }) => {
    await test.step('the session token opens a socket welcomed for this user', async () => {
      await expectWelcomedSocket(
        { connectSocket, frames, session, target },
        { kind: 'bearer', token: session.accessToken },
      );
    });

    await test.step('a forged token is refused', async () => {
      const forged = await connectSocket({ kind: 'bearer', token: await mintToken('forged') });
      await expectRefused(frames, {
        socket: forged.index,
        presented: 'a forged token in Authorization: Bearer',
        phase: 'WebSocket upgrade by Authorization: Bearer',
        deadlineMs: target.deadlines.welcome,
      });
    });
  });
});
