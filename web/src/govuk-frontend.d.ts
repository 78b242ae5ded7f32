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
}
