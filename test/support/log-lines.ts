import { Writable } from 'node:stream';

/** A logger destination that keeps every JSON log line, for assertions on what was (not) logged. */
export function collectLogLines(lines: Record<string, unknown>[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
}
