import { expect, test, type ApiFixtures } from '../fixtures/api';
import type { FrameFixtures } from '../fixtures/frames';
import type { SessionFixtures } from '../fixtures/session';
import type { TargetFixtures } from '../fixtures/target';
import { expectRefused } from '../lib/checks/expect-refused';
import { expectUpgraded } from '../lib/checks/expect-upgrade';
import { expectWelcome } from '../lib/checks/expect-welcome';
import {
  REST_PATHS,
  SUBPROTOCOL_SIGN_IN_RELEASES,
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

    connectSocket,
    frames,
    session,
    target,
  }) => {
    const ticketUrl = `${target.frontendUrl}${REST_PATHS.websocketTicket}`;
    // Keyed on the release, never on what the deployment answers: a release that signs in by subprotocol (the
    // test above) asks for no ticket; any other (or an unknown one) must issue them.
    const release = target.release?.tag;
    test.skip(
      release !== undefined && SUBPROTOCOL_SIGN_IN_RELEASES.includes(release),
      `release ${release} signs its socket in by the jwt-auth subprotocols and asks for no ticket (the test above)`,
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
