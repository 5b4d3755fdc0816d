// `pnpm -s wafer …` from the repository root: `wafer dashboard …` runs @wafer/dashboard-api's CLI, anything else
// @wafer/core's. A dispatcher here, not in core, because core must not depend on the dashboard.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const [first, ...rest] = process.argv.slice(2);
const dashboard = first === 'dashboard';
const cli = fileURLToPath(
  new URL(
    dashboard ? '../packages/dashboard-api/dist/cli.js' : '../packages/core/dist/cli.js',
    import.meta.url,
  ),
);
const args = dashboard ? rest : process.argv.slice(2);
// Signals reach the child directly (same process group); the exit code is passed through.
const result = spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit' });
if (result.error) {
  console.error(`wafer: cannot run ${cli}: ${result.error.message} (run \`pnpm build\` first)`);
  process.exitCode = 1;
} else process.exitCode = result.status ?? 1;
