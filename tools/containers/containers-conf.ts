/**
 * The containers.conf podman is given through CONTAINERS_CONF (the system's own configuration
 * is never changed):
 * - runc: crun stops here with "cgroups in hybrid mode not supported";
 * - fixed ulimits: podman's own raise of the open-files limit is refused inside this kind of
 *   machine ("setrlimit RLIMIT_NOFILE: Operation not permitted"), so every container gets
 *   limits the host already allows;
 * - netavark: its DNS (aardvark-dns) resolves containers by name on a compose network, which
 *   the services and HAProxy's resolvers need; the CNI backend does so only with a plugin
 *   Debian does not install.
 */
export function containersConf({ runtime = 'runc', nofile = 20_000, nproc = 32_768 } = {}): string {
  return [
    '# Written by npm run containers (tools/containers/containers-conf.ts); podman reads it through CONTAINERS_CONF.',
    '[containers]',
    `default_ulimits = ["nofile=${nofile}:${nofile}", "nproc=${nproc}:${nproc}"]`,
    '',
    '[engine]',
    `runtime = "${runtime}"`,
    '',
    '[network]',
    'network_backend = "netavark"',
    '',
  ].join('\n');
}
