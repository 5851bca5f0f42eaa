import { decide } from '../../access/decide';
import type { Action } from '../../access/permission-table';
import type { Principal } from '../../access/principal';
import type { NavigationSection } from '../navigation';

/**
 * The partnership action a section's landing page performs; null for a section every signed-in
 * person has (their own tasks).
 */
const SECTION_ACTION: Record<NavigationSection, Action | null> = {
  tasks: null,
  dashboard: 'instances.list',
  administration: 'people.read',
};

/** The sections a person sees: those whose action they may take in any of their partnerships. */
export function navigationSectionsFor(principal: Principal): NavigationSection[] {
  return (Object.keys(SECTION_ACTION) as NavigationSection[]).filter((section) => {
    const action = SECTION_ACTION[section];
    return (
      action === null ||
      principal.memberships.some(
        (membership) =>
          decide(action, { partnershipRoles: membership.roles, instanceRoles: [] }).outcome ===
          'allow',
      )
    );
  });
}
