import type { ErrorCode, WireError } from '@backprop/contract';

/** A refusal with a typed code, thrown by services and translated by each transport. */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }

  static from(error: WireError): ServiceError {
    return new ServiceError(error.code, error.message);
  }

  toWire(): WireError {
    return { code: this.code, message: this.message };
  }
}
