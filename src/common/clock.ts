import { Injectable } from '@nestjs/common';

/**
 * The current instant, injected wherever "now" matters (the engine, deadline sweeps, reminders),
 * so tests can set time instead of sleeping. Nest resolves it by this class as the token.
 */
export abstract class Clock {
  abstract now(): Date;
}

/** The real time. */
@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that stands still until told otherwise; for tests and benchmarks. */
export class SettableClock extends Clock {
  private current: number;

  constructor(start: Date | string = new Date()) {
    super();
    this.current = toInstant(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: Date | string): void {
    this.current = toInstant(instant).getTime();
  }

  advance(milliseconds: number): void {
    if (!Number.isFinite(milliseconds)) {
      throw new RangeError(`Cannot advance the clock by ${String(milliseconds)} ms`);
    }
    this.current += milliseconds;
  }
}

function toInstant(value: Date | string): Date {
  const instant = typeof value === 'string' ? new Date(value) : new Date(value.getTime());
  if (Number.isNaN(instant.getTime())) {
    throw new RangeError(`Invalid instant ${JSON.stringify(String(value))}`);
  }
  return instant;
}
