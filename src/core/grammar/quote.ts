/**
 * The inverse of tokenize's quoting: a person's text (a project name, a
 * title) as one quoted word of a command the core builds — a button's
 * command, a suggested retry, an `in "<name>"`. Every quote the tokenizer
 * would read as closing the group (straight or typographic double quotes)
 * and every backslash is escaped, so the text can never end the word early
 * and spill keywords or amounts into the command.
 */
export const quoted = (text: string): string => `"${text.replace(/["\\\u201C\u201D\u201E]/g, (c) => `\\${c}`)}"`;

/** `in "<name>"`: the words that pick a project by name. */
export const inProject = (name: string): string => `in ${quoted(name)}`;
