import type { Engine } from './engine.js';

/** One Dockerfile target built into one image. */
export interface BuiltImage {
  target: string;
  image: string;
  seconds: number;
}

/**
 * Builds each target of the project's Dockerfile, one at a time (the machine's cores are
 * shared; the targets share the deps and build stages, so the first build does most of the
 * work and the rest reuse its layers). podman builds in the Docker format: the OCI format has
 * no HEALTHCHECK, and podman would drop the Dockerfile's with a warning.
 */
export async function buildImages(engine: Engine, { targets, contextDir, log }: { targets: { target: string; image: string }[]; contextDir: string; log: (message: string) => void }): Promise<BuiltImage[]> {
  const built: BuiltImage[] = [];
  for (const { target, image } of targets) {
    const started = Date.now();
    log(`building --target ${target} -t ${image}`);
    const format = engine.kind === 'podman' ? ['--format', 'docker'] : [];
    await engine.runChecked(['build', ...format, '--target', target, '-t', image, '-f', 'Dockerfile', '.'], {
      cwd: contextDir,
      timeoutMs: 30 * 60_000,
      // Each RUN step as it starts, so a long build shows where it is; the whole output on failure.
      onLine: (line) => /^(\[\d+\/\d+\] )?STEP \d+\/\d+: RUN|^#\d+ \[.*RUN/.test(line) && log(`  ${line.slice(0, 160)}`),
    });
    built.push({ target, image, seconds: (Date.now() - started) / 1000 });
    log(`${image}: built in ${built.at(-1)!.seconds.toFixed(0)} s`);
  }
  return built;
}
