import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../lib/setup/browser';
import type { FrameTimeline } from '../lib/reporting/timeline/model';
import { renderTimelinePng } from '../lib/reporting/timeline/png';
import { splitArgs } from '../lib/reporting/summary/cli-args';
import { readReport, reportTests } from '../lib/reporting/summary/report-tests';
import { timelineOf } from '../lib/reporting/summary/report-timeline';

/**
 * The README's screenshots, taken locally from recorded runs (docs/*.png):
 *
 *   npx tsx scripts/docs-screenshots.ts --html-report=<merged HTML report of a red run> \
 *     --libs=<node_modules holding mermaid and marked> [--out=docs]
 *
 * 0. the frame timeline pictures of the recorded drift, closed-socket and timeout failures;
 * 1. the HTML report of a failed test, its frame timeline inline;
 * 2. the job summary of the recorded red run with the 14-run history, its Mermaid diagrams drawn by Mermaid
 *    itself (GitHub draws the same text in the run's summary page);
 * 3. the alert a local webhook receiver got from scripts/alert.ts, drawn like a chat message.
 *
 * Mermaid and marked are not dependencies of the suite (the summary is Mermaid text; GitHub draws it): install
 * them anywhere with `npm install --prefix /tmp/docs-libs mermaid marked` and pass that node_modules.
 */
const { options } = splitArgs(process.argv.slice(2), ['html-report', 'libs', 'out']);
const out = resolve(options.get('out') ?? 'docs');
const libs = options.get('libs');
const htmlReport = options.get('html-report');
const RECORDED = 'tests/unit/fixtures/recorded';
const SUMMARY_ARGS = [
  '--title=Nightly against staging',
  '--backend-project=staging-api',
  '--backend-result=success',
  '--browser-project=staging',
  '--browser-result=failure',
  `--history=${RECORDED}/history-14.json`,
];

function tsx(script: string, args: string[], env: Record<string, string> = {}): string {
  const run = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return run.stdout;
}

async function reportShot(page: Page, dir: string): Promise<void> {
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.goto(`file://${resolve(dir, 'index.html')}`);
  await page.getByText('the chat page connects and the first server frame').first().click();
  const picture = page.getByRole('link', { name: 'frame-timeline.png' });
  await picture.waitFor();
  const top = await page.getByText('Errors', { exact: true }).boundingBox();
  const bottom = await picture.boundingBox();
  if (!top || !bottom) throw new Error('the report page has no Errors section or no picture');
  await page.screenshot({
    path: join(out, 'report-frame-timeline.png'),
    fullPage: true,
    clip: { x: 0, y: top.y - 12, width: 1100, height: bottom.y + bottom.height + 16 - (top.y - 12) },
  });
}

const GITHUB_CSS = `body{font-family:-apple-system,"Segoe UI","Liberation Sans",sans-serif;font-size:14px;line-height:1.5;
color:#1f2328;max-width:1012px;margin:16px auto;padding:0 16px}h2{border-bottom:1px solid #d1d9e0;padding-bottom:6px}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #d1d9e0;padding:4px 10px}th{background:#f6f8fa}
code{background:#eff1f3;border-radius:4px;padding:1px 4px;font-size:12px}.mermaid{margin:8px 0}
h4{margin:20px 0 4px}`;

async function summaryShot(page: Page, libDir: string): Promise<void> {
  const markdown = tsx('scripts/job-summary.ts', [...SUMMARY_ARGS, `${RECORDED}/red-run.json`]);
  await page.setViewportSize({ width: 1060, height: 900 });
  await page.setContent(`<!doctype html><meta charset="utf-8"><style>${GITHUB_CSS}</style><body></body>`);
  await page.addScriptTag({ path: join(libDir, 'marked/lib/marked.umd.js') });
  await page.addScriptTag({ path: join(libDir, 'mermaid/dist/mermaid.min.js') });
  const failed = await page.evaluate(async (md) => {
    interface Libs {
      marked: { parse: (text: string) => string };
      mermaid: {
        initialize: (config: object) => void;
        run: (options: { querySelector: string }) => Promise<void>;
      };
    }
    const { marked, mermaid } = window as unknown as Libs;
    // No emoji font on this machine: GitHub shows ✅ and ❌, drawn here as coloured marks.
    const marks = md
      .replace(/✅/g, '<b style="color:#1a7f37">✔</b>')
      .replace(/❌/g, '<b style="color:#d1242f">✘</b>');
    document.body.innerHTML = marked.parse(marks);
    for (const block of document.querySelectorAll('code.language-mermaid')) {
      const div = document.createElement('div');
      div.className = 'mermaid';
      div.textContent = block.textContent;
      block.parentElement?.replaceWith(div);
    }
    mermaid.initialize({ startOnLoad: false, theme: 'default', securityLevel: 'strict' });
    await mermaid.run({ querySelector: '.mermaid' });
    return [...document.querySelectorAll('.mermaid')].filter(
      (d) => !d.querySelector('svg') || /Syntax error/.test(d.textContent),
    ).length;
  }, markdown);
  if (failed) throw new Error(`${failed} Mermaid diagram(s) did not draw`);
  // The top of the summary down to the second failed test's diagram, then the trend.
  const second = await page.locator('h4').nth(2).boundingBox();
  await page.screenshot({
    path: join(out, 'job-summary-red.png'),
    fullPage: true,
    clip: { x: 0, y: 0, width: 1060, height: (second?.y ?? 2400) - 8 },
  });
  const trend = await page.locator('h3', { hasText: 'Trend over the last' }).boundingBox();
  const after = await page.locator('h3', { hasText: 'verdict annotations' }).boundingBox();
  if (!trend || !after) throw new Error('no trend section in the summary');
  await page.screenshot({
    path: join(out, 'job-summary-trend.png'),
    fullPage: true,
    clip: { x: 0, y: trend.y - 8, width: 1060, height: after.y - trend.y },
  });
}

