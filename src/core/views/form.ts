/**
 * Platform-neutral form. Adapters render it as a Slack modal, a Teams dialog
 * or an HTML form; the submitted values (field name -> text) go back through
 * the same command binder and zod schema as typed words.
 */
export type FormFieldKind = "text" | "longtext" | "number" | "money" | "select" | "user" | "users" | "date";

export interface FormField {
  /** Matches the command's input key, so zod issues map onto fields by path. */
  name: string;
  label: string;
  kind: FormFieldKind;
  required: boolean;
  hint?: string;
  options?: { value: string; label: string }[];
  initial?: string;
}

export interface Form {
  /** Words of the command that will receive the submission, e.g. "cost add". */
  command: string;
  /** The project named with `in "<name>"` when the form was asked for; the submission works on it. */
  project?: string;
  title: string;
  submitLabel: string;
  fields: FormField[];
  /** Field name -> message, when a submission was rejected. */
  errors?: Record<string, string>;
}
