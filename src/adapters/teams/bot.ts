/**
 * The Teams bot: botbuilder's TeamsActivityHandler, with dialogs given
 * readable names. Listeners (listeners/) register on it by kind.
 */
import { TeamsActivityHandler, type TaskModuleRequest, type TaskModuleResponse, type TurnContext } from "botbuilder";

/** Answers a dialog request; undefined closes the dialog. */
export type DialogHandler = (turn: TurnContext, request: TaskModuleRequest) => Promise<TaskModuleResponse | undefined>;

export class CharterBot extends TeamsActivityHandler {
  private opened: DialogHandler | undefined;
  private submitted: DialogHandler | undefined;

  /** A button with `msteams.type: "task/fetch"` was pressed: return the dialog to show (invoke task/fetch). */
  onDialogOpen(handler: DialogHandler): this {
    this.opened = handler;
    return this;
  }

  /** A dialog was submitted (invoke task/submit): show it again, or close it. */
  onDialogSubmit(handler: DialogHandler): this {
    this.submitted = handler;
    return this;
  }

  protected override async handleTeamsTaskModuleFetch(turn: TurnContext, request: TaskModuleRequest): Promise<TaskModuleResponse> {
    if (!this.opened) return super.handleTeamsTaskModuleFetch(turn, request);
    return (await this.opened(turn, request)) as TaskModuleResponse;
  }

  protected override async handleTeamsTaskModuleSubmit(turn: TurnContext, request: TaskModuleRequest): Promise<TaskModuleResponse> {
    if (!this.submitted) return super.handleTeamsTaskModuleSubmit(turn, request);
    return (await this.submitted(turn, request)) as TaskModuleResponse;
  }
}
