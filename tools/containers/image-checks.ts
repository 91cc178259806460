import type { Engine } from './engine.js';
import { healthCheckArgv } from './compose-plan.js';

/** What one service image promises, as found on the built image and its running container. */
export interface ImageFacts {
  image: string;
  bytes: number;
  /** USER of the image, and the uid a process in it gets. */
  user: string;
  uid: number;
  /** Development packages found under /app (vitest, typescript, tsx): none is the promise. */
  devPackages: string[];
  /** The image's own HEALTHCHECK passed inside the running service container. */
  healthCheckPassed: boolean;
  healthCheck: string;
}

/** Packages the runtime images must not carry (test runner, compiler, TypeScript runner). */
export const DEV_PACKAGES = ['vitest', 'typescript', 'tsx'] as const;

/**
 * Inspects a built service image: its size, user, development packages (a `find` in a
 * throwaway container), and runs the HEALTHCHECK the image declares inside `container` (the
 * running service: compose's own check replaces the image's, so this one is run by hand).
 */
export async function inspectServiceImage(engine: Engine, image: string, container: string): Promise<ImageFacts> {
  const inspect = await engine.runChecked(['image', 'inspect', '--format', '{{.Size}}|{{.Config.User}}|{{json .Config.Healthcheck}}', image]);
  const [size = '0', user = '', healthJson = 'null'] = inspect.stdout.trim().split('|');
  const uid = await engine.runChecked(['run', '--rm', '--entrypoint', 'id', image, '-u'], { timeoutMs: 60_000 });
  const names = DEV_PACKAGES.map((name) => `-name ${name}`).join(' -o ');
  const find = await engine.runChecked(['run', '--rm', '--entrypoint', 'sh', image, '-c', `find /app -path '*/node_modules/*' -type d \\( ${names} \\) -prune -print`], { timeoutMs: 120_000 });
  const devPackages = find.stdout.split('\n').filter((line) => DEV_PACKAGES.some((name) => line.endsWith(`/node_modules/${name}`)));
  const health = JSON.parse(healthJson) as { Test?: string[] } | null;
  const argv = health?.Test ? healthCheckArgv(health.Test) : undefined;
  const passed = argv ? (await engine.run(['exec', container, ...argv], { timeoutMs: 15_000 })).code === 0 : false;
  return { image, bytes: Number(size), user, uid: Number(uid.stdout.trim()), devPackages, healthCheckPassed: passed, healthCheck: argv ? argv.join(' ').slice(0, 80) : '(none declared)' };
}

/** How one container took a SIGTERM: seconds until it was gone, and its exit code (137: killed after the grace period). */
export interface StopFacts {
  service: string;
  seconds: number;
  exitCode: number;
}

/** `stop -t graceSeconds` on a running container, timed. */
export async function timeStop(engine: Engine, service: string, container: string, graceSeconds: number): Promise<StopFacts> {
  const started = Date.now();
  await engine.runChecked(['stop', '-t', String(graceSeconds), container], { timeoutMs: (graceSeconds + 60) * 1000 });
  const seconds = (Date.now() - started) / 1000;
  const state = await engine.runChecked(['inspect', '--format', '{{.State.ExitCode}}', container]);
  return { service, seconds, exitCode: Number(state.stdout.trim()) };
}
