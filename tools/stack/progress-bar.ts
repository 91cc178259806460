/**
 * A plain-stdout progress bar: redrawn in place on a terminal, a line per tenth otherwise
 * (CI logs, pipes), so long seeds show they are alive without flooding a log.
 */
export function createProgressBar(label: string, stream: NodeJS.WriteStream = process.stdout): (done: number, total: number) => void {
  const width = 30;
  let lastTenth = -1;
  return (done, total) => {
    const ratio = total === 0 ? 1 : Math.min(1, done / total);
    const percent = Math.floor(ratio * 100);
    const text = `${label} [${'#'.repeat(Math.round(ratio * width)).padEnd(width, '.')}] ${String(percent).padStart(3)}% ${done}/${total}`;
    if (stream.isTTY) {
      stream.write(`\r${text}${done >= total ? '\n' : ''}`);
      return;
    }
    const tenth = Math.floor(ratio * 10);
    if (tenth !== lastTenth) {
      lastTenth = tenth;
      stream.write(`${text}\n`);
    }
  };
}
