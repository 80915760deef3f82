/**
 * Which projects this run asked for. The main process reads `--project` from argv and hands the answer to
 * workers through the environment (workers re-load the config without the CLI flags).
 */
export const SELECTED_PROJECTS_ENV = 'NETRA_INTERNAL_SELECTED_PROJECTS';

export function projectsFromArgv(argv: readonly string[]): string[] {
  const projects: string[] = [];
  argv.forEach((arg, i) => {
    if (arg.startsWith('--project=')) projects.push(arg.slice('--project='.length));
    else if (arg === '--project' && argv[i + 1] !== undefined) projects.push(argv[i + 1] ?? '');
  });
  return projects.flatMap((p) => p.split(',')).filter(Boolean);
}

export function selectedProjects(env: NodeJS.ProcessEnv, argv: readonly string[]): string[] {
  const fromEnv = env[SELECTED_PROJECTS_ENV];
  if (fromEnv !== undefined) return fromEnv.split(',').filter(Boolean);
  const projects = projectsFromArgv(argv);
  env[SELECTED_PROJECTS_ENV] = projects.join(',');
  return projects;
}

/** The stand-in ports this run uses, for global setup's identity check. */
export const STAND_IN_PORTS_ENV = 'NETRA_INTERNAL_STANDIN_PORTS';

/** Staging projects exist only when asked for by name: `npx playwright test` alone never touches staging. */
export const isStagingProject = (name: string): boolean => name.startsWith('staging');

/** The projects that run Netra's real frontend (and its stand-in backend on localhost:8000). */
export const isRealFrontendProject = (name: string): boolean =>
  name === 'real-frontend' || name === 'meta-real-frontend';

/** The meta-tests against the embedded stand-in: by name, so `npx playwright test` is the suite alone. */
export const META_PROJECT = 'meta';

/** Projects that run only when asked for by name. */
export const isByNameOnly = (name: string): boolean =>
  isStagingProject(name) || isRealFrontendProject(name) || name === META_PROJECT;

/** Projects that need the embedded stand-in (the suite's own, and the meta-tests' children). */
export const usesEmbeddedStandIn = (name: string): boolean => !isByNameOnly(name) || name === META_PROJECT;
