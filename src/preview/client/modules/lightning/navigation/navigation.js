/**
 * lightning/navigation for the preview: NavigationMixin (Navigate, GenerateUrl) and the CurrentPageReference wire
 * adapter, on the URL scheme of Lightning Experience (`/lightning/r/<Object>/<id>/view`,
 * `/lightning/o/<Object>/list`), which the preview server answers for accounts.
 */
import { context } from 'preview/context';

const NAVIGATE = Symbol('Navigate');
const GENERATE_URL = Symbol('GenerateUrl');

/**
 * The URL of a page reference, or null for page types the preview does not serve.
 * @param {{ type: string, attributes?: Record<string, string>, state?: Record<string, string> }} pageReference
 * @returns {string|null}
 */
export function urlOf(pageReference) {
  const attributes = pageReference?.attributes ?? {};
  switch (pageReference?.type) {
    case 'standard__recordPage':
      return `/lightning/r/${encodeURIComponent(attributes.objectApiName ?? 'Account')}/${encodeURIComponent(
        attributes.recordId
      )}/${encodeURIComponent(attributes.actionName ?? 'view')}`;
    case 'standard__objectPage':
      return `/lightning/o/${encodeURIComponent(attributes.objectApiName)}/${encodeURIComponent(
        attributes.actionName ?? 'list'
      )}`;
    case 'standard__webPage':
      return attributes.url ?? null;
    default:
      return null;
  }
}

/**
 * Adds [NavigationMixin.Navigate](pageReference, replace) and [NavigationMixin.GenerateUrl](pageReference).
 * @param {Function} Base a LightningElement class
 * @returns {Function}
 */
export function NavigationMixin(Base) {
  return class extends Base {
    [NAVIGATE](pageReference, replace) {
      const url = urlOf(pageReference);
      if (url === null) {
        console.warn('Navigation to this page type is not available in the preview', pageReference);
        return;
      }
      if (replace) {
        window.location.replace(url);
      } else {
        window.location.assign(url);
      }
    }

    [GENERATE_URL](pageReference) {
      return Promise.resolve(urlOf(pageReference));
    }
  };
}
NavigationMixin.Navigate = NAVIGATE;
NavigationMixin.GenerateUrl = GENERATE_URL;

/** The page reference of the current page. */
export function currentPageReference() {
  return context.pageReference ?? { type: 'standard__namedPage', attributes: { pageName: 'home' }, state: {} };
}

/** The CurrentPageReference wire adapter: emits the page reference of the page the component is on. */
export class CurrentPageReference {
  constructor(callback) {
    this.callback = callback;
  }

  update() {}

  connect() {
    this.callback(currentPageReference());
  }

  disconnect() {}
}
