/** The sections of the service navigation. Which of them a person sees depends on their roles. */
export const NAVIGATION_SECTIONS = ['tasks', 'dashboard', 'administration'] as const;
export type NavigationSection = (typeof NAVIGATION_SECTIONS)[number];

const ITEMS = {
  tasks: { text: 'My tasks', href: '/tasks' },
  dashboard: { text: 'Dashboard', href: '/dashboard' },
  administration: { text: 'Administration', href: '/admin' },
} as const satisfies Record<NavigationSection, { text: string; href: string }>;

const SIGN_IN = { text: 'Sign in', href: '/sign-in' } as const;

/** One item of `govukServiceNavigation`'s `navigation`. */
export interface NavigationItem {
  text: string;
  href: string;
  active: boolean;
}

function isIn(currentPath: string, href: string): boolean {
  return currentPath === href || currentPath.startsWith(`${href}/`);
}

/**
 * The service navigation for a page at `currentPath`, marking the section it is in: the
 * `sections` a signed-in person may use (see `navigationSectionsFor`), or, when nobody is signed
 * in (`sections` undefined), only the way to sign in.
 */
export function serviceNavigation(
  currentPath: string,
  sections?: readonly NavigationSection[],
): NavigationItem[] {
  if (sections === undefined) return [{ ...SIGN_IN, active: isIn(currentPath, SIGN_IN.href) }];
  return NAVIGATION_SECTIONS.filter((section) => sections.includes(section)).map((section) => {
    const { text, href } = ITEMS[section];
    return { text, href, active: isIn(currentPath, href) };
  });
}
