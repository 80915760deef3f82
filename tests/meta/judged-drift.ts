import { DRIFT_ATTACHMENT, type DriftReport } from '../../lib/reporting/drift-report';
import type { DriftRecord } from '../../lib/recorder/drift-record';
import type { ChildTestResult } from './run-suite';

/** The drift a child test's waiter recorded and judged, read from its drift report attachment. */
export function judgedDrift(result: ChildTestResult | undefined): DriftRecord | undefined {
  const attachment = result?.attachments.find((a) => a.name === DRIFT_ATTACHMENT);
  const report = JSON.parse(attachment?.body ?? '{"mismatches":[]}') as DriftReport;
  return report.mismatches.find((m) => m.source === 'waiter');
}
