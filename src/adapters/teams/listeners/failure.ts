import { rejection, type Reply } from "../../../core/views/reply.js";

/** What a user sees when something broke on our side: never a stack trace. */
export const FAILURE_MESSAGE = "Something went wrong on Charter's side and nothing was saved. Please try again in a moment.";

export const failureReply = (): Reply => rejection(FAILURE_MESSAGE);
