import { describe, expect, it } from 'vitest';
import { healthCheckArgv, hostPort, planCompose } from '../../../tools/containers/compose-plan.js';
import { readRepoFile } from '../../deploy/deploy-files.js';

describe('planCompose on the project docker-compose.yml', () => {
  const plan = planCompose(readRepoFile('docker-compose.yml'));
  const service = (name: string) => plan.services.find((candidate) => candidate.name === name)!;

  it('starts the stack in waves that honour every depends_on', () => {
    expect(plan.project).toBe('shopgraph');
    expect(plan.waves).toEqual([['dynamodb', 'redis'], ['bootstrap'], ['catalog', 'cart', 'checkout', 'identity'], ['gateway-1', 'gateway-2'], ['proxy']]);
    expect(plan.hostPorts).toEqual([4000]);
  });

  it('waits for the bootstrap to exit 0, and for every service with a health check to pass it', () => {
    expect(service('bootstrap').awaited).toBe('completed');
    for (const name of ['dynamodb', 'redis', 'catalog', 'cart', 'checkout', 'identity', 'gateway-1', 'gateway-2']) expect(service(name).awaited).toBe('healthy');
    expect(service('proxy').awaited).toBe('started');
  });

  it('runs CMD checks as their argv (not quoted into one word) and CMD-SHELL through sh -c', () => {
    expect(service('gateway-1').healthCheck?.slice(0, 2)).toEqual(['node', '-e']);
    expect(service('gateway-1').healthCheck?.[2]).toContain('/ready');
    expect(service('dynamodb').healthCheck).toEqual(['sh', '-c', "bash -c ':> /dev/tcp/127.0.0.1/8000' || exit 1"]);
    expect(service('redis').healthCheck).toEqual(['redis-cli', 'ping']);
  });

  it('knows which services the Dockerfile builds, by target', () => {
    expect(service('gateway-2')).toMatchObject({ image: 'shopgraph-gateway', target: 'gateway' });
    expect(service('bootstrap').target).toBe('tools');
    expect(service('redis').target).toBeUndefined();
  });
});

describe('planCompose refusals', () => {
  it('refuses a cycle, and a plain chain is accepted (control)', () => {
    const chain = 'services:\n  a: { image: x, depends_on: [b] }\n  b: { image: y }\n';
    expect(planCompose(chain).waves).toEqual([['b'], ['a']]);
    expect(() => planCompose('services:\n  a: { image: x, depends_on: [b] }\n  b: { image: y, depends_on: [a] }\n')).toThrow(/cycle: a, b/);
  });

  it('refuses a dependency on a service that is not there', () => {
    expect(() => planCompose('services:\n  a: { image: x, depends_on: [nope] }\n')).toThrow(/a depends on nope/);
  });

  it('refuses service_healthy on a service without a health check', () => {
    const text = 'services:\n  a: { image: x, depends_on: { b: { condition: service_healthy } } }\n  b: { image: y }\n';
    expect(() => planCompose(text)).toThrow(/b: something waits for it to be healthy/);
  });
});

describe('health check and port forms', () => {
  it('maps each test form', () => {
    expect(healthCheckArgv(['CMD', 'true'])).toEqual(['true']);
    expect(healthCheckArgv(['CMD-SHELL', 'exit 0'])).toEqual(['sh', '-c', 'exit 0']);
    expect(healthCheckArgv('curl -f x')).toEqual(['sh', '-c', 'curl -f x']);
    expect(healthCheckArgv(['NONE'])).toBeUndefined();
    expect(() => healthCheckArgv(['CMDX', 'true'])).toThrow(/unknown health check form/);
  });

  it('reads the host side of a ports entry', () => {
    expect(hostPort('4000:4000')).toBe(4000);
    expect(hostPort('127.0.0.1:8080:80')).toBe(8080);
    expect(hostPort('9000:90/tcp')).toBe(9000);
    expect(hostPort(5000)).toBe(5000);
  });
});
