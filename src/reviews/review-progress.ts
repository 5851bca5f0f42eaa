/**
 * Progress against a review's statutory timescales, computed from its dates (never typed in) with
 * the one business calendar: "Rapid review: day 12 of 15", "Review: 4 months 10 days of 6 months
 * since decision", each with a RAG status. Pure.
 */
import type { BusinessCalendar, IsoDate, Rag } from '../calendar';
import { REVIEW_KIND_SPECS, type ReviewKind } from './review-kinds';

export interface TimescaleView {
  key: string;
  /** Dates and counts only: safe to show anywhere. */
  label: string;
  rag: Rag;
  /** Still running (not yet done). */
  running: boolean;
  completedOn: IsoDate | null;
}

export interface ReviewProgress {
  timescales: TimescaleView[];
  /** The worst RAG of the timescales still running; null when none is, or the review is closed. */
  rag: Rag | null;
}

const SEVERITY: Readonly<Record<Rag, number>> = { green: 0, amber: 1, red: 2 };

export function worstRag(rags: readonly Rag[]): Rag | null {
  return rags.reduce<Rag | null>(
    (worst, rag) => (worst === null || SEVERITY[rag] > SEVERITY[worst] ? rag : worst),
    null,
  );
}

export function reviewProgress(
  kind: ReviewKind,
  context: unknown,
  today: IsoDate,
  calendar: BusinessCalendar,
  live = true,
): ReviewProgress {
  const timescales = REVIEW_KIND_SPECS[kind]
    .timescales(context, today, calendar)
    .map((timescale) => ({
      key: timescale.key,
      label: timescale.label,
      rag: timescale.progress.rag,
      running: live && timescale.completedOn === null,
      completedOn: timescale.completedOn,
    }));
  return {
    timescales,
    rag: worstRag(timescales.filter((timescale) => timescale.running).map((t) => t.rag)),
  };
}
