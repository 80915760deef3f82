import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

export interface ScratchCheckout {
  dir: string;
  /** `git apply` of a unified diff from the copy's root, as `npm run protocol:accept-drift` applies it. */
  apply(diff: string): { ok: boolean; output: string };
  remove(): void;
}

/**
 * A copy of this checkout (its tracked and untracked, not ignored files, with node_modules linked) in a scratch
 * folder: where a meta-test applies a proposed patch and runs the suite, never touching the checkout itself.
 */
export function scratchCheckout(): ScratchCheckout {
  const dir = mkdtempSync(join(tmpdir(), 'netra-scratch-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\0')
    // node_modules is linked, not copied (in a worktree it may itself be a link git does not ignore).
    .filter((file) => file !== '' && file !== 'node_modules' && existsSync(join(ROOT, file)));
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(ROOT, file), join(dir, file));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return {
    dir,
    apply(diff) {
      const patchFile = join(dir, 'reports', 'protocol-drift.patch');
      mkdirSync(dirname(patchFile), { recursive: true });
      writeFileSync(patchFile, diff);
      const applied = spawnSync('git', ['apply', '--whitespace=nowarn', patchFile], {
        cwd: dir,
        encoding: 'utf8',
      });
      return { ok: applied.status === 0, output: `${applied.stdout}${applied.stderr}` };
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
