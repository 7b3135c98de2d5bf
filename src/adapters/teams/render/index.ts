/** Neutral views -> Adaptive Cards for Teams: reply cards, dialog cards, and dialog submissions back to field values. */
export { toTeamsCards, cardAttachment, summaryText, MORE_MARKER, type TeamsCardOptions } from "./cards.js";
export { toTeamsDialog, planDialog, type TeamsDialog } from "./form-card.js";
export { formValuesFromTeams, type DialogValues } from "./form-values.js";
export { charterActionOf, type CharterAction } from "./action-data.js";
export { TEAMS, MAX_CARDS } from "./limits.js";
export type { AdaptiveCard, CardAttachment, CardElement } from "./types.js";
