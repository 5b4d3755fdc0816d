import { defineWaferPackage } from '../../tsup.config.base.js';

// @wafer/core stays external (a dependency); Express is never imported: the middleware only relies on what
// Express adds to Node's request (`req.ip`, `req.originalUrl`, `req.body`), read structurally.
export default defineWaferPackage({ index: 'src/index.ts' });
