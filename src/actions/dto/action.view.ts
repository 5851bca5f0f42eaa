import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Rag } from '../../calendar';
import { RAG_VALUES, type RagReason } from '../action-rag';
import {
  ACTION_STATUSES,
  ACTION_UPDATE_KINDS,
  type ActionStatus,
  type ActionUpdateKind,
} from '../action-status';
import { SOURCE_KINDS, type SourceKind } from '../action-source';

export class PersonRefView {
  @ApiProperty()
  personId!: string;

  @ApiProperty({ nullable: true, type: String, description: 'Null when not visible to you.' })
  displayName!: string | null;
}

export class AgencyRefView {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  name!: string;
}

/** The audit or review that made the recommendation. */
export class SourceView {
  @ApiProperty()
  instanceId!: string;

  @ApiProperty({ example: 'RSCP-CFA-2026-001' })
  reference!: string;

  @ApiProperty({ description: 'Non-identifying, e.g. "Child H".' })
  title!: string;

  @ApiProperty({ example: 'case-file-audit' })
  definitionKey!: string;

  @ApiProperty({ enum: SOURCE_KINDS })
  kind!: SourceKind;
}

export class ActionUpdateView {
  @ApiProperty()
  id!: string;

  @ApiProperty({ enum: ACTION_UPDATE_KINDS })
  kind!: ActionUpdateKind;

  @ApiProperty({
    description:
      'The progress note, the case for closing, the subgroup’s agreement record, or its reason to decline.',
  })
  note!: string;

  @ApiProperty({ nullable: true, type: String })
  evidenceOfImpact!: string | null;

  @ApiProperty({ nullable: true, type: PersonRefView })
  by!: PersonRefView | null;

  @ApiProperty()
  at!: string;
}

export class ActionView {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  recommendationId!: string;

  @ApiProperty({ example: 2 })
  recommendationNumber!: number;

  @ApiProperty({ example: 1 })
  number!: number;

  @ApiProperty({ example: '2.1', description: 'Recommendation number, then action number.' })
  label!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty({ type: SourceView })
  source!: SourceView;

  @ApiProperty({ type: AgencyRefView })
  ownerAgency!: AgencyRefView;

  @ApiProperty({ type: PersonRefView })
  lead!: PersonRefView;

  @ApiProperty({ example: '2026-09-30' })
  dueOn!: string;

  @ApiProperty({ enum: ACTION_STATUSES, description: 'The stored lifecycle.' })
  status!: ActionStatus;

  @ApiProperty({ description: 'Computed: not complete and today (Europe/London) is after dueOn.' })
  overdue!: boolean;

  @ApiProperty({ enum: RAG_VALUES, description: 'Computed on every read; see the README.' })
  rag!: Rag;

  @ApiProperty({
    nullable: true,
    enum: ['overdue', 'due-soon', 'no-recent-progress'],
    description: 'Why it is red or amber.',
  })
  ragReason!: RagReason | null;

  @ApiProperty({ nullable: true, type: String, description: 'The owner’s last report.' })
  lastReportAt!: string | null;

  @ApiProperty({ description: 'Send it back as If-Match: "<version>" to change the action.' })
  version!: number;

  @ApiProperty({ nullable: true, type: String })
  closureRequestedAt!: string | null;

  @ApiProperty({ nullable: true, type: PersonRefView })
  closureRequestedBy!: PersonRefView | null;

  @ApiProperty({ nullable: true, type: String })
  closedAt!: string | null;

  @ApiProperty({ nullable: true, type: PersonRefView })
  closedBy!: PersonRefView | null;

  @ApiProperty({ nullable: true, type: String, description: 'The subgroup’s agreement record.' })
  closureAgreement!: string | null;

  @ApiProperty()
  createdAt!: string;

  @ApiProperty()
  updatedAt!: string;

  @ApiPropertyOptional({
    type: [ActionUpdateView],
    description: 'Its history, oldest first (on single reads).',
  })
  updates?: ActionUpdateView[];
}

export class ActionPageView {
  @ApiProperty({ type: [ActionView] })
  items!: ActionView[];

  @ApiProperty({ description: 'How many match the filters in all.' })
  total!: number;

  @ApiProperty()
  limit!: number;

  @ApiProperty()
  offset!: number;
}
