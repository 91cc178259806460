import { parseArgs } from 'node:util';
import type { EngineKind } from './engine-choice.js';

export interface ContainersOptions {
  engine?: EngineKind;
  /** Signed-in shoppers of the kill run (identity admits 20 sign-ups an hour from one address). */
  users: number;
  loadSeconds: number;
  /** How long any one service may take to meet its condition. */
  healthTimeoutSeconds: number;
  /** Build, start, order and check the images, without the kill run. */
  skipKill: boolean;
  /** Build the images from this folder (another checkout, a clean export) instead of the repository's own tree. */
  context?: string;
  help: boolean;
}

export const USAGE = `usage: npm run containers [-- options]
  --engine podman|docker    the engine to use (default: a running Docker engine, else podman)
  --users N                 shoppers in the kill-under-load run, 1 to 15 (default 6)
  --load-seconds N          how long they shop at least, 20 to 600 (default 30; on until the last step has settled)
  --health-timeout N        seconds any service may take to turn healthy (default 240)
  --skip-kill               leave out the kill-under-load run
  --context DIR             build the images from DIR (say, a clean export of a commit), not this tree
`;

function integer(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}, not "${value}"`);
  return number;
}

/** The command line of `npm run containers`, checked and frozen; a bad value throws an error naming it. */
export function parseContainersArgs(argv: readonly string[]): Readonly<ContainersOptions> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      engine: { type: 'string' },
      users: { type: 'string' },
      'load-seconds': { type: 'string' },
      'health-timeout': { type: 'string' },
      'skip-kill': { type: 'boolean', default: false },
      context: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.engine !== undefined && values.engine !== 'podman' && values.engine !== 'docker') throw new Error(`--engine must be podman or docker, not "${values.engine}"`);
  return Object.freeze({
    engine: values.engine,
    users: integer('users', values.users, 6, 1, 15),
    loadSeconds: integer('load-seconds', values['load-seconds'], 30, 20, 600),
    healthTimeoutSeconds: integer('health-timeout', values['health-timeout'], 240, 10, 3600),
    skipKill: values['skip-kill'],
    context: values.context,
    help: values.help,
  });
}
