/**
 * Names made from titles for files and folders: "Budget burn: Apollo 2.0"
 * -> "budget-burn-apollo-2.0". Letters of any script and digits are kept
 * (lower-cased), as are dots inside; every other run of characters becomes
 * one dash. Leading and trailing dashes and dots go, so the result is never
 * hidden, never "..", and never holds a path separator. At most `max`
 * characters; empty when nothing is left.
 */
export function slug(text: string, max = Number.POSITIVE_INFINITY): string {
  const words = text
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}.-]+/gu, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "");
  // Cut by code points, so no letter outside the BMP is left half.
  return [...words]
    .slice(0, max)
    .join("")
    .replace(/[-.]+$/, "");
}
