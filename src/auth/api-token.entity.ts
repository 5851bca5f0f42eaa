import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Person } from '../people/person.entity';

/**
 * A personal API token for scripts and integrations. It acts as the person who created it, with
 * their permissions at the time of each request. Only the SHA-256 of the token is stored; the
 * prefix is kept so the person can tell their tokens apart.
 */
@Entity({ name: 'api_tokens' })
@Index('ix_api_tokens_person', ['personId'])
export class ApiToken {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_api_tokens' })
  id!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_api_tokens_person' })
  person?: Person;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** The token's first characters, e.g. `srt_4kQ9xZ2a`: enough to recognise it, useless alone. */
  @Column({ type: 'varchar', length: 16 })
  prefix!: string;

  @Index('uq_api_tokens_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
