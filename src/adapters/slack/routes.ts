/** Where Slack reaches Charter's HTTP server (kept apart from app.ts so naming them does not load Bolt). */
export const SLACK_ROUTES = { events: "/slack/events", install: "/slack/install", redirect: "/slack/oauth_redirect" } as const;
