import { Injectable } from '@nestjs/common';
import { EngineErrorCode, EngineException } from '../engine/engine.exception';
import type { EngineActor, MemberInput } from '../engine/engine.types';
import { InstanceReader } from '../engine/instance-reader.service';
import { WorkflowEngine } from '../engine/workflow-engine.service';
import type { InstanceRole } from '../../workflows/shared/roles';
import type { MembershipDto } from './dto/instance-responses.dto';

/**
 * Who sits on an audit or review, as idempotent PUT and DELETE: asking for what is already so
 * answers with `changed: false` and writes nothing; anything else goes through the engine, which
 * records it as an event.
 */
@Injectable()
export class InstanceMembers {
  constructor(
    private readonly engine: WorkflowEngine,
    private readonly reader: InstanceReader,
  ) {}

  async put(
    actor: EngineActor,
    instanceId: string,
    member: MemberInput,
    expectedVersion: number | undefined,
  ): Promise<MembershipDto> {
    try {
      const result = await this.engine.addMember(actor, instanceId, member, { expectedVersion });
      return membership(instanceId, member, member.agencyId ?? null, true, true, result.version);
    } catch (error) {
      if (!isUnchanged(error)) throw error;
      const view = await this.reader.getInstance(actor, instanceId);
      const held = view.members.find(
        (m) => m.personId === member.personId && m.role === member.role,
      );
      const sameAgency =
        member.agencyId === undefined || held?.agencyId === (member.agencyId ?? null);
      if (!held || !sameAgency) throw error;
      return membership(instanceId, member, held.agencyId, true, false, view.version);
    }
  }

  async remove(
    actor: EngineActor,
    instanceId: string,
    member: { personId: string; role: InstanceRole },
    expectedVersion: number | undefined,
  ): Promise<MembershipDto> {
    try {
      const result = await this.engine.removeMember(actor, instanceId, member, { expectedVersion });
      return membership(instanceId, member, null, false, true, result.version);
    } catch (error) {
      if (!isUnchanged(error)) throw error;
      const view = await this.reader.getInstance(actor, instanceId);
      return membership(instanceId, member, null, false, false, view.version);
    }
  }
}

/** The engine refuses a membership change that changes nothing as "not accepted". */
function isUnchanged(error: unknown): boolean {
  return error instanceof EngineException && error.code === EngineErrorCode.EventNotAccepted;
}

function membership(
  instanceId: string,
  member: { personId: string; role: InstanceRole },
  agencyId: string | null,
  isMember: boolean,
  changed: boolean,
  version: number,
): MembershipDto {
  return {
    instanceId,
    personId: member.personId,
    role: member.role,
    agencyId,
    member: isMember,
    changed,
    version,
  };
}
