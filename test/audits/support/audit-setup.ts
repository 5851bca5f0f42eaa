import { CHILDREN, toolBody, workingDaysFromToday, type AuditWorld } from './audit-world';

/**
 * An audit of the world's partnership through the API, at case selection done: the chair, the
 * police lead and a panel member on it, four cases selected with their identifying details.
 */
export async function auditWithCases(world: AuditWorld): Promise<string> {
  const { manager, officer, auditChair, policeLead, panelMember } = world.people;
  const tool = await manager.api
    .post(`/api/partnerships/${world.partnershipId}/audit-tools`, toolBody('Identifiers tool'))
    .expect(201);
  const created = await manager.api
    .post(`/api/partnerships/${world.partnershipId}/audits`, {
      theme: 'Children stepped down from social care',
      scope: 'Stepped down in the last year',
      lookBackMonths: 12,
      toolId: tool.body.id,
      meetingOn: workingDaysFromToday(25),
      agencyIds: [world.agencies.police, world.agencies.health],
      members: [
        { personId: auditChair.id, role: 'panel-chair' },
        {
          personId: policeLead.id,
          role: 'agency-safeguarding-lead',
          agencyId: world.agencies.police,
        },
        { personId: panelMember.id, role: 'panel-member' },
      ],
    })
    .expect(201);
  const instanceId = created.body.instanceId as string;
  await manager.api.post(`/api/audits/${instanceId}/plan/agree`).expect(200);
  await officer.api
    .post(`/api/audits/${instanceId}/cases`, {
      cases: CHILDREN.map((child) => ({
        identifiers: {
          ...child,
          recordNumbers: [{ agencyId: world.agencies.police, recordNumber: 'NP-4471' }],
        },
      })),
    })
    .expect(201);
  return instanceId;
}
