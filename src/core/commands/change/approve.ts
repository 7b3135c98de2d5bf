import { z } from "zod";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import { decideChange } from "../../change-requests/decide.js";

export default projectCommand({
  path: ["change", "approve"],
  summary: "Approve a change request (approvers only); once settled its impacts are applied",
  examples: ["change approve #1", 'change approve #1 "Worth it for the audit"'],
  formTitle: "Approve a change request",
  notes: ["Under `change policy all` every approver must approve before the impacts are applied."],
  params: [
    { at: "typed", name: "id", label: "#id", type: "ref", required: true, hint: "e.g. #2" },
    { at: "rest", name: "comment", label: "comment", form: "longtext" },
  ],
  input: () => z.object({ id: fields.ref(), comment: fields.text("comment", 1000).optional() }),
  run: (ctx, input) => decideChange(ctx, input.id, "approve", input.comment),
});
