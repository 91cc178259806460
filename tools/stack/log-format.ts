const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' };
const COLOURS: Record<string, string> = { catalog: '36', cart: '35', checkout: '33', identity: '34', gateway: '32', dynamodb: '90' };
const OMITTED = new Set(['level', 'time', 'msg', 'service', 'pid', 'hostname']);

/**
 * Turns one line a service printed into `[service] 12:00:00 INFO  message {fields}`. Services
 * log JSON (for machines, in production); people starting the stack read this instead.
 * Lines that are not JSON pass through as they are.
 */
export function formatLogLine(service: string, line: string, colour = process.stdout.isTTY): string {
  const prefix = colour ? `\x1b[${COLOURS[service] ?? '0'}m[${service}]\x1b[0m` : `[${service}]`;
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return `${prefix} ${line}`;
  }
  if (typeof entry !== 'object' || entry === null) return `${prefix} ${line}`;
  const time = typeof entry['time'] === 'number' ? new Date(entry['time']).toISOString().slice(11, 19) : '';
  const level = LEVELS[entry['level'] as number] ?? JSON.stringify(entry['level'] ?? '');
  const fields = Object.fromEntries(Object.entries(entry).filter(([key]) => !OMITTED.has(key)));
  const extra = Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
  return `${prefix} ${time} ${level} ${typeof entry['msg'] === 'string' ? entry['msg'] : JSON.stringify(entry['msg'] ?? '')}${extra}`;
}
