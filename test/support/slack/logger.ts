/**
 * A Slack SDK logger that keeps what it is told instead of printing it, for
 * tests that provoke errors on purpose (the SDKs log every ok:false answer).
 */
import { LogLevel, type Logger } from "@slack/bolt";

export interface RecordingLogger extends Logger {
  lines: { level: string; message: string }[];
}

export function recordingSlackLogger(): RecordingLogger {
  let level = LogLevel.DEBUG;
  const lines: RecordingLogger["lines"] = [];
  const at =
    (name: string) =>
    (...msg: unknown[]) =>
      void lines.push({ level: name, message: msg.map((m) => (m instanceof Error ? m.message : String(m))).join(" ") });
  return {
    lines,
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    setLevel: (next) => void (level = next),
    getLevel: () => level,
    setName: () => undefined,
  };
}
