import type { ServiceName } from '@shopgraph/shared';
import { REPO_ROOT } from '../compose/subgraph-list.js';
import { startServiceProcess, type ServiceProcess, type StartServiceOptions } from './service-process.js';
import type { RunningService, StackRunner } from './stack-runner.js';

export interface ProcessRunnerOptions {
  /** `source` runs each TypeScript entry with tsx; `compiled` each built `dist/main.js` with only its configuration. */
  mode: 'source' | 'compiled';
  /** A service's entry when not its own `main` (the session benchmark's gateway). */
  entries?: Partial<Record<ServiceName, string>>;
  /** How long a stopping service may finish its requests before SIGKILL. */
  stopGraceMs?: number;
  /** Starts one process; `startServiceProcess` unless set (a benchmark pins its processes to a core). */
  launch?: (options: StartServiceOptions) => Promise<ServiceProcess>;
}

export interface ProcessService extends RunningService {
  process: ServiceProcess;
}

/** Each service a process of its own, on a port picked before any starts, as compose and the CDK app run them. */
export function asProcesses(options: ProcessRunnerOptions): StackRunner<ProcessService> {
  const launch = options.launch ?? startServiceProcess;
  const graceMs = options.stopGraceMs ?? 12_000;
  return {
    portsBeforeStart: true,
    async start({ service, name, env, port }) {
      const process = await launch({ name, entry: options.entries?.[service] ?? entryOf(service, options.mode), mode: options.mode, port, env, cwd: REPO_ROOT });
      return { name, origin: process.base, process, stop: () => process.stop(graceMs) };
    },
  };
}

function entryOf(service: ServiceName, mode: 'source' | 'compiled'): string {
  const dir = service === 'gateway' ? 'gateway' : `subgraphs/${service}`;
  return mode === 'compiled' ? `${dir}/dist/main.js` : `${dir}/src/main.ts`;
}
