// Dates shared by upload-cert and list-certs (no node:crypto here, so list-certs starts fast).

export const DAY_MS = 86_400_000;
/** Certificates expiring within this many days get a warning (upload-cert) or yellow (list-certs). */
export const EXPIRY_WARNING_DAYS = 30;

/** Whole days from `now` until `expiration` (negative once past). */
export function daysLeft(expiration: number, now: number): number {
  return Math.floor((expiration - now) / DAY_MS);
}
