import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { containersConf } from './containers-conf.js';
import { chooseEngine, type EngineKind, type EngineProbe } from './engine-choice.js';
import { runCommand, runChecked, type CommandResult, type RunOptions } from './run-command.js';

/** The container engine and its compose tool, with the environment both run in. */
export interface Engine {
  kind: EngineKind;
  /** `podman ARGS` or `docker ARGS`; never throws for a non-zero exit. */
  run(args: readonly string[], options?: RunOptions): Promise<CommandResult>;
  /** The same, throwing an error with the output's last lines on a non-zero exit. */
  runChecked(args: readonly string[], options?: RunOptions): Promise<CommandResult>;
  /** `podman-compose ARGS` or `docker compose ARGS`. */
  compose(args: readonly string[], options?: RunOptions): Promise<CommandResult>;
  env: NodeJS.ProcessEnv;
}

const PROBE_TIMEOUT_MS = 30_000;

async function works(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ found: boolean; ok: boolean; detail?: string }> {
  try {
    const result = await runCommand(command, args, { env, timeoutMs: PROBE_TIMEOUT_MS });
    return { found: true, ok: result.code === 0, detail: result.stderr.trim().split('\n').at(-1) };
  } catch {
    // spawn ENOENT: not installed.
    return { found: false, ok: false };
  }
}

/**
 * Finds a usable engine, or throws an error that says what to install; every probe has a
 * timeout, so a broken engine is reported, never waited on. For podman, writes the
 * containers.conf it needs under `cacheDir` and names it in CONTAINERS_CONF (one the caller
 * already set is kept).
 */
export async function openEngine({ cacheDir, wanted, log }: { cacheDir: string; wanted?: EngineKind; log: (message: string) => void }): Promise<Engine> {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${process.env['PATH'] ?? ''}:/usr/sbin:/sbin` };
  if (!env['CONTAINERS_CONF']) {
    await mkdir(cacheDir, { recursive: true });
    const path = join(cacheDir, 'containers.conf');
    await writeFile(path, containersConf());
    env['CONTAINERS_CONF'] = path;
  }
  const [podman, podmanCompose, runc, docker, dockerCompose] = await Promise.all([
    works('podman', ['info', '--format', '{{.Host.OCIRuntime.Name}}'], env),
    works('podman-compose', ['version'], env),
    works('runc', ['--version'], env),
    works('docker', ['info', '--format', '{{.ServerVersion}}'], env),
    works('docker', ['compose', 'version'], env),
  ]);
  const probe: EngineProbe = {
    podman: { found: podman.found, works: podman.ok, compose: podmanCompose.found && podmanCompose.ok, runc: runc.ok, detail: podman.detail },
    docker: { found: docker.found, engineRunning: docker.ok, compose: dockerCompose.ok, detail: docker.detail },
  };
  const choice = chooseEngine(probe, wanted);
  if ('error' in choice) throw new Error(choice.error);
  const cli = choice.kind;
  log(`engine: ${cli}${cli === 'podman' ? ` (CONTAINERS_CONF=${env['CONTAINERS_CONF']})` : ''}`);
  const composeCommand: [string, string[]] = cli === 'podman' ? ['podman-compose', []] : ['docker', ['compose']];
  return {
    kind: cli,
    env,
    run: (args, options = {}) => runCommand(cli, args, { env, ...options }),
    runChecked: (args, options = {}) => runChecked(cli, args, { env, ...options }),
    compose: (args, options = {}) => runCommand(composeCommand[0], [...composeCommand[1], ...args], { env, ...options }),
  };
}
