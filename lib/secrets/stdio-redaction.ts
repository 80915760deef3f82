import type { Redactor } from './redact';

const INSTALLED = Symbol.for('netra-e2e.stdio-redaction');
type Stream = NodeJS.WriteStream & { [INSTALLED]?: true };
type Write = (chunk: unknown, ...rest: unknown[]) => boolean;

function redactChunk(chunk: unknown, redactor: Redactor): unknown {
  if (typeof chunk === 'string') return redactor.text(chunk);
  if (chunk instanceof Uint8Array) {
    const text = Buffer.from(chunk).toString('latin1');
    const redacted = redactor.text(text);
    return redacted === text ? chunk : Buffer.from(redacted, 'latin1');
  }
  return chunk;
}

/**
 * Every later write to this process's stdout and stderr goes through the redactor first. In a Playwright
 * worker that is before Playwright forwards the line to the reporters and into the trace (a test's
 * `console.log`); in the runner, before a reporter's line reaches the terminal or the CI log. Installed once
 * per process by playwright.config.ts, which the runner and every worker load. A credential split across two
 * writes is not caught here: the reporters and artifacts are redacted on their own (see README).
 */
export function redactStdio(
  redactor: Redactor,
  streams: readonly Stream[] = [process.stdout, process.stderr],
): void {
  for (const stream of streams) {
    if (stream[INSTALLED]) continue;
    const write = stream.write.bind(stream) as Write;
    const redacting: Write = (chunk, ...rest) => write(redactChunk(chunk, redactor), ...rest);
    stream.write = redacting;
    stream[INSTALLED] = true;
  }
}
