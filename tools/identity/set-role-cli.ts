import { setRoleCommand } from './set-role.js';

process.exitCode = await setRoleCommand(process.argv.slice(2), process.env, {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line.endsWith('\n') ? line : `${line}\n`}`),
});
