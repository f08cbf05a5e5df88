/**
 * The tool's name and version, from package.json (bundled into the CLI at build time).
 * @module
 */
import pkg from '../../package.json' with { type: 'json' };

/** `{ name, version }` as published. */
export const TOOL: { readonly name: string; readonly version: string } = Object.freeze({ name: pkg.name, version: pkg.version });
