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

/** Staging projects exist only when asked for by name: `npx playwright test` alone never touches staging. */
export const isStagingProject = (name: string): boolean => name.startsWith('staging');
