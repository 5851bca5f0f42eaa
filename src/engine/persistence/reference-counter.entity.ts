import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Partnership } from '../../partnerships/partnership.entity';

/** The last sequence number handed out per partnership, reference code and year. */
@Entity({ name: 'workflow_reference_counters' })
export class ReferenceCounter {
  @PrimaryColumn({
    name: 'partnership_id',
    type: 'uuid',
    primaryKeyConstraintName: 'pk_workflow_reference_counters',
  })
  partnershipId!: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'partnership_id',
    foreignKeyConstraintName: 'fk_workflow_reference_counters_partnership',
  })
  partnership?: Partnership;

  @PrimaryColumn({
    name: 'reference_code',
    type: 'varchar',
    length: 16,
    primaryKeyConstraintName: 'pk_workflow_reference_counters',
  })
  referenceCode!: string;

  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'pk_workflow_reference_counters' })
  year!: number;

  @Column({ name: 'last_value', type: 'int' })
  lastValue!: number;
}
