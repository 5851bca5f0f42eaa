import { BusinessCalendar } from '../calendar';
import type { PracticeReviewContext } from '../../workflows/practice-review/practice-review.types';
import { reviewProgress, worstRag } from './review-progress';

const calendar = new BusinessCalendar();

/** Only the dates the timescales read; the rest of the context does not matter to them. */
function practiceReview(
  dates: PracticeReviewContext['dates'],
  decision: PracticeReviewContext['decision'] = null,
): PracticeReviewContext {
  return { dates, decision } as PracticeReviewContext;
}

describe('reviewProgress', () => {
  it('counts the rapid review in working days, skipping a bank holiday Monday', () => {
    // Aware Friday 2 May 2025 before the early May bank holiday; notified Friday 9 May; Monday 26
    // May is the spring bank holiday.
    const progress = reviewProgress(
      'practice-review',
      practiceReview({ awareOn: '2025-05-02', notificationSentOn: '2025-05-09' }),
      '2025-05-27',
      calendar,
    );
    expect(progress.timescales.map((t) => [t.key, t.label, t.rag, t.running])).toEqual([
      [
        'serious-incident-notification',
        'Serious incident notification: done on day 4 of 5',
        'amber',
        false,
      ],
      ['rapid-review', 'Rapid review: day 11 of 15', 'green', true],
    ]);
    expect(progress.rag).toBe('green');
  });

  it('is amber near the end and red past it, taking the worst running timescale', () => {
    const context = practiceReview({ awareOn: '2025-05-02', notificationSentOn: '2025-05-09' });
    expect(reviewProgress('practice-review', context, '2025-05-30', calendar).rag).toBe('amber');
    const late = reviewProgress('practice-review', context, '2025-06-04', calendar);
    expect(late.rag).toBe('red');
    expect(late.timescales[1].label).toBe('Rapid review: day 17 of 15 (2 working days overdue)');
  });

  it('measures a practice review in calendar months from the decision', () => {
    const progress = reviewProgress(
      'practice-review',
      practiceReview(
        {
          awareOn: '2025-01-06',
          notificationSentOn: '2025-01-08',
          rapidReviewSentToPanelOn: '2025-01-28',
          panelResponseOn: '2025-02-07',
          decisionOn: '2025-01-27',
        },
        'practice-review',
      ),
      '2025-06-06',
      calendar,
    );
    const review = progress.timescales.find((t) => t.key === 'review');
    expect(review?.label).toBe('Review: 4 months 10 days of 6 months since decision');
    expect(review?.rag).toBe('green');
    expect(progress.rag).toBe('green');
  });

  it('has no RAG once nothing runs, or when the review is closed', () => {
    const context = practiceReview({ awareOn: '2025-05-02', notificationSentOn: '2025-05-09' });
    expect(
      reviewProgress('practice-review', context, '2025-06-04', calendar, false).rag,
    ).toBeNull();
    expect(
      reviewProgress(
        'learning-review',
        { dates: { referredOn: '2025-05-02' } },
        '2025-06-04',
        calendar,
      ).rag,
    ).toBeNull();
  });

  it('orders RAG red over amber over green', () => {
    expect(worstRag(['green', 'amber', 'green'])).toBe('amber');
    expect(worstRag(['amber', 'red'])).toBe('red');
    expect(worstRag([])).toBeNull();
  });
});
