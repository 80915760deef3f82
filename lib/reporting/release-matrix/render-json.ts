import type { ReleaseMatrix } from './model';

/** The matrix for machines: the same columns, rows and cells the HTML and Markdown show. */
export interface ReleaseMatrixJson extends ReleaseMatrix {
  version: 1;
  generatedAt: string;
}

export const renderJson = (matrix: ReleaseMatrix, generatedAt: string): string =>
  `${JSON.stringify({ version: 1, generatedAt, ...matrix } satisfies ReleaseMatrixJson, null, 2)}\n`;
