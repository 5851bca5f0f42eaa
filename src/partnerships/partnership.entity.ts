import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  OneToMany,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Agency } from './agency.entity';

/** A Safeguarding Children Partnership. One deployment hosts several. */
@Entity({ name: 'partnerships' })
export class Partnership {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_partnerships' })
  id!: string;

  /** Short code used in reference numbers, e.g. "MSCP". */
  @Index('uq_partnerships_code', { unique: true })
  @Column({ type: 'varchar', length: 16 })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @OneToMany('Agency', (agency: Agency) => agency.partnership)
  agencies?: Agency[];
}
