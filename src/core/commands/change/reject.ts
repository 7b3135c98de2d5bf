import { z } from "zod";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import { decideChange } from "../../change-requests/decide.js";

export default projectCommand({
  path: ["change", "reject"],
  summary: "Reject a change request (approvers only); nothing in the plan changes",
  examples: ["change reject #1", 'change reject #1 "Not in this release"'],
  formTitle: "Reject a change request",
  params: [
    { at: "typed", name: "id", label: "#id", type: "ref", required: true, hint: "e.g. #2" },
    { at: "rest", name: "comment", label: "comment", form: "longtext" },
  ],
  input: () => z.object({ id: fields.ref(), comment: fields.text("comment", 1000).optional() }),
  run: (ctx, input) => decideChange(ctx, input.id, "reject", input.comment),
});
