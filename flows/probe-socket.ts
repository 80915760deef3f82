import type { Journey } from '../lib/pages/journey';
import type { NamedDeadline } from '../lib/setup/deadlines';
import { expectWelcome } from '../lib/checks/expect-welcome';
import { PageSocket } from '../lib/recorder/page-socket';

/** A further socket the test opens in the page with a token, welcomed for the journey's user. */
export async function openWelcomedProbe(
  journey: Journey,
  token: string,
  deadline: NamedDeadline,
): Promise<PageSocket> {
  const { chatPage, frames, target, userId } = journey;
  const probe = await PageSocket.open(chatPage.page, frames, { url: target.wsUrl, token, deadline });
  await expectWelcome(frames, { userId, deadlines: target.deadlines, socket: probe.socket });
  return probe;
}
