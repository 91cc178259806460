import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { assertPortFree, findFreePort } from './free-port.js';

/** How to run DynamoDB Local; only `emulatorDir` is required. */
export interface StartDynamoDbLocalOptions {
  /** The folder holding DynamoDBLocal.jar and DynamoDBLocal_lib/ (from `ensureDynamoDbLocal`). */
  emulatorDir: string;
  /** Where the database file lives; omitted → `-inMemory`, gone when the process stops. */
  dbPath?: string;
  /** 0 or omitted → a free port, picked for you (and re-picked if it is taken meanwhile). */
  port?: number;
  /** How long to wait for the first answer; 30 s unless set. */
  startTimeoutMs?: number;
  /** The java executable; `java` on the PATH unless set. */
  javaCommand?: string;
  log?: (message: string) => void;
}

/** A running DynamoDB Local. */
export interface DynamoDbLocal {
  /** `http://127.0.0.1:<port>`, for the SDK's `endpoint`. */
  endpoint: string;
  port: number;
  /** The java process id. */
  pid: number;
  /** SIGTERM, then SIGKILL after 5 s. Idempotent; resolves once the process is gone. */
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 5_000;
const OUTPUT_TAIL_CHARS = 4_000;
const PORT_ATTEMPTS = 3;

/** The port was taken: before we started, or between picking it and Java binding it. */
class PortInUseError extends Error {}

/**
 * Starts DynamoDB Local on the machine's Java and resolves once it answers ListTables.
 * Rejects, with the tail of the emulator's output, when it exits early or does not answer
 * in time; the process is killed in both cases.
 */
export async function startDynamoDbLocal(options: StartDynamoDbLocalOptions): Promise<DynamoDbLocal> {
  const pickPort = !options.port;
  for (let attempt = 1; ; attempt++) {
    const port = options.port || (await findFreePort());
    try {
      return await startOnce(options, port);
    } catch (error) {
      // A port we picked can be taken between the pick and Java's bind; pick another.
      if (pickPort && attempt < PORT_ATTEMPTS && error instanceof PortInUseError) continue;
      throw error;
    }
  }
}

async function startOnce({ emulatorDir, dbPath, startTimeoutMs = 30_000, javaCommand = 'java', log = () => {} }: StartDynamoDbLocalOptions, port: number): Promise<DynamoDbLocal> {
  const args = [
    `-Djava.library.path=${join(emulatorDir, 'DynamoDBLocal_lib')}`,
    '-jar',
    'DynamoDBLocal.jar',
    // Without -sharedDb every access key and region gets a database of its own, so two
    // services configured with different dummy credentials would not see each other's tables.
    '-sharedDb',
    '-port',
    String(port),
    ...(dbPath === undefined ? ['-inMemory'] : ['-dbPath', dbPath]),
  ];
  try {
    // Checked first because a server already on the port would answer our readiness poll
    // before Java fails to bind it, and we would hand out someone else's database.
    await assertPortFree(port);
  } catch (error) {
    throw new PortInUseError(`Cannot start DynamoDB Local on port ${port}: ${(error as Error).message}`, { cause: error });
  }
  log(`Starting DynamoDB Local on port ${port} (${dbPath === undefined ? 'in memory' : dbPath})`);
  // DynamoDB Local refuses a -dbPath that does not exist yet.
  if (dbPath !== undefined) await mkdir(dbPath, { recursive: true });
  // A process group of its own: Ctrl-C in a terminal must not take the database down while
  // the services are still finishing their requests; the launcher stops it last.
  const child = spawn(javaCommand, args, { cwd: emulatorDir, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true, detached: true });
  const output = captureTail(child);
  const exited = new Promise<string>((resolve) => {
    child.once('error', (error) => resolve(`could not be started: ${error.message}`));
    child.once('exit', (code, signal) => resolve(`exited (${signal ?? `code ${code}`})`));
  });
  // The emulator must not outlive us: killed on any exit, even one that skips stop().
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
        await exited;
        clearTimeout(timer);
      }
      process.off('exit', killOnExit);
    })();
    return stopping;
  };

  const endpoint = `http://127.0.0.1:${port}`;
  const polling = new AbortController();
  const outcome = await Promise.race([
    waitUntilAnswering(endpoint, startTimeoutMs, polling.signal).then((answered) => (answered ? 'ready' : `did not answer within ${startTimeoutMs} ms`)),
    exited,
  ]).finally(() => polling.abort());
  if (outcome === 'ready' && child.pid !== undefined && child.exitCode === null) {
    log(`DynamoDB Local answers at ${endpoint}`);
    return { endpoint, port, pid: child.pid, stop };
  }
  await stop();
  const tail = output();
  const message = `DynamoDB Local (${javaCommand} -jar DynamoDBLocal.jar in ${emulatorDir}, port ${port}) ${outcome}.${tail ? `\nIts last output:\n${tail}` : ''}`;
  throw /BindException|Address already in use/i.test(tail) ? new PortInUseError(message) : new Error(message);
}

/** Polls ListTables until it answers; false after `timeoutMs` or once `signal` aborts. */
async function waitUntilAnswering(endpoint: string, timeoutMs: number, signal: AbortSignal): Promise<boolean> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000 },
  });
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline && !signal.aborted) {
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: signal });
        return true;
      } catch {
        // Not listening yet, or the JVM is still warming up.
        await sleep(200, undefined, { signal }).catch(() => undefined);
      }
    }
    return false;
  } finally {
    client.destroy();
  }
}

/** Keeps the last few kilobytes of stdout and stderr together, for error messages. */
function captureTail(child: ChildProcess): () => string {
  let tail = '';
  const append = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return () => tail.trim();
}
