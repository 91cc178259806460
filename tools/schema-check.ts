import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { REPO_ROOT } from './compose/subgraph-list.js';
import {
  CONFIG_PATH,
  DEFAULT_CONFIG,
  HELP,
  knownHintCodes,
  loadConfig,
  parseCliOptions,
  generateClientTypes,
  generateResolverTypes,
  readSchemaCheckInputs,
  renderMarkdown,
  renderText,
  runSchemaCheck,
  type CliOptions,
  type SchemaCheckConfig,
} from './schema-check/index.js';

// Exit codes: 0 passed, 1 a check failed, 2 the command itself could not run as asked.
let options: CliOptions;
let config: SchemaCheckConfig;
try {
  options = parseCliOptions(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const root = resolve(options.root ?? REPO_ROOT);
  const configPath = options.configPath === undefined ? join(root, CONFIG_PATH) : resolve(options.configPath);
  // Only a checkout without the file (e.g. a bare fixture root) runs on defaults; --config must exist.
  config = options.configPath === undefined && !existsSync(configPath) ? DEFAULT_CONFIG : loadConfig(configPath, knownHintCodes());
} catch (error) {
  process.stderr.write(`schema:check: ${(error as Error).message}\n`);
  process.exit(2);
}

const root = resolve(options.root ?? REPO_ROOT);
// Generated types come from this repository's own codegen configs, so are checked only here.
const generated = root === resolve(REPO_ROOT) ? { clientTypes: await generateClientTypes(root), resolverTypes: await generateResolverTypes(root) } : {};
const report = runSchemaCheck({ ...readSchemaCheckInputs(root, config, options.baseFile), ...generated });
process.stdout.write(renderText(report, { verbose: options.verbose }));

const summaryPath = options.summaryPath ?? config.summaryPath;
const summaryFile = isAbsolute(summaryPath) ? summaryPath : join(root, summaryPath);
mkdirSync(dirname(summaryFile), { recursive: true });
writeFileSync(summaryFile, renderMarkdown(report));
process.stdout.write(`Markdown summary: ${summaryPath}\n`);
process.exit(report.ok ? 0 : 1);
