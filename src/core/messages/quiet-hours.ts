import { DEFAULT_QUIET_HOURS, parseQuietHours } from "../domain/quiet-hours.js";

/** "22:00-07:00" -> "22:00–07:00", "" -> "off". */
export function describeQuietHours(stored: string): string {
  const window = parseQuietHours(stored);
  if (window === null) return "off: direct messages arrive at any hour";
  const text = window === undefined ? DEFAULT_QUIET_HOURS : stored;
  return text.replace("-", "–");
}
