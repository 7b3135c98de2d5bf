/**
 * The part of Adaptive Cards 1.5 that Charter sends: the elements, inputs
 * and actions the renderers produce, typed so a misspelt property fails the
 * build. Field names follow the Adaptive Card schema exactly.
 */

export const CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";
export const CARD_VERSION = "1.5";
export const CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

// Enum values as the Adaptive Cards library writes them (the schema takes any case).
export type Color = "Default" | "Dark" | "Light" | "Accent" | "Good" | "Warning" | "Attention";
export type Spacing = "None" | "Small" | "Default" | "Medium" | "Large" | "ExtraLarge" | "Padding";

export interface TextBlock {
  type: "TextBlock";
  text: string;
  wrap: true;
  size?: "Small" | "Default" | "Medium" | "Large" | "ExtraLarge";
  weight?: "Lighter" | "Default" | "Bolder";
  color?: Color;
  isSubtle?: boolean;
  horizontalAlignment?: "Left" | "Center" | "Right";
  spacing?: Spacing;
  separator?: boolean;
}

export interface FactSet {
  type: "FactSet";
  facts: { title: string; value: string }[];
  spacing?: Spacing;
  separator?: boolean;
}

export interface Column {
  type: "Column";
  width: "auto" | "stretch" | number;
  items: TextBlock[];
}

export interface ColumnSet {
  type: "ColumnSet";
  columns: Column[];
  spacing?: Spacing;
  separator?: boolean;
}

export interface Container {
  type: "Container";
  items: CardElement[];
  spacing?: Spacing;
  separator?: boolean;
}

export interface Image {
  type: "Image";
  url: string;
  altText: string;
}

export interface SubmitAction {
  type: "Action.Submit";
  title: string;
  data: Record<string, unknown>;
  style?: "positive" | "destructive";
}

export interface ActionSet {
  type: "ActionSet";
  actions: SubmitAction[];
  spacing?: Spacing;
}

interface InputCommon {
  id: string;
  label: string;
  isRequired?: boolean;
  errorMessage?: string;
  spacing?: Spacing;
}

export interface TextInput extends InputCommon {
  type: "Input.Text";
  isMultiline?: boolean;
  placeholder?: string;
  value?: string;
}

export interface NumberInput extends InputCommon {
  type: "Input.Number";
  value?: number;
}

export interface DateInput extends InputCommon {
  type: "Input.Date";
  value?: string;
}

export interface ChoiceSetInput extends InputCommon {
  type: "Input.ChoiceSet";
  choices: { title: string; value: string }[];
  isMultiSelect?: boolean;
  value?: string;
  /** Teams' people picker: choices come from the organisation's directory. */
  "choices.data"?: { type: "Data.Query"; dataset: "graph.microsoft.com/users" };
}

export type CardInput = TextInput | NumberInput | DateInput | ChoiceSetInput;

export type CardElement = TextBlock | FactSet | ColumnSet | Container | Image | ActionSet | CardInput;

export interface AdaptiveCard {
  type: "AdaptiveCard";
  $schema: typeof CARD_SCHEMA;
  version: typeof CARD_VERSION;
  body: CardElement[];
  actions?: SubmitAction[];
  /** Shown by clients that cannot render the card, and read out by screen readers. */
  fallbackText?: string;
}

/** A card as a Bot Framework attachment. */
export interface CardAttachment {
  contentType: typeof CARD_CONTENT_TYPE;
  content: AdaptiveCard;
}
