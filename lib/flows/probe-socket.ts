import type { Journey } from '../../helpers/journey';
import type { NamedDeadline } from '../../helpers/deadlines';
import { expectWelcome } from '../../helpers/expect-welcome';
import { PageSocket } from '../../helpers/page-socket';

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
