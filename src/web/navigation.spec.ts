import { NAVIGATION_SECTIONS, serviceNavigation } from './navigation';

describe('serviceNavigation', () => {
  it('lists the sections given, marking the one the page is in', () => {
    expect(serviceNavigation('/tasks/123', NAVIGATION_SECTIONS)).toEqual([
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

  it('offers only sign-in when nobody is signed in', () => {
    expect(serviceNavigation('/sign-in')).toEqual([
      { text: 'Sign in', href: '/sign-in', active: true },
    ]);
  });

  it('does not mark a section whose path only starts the same way', () => {
    expect(
      serviceNavigation('/administrator', NAVIGATION_SECTIONS).every((item) => !item.active),
    ).toBe(true);
  });
});
