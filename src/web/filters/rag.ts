import type { Rag } from '../../calendar';

/** Options for `govukTag`: colour never carries the meaning alone, the words do. */
export interface TagOptions {
  text: string;
  classes: string;
}

const TAGS = {
  green: { text: 'On track', classes: 'govuk-tag--green' },
  amber: { text: 'At risk', classes: 'govuk-tag--orange' },
  red: { text: 'Overdue', classes: 'govuk-tag--red' },
} as const satisfies Record<Rag, TagOptions>;

/** A RAG rating as a GOV.UK tag, e.g. `{{ govukTag(progress.rag | ragTag) }}`. */
export function ragTag(rag: Rag): TagOptions {
  const tag: TagOptions | undefined = (TAGS as Record<string, TagOptions>)[rag];
  if (!tag) throw new RangeError(`Unknown RAG rating ${JSON.stringify(rag)}`);
  return { ...tag };
}
