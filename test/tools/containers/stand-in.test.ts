import { describe, expect, it } from 'vitest';
import { aptMirrorFor } from '../../../tools/containers/stand-in/apt-mirror.js';
import { qualifiedRef, recipeHash, STAND_IN_CA_PATH, STAND_IN_LABEL, standInContainerfile, standInKind } from '../../../tools/containers/stand-in/recipes.js';
import { readRepoFile } from '../../deploy/deploy-files.js';

describe('aptMirrorFor', () => {
  it('reads a deb822 source whose stanza has a comment line inside (this machine)', () => {
    const debian = [
      'Types: deb',
      '# http://snapshot.debian.org/archive/debian/20250520T000000Z',
      'URIs: http://deb.debian.org/debian',
      'Suites: bookworm bookworm-updates',
      'Components: main',
      '',
      'Types: deb',
      'URIs: http://deb.debian.org/debian-security',
      'Suites: bookworm-security',
      'Components: main',
    ].join('\n');
    expect(aptMirrorFor(['', debian])).toBe('http://deb.debian.org/debian');
  });

  it('reads the one-line format, options included, and skips other suites and deb-src', () => {
    const list = ['deb-src http://src.example/debian bookworm main', 'deb http://security.example/debian-security bookworm-security main', 'deb [arch=amd64] http://mirror.example/debian bookworm main contrib'].join('\n');
    expect(aptMirrorFor([list])).toBe('http://mirror.example/debian');
  });

  it('finds nothing when no source names the suite itself', () => {
    expect(aptMirrorFor(['deb https://packages.cloud.google.com/apt cloud-sdk-bookworm main'])).toBeUndefined();
  });
});

describe('stand-in recipes', () => {
  it("qualifies short names as Docker does, so compose's images find the stand-ins", () => {
    expect(qualifiedRef('node:22-bookworm-slim')).toBe('docker.io/library/node:22-bookworm-slim');
    expect(qualifiedRef('amazon/dynamodb-local:2.6.1')).toBe('docker.io/amazon/dynamodb-local:2.6.1');
    expect(qualifiedRef('localhost/x/y:1')).toBe('localhost/x/y:1');
    expect(qualifiedRef('registry.example:5000/redis:7')).toBe('registry.example:5000/redis:7');
  });

  it('has a stand-in for each image the Dockerfile and compose pull, and none for the project images', () => {
    expect(['node:22-bookworm-slim', 'debian:bookworm-slim', 'amazon/dynamodb-local:2.6.1', 'redis:7.4-alpine', 'haproxy:2.6'].map(standInKind)).toEqual(['node', 'debian', 'dynamodb-local', 'redis', 'haproxy']);
    expect(standInKind('shopgraph-gateway')).toBeUndefined();
  });

  it('makes the node stand-in as the official image is: node user uid 1000, node and npm under /usr/local', () => {
    const text = standInContainerfile('node', { minbase: 'localhost/base:1', nodeVersion: '22.1.0', npmVersion: '10.9.0' });
    expect(text).toMatch(/^FROM localhost\/base:1$/m);
    expect(text).toContain('useradd --uid 1000 --gid node');
    expect(text).toContain('groupadd --gid 1000 node');
    expect(text).toContain('COPY node /usr/local/bin/node');
    expect(text).toContain(`NODE_EXTRA_CA_CERTS=${STAND_IN_CA_PATH}`);
    // No RUN touches the binary: that would copy 100 MB into a second layer.
    expect(text.split('\n').filter((line) => line.startsWith('RUN')).join('\n')).not.toContain('/usr/local/bin/node');
  });

  it("keeps the host's CA bundle in the stand-in only, never in the project's Dockerfile", () => {
    expect(readRepoFile('Dockerfile')).not.toMatch(/NODE_EXTRA_CA_CERTS|ca-certificates|\.crt/);
  });

  it('labels each stand-in with the hash of its recipe, which changes with its inputs', () => {
    const a = standInContainerfile('node', { minbase: 'b:1', nodeVersion: '22.1.0', npmVersion: '10.9.0' });
    const b = standInContainerfile('node', { minbase: 'b:1', nodeVersion: '22.2.0', npmVersion: '10.9.0' });
    const label = (text: string) => new RegExp(`LABEL ${STAND_IN_LABEL}="(\\w+)"`).exec(text)?.[1];
    expect(label(a)).toMatch(/^[0-9a-f]{16}$/);
    expect(label(a)).not.toBe(label(b));
    expect(label(a)).toBe(recipeHash(a.slice(0, a.indexOf('\nLABEL'))));
  });

  it('gives redis the official image behaviour of no protected mode, and haproxy its config path', () => {
    expect(standInContainerfile('redis', { minbase: 'b:1' })).toContain('--protected-mode no');
    expect(standInContainerfile('haproxy', { minbase: 'b:1' })).toContain('/usr/local/etc/haproxy/haproxy.cfg');
    expect(standInContainerfile('dynamodb-local', { minbase: 'b:1' })).toMatch(/ENTRYPOINT \["java"\][\s\S]*WORKDIR|WORKDIR \/home\/dynamodblocal[\s\S]*ENTRYPOINT \["java"\]/);
  });
});
