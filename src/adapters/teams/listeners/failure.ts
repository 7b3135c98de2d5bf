import { rejection, type Reply } from "../../../core/views/reply.js";
import { classifyStoreError } from "../../../store/errors.js";

/** What a user sees when something broke on our side: never a stack trace. */
export const FAILURE_MESSAGE = "Something went wrong on Charter's side and nothing was saved. Please try again in a moment.";

/** The message for `error`: a database fault says which (unreachable: retry; full or read-only: tell the admin). */
export const failureMessage = (error?: unknown): string => classifyStoreError(error)?.userMessage ?? FAILURE_MESSAGE;

export const failureReply = (error?: unknown): Reply => rejection(failureMessage(error));
