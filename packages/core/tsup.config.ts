import { defineWaferPackage } from '../../tsup.config.base.js';

export default defineWaferPackage({ index: 'src/index.ts', cli: 'src/cli/main.ts' });
