import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CONTRACT = readFileSync(fileURLToPath(new URL('../../clients/operations/operations.graphql', import.meta.url)), 'utf8');
const BLOCKS = CONTRACT.split(/\n(?=query |mutation |fragment |# -)/);

/**
 * One named operation of the client contract with the fragments it spreads, exactly as the
 * reference clients send it: what tests and benchmarks send, so trusted documents accept it.
 */
export function contractOperation(name: string): string {
  const operation = BLOCKS.find((block) => new RegExp(`^(query|mutation) ${name}\\b`).test(block));
  if (!operation) throw new Error(`no operation ${name} in clients/operations/operations.graphql`);
  const fragments = [...operation.matchAll(/\.\.\.(\w+)/g)].map(([, fragment]) => BLOCKS.find((block) => block.startsWith(`fragment ${fragment} `)) ?? '');
  return [operation, ...fragments].join('\n');
}
