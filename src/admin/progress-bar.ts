/**
 * A one-line progress bar on a terminal: `Exporting ████████░░░░ 62% 3,100/5,000 rows`.
 * Drawn only when the stream is a TTY and the job is big enough to wait for,
 * so pipes, logs and tests see nothing of it.
 */

export interface BarStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): boolean;
}

export interface ProgressBar {
  /** `n` more units done. */
  tick(n: number): void;
  /** Draws 100 % and ends the line (nothing when the bar was never shown). */
  done(): void;
}

/** Exports below this many rows finish before a bar would be read. */
export const PROGRESS_MIN_ROWS = 1_000;

const SILENT: ProgressBar = { tick: () => undefined, done: () => undefined };

export function progressBar(stream: BarStream, label: string, total: number, unit = "rows", minTotal = PROGRESS_MIN_ROWS): ProgressBar {
  if (!stream.isTTY || total < minTotal || total <= 0) return SILENT;
  let done = 0;
  let drawn = -1;
  const count = new Intl.NumberFormat("en-US");
  const draw = () => {
    const ratio = Math.min(done / total, 1);
    const percent = Math.floor(ratio * 100);
    if (percent === drawn) return;
    drawn = percent;
    const tail = ` ${String(percent).padStart(3)}% ${count.format(Math.min(done, total))}/${count.format(total)} ${unit}`;
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - tail.length - 2));
    const filled = Math.round(ratio * width);
    stream.write(`\r${label} ${"█".repeat(filled)}${"░".repeat(width - filled)}${tail}`);
  };
  draw();
  return {
    tick(n) {
      done += n;
      draw();
    },
    done() {
      done = total;
      draw();
      stream.write("\n");
    },
  };
}
