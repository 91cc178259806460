import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, knownHintCodes, parseConfig, parseCliOptions } from '../../tools/schema-check/index.js';

describe('config and options', () => {
  const hints = knownHintCodes();

  it('when keys are omitted, then the defaults apply and the result is frozen', () => {
    const config = parseConfig({}, hints);
    expect(config).toEqual(DEFAULT_CONFIG);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('when a hint code, rule or key is unknown, then parsing fails naming each', () => {
    expect(() => parseConfig({ failOnHints: ['NOPE'], lintExceptions: { spelling: [] }, colour: 1 }, hints)).toThrow(
      /unknown key "colour"[\s\S]*unknown hint code NOPE[\s\S]*unknown rule "spelling"/,
    );
    expect(hints.has('INCONSISTENT_DESCRIPTION')).toBe(true);
  });

  it('when the command line has flags, then they are parsed; an unknown one is refused', () => {
    expect(parseCliOptions(['--base', 'old.graphql', '--summary', 's.md', '--verbose'])).toEqual({
      help: false,
      verbose: true,
      baseFile: 'old.graphql',
      summaryPath: 's.md',
    });
    expect(() => parseCliOptions(['--base'])).toThrow('--base needs a value');
    expect(() => parseCliOptions(['--frobnicate'])).toThrow('unknown argument --frobnicate');
  });
});
