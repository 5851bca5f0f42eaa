/**
 * Every action has one follow-up task for its lead, opened with the action and due on its due
 * date, so the reminder system chases it before and after that date; it is re-dated or handed over
 * when the action is, and closed when the subgroup agrees the action is complete. Its title goes
 * into reminder emails, so it names the action by number only, never by what it says.
 */
export function followUpTaskKey(actionId: string): string {
  return `action-${actionId.toLowerCase()}`;
}

export function followUpTaskTitle(label: string): string {
  return `Report progress on action ${label}`;
}
