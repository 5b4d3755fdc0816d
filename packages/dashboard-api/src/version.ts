/** This package's version, for the OpenAPI document and the CLI (kept in step with package.json by a test). */
export const PACKAGE_VERSION = '0.0.0';
