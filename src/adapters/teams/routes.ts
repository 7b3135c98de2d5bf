/** Where the Bot Framework reaches Charter's HTTP server (kept apart from app.ts so naming it does not load botbuilder). */
export const TEAMS_ROUTES = { messages: "/api/messages" } as const;
