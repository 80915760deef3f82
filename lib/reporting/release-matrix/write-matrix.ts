import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildMatrix } from './build-matrix';
import type { ReleaseMatrix } from './model';
import { readColumnRun } from './read-runs';
import { renderHtml } from './render-html';
import { renderJson } from './render-json';
import { renderMarkdown } from './render-markdown';
import type { RunRecord } from './run-record';

export const MATRIX_FILES = {
  html: 'index.html',
  markdown: 'release-matrix.md',
  json: 'release-matrix.json',
} as const;

export interface WrittenMatrix {
  matrix: ReleaseMatrix;
  markdown: string;
  files: Record<keyof typeof MATRIX_FILES, string>;
}

/** Reads every recorded run, builds the matrix and writes it into `matrixDir` as HTML, Markdown and JSON. */
export function writeMatrix(
  records: readonly RunRecord[],
  options: { root: string; matrixDir: string; generatedAt?: Date },
): WrittenMatrix {
  const matrix = buildMatrix(records.map((r) => readColumnRun(r, options.root, options.matrixDir)));
  const generatedAt = (options.generatedAt ?? new Date()).toISOString();
  const markdown = renderMarkdown(matrix);
  const files = {
    html: join(options.matrixDir, MATRIX_FILES.html),
    markdown: join(options.matrixDir, MATRIX_FILES.markdown),
    json: join(options.matrixDir, MATRIX_FILES.json),
  };
  mkdirSync(options.matrixDir, { recursive: true });
  writeFileSync(files.html, renderHtml(matrix, { generatedAt }));
  writeFileSync(files.markdown, markdown);
  writeFileSync(files.json, renderJson(matrix, generatedAt));
  return { matrix, markdown, files };
}
