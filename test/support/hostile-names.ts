/** Names a person could give a project to break out of the quotes of a command built from it. */
export const HOSTILE_NAMES = [
  'Apollo" 9999 USD labour "oops',
  "Apollo\u201D 9999 USD labour \u201Coops",
  "Apollo\u201E 9999 USD labour",
  "Apollo\\",
  'Apollo\\" 9999 USD labour',
  'Apollo\\\\" 9999',
  "C:\\temp\\",
  "in",
  "labour 9999 USD",
  "'single' \u2018quotes\u2019",
  " padded ",
  "line\nbreak",
];
