/** The one business calendar (England and Wales) and what is computed with it. Pure: no Nest, no I/O. */
export type { Anchors, DueRule, IsoDate } from '../../workflows/shared/due-rule';
export { BusinessCalendar, isIsoDate, type MonthsAndDays } from './business-calendar';
export { computeDueDate, describeDueRule, validateDueRule } from './due-rules';
export {
  AMBER_FROM_FRACTION_USED,
  AMBER_FROM_WORKING_DAYS_LEFT,
  monthProgress,
  workingDayProgress,
  type MonthProgress,
  type Rag,
  type WorkingDayProgress,
} from './timescale';
