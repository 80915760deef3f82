import type { ReportTest } from './report-tests';

/** Attachments that make up a test's frame log: the frames (JSON and timeline), its drift report and picture. */
const FRAME_LOG_ATTACHMENT =
  /^(websocket-frames\.(json|txt)|protocol-drift\.json|frame-timeline\.(png|json))$/;

export interface FrameLogFile {
  /** Relative path: `<project>/<file and title, as a folder name>/<attachment name>`. */
  path: string;
  /** Inline body, decoded. */
  body?: Buffer;
  /** Or the file Playwright stored the attachment in. */
  source?: string;
}

const folderName = (text: string): string =>
  text
    .replace(/[^\w.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);

/**
 * The frame-log files of a report's tests, one folder per test, so the nightly can upload them as an artifact
 * that opens without the HTML report. Tests without a frame log are left out.
 */
export function frameLogFiles(tests: readonly ReportTest[]): FrameLogFile[] {
  const used = new Set<string>();
  return tests.flatMap((test) => {
    const logs = test.attachments.filter((a) => FRAME_LOG_ATTACHMENT.test(a.name));
    if (logs.length === 0) return [];
    const base = `${folderName(test.project)}/${folderName(`${test.file} ${test.title}`)}`;
    let folder = base;
    for (let n = 2; used.has(folder); n++) folder = `${base}-${n}`;
    used.add(folder);
    return logs.map((a) => ({
      path: `${folder}/${a.name}`,
      ...(a.body !== undefined ? { body: Buffer.from(a.body, 'base64') } : {}),
      ...(a.path !== undefined ? { source: a.path } : {}),
    }));
  });
}
