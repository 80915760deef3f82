import type { TargetConfig } from './config';

/**
 * Bugs of Netra's own frontend releases that a spec runs into, by release tag. A spec that hits one on a
 * frontend whose tag is known to have it is an expected failure (`test.fail`): it still runs, still fails the
 * way the bug makes it fail, and turns red ("expected to fail, but passed") the day the release is fixed.
 * On a frontend of unknown tag (staging without NETRA_FRONTEND_TAG) the spec fails as any failure does.
 */
export const KNOWN_FRONTEND_BUGS = {
  'sidebar-switch-on-thread-route': {
    tags: ['beta-15'],
    what:
      'beta-15: on a /chat/<thread_id> route a click on another thread in the sidebar loads it, then the route page ' +
      'switches back to its own thread (ThreadSwitching sets the active thread before the URL changes)',
  },
} as const satisfies Record<string, { tags: readonly string[]; what: string }>;

export type KnownFrontendBug = keyof typeof KNOWN_FRONTEND_BUGS;

/** The bug's description when the frontend under test is a release known to have it; else undefined. */
export function knownFrontendBug(target: TargetConfig, bug: KnownFrontendBug): string | undefined {
  const { tags, what } = KNOWN_FRONTEND_BUGS[bug];
  const tag = target.release?.tag;
  return tag !== undefined && (tags as readonly string[]).includes(tag)
    ? `known frontend bug: ${what}`
    : undefined;
}
