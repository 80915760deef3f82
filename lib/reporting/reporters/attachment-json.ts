import { readFileSync } from 'node:fs';
import type { TestResult } from '@playwright/test/reporter';

/** The parsed JSON of a test's attachment by name (body or file), or undefined when absent or unreadable. */
export function attachmentJson(result: TestResult, name: string): unknown {
  const attachment = result.attachments.find((a) => a.name === name);
  if (!attachment) return undefined;
  try {
    const text = attachment.body
      ? attachment.body.toString('utf8')
      : readFileSync(attachment.path ?? '', 'utf8');
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `project › file › title` for summaries. */
export const testLabel = (titlePath: readonly string[]) => titlePath.filter(Boolean).join(' › ');
