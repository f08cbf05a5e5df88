/**
 * A CommonJS `require` for this bundle, so a dependency is loaded when first needed rather than when the package is
 * imported: loading picocolors touches `process.stdout`, and libmime with its charset tables costs about 90 ms.
 * @module
 */
import { createRequire } from 'node:module';

/**
 * Load `id` as this module would. The CommonJS build has an empty `import.meta`, hence the `__filename` fallback
 * (never first: `node -e` defines a global `[eval]` one).
 */
export function nodeRequire(id: string): unknown {
  const meta: string | undefined = import.meta.url;
  return createRequire(meta ?? __filename)(id);
}
