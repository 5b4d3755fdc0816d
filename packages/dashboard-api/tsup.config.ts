import { defineWaferPackage } from '../../tsup.config.base.js';

// @wafer/core and @wafer/storage stay external (dependencies); the CLI is its own entry with a shebang.
export default defineWaferPackage({ index: 'src/index.ts', cli: 'src/cli.ts' });
