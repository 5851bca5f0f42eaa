/**
 * Regions of the parallel state that sets a review up: each appointment the business manager makes,
 * and the terms of reference the panel chair agrees.
 */
import { BUSINESS_MANAGER, PANEL_CHAIR } from './review-assignees';

/** Open until `appointedGuard` sees the person recorded (the appointment event may come earlier). */
export function appointmentRegion<const TGuard extends string>(
  step: { key: string; title: string },
  appointedGuard: TGuard,
) {
  return {
    initial: 'pending',
    states: {
      pending: {
        meta: { steps: [{ ...step, assignee: BUSINESS_MANAGER }] },
        always: { guard: appointedGuard, target: 'appointed' },
      },
      appointed: { type: 'final' },
    },
  } as const;
}

export function termsOfReferenceRegion(title: string) {
  return {
    initial: 'pending',
    states: {
      pending: {
        meta: { steps: [{ key: 'agree-terms-of-reference', title, assignee: PANEL_CHAIR }] },
        on: {
          TERMS_OF_REFERENCE_AGREED: { target: 'agreed', actions: 'agreeTermsOfReference' },
        },
      },
      agreed: { type: 'final' },
    },
  } as const;
}
