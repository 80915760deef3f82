/**
 * How a known Netra bug that reproduced is written into a test's result: one `netra-bug` annotation per bug,
 * its description a sentence a reader can act on that starts with the id and the release, so the reports
 * (HTML, job summary, alert, release matrix) read it back without a second format.
 *
 *   B1 on beta-15: no second message without a reload. The user suffers: … Source: … Failed with: [ui-broken] …
 */
export const NETRA_BUG_ANNOTATION = 'netra-bug';

export interface NetraBugHit {
  id: string;
  release: string;
  title: string;
  suffers: string;
  source: string;
  /** The first line of the failure that matched the bug's signature. */
  failure: string;
}

const SHAPE = /^(\S+) on (\S+): (.*?)\. The user suffers: (.*?) Source: (.*?)\. Failed with: (.*)$/s;

export function netraBugAnnotation(hit: NetraBugHit): { type: string; description: string } {
  return {
    type: NETRA_BUG_ANNOTATION,
    description: `${hit.id} on ${hit.release}: ${hit.title}. The user suffers: ${hit.suffers} Source: ${hit.source}. Failed with: ${hit.failure}`,
  };
}

/** The hit an annotation describes; undefined for any other annotation. */
export function parseNetraBug(annotation: { type: string; description?: string }): NetraBugHit | undefined {
  if (annotation.type !== NETRA_BUG_ANNOTATION) return undefined;
  const m = SHAPE.exec(annotation.description ?? '');
  if (!m) return undefined;
  const [, id = '', release = '', title = '', suffers = '', source = '', failure = ''] = m;
  return { id, release, title, suffers, source, failure };
}
