import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { WorkflowInstance } from '../../engine/persistence/workflow-instance.entity';
import { Partnership } from '../../partnerships/partnership.entity';
import { Person } from '../../people/person.entity';

/**
 * Another partnership contributing to this partnership's review (an out-of-area review): its named
 * people sit on the review and get tasks without the partnership owning it. The row belongs to the
 * owning partnership; the contributor's code and name are kept so the owner can show them.
 */
@Entity({ name: 'review_contributors' })
@Index('uq_review_contributors_partnership', ['instanceId', 'contributingPartnershipId'], {
  unique: true,
})
@Index('ix_review_contributors_contributing', ['contributingPartnershipId'])
@Check('ck_review_contributors_other', `"contributing_partnership_id" <> "partnership_id"`)
export class ReviewContributor {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_review_contributors' })
  id!: string;

  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId!: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'partnership_id',
    foreignKeyConstraintName: 'fk_review_contributors_partnership',
  })
  partnership?: Partnership;

  @Column({ name: 'instance_id', type: 'uuid' })
  instanceId!: string;

  @ManyToOne(() => WorkflowInstance, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'fk_review_contributors_instance' })
  instance?: WorkflowInstance;

  @Column({ name: 'contributing_partnership_id', type: 'uuid' })
  contributingPartnershipId!: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'contributing_partnership_id',
    foreignKeyConstraintName: 'fk_review_contributors_contributing',
  })
  contributingPartnership?: Partnership;

  @Column({ name: 'contributing_code', type: 'varchar', length: 16 })
  contributingCode!: string;

  @Column({ name: 'contributing_name', type: 'varchar', length: 200 })
  contributingName!: string;

  @Column({ name: 'added_by_person_id', type: 'uuid', nullable: true })
  addedByPersonId!: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'added_by_person_id',
    foreignKeyConstraintName: 'fk_review_contributors_added_by',
  })
  addedBy?: Person;

  @Column({ name: 'added_at', type: 'timestamptz' })
  addedAt!: Date;
}
