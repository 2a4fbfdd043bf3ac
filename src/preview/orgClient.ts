/**
 * The preview server's line to the org (the embedded local org or a real one): REST calls with the session's access
 * token, which never reaches the browser. A 401 triggers one token refresh and one retry, for real orgs whose
 * session expired while the preview ran.
 */

export interface OrgSession {
  /** `https://...my.salesforce.com` or `http://127.0.0.1:<port>`. */
  instanceUrl: string;
  /** API version without the `v`, e.g. `62.0`. */
  apiVersion: string;
  /** The current access token. */
  accessToken: () => string;
  /** Gets a fresh token after a 401 (real orgs); absent when the token cannot expire (the local org). */
  refresh?: () => Promise<void>;
  /** What to call the org in the page header (alias or username). */
  label: string;
}

export interface OrgResponse {
  status: number;
  headers: Headers;
  body: Buffer;
}

/** An error from the org's REST API, with the status and Salesforce's error body. */
export class OrgRequestError extends Error {
  public constructor(
    public readonly status: number,
    public readonly body: string
  ) {
    super(`The org answered ${status}: ${body.slice(0, 300)}`);
    this.name = 'OrgRequestError';
  }
}

export class OrgClient {
  public constructor(public readonly session: OrgSession) {}

  /** `/services/data/vXX.X`. */
  public get dataPath(): string {
    return `/services/data/v${this.session.apiVersion}`;
  }

  /**
   * Sends a request to the org as it is (the UI API proxy) and returns the raw answer.
   * @param method HTTP method
   * @param pathAndQuery e.g. `/services/data/v62.0/ui-api/records/001...?fields=Account.Name`
   * @param body request body (JSON text) for writes
   */
  public async send(method: string, pathAndQuery: string, body?: Buffer): Promise<OrgResponse> {
    let response = await this.once(method, pathAndQuery, body);
    if (response.status === 401 && this.session.refresh) {
      await this.session.refresh();
      response = await this.once(method, pathAndQuery, body);
    }
    return response;
  }

  private async once(method: string, pathAndQuery: string, body?: Buffer): Promise<OrgResponse> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.session.accessToken()}`,
      Accept: 'application/json'
    };
    if (body && body.length > 0) headers['Content-Type'] = 'application/json';
    const response = await fetch(new URL(pathAndQuery, this.session.instanceUrl), {
      method,
      headers,
      body: body && body.length > 0 && method !== 'GET' ? body : undefined,
      redirect: 'manual'
    });
    return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
  }

  /**
   * GETs JSON from the org.
   * @param path below the instance URL
   * @throws OrgRequestError when the org answers an error
   */
  public async getJson<T>(path: string): Promise<T> {
    const response = await this.send('GET', path);
    const text = response.body.toString('utf8');
    if (response.status >= 400) throw new OrgRequestError(response.status, text);
    return JSON.parse(text) as T;
  }

  /**
   * Runs a SOQL query and follows `nextRecordsUrl` to the end.
   * @param soql the query
   * @returns every record
   */
  public async query<T>(soql: string): Promise<T[]> {
    const records: T[] = [];
    let page = await this.getJson<{ records: T[]; nextRecordsUrl?: string }>(
      `${this.dataPath}/query?q=${encodeURIComponent(soql)}`
    );
    records.push(...page.records);
    while (page.nextRecordsUrl) {
      page = await this.getJson(page.nextRecordsUrl);
      records.push(...page.records);
    }
    return records;
  }
}
