import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Partnership } from './partnership.entity';

export const AGENCY_KINDS = [
  'local-authority',
  'police',
  'health',
  'education',
  'probation',
  'youth-justice',
  'cafcass',
  'secure-estate',
  'fire-and-rescue',
  'voluntary-sector',
  'other',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** An agency taking part in a partnership's work (council, police, an NHS trust, a school...). */
@Entity({ name: 'agencies' })
@Index('uq_agencies_partnership_name', ['partnershipId', 'name'], { unique: true })
export class Agency {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_agencies' })
  id!: string;

  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId!: string;

  @ManyToOne('Partnership', (partnership: Partnership) => partnership.agencies, {
    onDelete: 'CASCADE',
  })
  @JoinColumn({ name: 'partnership_id', foreignKeyConstraintName: 'fk_agencies_partnership' })
  partnership?: Partnership;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: AgencyKind;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
