import { describe, expect, it } from 'vitest';
import { containersConf } from '../../../tools/containers/containers-conf.js';
import { chooseEngine, type EngineProbe } from '../../../tools/containers/engine-choice.js';

const podmanReady: EngineProbe['podman'] = { found: true, works: true, compose: true, runc: true };
const noPodman: EngineProbe['podman'] = { found: false, works: false, compose: false, runc: false };
const dockerClientOnly: EngineProbe['docker'] = { found: true, engineRunning: false, compose: true, detail: 'Cannot connect to the Docker daemon' };
const dockerRunning: EngineProbe['docker'] = { found: true, engineRunning: true, compose: true };
const errorOf = (choice: ReturnType<typeof chooseEngine>) => ('error' in choice ? choice.error : `chose ${choice.kind}`);

describe('chooseEngine', () => {
  it('takes podman when the docker client finds no engine (this machine)', () => {
    expect(chooseEngine({ podman: podmanReady, docker: dockerClientOnly })).toEqual({ kind: 'podman' });
  });

  it('takes a running Docker engine when there is one, and podman when asked for', () => {
    expect(chooseEngine({ podman: podmanReady, docker: dockerRunning })).toEqual({ kind: 'docker' });
    expect(chooseEngine({ podman: podmanReady, docker: dockerRunning }, 'podman')).toEqual({ kind: 'podman' });
  });

  it('says what to install when nothing can run containers', () => {
    expect(errorOf(chooseEngine({ podman: noPodman, docker: dockerClientOnly }))).toMatch(/podman, runc, podman-compose not found, and the docker client finds no running engine\. Install podman .*apt-get install/);
  });

  it('names the missing piece of an otherwise installed podman', () => {
    expect(errorOf(chooseEngine({ podman: { ...podmanReady, runc: false }, docker: { found: false, engineRunning: false, compose: false } }))).toMatch(/^No usable container engine: runc not found\./);
    expect(errorOf(chooseEngine({ podman: { ...podmanReady, works: false, detail: 'cannot set up namespace' }, docker: dockerClientOnly }))).toMatch(/podman is installed but cannot run \(cannot set up namespace\)/);
  });

  it('refuses --engine docker without a running engine, naming why', () => {
    expect(errorOf(chooseEngine({ podman: podmanReady, docker: dockerClientOnly }, 'docker'))).toMatch(/--engine docker: the docker client finds no running engine \(Cannot connect/);
  });
});

describe('containersConf', () => {
  it('sets runc, the fixed ulimits and netavark, nothing else', () => {
    const text = containersConf();
    expect(text).toContain('runtime = "runc"');
    expect(text).toContain('default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]');
    expect(text).toContain('network_backend = "netavark"');
    expect(text.split('\n').filter((line) => /^\w+ = /.test(line))).toHaveLength(3);
  });
});
