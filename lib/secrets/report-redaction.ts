import type { TestCase, TestError, TestResult, TestStep } from '@playwright/test/reporter';
import type { Redactor } from './redact';

interface Annotation {
  type: string;
  description?: string;
}
interface Attachment {
  name: string;
  contentType: string;
  path?: string;
  body?: Buffer;
}

/**
 * Playwright hands every reporter the same objects, one reporter after the other. A reporter listed first can
 * therefore rewrite them in place, and every reporter after it (list, HTML, blob, JSON, JUnit) only ever sees
 * the redacted text. These functions do that rewriting; `lib/reporting/reporters/redaction-reporter.ts` calls them.
 */
export function redactError(error: TestError | undefined, redactor: Redactor): void {
  for (let e = error, depth = 0; e && depth < 10; e = e.cause, depth += 1) {
    if (e.message !== undefined) e.message = redactor.text(e.message);
    if (e.stack !== undefined) e.stack = redactor.text(e.stack);
    if (e.value !== undefined) e.value = redactor.text(e.value);
    if (e.snippet !== undefined) e.snippet = redactor.text(e.snippet);
  }
}

function redactAnnotations(annotations: Annotation[], redactor: Redactor): void {
  for (const annotation of annotations)
    if (annotation.description !== undefined) annotation.description = redactor.text(annotation.description);
}

/** Inline attachment bodies (frame logs, drift reports, stdout); files are rewritten on disk by the caller. */
function redactAttachmentBodies(attachments: Attachment[], redactor: Redactor): void {
  for (const attachment of attachments) {
    if (!attachment.body) continue;
    const text = attachment.body.toString('latin1');
    const redacted = redactor.text(text);
    if (redacted !== text) attachment.body = Buffer.from(redacted, 'latin1');
  }
}

function redactChunks(chunks: (string | Buffer)[], redactor: Redactor): void {
  chunks.forEach((chunk, i) => {
    chunks[i] =
      typeof chunk === 'string'
        ? redactor.text(chunk)
        : Buffer.from(redactor.text(chunk.toString('latin1')), 'latin1');
  });
}

function redactStep(step: TestStep, redactor: Redactor): void {
  redactError(step.error, redactor);
  redactAnnotations(step.annotations, redactor);
  redactAttachmentBodies(step.attachments, redactor);
  for (const child of step.steps) redactStep(child, redactor);
}

/** Everything of a finished test that a reporter may print or store, except the files its attachments name. */
export function redactTestResult(test: TestCase, result: TestResult, redactor: Redactor): void {
  redactError(result.error, redactor);
  for (const error of result.errors) redactError(error, redactor);
  redactChunks(result.stdout, redactor);
  redactChunks(result.stderr, redactor);
  redactAnnotations(result.annotations, redactor);
  redactAnnotations(test.annotations, redactor);
  redactAttachmentBodies(result.attachments, redactor);
  for (const step of result.steps) redactStep(step, redactor);
}
