/** The core's live references as tests write them: what an adapter hands the core for a platform mention. */
import { channelRef, memberRef } from "../../src/core/views/references.js";

/** A member reference, as the Slack adapter makes of <@U123|bob> or the Teams adapter of a mention entity. */
export const mentionOf = (id: string, name = id): string => memberRef({ platformUserId: id, name });

/** A channel reference, as the Slack adapter makes of <#C123|general>. */
export const channelOf = (id: string, name?: string): string => channelRef(id, name);
