import { execFile } from 'node:child_process';

/** DynamoDB Local 1.25 (the one `fetch.ts` pins) is built for Java 17 and refuses anything older. */
export const MINIMUM_JAVA_MAJOR = 17;

/** Debian's package for a headless Java runtime that DynamoDB Local accepts. */
export const JAVA_INSTALL_HINT =
  'Install a Java runtime, 17 or newer: on Debian/Ubuntu `apt-get install -y openjdk-17-jre-headless` ' +
  '(on releases without it, `apt-get install -y default-jre-headless`); on macOS `brew install openjdk@17`.';

/** What `assertJava` found. */
export interface JavaInfo {
  /** The feature release, e.g. 17 or 21 (8 for "1.8.0_x"). */
  major: number;
  /** The first line of `java -version`, for logs. */
  versionLine: string;
}

/** Overrides for `assertJava`; the defaults suit every machine we run on. */
export interface AssertJavaOptions {
  /** The java executable; `java` on the PATH unless set. */
  command?: string;
  /** `java -version` is killed after this long, so a wedged JVM never hangs the caller. */
  timeoutMs?: number;
}

/**
 * Checks that a Java runtime recent enough for DynamoDB Local is installed.
 * Throws an Error that says what to install when Java is missing, broken or too old.
 */
export async function assertJava({ command = 'java', timeoutMs = 10_000 }: AssertJavaOptions = {}): Promise<JavaInfo> {
  const output = await runJavaVersion(command, timeoutMs);
  const major = parseJavaMajorVersion(output);
  const versionLine = output.split('\n').find((line) => / version "/.test(line))?.trim() ?? output.trim();
  if (major === undefined) {
    throw new Error(`Could not read the Java version from \`${command} -version\` (it printed: ${JSON.stringify(output.slice(0, 300))}). ${JAVA_INSTALL_HINT}`);
  }
  if (major < MINIMUM_JAVA_MAJOR) {
    throw new Error(`DynamoDB Local needs Java ${MINIMUM_JAVA_MAJOR} or newer, but \`${command}\` is Java ${major} (${versionLine}). ${JAVA_INSTALL_HINT}`);
  }
  return { major, versionLine };
}

/**
 * Reads the major version from `java -version` output: `openjdk version "17.0.15"` → 17,
 * `java version "1.8.0_292"` → 8, `openjdk version "21" 2023-09-19` → 21.
 * Returns undefined when no version line is present.
 */
export function parseJavaMajorVersion(output: string): number | undefined {
  const match = / version "(\d+)(?:\.(\d+))?[^"]*"/.exec(output);
  if (!match) return undefined;
  const first = Number(match[1]);
  // Java 8 and older report themselves as 1.x.
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

function runJavaVersion(command: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, ['-version'], { timeout: timeoutMs, killSignal: 'SIGKILL', windowsHide: true }, (error, stdout, stderr) => {
      // `java -version` writes to stderr; some builds use stdout. Read both.
      const output = `${stderr}\n${stdout}`;
      if (!error) return resolve(output);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        return reject(new Error(`Java was not found (\`${command}\` is not on the PATH); DynamoDB Local runs on Java. ${JAVA_INSTALL_HINT}`));
      }
      if (error.killed) {
        return reject(new Error(`\`${command} -version\` did not finish within ${timeoutMs} ms. ${JAVA_INSTALL_HINT}`));
      }
      reject(new Error(`\`${command} -version\` failed (${error.message.trim()}). ${JAVA_INSTALL_HINT}`));
    });
  });
}
