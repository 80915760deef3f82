import { test } from '../../fixtures';
import { expectReachable } from '../../lib/setup/preflight';

test('the deployment answers on its API health, auth config and frontend endpoints', async ({ target }) => {
  const probes = await expectReachable(target);
  test.info().annotations.push({
    type: 'preflight',
    description: probes.map((p) => `${p.name}: ${p.outcome}`).join('; '),
  });
});
