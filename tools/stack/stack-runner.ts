import type { ServiceName, SubgraphName } from '@shopgraph/shared';

/** A service a runner started: where it listens and how to stop it. */
export interface RunningService {
  /** `gateway`, `cart`, or a replica's own name (`gateway-2`). */
  name: string;
  /** `http://127.0.0.1:<port>`, no path. */
  origin: string;
  stop(): Promise<void>;
}

/** One service to start, with its whole environment already built. */
export interface StartRequest {
  service: ServiceName;
  name: string;
  env: Record<string, string>;
  /** The port to listen on; 0 lets the operating system pick one (in process only). */
  port: number;
  /** Origins of the subgraphs started so far (a runner that starts services before their peers looks them up late). */
  originOf: (subgraph: SubgraphName) => string | undefined;
}

/** How a stack runs its services: in this process, or each as a process of its own. */
export interface StackRunner<Service extends RunningService = RunningService> {
  /**
   * `true`: every port is picked before anything starts, so every service is told its peers'
   * URLs up front and the subgraphs start together. `false`: each service listens on a port
   * the operating system picks (no race with another test file for a port), so they start one
   * after another and each is told the URLs of those already listening.
   */
  readonly portsBeforeStart: boolean;
  start(request: StartRequest): Promise<Service>;
}
