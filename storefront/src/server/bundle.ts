import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('../app/main.ts', import.meta.url));

/**
 * Bundles the browser code into one ES module, in memory. The contract's operations come in
 * with it, from clients/operations/manifest.json, so the served script always matches the
 * committed manifest.
 */
export async function bundleStorefront(): Promise<string> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    minify: true,
    sourcemap: 'inline',
    write: false,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no storefront bundle');
  return output.text;
}
