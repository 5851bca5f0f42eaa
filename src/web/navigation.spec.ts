import { serviceNavigation } from './navigation';

describe('serviceNavigation', () => {
  it('lists every section by default, marking the one the page is in', () => {
    expect(serviceNavigation('/tasks/123')).toEqual([
      { text: 'My tasks', href: '/tasks', active: true },
      { text: 'Dashboard', href: '/dashboard', active: false },
      { text: 'Administration', href: '/admin', active: false },
    ]);
  });

  it('shows only the sections a person may use, in the usual order', () => {
    expect(serviceNavigation('/', ['administration', 'tasks']).map((item) => item.text)).toEqual([
      'My tasks',
      'Administration',
    ]);
  });

  it('does not mark a section whose path only starts the same way', () => {
    expect(serviceNavigation('/administrator').every((item) => !item.active)).toBe(true);
  });
});
