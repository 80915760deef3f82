import { test as base } from '@playwright/test';

export interface MetaOptions {
  /**
   * The project the child runs drive: `local` (our chat page) or `real-frontend` (Netra's own frontend build).
   * Set per meta project in playwright.config.ts, so one case table proves each fault through both.
   */
  metaChildProject: 'local' | 'real-frontend';
}

/** `test` for the meta-tests that run our journeys against faults, told which frontend to drive. */
export const test = base.extend<MetaOptions>({
  metaChildProject: ['local', { option: true }],
});
export { expect } from '@playwright/test';
