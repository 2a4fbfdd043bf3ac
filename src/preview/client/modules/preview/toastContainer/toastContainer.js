import { LightningElement } from 'lwc';

const ICONS = { success: 'utility:success', error: 'utility:error', warning: 'utility:warning', info: 'utility:info' };
/** How long a toast stays, as Lightning Experience's default (dismissible) mode: errors stay longer. */
const DURATION_MS = { success: 5000, info: 5000, warning: 8000, error: 10000 };

/**
 * Shows the toasts components raise with lightning/platformShowToastEvent, as Lightning Experience's container
 * does: it listens for `lightning__showtoast` on the window and renders SLDS toasts, newest on top.
 */
export default class ToastContainer extends LightningElement {
  toasts = [];
  nextKey = 1;
  listener = (event) => this.show(event.detail ?? {});

  connectedCallback() {
    window.addEventListener('lightning__showtoast', this.listener);
  }

  disconnectedCallback() {
    window.removeEventListener('lightning__showtoast', this.listener);
  }

  show({ title = '', message = '', variant = 'info', messageData }) {
    const kind = ICONS[variant] ? variant : 'info';
    const key = this.nextKey++;
    const text = Array.isArray(messageData)
      ? String(message).replace(/\{(\d+)\}/g, (match, index) => {
          const data = messageData[Number(index)];
          return typeof data === 'object' && data ? (data.label ?? match) : String(data ?? match);
        })
      : String(message ?? '');
    this.toasts = [
      {
        key,
        title: String(title ?? ''),
        message: text,
        variant: kind,
        icon: ICONS[kind],
        className: `slds-notify slds-notify_toast slds-theme_${kind} preview-toast`
      },
      ...this.toasts
    ];
    setTimeout(() => this.dismiss(key), DURATION_MS[kind]);
  }

  dismiss(key) {
    this.toasts = this.toasts.filter((toast) => toast.key !== key);
  }

  handleClose(event) {
    this.dismiss(Number(event.currentTarget.dataset.key));
  }
}
