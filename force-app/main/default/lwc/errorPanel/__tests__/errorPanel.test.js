import { createElement } from 'lwc';
import ErrorPanel from 'c/errorPanel';
import { flushPromises, resetDom } from 'test/utils';

describe('c-error-panel', () => {
  afterEach(() => {
    resetDom();
    jest.clearAllMocks();
  });

  function render(props) {
    const element = createElement('c-error-panel', { is: ErrorPanel });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
  }

  it('shows the generic title and every readable message as an alert', async () => {
    const element = render({
      errors: [{ body: [{ message: 'Insufficient access' }] }, new Error('Network down')]
    });
    await flushPromises();

    const alert = element.shadowRoot.querySelector('[role="alert"]');
    expect(alert.querySelector('h2').textContent).toBe('c.Error_Panel_Title');
    const messages = [...element.shadowRoot.querySelectorAll('.error-message')].map((li) => li.textContent);
    expect(messages).toEqual(['Insufficient access', 'Network down']);
    await expect(element).toBeAccessible();
  });

  it("shows the caller's message and no list when the error has no readable text", async () => {
    const element = render({ friendlyMessage: 'Could not load incidents', errors: {} });
    await flushPromises();

    expect(element.shadowRoot.querySelector('h2').textContent).toBe('Could not load incidents');
    expect(element.shadowRoot.querySelector('ul')).toBeNull();
    await expect(element).toBeAccessible();
  });
});
