import { ACCESS_DENIED_NAMES, iamAction, operationOf } from '../domain/iam-actions.js';

/** The property a refused request's error carries: the IAM action that was refused. */
export const REFUSED_ACTION = 'scalectlRefusedAction';

interface Sender {
  send(command: unknown, options?: unknown): Promise<unknown>;
}

/**
 * An AccessDenied-style error from this client names the IAM action it refused (the request's
 * operation under the client's IAM service prefix), so the one-line error can say which one.
 */
export function tagRefusedAction(client: Sender, clientKey: string): void {
  const send = client.send.bind(client);
  client.send = async (command, options) => {
    try {
      return await send(command, options);
    } catch (err) {
      const op = operationOf(command);
      const e = err as Error & { $metadata?: { httpStatusCode?: number } };
      // A 403 whose body the SDK could not read is a refusal too: moto answers CloudWatch's JSON
      // protocol with an XML AccessDenied document.
      // Route 53's REST-XML client names moto's AccessDenied document Unknown.
      const unreadable403 = e?.$metadata?.httpStatusCode === 403 && (/Deserialization error|not valid JSON|XML/i.test(e.message ?? '') || /^Unknown(Error)?$/.test(e.name ?? ''));
      if (err && typeof err === 'object' && op && (ACCESS_DENIED_NAMES.has(e.name) || unreadable403)) {
        const action = iamAction(clientKey, op);
        if (action) {
          Object.defineProperty(err, REFUSED_ACTION, { value: action, enumerable: false, configurable: true });
          Object.defineProperty(err, 'scalectlRefusedCode', { value: unreadable403 ? 'HTTP 403' : e.name, enumerable: false, configurable: true });
        }
      }
      throw err;
    }
  };
}
