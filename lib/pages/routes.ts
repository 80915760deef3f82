import type { Page } from '@playwright/test';

/** A thread's route: `/chat/<thread_id>`, or the `/chat?thread=<thread_id>` the real app passes through. */
export const threadRoute = (threadId: string): RegExp =>
  new RegExp(`/chat(/${threadId}|\\?thread=${threadId})$`);

/** The page's path and query, e.g. `/chat/thread_1a2b`. */
export const pagePath = (page: Page): string => {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
};

/**
 * Where the page is, said for a failure: `it went back to /chat/<id>, the thread the user left` when it is on
 * that thread again (the real app's switch-back), else `the page is on <path>`.
 */
export function wherePageIs(page: Page, leftThreadId: string | undefined): string {
  const path = pagePath(page);
  return leftThreadId !== undefined && threadRoute(leftThreadId).test(new URL(page.url()).href)
    ? `it went back to ${path}, the thread the user left`
    : `the page is on ${path}`;
}
