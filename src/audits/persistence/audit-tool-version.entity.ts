import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Partnership } from '../../partnerships/partnership.entity';
import { Person } from '../../people/person.entity';
import type { ToolDomain, ToolGrade } from '../tools/audit-tool-content';
import { AuditTool } from './audit-tool.entity';

/** One published, unchanging version of an audit tool. */
@Entity({ name: 'audit_tool_versions' })
@Index('uq_audit_tool_versions_tool_version', ['toolId', 'version'], { unique: true })
export class AuditToolVersion {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_audit_tool_versions' })
  id!: string;

  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId!: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'partnership_id',
    foreignKeyConstraintName: 'fk_audit_tool_versions_partnership',
  })
  partnership?: Partnership;

  @Column({ name: 'tool_id', type: 'uuid' })
  toolId!: string;

  @ManyToOne(() => AuditTool, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tool_id', foreignKeyConstraintName: 'fk_audit_tool_versions_tool' })
  tool?: AuditTool;

  @Column({ type: 'int' })
  version!: number;

  /** Grading domains, each with its questions (validated by the DTOs before they are stored). */
  @Column({ type: 'jsonb' })
  domains!: ToolDomain[];

  /** The grades auditors choose from, best first: a subset of the standard four, relabelled. */
  @Column({ name: 'grade_scale', type: 'jsonb' })
  gradeScale!: ToolGrade[];

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt!: Date;

  @Column({ name: 'published_by_person_id', type: 'uuid', nullable: true })
  publishedByPersonId!: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'published_by_person_id',
    foreignKeyConstraintName: 'fk_audit_tool_versions_published_by',
  })
  publishedBy?: Person;
}
