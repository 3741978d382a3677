/**
 * Plain constants of the contract, in a module without zod: a browser page that needs only these
 * (and the error codes) does not ship the schemas (the package declares no side effects).
 */

/** Bumped on every incompatible change of this contract; checked on connect. */
export const PROTOCOL_VERSION = 2;

export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I/L

export const NICKNAME_MAX = 24;
