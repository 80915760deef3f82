import { spawn } from 'node:child_process';
import { SELECTED_PROJECTS_ENV } from '../../setup/project-selection';

/** The calling run's project choice and worker identity must not leak into a child run. */
const PARENT_ONLY_ENV = [SELECTED_PROJECTS_ENV, 'TEST_WORKER_INDEX', 'TEST_PARALLEL_INDEX'];

export interface ChildRun {
  exitCode: number | null;
  /** stdout and stderr, interleaved. */
  output: string;
}

/**
 * Runs the Playwright CLI (`test`, `merge-reports`, ...) in a child process with the given extra environment.
 * Inside a Playwright run (a meta-test) the child reuses the parent's stand-in: it inherits its port and secret.
 */
export async function runPlaywright(
  args: string[],
  options: { env?: Record<string, string>; echo?: boolean; timeoutMs?: number } = {},
): Promise<ChildRun> {
  const inherited = Object.entries(process.env).filter(([name]) => !PARENT_ONLY_ENV.includes(name));
  const child = spawn(process.execPath, [require.resolve('@playwright/test/cli'), ...args], {
    env: { ...Object.fromEntries(inherited), FORCE_COLOR: '0', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const take = (chunk: Buffer): void => {
    output += chunk.toString();
    if (options.echo) process.stdout.write(chunk);
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  const exitCode = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 10 * 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
  return { exitCode, output };
}