/** Slack-like drawing of a payload's blocks: header, mrkdwn sections (bold, code, links) and context. */
const RENDER_BLOCKS = `window.renderBlocks = function (payload) {
  function esc(t) { return t.replace(/&(?!amp;|lt;|gt;)/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'); }
  function mrkdwn(t) {
    return esc(t)
      .replace(/&lt;([^|]+)\\|([^&]+)&gt;/g, '<a href="$1">$2</a>')
      .replace(/\\x60([^\\x60]+)\\x60/g, '<code>$1</code>')
      .replace(/\\*([^*\\n]+)\\*/g, '<b>$1</b>');
  }
  var html = JSON.parse(payload).blocks.map(function (b) {
    if (b.type === 'header') return '<h1>' + esc(b.text.text) + '</h1>';
    if (b.type === 'context') return '<div class="context">' + b.elements.map(function (e) { return mrkdwn(e.text); }).join(' ') + '</div>';
    return '<div class="section">' + mrkdwn(b.text.text) + '</div>';
  });
  document.getElementById('blocks').innerHTML = html.join('');
};`;

async function alertShot(page: Page): Promise<void> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      bodies.push(body);
      res.end('ok');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  // Not spawnSync: this process must keep answering the webhook while the alert script posts.
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/alert.ts',
      ...SUMMARY_ARGS,
      '--run-url=https://github.com/example/netra-apex-e2e/actions/runs/9000115000',
      `${RECORDED}/red-run.json`,
    ],
    {
      env: {
        ...process.env,
        NETRA_ALERT_WEBHOOK: `http://127.0.0.1:${port}/services/T000/B000/local-receiver`,
      },
      stdio: 'inherit',
    },
  );
  await new Promise((done) => child.on('close', done));
  await new Promise<void>((done) => server.close(() => done()));
  const [body] = bodies;
  if (bodies.length !== 1 || !body) throw new Error(`the receiver got ${bodies.length} alert(s)`);
  writeFileSync(join(out, 'alert-webhook.json'), `${JSON.stringify(JSON.parse(body), null, 2)}\n`);
  await page.setViewportSize({ width: 900, height: 600 });
  await page.setContent(`<!doctype html><meta charset="utf-8"><style>
    body{font-family:"Liberation Sans",sans-serif;font-size:15px;color:#1d1c1d;margin:0;padding:20px;background:#fff}
    .msg{display:flex;gap:10px}.avatar{width:36px;height:36px;border-radius:6px;background:#d7263d;color:#fff;
    font-weight:bold;display:flex;align-items:center;justify-content:center}.who{font-weight:bold}
    .who small{color:#616061;font-weight:normal;margin-left:6px}h1{font-size:17px;margin:4px 0 8px}
    .section{margin:8px 0;white-space:pre-wrap}code{font-family:"DejaVu Sans Mono",monospace;font-size:12px;
    color:#c01343;background:#f8f8f8;border:1px solid #e8e8e8;border-radius:3px;padding:0 3px}
    .context{color:#616061;font-size:13px}a{color:#1264a3}</style>
    <div class="msg"><div class="avatar">N</div><div><div class="who">Netra nightly <small>APP 04:52</small></div>
    <div id="blocks"></div><div class="context" style="margin-top:10px">raw payload: docs/alert-webhook.json,
    received by a local HTTP receiver from scripts/alert.ts</div></div></div>`);
  // Plain JavaScript: what tsx compiles into evaluated functions (its name helpers) is not in the page.
  await page.addScriptTag({ content: RENDER_BLOCKS });
  await page.evaluate(
    (payload) => (window as unknown as { renderBlocks: (p: string) => void }).renderBlocks(payload),
    body,
  );
  await page.screenshot({ path: join(out, 'alert-webhook.png'), fullPage: true });
}

/** The pictures themselves, drawn from the recorded runs' timelines (a drift, a closed socket, a timeout). */
async function timelineShots(page: Page): Promise<void> {
  const pick: [string, string, (t: FrameTimeline) => boolean][] = [
    [
      'red-run',
      'frame-timeline-drift.png',
      (t) => t.rows.some((r) => r.kind === 'frame' && r.broke) && /agent-events/.test(t.title),
    ],
    ['red-run', 'frame-timeline-closed.png', (t) => t.rows.some((r) => r.kind === 'socket' && r.broke)],
    ['timeout-run', 'frame-timeline-timeout.png', (t) => t.pending !== undefined],
  ];
  for (const [run, file, wanted] of pick) {
    const timeline = reportTests(readReport(`${RECORDED}/${run}.json`))
      .flatMap((t) => timelineOf(t) ?? [])
      .find(wanted);
    if (!timeline) throw new Error(`no timeline for ${file} in ${run}`);
    const picture = await renderTimelinePng({ page, freshPage: () => Promise.resolve(undefined) }, timeline);
    if (!picture) throw new Error(`${file} was not drawn`);
    writeFileSync(join(out, file), picture.png);
  }
}

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const executablePath = chromiumExecutable();
  const browser = await chromium.launch({
    args: CHROMIUM_ARGS,
    ...(executablePath ? { executablePath } : {}),
  });
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  try {
    await page.setContent('<main>drawing page</main>');
    await timelineShots(page);
    if (htmlReport) await reportShot(page, htmlReport);
    if (libs) await summaryShot(page, libs);
    await alertShot(page);
  } finally {
    await browser.close();
  }
  console.log(`docs screenshots written to ${out}`);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
