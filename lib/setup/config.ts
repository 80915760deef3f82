import { z } from 'zod';
import {
  LOCAL_BUDGETS,
  LOCAL_DEADLINES,
  REAL_FRONTEND_BUDGETS,
  REAL_FRONTEND_DEADLINES,
  STAGING_BUDGETS,
  STAGING_DEADLINES,
  type Budgets,
  type Deadlines,
} from './deadlines';
import { standInPortsOf } from './project-selection';
import {
  REAL_FRONTEND_BACKEND_ORIGIN,
  REAL_FRONTEND_BACKEND_PORT,
  REAL_FRONTEND_PORT,
  FRONTEND_TAG_ENV,
  realFrontendOrigin,
  realFrontendSource,
  releaseOf,
  type FrontendRelease,
} from './real-frontend';

/**
 * `local`: our stand-in and its chat page; `real-frontend`: Netra's own frontend build against the stand-in
 * backend on localhost:8000; `staging`: the deployment in `.env`.
 */
export type TargetName = 'local' | 'real-frontend' | 'staging';

export type TargetAuth = { kind: 'secret'; secret: string } | { kind: 'token'; token: string };

/** Everything a test needs to reach one deployment. Secrets live here and only here. */
export interface TargetConfig {
  name: TargetName;
  frontendUrl: string;
  apiUrl: string;
  wsUrl: string;
  authUrl: string;
  auth: TargetAuth;
  userId: string;
  userEmail: string;
  /**
   * Each test signs in as its own user (`staging-e2e-<test>-001`), so no test sees another's threads. Always
   * on the stand-in; on a deployment only with NETRA_E2E_USER_PER_TEST=true, as it must accept any signed user.
   */
  userPerTest: boolean;
  deadlines: Deadlines;
  /** What a user should experience (P1-011), tighter than the deadlines. */
  budgets: Budgets;
  /** True when the backend is our stand-in: fault modes may be requested. */
  isStandIn: boolean;
  /**
   * The frontend's release as the known-bug list reads it (`beta-15`: its known bugs are expected failures),
   * and where it came from; undefined for our own chat page. `tag` undefined: every check is plain.
   */
  release?: FrontendRelease;
}

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
  .transform((url) => url.replace(/\/+$/, ''));
const wsUrl = z
  .url({ protocol: /^wss?$/, error: 'expected a ws(s) URL' })
  .transform((url) => url.replace(/\/+$/, ''));
const jwtShape = z.string().regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, 'expected a JWT (three base64url parts)');

/** NETRA_FRONTEND_TAG: the frontend's release, e.g. beta-15 (see lib/known-bugs/list.ts). */
const frontendTag = z.string().regex(/^[\w.-]+$/, 'expected a release tag such as beta-15');

export const SECRET_VARIABLES = ['NETRA_JWT_SECRET', 'NETRA_E2E_TOKEN'] as const;

const StagingEnvSchema = z.object({
  NETRA_FRONTEND_URL: httpUrl,
  NETRA_API_URL: httpUrl,
  NETRA_WS_URL: wsUrl,
  NETRA_AUTH_URL: httpUrl,
  NETRA_JWT_SECRET: z.string().min(16, 'expected at least 16 characters').optional(),
  NETRA_E2E_TOKEN: jwtShape.optional(),
  NETRA_E2E_USER_ID: z.string().min(1).default('staging-e2e-user-001'),
  NETRA_E2E_USER_EMAIL: z.email('expected an e-mail address').optional(),
  NETRA_E2E_USER_PER_TEST: z.enum(['true', 'false'], 'expected true or false').default('false'),
  NETRA_FRONTEND_TAG: frontendTag.optional(),
});

const MISSING_CREDENTIALS = 'set NETRA_JWT_SECRET (to mint tokens) or NETRA_E2E_TOKEN (a pre-issued token)';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Treats empty strings as unset, as a `.env` line `NETRA_X=` means "not configured". */
function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
    ),
  );
}

function describeReceived(name: string, env: Record<string, string>): string {
  const value = env[name];
  if (value === undefined) return 'not set';
  if ((SECRET_VARIABLES as readonly string[]).includes(name))
    return `a value of ${value.length} characters (hidden)`;
  return JSON.stringify(value);
}

function invalidConfiguration(lines: string[]): ConfigError {
  return new ConfigError(
    `Netra E2E configuration is invalid for the staging projects (see .env.example):\n${lines.join('\n')}`,
  );
}

/** Reads the staging target from the environment; throws one error listing every bad variable. */
export function loadStagingTarget(env: NodeJS.ProcessEnv = process.env): TargetConfig {
  const values = definedOnly(env);
  const parsed = StagingEnvSchema.safeParse(values);
  const lines = (parsed.success ? [] : parsed.error.issues).map((issue) => {
    const name = String(issue.path[0] ?? '(env)');
    return `  - ${name}: ${issue.message}; received ${describeReceived(name, values)}`;
  });
  if (values.NETRA_JWT_SECRET === undefined && values.NETRA_E2E_TOKEN === undefined) {
    lines.push(`  - NETRA_JWT_SECRET: ${MISSING_CREDENTIALS}; received not set`);
  }
  if (!parsed.success || lines.length > 0) throw invalidConfiguration(lines);
  const e = parsed.data;
  return {
    name: 'staging',
    frontendUrl: e.NETRA_FRONTEND_URL,
    apiUrl: e.NETRA_API_URL,
    wsUrl: e.NETRA_WS_URL,
    authUrl: e.NETRA_AUTH_URL,
    auth: e.NETRA_JWT_SECRET
      ? { kind: 'secret', secret: e.NETRA_JWT_SECRET }
      : { kind: 'token', token: e.NETRA_E2E_TOKEN ?? '' },
    userId: e.NETRA_E2E_USER_ID,
    userEmail: e.NETRA_E2E_USER_EMAIL ?? `${e.NETRA_E2E_USER_ID}@staging.netrasystems.ai`,
    userPerTest: e.NETRA_E2E_USER_PER_TEST === 'true' && e.NETRA_JWT_SECRET !== undefined,
    deadlines: STAGING_DEADLINES,
    budgets: STAGING_BUDGETS,
    isStandIn: false,
    release: e.NETRA_FRONTEND_TAG
      ? { tag: e.NETRA_FRONTEND_TAG, from: FRONTEND_TAG_ENV }
      : { tag: undefined, from: `no ${FRONTEND_TAG_ENV} for this deployment` },
  };
}

