// The small set of typed errors domain code throws; web/error-handler.ts maps them to HTTP once.
export type FieldErrors = Record<string, string>;

export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class NotFound extends DomainError {
  constructor(message = 'Not found') {
    super(404, 'not-found', message);
  }
}

export class Unauthorized extends DomainError {
  constructor(message = 'Sign-in required') {
    super(401, 'unauthorized', message);
  }
}

export class Forbidden extends DomainError {
  constructor(message = 'Not allowed') {
    super(403, 'forbidden', message);
  }
}

export class Conflict extends DomainError {
  constructor(message: string) {
    super(409, 'conflict', message);
  }
}

/** A booking lost the race for a slot (or the slot is no longer free); carries the next free starts to offer instead. */
export class SlotTaken extends Conflict {
  constructor(
    readonly alternatives: ReadonlyArray<{ start: number; end: number }> = [],
    message = 'That slot was just taken',
  ) {
    super(message);
  }
}

export class TooManyRequests extends DomainError {
  constructor(message = 'Too many attempts') {
    super(429, 'too-many-requests', message);
  }
}

/** Bad input: one message per field, already localized for the person who sent it. */
export class Invalid extends DomainError {
  constructor(
    readonly fields: FieldErrors,
    message = 'Some fields are not valid',
  ) {
    super(422, 'invalid', message);
  }
}

/** A dependency (usually the database) cannot answer; the action fails closed. */
export class Unavailable extends DomainError {
  constructor(message = 'Temporarily unavailable') {
    super(503, 'unavailable', message);
  }
}

export class MethodNotAllowed extends DomainError {
  constructor(message = 'Method Not Allowed') {
    super(405, 'method-not-allowed', message);
  }
}
