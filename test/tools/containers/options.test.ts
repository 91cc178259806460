import { describe, expect, it } from 'vitest';
import { parseContainersArgs } from '../../../tools/containers/options.js';

describe('parseContainersArgs', () => {
  it('has defaults for a plain run, frozen', () => {
    const options = parseContainersArgs([]);
    expect(options).toEqual({ engine: undefined, users: 6, loadSeconds: 30, healthTimeoutSeconds: 240, skipKill: false, context: undefined, help: false });
    expect(Object.isFrozen(options)).toBe(true);
  });

  it('reads every option', () => {
    expect(parseContainersArgs(['--engine', 'docker', '--users', '3', '--load-seconds', '60', '--health-timeout', '90', '--skip-kill', '--context', '/tmp/x'])).toMatchObject({
      engine: 'docker',
      users: 3,
      loadSeconds: 60,
      healthTimeoutSeconds: 90,
      skipKill: true,
      context: '/tmp/x',
    });
  });

  it('refuses bad values, naming the option', () => {
    expect(() => parseContainersArgs(['--engine', 'lxc'])).toThrow(/--engine must be podman or docker, not "lxc"/);
    // 16 users would sign up past identity's 20 an hour from one address with the order flow's.
    expect(() => parseContainersArgs(['--users', '16'])).toThrow(/--users must be a whole number from 1 to 15, not "16"/);
    expect(() => parseContainersArgs(['--load-seconds', '2.5'])).toThrow(/--load-seconds/);
    expect(() => parseContainersArgs(['--unknown'])).toThrow(/Unknown option '--unknown'/);
  });
});
