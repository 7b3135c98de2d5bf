/**
 * botbuilder's CloudAdapter, driven from Charter's own HTTP server. The
 * request is authenticated before anything else runs, so a refused token is
 * always a 401 (botbuilder's `process` answers some of them with 500) and the
 * bot never sees the activity; what the bot returns for an invoke (a dialog,
 * a validation error) becomes the HTTP answer.
 */
import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from "botbuilder";
import type { AuthenticateRequestResult } from "botframework-connector";

export type TurnOutcome = { refused: true; reason: string } | { refused: false; status: number; body?: unknown };

export class TeamsCloudAdapter extends CloudAdapter {
  async receive(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<TurnOutcome> {
    let auth: AuthenticateRequestResult;
    try {
      auth = await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
    } catch (err) {
      return { refused: true, reason: err instanceof Error ? err.message : String(err) };
    }
    const response: InvokeResponse | undefined = await this.processActivity(auth, activity, logic);
    return { refused: false, status: response?.status ?? 200, ...(response?.body !== undefined ? { body: response.body } : {}) };
  }
}
