/** What the probes found on this machine. */
export interface EngineProbe {
  podman: { found: boolean; works: boolean; compose: boolean; runc: boolean; detail?: string };
  docker: { found: boolean; engineRunning: boolean; compose: boolean; detail?: string };
}

export type EngineKind = 'podman' | 'docker';

/** The packages that make podman usable here, as .ci/run installs them (netavark runs iptables, which Debian's package does not depend on). */
export const PODMAN_PACKAGES = ['podman', 'runc', 'podman-compose', 'netavark', 'aardvark-dns', 'iptables'] as const;

export const INSTALL_HINT =
  `Install podman (Debian/Ubuntu, as root: apt-get install -y --no-install-recommends ${PODMAN_PACKAGES.join(' ')}) ` +
  'or start a Docker engine with the compose plugin; debootstrap is needed too when the base images cannot be pulled.';

/**
 * Picks the engine to use, or says why none can be: a Docker engine that answers (with
 * `docker compose`) when there is one, else podman with podman-compose and runc. A `docker`
 * client without a running engine, as on this machine, does not count.
 */
export function chooseEngine(probe: EngineProbe, wanted?: EngineKind): { kind: EngineKind } | { error: string } {
  const dockerOk = probe.docker.found && probe.docker.engineRunning && probe.docker.compose;
  const podmanOk = probe.podman.found && probe.podman.works && probe.podman.compose && probe.podman.runc;
  if (wanted === 'docker' || (wanted === undefined && dockerOk)) {
    if (dockerOk) return { kind: 'docker' };
    if (!probe.docker.found) return { error: `--engine docker: no docker command on the PATH. ${INSTALL_HINT}` };
    if (!probe.docker.engineRunning) return { error: `--engine docker: the docker client finds no running engine (${probe.docker.detail ?? 'docker info failed'}). ${INSTALL_HINT}` };
    return { error: `--engine docker: docker compose is missing. ${INSTALL_HINT}` };
  }
  if (podmanOk) return { kind: 'podman' };
  const missing = [
    probe.podman.found ? undefined : 'podman',
    probe.podman.runc ? undefined : 'runc',
    probe.podman.compose ? undefined : 'podman-compose',
  ].filter((name): name is string => name !== undefined);
  if (missing.length > 0) return { error: `No usable container engine: ${missing.join(', ')} not found${probe.docker.found && !probe.docker.engineRunning ? ', and the docker client finds no running engine' : ''}. ${INSTALL_HINT}` };
  return { error: `podman is installed but cannot run (${probe.podman.detail ?? 'podman info failed'}). ${INSTALL_HINT}` };
}
