import { failureText, savedBy, type Context, rejection, type Reply } from "../../core/index.js";
import { classifyStoreError } from "../../store/errors.js";

/**
 * What a user sees when something broke on our side, on any chat surface:
 * never a stack trace. A database fault says which (unreachable: retry; full
 * or read-only: tell the admin); when the command run with `ctx` had saved
 * something, the text says what, not "nothing was saved".
 */
export const failureMessage = (error?: unknown, ctx?: Context): string => failureText(savedBy(ctx), classifyStoreError(error));

export const failureReply = (error?: unknown, ctx?: Context): Reply => rejection(failureMessage(error, ctx));
