import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Partnership } from '../../partnerships/partnership.entity';

/**
 * A partnership's audit tool: the questions and grading domains its auditors answer. Its content
 * lives in versions (`audit_tool_versions`); editing publishes a new version, and each audit keeps
 * the version it was opened with.
 */
@Entity({ name: 'audit_tools' })
@Index('uq_audit_tools_partnership_name', ['partnershipId', 'name'], { unique: true })
export class AuditTool {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_audit_tools' })
  id!: string;

  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId!: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partnership_id', foreignKeyConstraintName: 'fk_audit_tools_partnership' })
  partnership?: Partnership;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** The newest published version; new audits pin it. */
  @Column({ name: 'latest_version', type: 'int' })
  latestVersion!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
