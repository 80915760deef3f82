import { test } from '@playwright/test';
import { INVARIANTS, describeIssue, type SchemaIssue } from '../protocol';
import { analyseDrift, type DriftAnalysis } from '../protocol/drift-analysis';
import { describeEdit } from '../protocol/schema-edits';
import type { ChatPage } from '../pages/chat-page';
import { schemaPatch } from '../reporting/schema-patch';
import type { DriftPatch } from '../recorder/drift-record';
import type { DriftJudge, FrameLog, SeenDrift } from '../recorder/frame-log';
import type { TargetConfig } from '../setup/config';
import { E2EFailure, type FailureDetail } from './failure';
import { viewUserNeed, type UserView } from './user-view';

/** The command that applies a test-is-stale patch, as the first line tells it. */
export const ACCEPT_DRIFT_COMMAND = 'npm run protocol:accept-drift -- reports/protocol-drift.json';

const fieldsOf = (issues: readonly SchemaIssue[]) => [...new Set(issues.map((i) => i.path))].join(', ');

/** The drift's own line, printed and annotated the moment it is recorded (the verdict comes later). */
function announce(log: FrameLog, drift: SeenDrift): void {
  const waitsFor = drift.need.kind === 'chat' ? 'the chat' : 'the answer';
  const line = log.redactor.text(
    `[protocol-drift] phase "${drift.phase}": ${drift.summary} [${fieldsOf(drift.issues)}] (recorded ${log.relative(drift.recordedAt)}, ${drift.recordedAt - drift.frame.at} ms after the frame; verdict pending: does the user get ${waitsFor})`,
  );
  process.stderr.write(`${line}\n`);
  try {
    test.info().annotations.push({ type: 'protocol-drift', description: line });
  } catch {
    // outside a test (a script): the line above is all
  }
}

const asIssues = (analysis: DriftAnalysis): SchemaIssue[] =>
  analysis.broken.map(({ invariant, path, expected, received }) => ({
    path,
    expected,
    received,
    message: invariant,
    invariant,
  }));

function contract(drift: SeenDrift, view: UserView): FailureDetail {
  const instead = view.arrived === undefined ? '' : `; what arrived instead: ${view.arrived}`;
  return {
    verdict: 'staging-broke-contract',
    phase: drift.phase,
    summary: `the user never got ${view.need}: ${view.detail}${instead}`,
    issues: drift.issues,
    notes: [
      `the drift: ${drift.summary}`,
      'no patch: the app could not do what the user needed with what staging sent, so the backend must change, not the schema',
    ],
  };
}

function invariant(drift: SeenDrift, view: UserView, analysis: DriftAnalysis): FailureDetail {
  const [first] = analysis.broken;
  const names = [...new Set(analysis.broken.map((b) => b.invariant))];
  const others = names
    .map((name) => ({
      name,
      paths: analysis.broken.filter((b) => b.invariant === name && b !== first).map((b) => b.path),
    }))
    .filter(({ paths }) => paths.length > 0);
  const also = others.length
    ? `; also broken: ${others.map(({ name, paths }) => `${name} (${paths.join(', ')})`).join(', ')}`
    : '';
  const broke = first
    ? `${first.invariant}: ${first.how}. Why it matters: ${INVARIANTS[first.invariant].matters}`
    : 'a promise';
  return {
    verdict: 'staging-broke-invariant',
    phase: drift.phase,
    summary: `the app tolerated it (${view.detail}), but staging broke ${broke}${also}`,
    issues: asIssues(analysis),
    notes: [
      ...names.map((name) => `promise kept by the suite, ${name}: ${INVARIANTS[name].promise}`),
      `the drift: ${drift.summary}`,
      ...drift.issues.filter((i) => !i.invariant).map((i) => `  ${describeIssue(i)}`),
      'no patch: a schema that accepted this would stop guarding the promise',
    ],
  };
}

/** The patch of a test-is-stale drift, written against this checkout's lib/protocol (TypeScript, Prettier). */
async function patchOf(analysis: DriftAnalysis): Promise<{ patch?: DriftPatch; noPatch?: string }> {
  if (analysis.noPatch !== undefined) return { noPatch: analysis.noPatch };
  if (analysis.edits.length === 0) return { noPatch: 'no schema refused the frame' };
  try {
    const written = await schemaPatch(analysis.edits);
    return { patch: { edits: analysis.edits, ...written } };
  } catch (error) {
    return {
      noPatch: `the edits could not be written into lib/protocol: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

function stale(
  drift: SeenDrift,
  view: UserView,
  analysis: DriftAnalysis,
  written: Awaited<ReturnType<typeof patchOf>>,
): FailureDetail {
  const changes = analysis.edits.map(describeEdit).join('; ');
  const fix = written.patch
    ? `our schema is stale: ${ACCEPT_DRIFT_COMMAND} applies the patch (${written.patch.files.join(', ')})`
    : `our schema is stale, but no patch could be written (${written.noPatch ?? 'unknown'}): change lib/protocol by hand`;
  return {
    verdict: 'test-is-stale',
    phase: drift.phase,
    summary: `only the form changed and the app did it all (${view.detail}): ${changes || drift.summary}; ${fix}`,
    issues: drift.issues,
    notes: written.patch
      ? [
          'the patch (also in protocol-drift.json and reports/protocol-drift.patch):',
          ...written.patch.diff
            .trimEnd()
            .split('\n')
            .map((l) => `  ${l}`),
        ]
      : [],
  };
}

/**
 * The judge of a browser journey: on a drifted frame it prints the drift at once, looks at the page for what the
 * user needs (the chat, or the answer on its thread) within that need's deadline, and fails the test with the
 * verdict. The user did not get it: staging broke the contract. They did, but the frame breaks a promise the
 * suite guards (lib/protocol/invariants.ts): staging broke an invariant. They did, and only the form changed: the
 * test is stale, and the drift record carries the patch to lib/protocol/ that accepts it.
 */
export function pageDriftJudge(chatPage: ChatPage, log: FrameLog, target: TargetConfig): DriftJudge {
  return async (drift) => {
    announce(log, drift);
    const analysis = analyseDrift({
      text: drift.frame.text,
      firstFrame: drift.need.kind === 'chat',
      ...(drift.need.kind === 'chat' ? { expectedUserId: drift.need.userId } : {}),
      issues: drift.issues,
    });
    // Written while the page is watched (TypeScript and Prettier take seconds to load); never rejects.
    const patching = analysis.broken.length ? undefined : patchOf(analysis);
    const view = await viewUserNeed(chatPage, log, target.deadlines, drift.need, drift.frame);
    let detail: FailureDetail;
    const { record } = drift;
    if (!view.met) detail = contract(drift, view);
    else if (analysis.broken.length) {
      detail = invariant(drift, view, analysis);
      record.invariants = analysis.broken.map(({ invariant: name, path, how }) => ({
        invariant: name,
        path,
        how,
      }));
    } else {
      const written = await (patching ?? patchOf(analysis));
      detail = stale(drift, view, analysis, written);
      if (written.patch) record.patch = written.patch;
      if (written.noPatch !== undefined) record.noPatch = written.noPatch;
    }
    const error = new E2EFailure({ ...detail, frame: drift.frame, driftSeenAt: drift.recordedAt }, log);
    record.verdict = error.verdict as NonNullable<typeof record.verdict>;
    record.verdictLine = log.redactor.text(error.message.split('\n')[0] ?? '');
    record.verdictAfterMs = Date.now() - drift.frame.at;
    record.userView = { need: view.need, met: view.met, detail: view.detail };
    return error;
  };
}
