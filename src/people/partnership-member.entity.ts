import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { PartnershipRole } from '../../workflows/shared/roles';
import { Agency } from '../partnerships/agency.entity';
import { Partnership } from '../partnerships/partnership.entity';
import { Person } from './person.entity';

/** A person's place in one partnership: the agency they represent and their partnership roles. */
@Entity({ name: 'partnership_members' })
@Index('uq_partnership_members_person', ['partnershipId', 'personId'], { unique: true })
export class PartnershipMember {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_partnership_members' })
  id!: string;

  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId!: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'partnership_id',
    foreignKeyConstraintName: 'fk_partnership_members_partnership',
  })
  partnership?: Partnership;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_partnership_members_person' })
  person?: Person;

  @Column({ name: 'agency_id', type: 'uuid', nullable: true })
  agencyId!: string | null;

  @ManyToOne(() => Agency, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_partnership_members_agency' })
  agency?: Agency;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  roles!: PartnershipRole[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
