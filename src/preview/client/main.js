/**
 * The preview page's entry: synthetic shadow first (lightning-base-components need it, as the platform provides it),
 * then the page component. Exposes the time the Maintenance tab took to render for the benchmark.
 */
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import PreviewApp from 'preview/app';

const app = createElement('preview-app', { is: PreviewApp });
document.getElementById('preview-root').appendChild(app);
