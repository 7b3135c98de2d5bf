/**
 * Text coming in from people. A plain string is person text through and
 * through: the reserved characters of references are stripped, so nothing
 * typed can forge a mention or a link. An adapter that knows which parts of
 * a message are platform mentions (Slack's <@U123>, a Teams mention entity)
 * hands them over as structure, and only then do they become member or
 * channel references for the grammar to read.
 */
import { channelRef, memberRef, withoutReserved } from "../views/references.js";

/** Words an adapter assembled from person text and platform references; made only by `chatText`. */
export class ChatText {
  readonly #words: string;
  private constructor(words: string) {
    this.#words = words;
  }
  get words(): string {
    return this.#words;
  }
  /** @internal */
  static of(words: string): ChatText {
    return new ChatText(words);
  }
}

export type InboundPart = string | { member: { id: string; name?: string } } | { channel: { id: string; name?: string } };

/** Person text and the platform's own mentions, in the order they were written. */
export function chatText(parts: readonly InboundPart[]): ChatText {
  return ChatText.of(
    parts
      .map((part) => {
        if (typeof part === "string") return withoutReserved(part);
        if ("member" in part) return memberRef({ platformUserId: part.member.id, name: part.member.name ?? part.member.id });
        return channelRef(part.channel.id, part.channel.name);
      })
      .join(""),
  );
}

/** The words of an inbound text, with person text stripped of reserved characters. */
export function inboundWords(input: string | ChatText): string {
  return typeof input === "string" ? withoutReserved(input) : input.words;
}
