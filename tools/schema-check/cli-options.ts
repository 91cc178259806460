/** What the command line asked for. */
export interface CliOptions {
  readonly help: boolean;
  readonly verbose: boolean;
  /** Compare against this supergraph file instead of the git merge base. */
  readonly baseFile?: string;
  /** Overrides the config's summaryPath. */
  readonly summaryPath?: string;
  readonly configPath?: string;
  /** The repository root to check (default: this repository). */
  readonly root?: string;
}

export const HELP = `Usage: npm run schema:check -- [options]

Checks the subgraph schemas before they ship, offline:
  1. composition of subgraphs/*/schema.graphql (errors fail; hints listed in failOnHints fail)
  2. supergraph.graphql is fresh (fix: npm run compose)
  3. breaking changes of the API schema against a baseline (default: supergraph.graphql at
     \`git merge-base HEAD main\`); a breaking change fails unless the element was
     @deprecated(reason: ...) in the baseline and no client operation uses it
  4. every operation in clients/operations/*.graphql validates against the new API schema
  5. schema lint: descriptions, naming, deprecation reasons, mutation payload errors
  6. clients/operations/manifest.json is fresh (fix: npm run operations:manifest)

Options:
  --base <file>      compare against this supergraph file instead of the git merge base
  --summary <file>   write the Markdown summary here (default: config summaryPath,
                     .cache/schema-check/summary.md)
  --config <file>    config file (default: tools/schema-check/schema-check.config.json)
  --root <dir>       repository root to check (default: this repository)
  --verbose          also list known lint exceptions in the terminal report
  -h, --help         show this help

Exit code: 0 when every check passes, 1 when one fails, 2 on a usage or config error.
See docs/schema-changes.md.
`;

const WITH_VALUE = { '--base': 'baseFile', '--summary': 'summaryPath', '--config': 'configPath', '--root': 'root' } as const;

/** Parses argv (without node and the script); throws a message naming the bad argument. */
export function parseCliOptions(argv: readonly string[]): CliOptions {
  const options: { -readonly [K in keyof CliOptions]: CliOptions[K] } = { help: false, verbose: false };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] ?? '';
    if (argument === '-h' || argument === '--help') options.help = true;
    else if (argument === '--verbose') options.verbose = true;
    else if (argument in WITH_VALUE) {
      const value = argv[index + 1];
      if (value === undefined || value.startsWith('--')) throw new Error(`${argument} needs a value`);
      options[WITH_VALUE[argument as keyof typeof WITH_VALUE]] = value;
      index += 1;
    } else {
      throw new Error(`unknown argument ${argument} (see --help)`);
    }
  }
  return options;
}
