import { connect } from 'node:net';

/** True when nothing accepts a connection on localhost:<port>. */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: 'localhost', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

/**
 * Waits until no server listens on any of the ports, at most `withinMs`; returns the ports still taken. A
 * release run reuses a server it finds there (playwright.config.ts: reuseExistingServer), so a frontend the run
 * before left behind would be judged in place of the build named: the run must not start then.
 */
export async function portsStillTaken(
  ports: readonly number[],
  withinMs: number,
  pollMs = 250,
): Promise<number[]> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const taken = (await Promise.all(ports.map(async (port) => ((await isFree(port)) ? [] : [port])))).flat();
    if (taken.length === 0 || Date.now() >= deadline) return taken;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
