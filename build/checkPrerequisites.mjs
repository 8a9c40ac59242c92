// `node build/checkPrerequisites.mjs`: checks the system prerequisites of `npm start` and
// `npm test` (build/prerequisites.mjs) before anything is installed, compiled or started. As root
// on Debian or Ubuntu it installs what is missing from the distribution's packages; elsewhere it
// stops with exit code 1 and the exact commands to run. Plain Node 20+, no dependencies.
import { spawnSync } from 'node:child_process';
import { missingPrerequisites, prerequisitePlan, prerequisites, realProbe } from './prerequisites.mjs';

const plan = prerequisitePlan(realProbe());
if (plan.run.length) console.log(`Installing what this machine lacks: ${plan.missing.join(', ')}`);
for (const [command, ...args] of plan.run) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.status !== 0) {
    console.error(`\`${[command, ...args].join(' ')}\` failed (${result.error?.message ?? `exit code ${result.status}`}): install ${plan.missing.join(', ')} by hand, then run this again.`);
    process.exit(1);
  }
}
if (plan.stop) {
  console.error(plan.stop);
  process.exit(1);
}
// What the installs above were meant to bring must now be there.
const still = plan.run.length ? missingPrerequisites(realProbe()) : [];
if (still.length) {
  console.error(`Still missing after the install: ${prerequisites.filter((p) => still.includes(p.id)).map((p) => p.what).join('; ')}.`);
  process.exit(1);
}
