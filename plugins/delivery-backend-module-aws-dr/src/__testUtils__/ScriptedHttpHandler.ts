/** An HTTP answer the handler plays back. */
export interface ScriptedResponse {
  status: number;
  body: string;
}

/** AWS's XML error body for a throttled request (RDS and Route 53 both answer this shape). */
export function throttled(code = 'Throttling'): ScriptedResponse {
  return {
    status: 400,
    body: `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>Rate exceeded</Message></Error><RequestId>req-throttled</RequestId></ErrorResponse>`,
  };
}

/**
 * An SDK request handler that answers from a script instead of the network, so the client's
 * real middleware (signing, retry strategy, error parsing) runs as in production. The last
 * response repeats once the script runs out.
 */
export class ScriptedHttpHandler {
  /** The `Action` (RDS) or method and path (Route 53) of every request, in order. */
  readonly requests: string[] = [];
  private readonly script: ScriptedResponse[];

  constructor(script: ScriptedResponse[]) {
    this.script = [...script];
  }

  async handle(request: { method: string; path: string; body?: unknown }) {
    const action =
      typeof request.body === 'string'
        ? new URLSearchParams(request.body).get('Action')
        : null;
    this.requests.push(action ?? `${request.method} ${request.path}`);
    const next = this.script.length > 1 ? this.script.shift()! : this.script[0];
    return {
      response: {
        statusCode: next.status,
        headers: {
          'content-type': 'text/xml',
          'x-amzn-requestid': 'req-test',
        },
        body: Buffer.from(next.body),
      },
    };
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }
}
