// IAM's answers to UploadServerCertificate, explained in the terms an operator can act on.
import { capMessage, OperationError } from '../errors.js';

const name = (err: unknown) => ((err as { name?: string } | undefined)?.name ?? '').replace(/Exception$/, '');
const message = (err: unknown) => capMessage(err instanceof Error ? err.message : String(err));

/** The rotation advice: IAM cannot replace a certificate in place. */
export function rotationHint(certName: string, expiration: string): string {
  const next = `${certName}-${expiration.slice(0, 10)}`;
  return `IAM cannot replace a certificate in place: upload it under a new name (scalectl upload-cert ${next} …), then switch the listener: scalectl set-lb-cert LB --port 443 --cert ${next}`;
}

/** An OperationError (exit 1) for the upload errors we know; undefined for anything else. */
export function explainUploadError(err: unknown, certName: string, expiration: string): OperationError | undefined {
  const why = message(err);
  switch (name(err)) {
    case 'MalformedCertificate':
      return new OperationError(
        `IAM refused the certificate as malformed: ${why}`,
        'the files passed the local checks, so compare the chain with what your CA publishes (intermediates only, leaf issuer first) and check the certificate is not past its dates on the IAM side',
        { cause: err },
      );
    case 'KeyPairMismatch':
      return new OperationError(
        `IAM says the private key does not match the certificate: ${why}`,
        'the key matched locally; check that --cert names the server certificate (not an intermediate) and re-run with the key made for it',
        { cause: err },
      );
    case 'EntityAlreadyExists':
      return new OperationError(`a server certificate named ${certName} already exists in IAM`, rotationHint(certName, expiration), { cause: err });
    case 'LimitExceeded':
      return new OperationError(
        `IAM refused the upload: the account is at its server-certificate limit (20 by default): ${why}`,
        'delete certificates no longer in use (scalectl list-certs, then scalectl teardown --cert NAME) or raise the quota (up to 1,000) in Service Quotas',
        { cause: err },
      );
    case 'InvalidInput':
      return new OperationError(`IAM refused the request: ${why}`, 'check the name (letters, digits and +=,.@_-) and that --path starts and ends with /', { cause: err });
    default:
      return undefined;
  }
}
