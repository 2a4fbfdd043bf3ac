/**
 * Turns whatever Lightning Data Service, the UI API or JavaScript threw into a flat list of messages a person can
 * read. Every component sends its errors through here so that they all report the same way.
 *
 * Shapes handled: UI API fetch responses (`body` as an array of `{ message }` or as one `{ message }`), record-save
 * errors (`body.output.errors` and `body.output.fieldErrors`), batch results (`body.results[].result`), plain
 * `Error`s, strings, and arrays of any of those.
 * @param {unknown} errors one error or an array of errors
 * @returns {string[]} the messages, without duplicates, in the order met
 */
export function reduceErrors(errors) {
  const list = Array.isArray(errors) ? errors : [errors];
  const messages = [];
  for (const error of list) {
    collectMessages(error, messages);
  }
  return [...new Set(messages.filter((message) => typeof message === 'string' && message.length > 0))];
}

/**
 * The field-level errors of a failed createRecord/updateRecord, keyed by field API name, so that a form can show
 * each message next to its input (validation rules that name an error field land here).
 * @param {unknown} error the rejection of createRecord/updateRecord
 * @returns {Record<string, string>} field API name -> message
 */
export function fieldErrorsOf(error) {
  const fieldErrors = error?.body?.output?.fieldErrors ?? {};
  const result = {};
  for (const [field, entries] of Object.entries(fieldErrors)) {
    const messages = (Array.isArray(entries) ? entries : [entries]).map((entry) => entry?.message).filter(Boolean);
    if (messages.length > 0) {
      result[field] = messages.join(' ');
    }
  }
  return result;
}

function collectMessages(error, messages) {
  if (error === undefined || error === null) {
    return;
  }
  if (typeof error === 'string') {
    messages.push(error);
    return;
  }
  if (Array.isArray(error)) {
    error.forEach((inner) => collectMessages(inner, messages));
    return;
  }
  const body = error.body;
  if (Array.isArray(body)) {
    body.forEach((entry) => messages.push(entry?.message));
    return;
  }
  if (body && typeof body === 'object') {
    const before = messages.length;
    if (Array.isArray(body.results)) {
      // A batch answer (related lists, records): only the failed entries carry messages.
      body.results.forEach((entry) => {
        if (entry?.statusCode >= 400) {
          collectMessages({ body: entry.result }, messages);
        }
      });
    }
    if (body.output) {
      (body.output.errors ?? []).forEach((entry) => messages.push(entry?.message));
      Object.values(body.output.fieldErrors ?? {}).forEach((entries) =>
        (Array.isArray(entries) ? entries : [entries]).forEach((entry) => messages.push(entry?.message))
      );
    }
    if (messages.length === before && typeof body.message === 'string') {
      messages.push(body.message);
    }
    if (messages.length > before) {
      return;
    }
  }
  if (typeof error.message === 'string' && error.message.length > 0) {
    messages.push(error.message);
    return;
  }
  if (typeof error.statusText === 'string') {
    messages.push(error.statusText);
  }
}
