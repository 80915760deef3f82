/**
 * Which projects this run asked for. The main process reads `--project` from argv and hands the answer to
 * workers through the environment (workers re-load the config without the CLI flags).
 */
export const SELECTED_PROJECTS_ENV = 'NETRA_INTERNAL_SELECTED_PROJECTS';

/**
 * `--project` as Playwright's CLI (commander) reads it: `--project=a` takes one name, `--project a b` takes every
 * argument up to the next option (so `--project staging e2e/x.spec.ts` names two projects there too).
 */
export function projectsFromArgv(argv: readonly string[]): string[] {
  const projects: string[] = [];
  let variadic = false;
  for (const arg of argv) {
    if (arg === '--') break;
    if (variadic && !arg.startsWith('-')) projects.push(arg);
    else {
      variadic = arg === '--project';
      if (arg.startsWith('--project=')) projects.push(arg.slice('--project='.length));
    }
  }
  return projects.flatMap((p) => p.split(',')).filter(Boolean);
}

export function selectedProjects(env: NodeJS.ProcessEnv, argv: readonly string[]): string[] {
  const fromEnv = env[SELECTED_PROJECTS_ENV];
  if (fromEnv !== undefined) return fromEnv.split(',').filter(Boolean);
  const projects = projectsFromArgv(argv);
  env[SELECTED_PROJECTS_ENV] = projects.join(',');
  return projects;
}

/**
 * `playwright test --list` without `--project`: list every project, as UI mode and the VS Code extension do
 * (Playwright's test server lists `default: false` projects so that they can be picked), rather than only the
 * ones a plain run would run.
 */
export function listsEveryProject(argv: readonly string[]): boolean {
  return argv.includes('--list') && projectsFromArgv(argv).length === 0;
}

/** What the run needs to know of a project to tell whether it takes part. */
export interface ProjectEntry {
  name?: string;
  /** Playwright's `project.default`: `false` runs only when `--project` selects it (or a dependant). */
  default?: boolean;
  dependencies?: string[];
}

/** Playwright's `--project` matching: case-insensitive, `*` matches any run of characters. */
export function matchesProjectFilter(name: string, filter: string): boolean {
  const pattern = filter
    .toLocaleLowerCase()
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`).test(name.toLocaleLowerCase());
}

/**
 * The projects a CLI run executes: those `--project` selects (or, without it, the `default` ones) and
 * everything they depend on. What the config must validate and which servers it must start follow from it.
 */
export function projectsInRun(projects: readonly ProjectEntry[], filter: readonly string[]): string[] {
  const byName = new Map(projects.map((p) => [p.name ?? '', p]));
  const roots = projects.filter((p) =>
    filter.length === 0 ? p.default !== false : filter.some((f) => matchesProjectFilter(p.name ?? '', f)),
  );
  const inRun = new Set<string>();
  const visit = (project: ProjectEntry | undefined): void => {
    const name = project?.name ?? '';
    if (!project || inRun.has(name)) return;
    inRun.add(name);
    for (const dependency of project.dependencies ?? []) visit(byName.get(dependency));
  };
  roots.forEach(visit);
  return [...inRun];
}

/** The stand-in ports this run uses, for global setup's identity check. */
export const STAND_IN_PORTS_ENV = 'NETRA_INTERNAL_STANDIN_PORTS';

/** The stand-in ports the config wrote for this run; undefined when no config of this run set them. */
export function standInPortsOf(env: NodeJS.ProcessEnv): number[] | undefined {
  return env[STAND_IN_PORTS_ENV]?.split(',').filter(Boolean).map(Number);
}

/** The projects that drive the deployment in `.env`. */
export const isStagingProject = (name: string): boolean => name.startsWith('staging');

/** The projects that run Netra's real frontend (and its stand-in backend on localhost:8000). */
export const isRealFrontendProject = (name: string): boolean =>
  name === 'real-frontend' || name === 'meta-real-frontend';

/** The meta-tests against the embedded stand-in: by name, so `npx playwright test` is the suite alone. */
export const META_PROJECT = 'meta';

/**
 * Projects that run only when asked for by name (`default: false`): `npx playwright test` alone never touches
 * staging, never starts the real frontend and leaves the meta-tests to `npm run test:all`.
 */
export const isByNameOnly = (name: string): boolean =>
  isStagingProject(name) || isRealFrontendProject(name) || name === META_PROJECT;

/** Projects that need the embedded stand-in (the suite's own, and the meta-tests' children). */
export const usesEmbeddedStandIn = (name: string): boolean => !isByNameOnly(name) || name === META_PROJECT;
