import { generateKeys, sessionKeySetSchema } from '@shopgraph/shared';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { rotateSessionKeys, toEnvFile, toKeyFiles } from './key-files.js';

const USAGE = `usage:
  npm run keys:generate -- --compose-env .env      development keys for docker compose
  npm run keys:generate -- --out DIR            one JSON file per value, for Secrets Manager
  npm run keys:session -- add|promote|retire FILE   a session key rotation step, in place
`;

const fail = (message: string): never => {
  process.stderr.write(`${message}\n${USAGE}`);
  process.exit(1);
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'compose-env': { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean', default: false } },
});
const command = positionals[0];

// Key material is written with mode 0600 and never printed.
if (command === 'generate') {
  const keys = await generateKeys();
  if (values['compose-env']) {
    if (existsSync(values['compose-env']) && !values.force) fail(`${values['compose-env']} exists; pass --force to replace it`);
    await writeFile(values['compose-env'], toEnvFile(keys), { mode: 0o600 });
    process.stdout.write(`wrote development keys to ${values['compose-env']}\n`);
  } else if (values.out) {
    await mkdir(values.out, { recursive: true, mode: 0o700 });
    for (const [name, text] of Object.entries(toKeyFiles(keys))) {
      const path = join(values.out, name);
      if (existsSync(path) && !values.force) fail(`${path} exists; pass --force to replace it`);
      await writeFile(path, `${text}\n`, { mode: 0o600 });
    }
    process.stdout.write(`wrote ${Object.keys(toKeyFiles(keys)).join(', ')} to ${values.out}\n`);
  } else {
    fail('generate needs --compose-env or --out');
  }
} else if (command === 'session') {
  const [, step, file] = positionals;
  if ((step !== 'add' && step !== 'promote' && step !== 'retire') || !file) fail('session needs a step and a file');
  const parsed = sessionKeySetSchema.safeParse(JSON.parse(await readFile(file!, 'utf8')));
  if (!parsed.success) fail(`${file} is not a session key set`);
  const next = rotateSessionKeys(parsed.data!, step as 'add' | 'promote' | 'retire');
  await writeFile(file!, `${JSON.stringify(next)}\n`, { mode: 0o600 });
  process.stdout.write(`${step}: ${file} now holds kids ${next.keys.map((key) => key.kid).join(', ')} (the first encrypts)\n`);
} else {
  fail('unknown command');
}
