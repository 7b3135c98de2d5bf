/**
 * Budgets for cards in Teams. The Bot Connector takes messages up to about
 * 100 KB, but some Teams surfaces and connectors fail past about 28 KB, so
 * every card is kept under that and longer content is paged over several
 * messages; only a chart gets a bigger card of its own. Sizes are UTF-8
 * bytes of the card's JSON.
 */
export const TEAMS = {
  /** One card, as JSON: under 28 KB whichever way a kilobyte is counted. */
  cardBytes: 28_000,
  /** One element of a card: small enough that several share a card. */
  elementBytes: 9_000,
  /** Buttons in one ActionSet; Teams shows few in a row. */
  actionsPerSet: 5,
  /** Button captions are cut here; Teams truncates long ones anyway. */
  buttonTitle: 60,
  /** A command carried by a button; a longer one is left out rather than cut (cutting runs a different command). */
  buttonCommand: 2_000,
  /** The dialog's title bar. */
  dialogTitle: 60,
  /** Choices offered in one select; the hint says when there are more. */
  choices: 100,
  /** Column-per-cell tables get unreadable past this; wider ones list each row as facts. */
  tableColumns: 5,
  /**
   * A card that shows a chart, as JSON: the chart rides inline as a data URL,
   * so this card alone may use most of the ~100 KB a Bot Connector message
   * takes. A chart whose card would be bigger is named by its alt text.
   */
  imageCardBytes: 80_000,
  /** Teams shows images up to 1024 x 1024 pixels... */
  imagePixels: 1_024,
  /** ...and under 1 MB. */
  imageFileBytes: 1_000_000,
  /** The notification / fallback text. */
  summary: 500,
} as const;

/** More cards than this and the reply is cut with a closing marker, rather than flooding the chat. */
export const MAX_CARDS = 10;
