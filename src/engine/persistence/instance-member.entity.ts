import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { InstanceRole } from '../../../workflows/shared/roles';
import { Agency } from '../../partnerships/agency.entity';
import { Partnership } from '../../partnerships/partnership.entity';
import { Person } from '../../people/person.entity';
import { WorkflowInstance } from './workflow-instance.entity';

/** A person's role on one instance (panel chair, an agency's safeguarding lead...). */
@Entity({ name: 'instance_members' })
@Index('uq_instance_members_role', ['instanceId', 'personId', 'role'], { unique: true })
@Index('ix_instance_members_person', ['personId'])
export class InstanceMember {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_instance_members' })
  id!: string;

  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId!: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'partnership_id',
    foreignKeyConstraintName: 'fk_instance_members_partnership',
  })
  partnership?: Partnership;

  @Column({ name: 'instance_id', type: 'uuid' })
  instanceId!: string;

  @ManyToOne(() => WorkflowInstance, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'fk_instance_members_instance' })
  instance?: WorkflowInstance;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_instance_members_person' })
  person?: Person;

  @Column({ type: 'varchar', length: 40 })
  role!: InstanceRole;

  /** The agency the person represents on this instance, if any. */
  @Column({ name: 'agency_id', type: 'uuid', nullable: true })
  agencyId!: string | null;

  @ManyToOne(() => Agency, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_instance_members_agency' })
  agency?: Agency;

  @Column({ name: 'added_at', type: 'timestamptz' })
  addedAt!: Date;
}
