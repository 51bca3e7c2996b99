// Checks a form all at once: on saving, every problem is shown on its own field; each
// goes away as soon as its field is fixed (the checks re-run as the user types or picks),
// and a refusal from the core that names a field lands on that field too.
import { toApiError } from "./api";
import { describeError } from "./errors";
import { t } from "./i18n/index.svelte";

/** A field's check: the sentence to show when its value is wrong, else nothing. */
export type Check = () => string | null | undefined | false;

/** One field of a form, as the checker sees it. */
export interface FieldSpec {
  /** The field's current value: a core refusal shown on it stays until this changes. */
  value: () => unknown;
  /** What is wrong with it, if anything (checked on saving, and again after each change). */
  check?: Check;
}

/** "กรอก…": the sentence for an empty text box. */
export function fill(label: string): string {
  return t("validation.fill", { field: label });
}

/** "เลือก…": the sentence for a choice not made (a select, a list of items). */
export function choose(label: string): string {
  return t("validation.choose", { field: label });
}

/** A text box that must not be empty. */
export function needText(value: string | null | undefined, label: string): string | null {
  return (value ?? "").trim() ? null : fill(label);
}

/** A select that must have a choice. */
export function needChoice(value: unknown, label: string): string | null {
  return value === null || value === undefined || value === "" ? choose(label) : null;
}

function snapshot(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/**
 * The problems of one form. Build it once in the component with each field's value and
 * check; call `validate()` before saving and `refuse(error)` when the core says no; show
 * `error(name)` under each field and `message` in the form's error box.
 */
export class FormCheck<F extends string> {
  #fields: Record<F, FieldSpec>;
  #fieldOf: (coreField: string) => F | undefined;
  #attempted = $state(false);
  #core = $state<{ field: F; message: string; value: string } | null>(null);
  #general = $state<string | null>(null);

  /**
   * `fieldOf` maps the field a core error names ("code.format", "items[0].notes") to the
   * form's field; by default the name itself, or its part before the first "." or "[".
   */
  constructor(fields: Record<F, FieldSpec>, fieldOf?: (coreField: string) => F | undefined) {
    this.#fields = fields;
    this.#fieldOf =
      fieldOf ??
      ((name: string) => {
        if (name in this.#fields) return name as F;
        const head = name.split(/[.[]/)[0];
        return head in this.#fields ? (head as F) : undefined;
      });
  }

  /** Every field's problem now (none until the first save). */
  readonly errors: Partial<Record<F, string>> = $derived.by(() => {
    const found: Partial<Record<F, string>> = {};
    if (this.#attempted) {
      for (const name of Object.keys(this.#fields) as F[]) {
        const message = this.#fields[name].check?.();
        if (message) found[name] = message;
      }
    }
    const core = this.#core;
    if (core && !found[core.field] && snapshot(this.#fields[core.field].value()) === core.value) {
      found[core.field] = core.message;
    }
    return found;
  });

  /** The problem of one field, for its error line. */
  error(field: F): string | undefined {
    return this.errors[field];
  }

  /** How many fields need fixing. */
  get count(): number {
    return Object.keys(this.errors).length;
  }

  /**
   * The form's own error box: a refusal that names no field of the form, else how many
   * fields still need fixing (so a long form says there is more to fix further up).
   */
  get message(): string | null {
    if (this.#general) return this.#general;
    return this.count > 0 ? t("validation.summary", { count: this.count }) : null;
  }

  /** Checks every field at once; true when the form may be sent. */
  validate(): boolean {
    this.#attempted = true;
    this.#core = null;
    this.#general = null;
    return this.count === 0;
  }

  /**
   * Shows the core's refusal on the field it names (or on `on`, for a refusal that is one
   * field's without naming it), else in the form's box.
   */
  refuse(raw: unknown, scope?: string, on?: F): void {
    const error = toApiError(raw);
    const message = describeError(error, scope);
    const field = on ?? (error.field ? this.#fieldOf(error.field) : undefined);
    if (field) {
      this.#core = { field, message, value: snapshot(this.#fields[field].value()) };
      this.#general = null;
    } else {
      this.#general = message;
    }
  }

  /** Shows a sentence in the form's box (a failure that is no field's). */
  fail(message: string | null): void {
    this.#general = message;
  }

  /** Forgets every problem (e.g. when the form is opened again). */
  reset(): void {
    this.#attempted = false;
    this.#core = null;
    this.#general = null;
  }
}
