import { z } from "zod";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import { decideChange } from "../../change-requests/decide.js";

export default projectCommand({
  path: ["change", "ask"],
  summary: "Ask the requester for detail on a change request (approvers only); the request stays open",
  examples: ['change ask #1 "Which IdP, and who maintains it?"'],
  formTitle: "Ask about a change request",
  notes: ["The requester gets the question by direct message."],
  params: [
    { at: "typed", name: "id", label: "#id", type: "ref", required: true, hint: "e.g. #2" },
    { at: "rest", name: "question", label: "question", required: true, form: "longtext" },
  ],
  input: () => z.object({ id: fields.ref(), question: fields.text("question", 1000) }),
  run: (ctx, input) => decideChange(ctx, input.id, "ask", input.question),
});
