// govuk-frontend ships no TypeScript declarations; declare the part we use.
declare module 'govuk-frontend' {
  /** Options for initAll: a scope element, per-component config and an error callback. */
  export interface InitAllConfig {
    scope?: Element | Document | null;
    onError?: (error: unknown, context: unknown) => void;
    [component: string]: unknown;
  }

  /** Finds every element with a GOV.UK `data-module` attribute in scope and starts its component. */
  export function initAll(config?: InitAllConfig | Element | Document | null): void;

  /**
   * The error summary. Starting one moves focus to it (unless `disableAutoFocus`), and makes
   * its links focus the field they name. An element can be started only once.
   */
  export class ErrorSummary {
    constructor(root: Element | null, config?: { disableAutoFocus?: boolean });
  }

  /** The notification banner. One with role="alert" takes focus when started. */
  export class NotificationBanner {
    constructor(root: Element | null, config?: { disableAutoFocus?: boolean });
  }

  /** The password input's "Show" / "Hide" button. */
  export class PasswordInput {
    constructor(root: Element | null, config?: Record<string, unknown>);
  }
}
