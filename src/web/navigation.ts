/** The sections of the service navigation. Which of them a person sees depends on their roles. */
export const NAVIGATION_SECTIONS = ['tasks', 'dashboard', 'administration'] as const;
export type NavigationSection = (typeof NAVIGATION_SECTIONS)[number];

const ITEMS = {
  tasks: { text: 'My tasks', href: '/tasks' },
  dashboard: { text: 'Dashboard', href: '/dashboard' },
  administration: { text: 'Administration', href: '/admin' },
} as const satisfies Record<NavigationSection, { text: string; href: string }>;

/** One item of `govukServiceNavigation`'s `navigation`. */
export interface NavigationItem {
  text: string;
  href: string;
  active: boolean;
}

/**
 * The service navigation for a page at `currentPath`, marking the section it is in. Shows
 * `sections` when given (set `res.locals.navigationSections` per person), else every section.
 */
export function serviceNavigation(
  currentPath: string,
  sections: readonly NavigationSection[] = NAVIGATION_SECTIONS,
): NavigationItem[] {
  return NAVIGATION_SECTIONS.filter((section) => sections.includes(section)).map((section) => {
    const { text, href } = ITEMS[section];
    return { text, href, active: currentPath === href || currentPath.startsWith(`${href}/`) };
  });
}