/** Environment variables through which playwright.config.ts hands the embedded stand-in to workers. */
export const STAND_IN_ENV = { port: 'NETRA_STANDIN_PORT', secret: 'NETRA_STANDIN_SECRET' } as const;
export const DEFAULT_STAND_IN_PORT = 4310;

export function standInOrigin(port: number): string {
  return `http://127.0.0.1:${port}`;
}

function standInSecret(env: NodeJS.ProcessEnv): string {
  const secret = env[STAND_IN_ENV.secret];
  if (!secret)
    throw new ConfigError(`${STAND_IN_ENV.secret} is not set: playwright.config.ts sets it for local runs`);
  return secret;
}

const E2E_USER = 'staging-e2e-user-001';

/**
 * For the meta-tests only: judge our own chat page as if it were this release, so a known bug that our page
 * does not have is seen to turn red ("no longer reproduces") and another failure is seen to stay a real one.
 * Never read from `.env` for anything else: NETRA_FRONTEND_TAG does not touch our page.
 */
export const JUDGE_AS_RELEASE_ENV = 'NETRA_INTERNAL_JUDGE_AS_RELEASE';

/** The embedded stand-in: one loopback origin serving our chat page, API, auth and `/ws`. */
function loadLocalTarget(env: NodeJS.ProcessEnv = process.env): TargetConfig {
  const port = Number(env[STAND_IN_ENV.port] ?? DEFAULT_STAND_IN_PORT);
  const origin = standInOrigin(port);
  return {
    name: 'local',
    frontendUrl: origin,
    apiUrl: origin,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    authUrl: origin,
    auth: { kind: 'secret', secret: standInSecret(env) },
    userId: E2E_USER,
    userEmail: `${E2E_USER}@staging.netrasystems.ai`,
    userPerTest: true,
    deadlines: LOCAL_DEADLINES,
    budgets: LOCAL_BUDGETS,
    isStandIn: true,
    ...(env[JUDGE_AS_RELEASE_ENV]
      ? { release: { tag: env[JUDGE_AS_RELEASE_ENV], from: `${JUDGE_AS_RELEASE_ENV} (a meta-test)` } }
      : {}),
  };
}

/**
 * Netra's real frontend (NETRA_REAL_FRONTEND) on localhost:3000, the stand-in backend on localhost:8000.
 * NETRA_DEADLINES=staging applies staging's deadlines instead (bench/time-to-fail.ts measures with them).
 */
export function loadRealFrontendTarget(env: NodeJS.ProcessEnv = process.env): TargetConfig {
  const ports = standInPortsOf(env);
  if (ports !== undefined && !ports.includes(REAL_FRONTEND_BACKEND_PORT))
    throw new ConfigError(
      `The real-frontend project's servers (localhost:${REAL_FRONTEND_PORT}, its backend on localhost:${REAL_FRONTEND_BACKEND_PORT}) start only when the run names it: npx playwright test --project=real-frontend (in UI mode: npx playwright test --ui --project=real-frontend)`,
    );
  const source = realFrontendSource(env);
  const named = definedOnly(env)[FRONTEND_TAG_ENV];
  const parsedTag = frontendTag.optional().safeParse(named);
  if (!parsedTag.success)
    throw new ConfigError(
      `Netra E2E configuration is invalid for the real-frontend project:\n  - ${FRONTEND_TAG_ENV}: ${parsedTag.error.issues[0]?.message ?? 'invalid'}; received ${JSON.stringify(named)}`,
    );
  return {
    name: 'real-frontend',
    frontendUrl: realFrontendOrigin(source),
    apiUrl: REAL_FRONTEND_BACKEND_ORIGIN,
    wsUrl: `${REAL_FRONTEND_BACKEND_ORIGIN.replace(/^http/, 'ws')}/ws`,
    authUrl: REAL_FRONTEND_BACKEND_ORIGIN,
    auth: { kind: 'secret', secret: standInSecret(env) },
    userId: E2E_USER,
    userEmail: `${E2E_USER}@staging.netrasystems.ai`,
    userPerTest: true,
    deadlines: env.NETRA_DEADLINES === 'staging' ? STAGING_DEADLINES : REAL_FRONTEND_DEADLINES,
    budgets: REAL_FRONTEND_BUDGETS,
    isStandIn: true,
    release: releaseOf(parsedTag.data, source),
  };
}

export function loadTarget(name: TargetName, env: NodeJS.ProcessEnv = process.env): TargetConfig {
  if (name === 'local') return loadLocalTarget(env);
  if (name === 'real-frontend') return loadRealFrontendTarget(env);
  return loadStagingTarget(env);
}
