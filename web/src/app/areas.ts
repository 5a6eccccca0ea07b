import type { ReactElement } from 'react';
import type { Role } from '../api/client';

/**
 * How an area of the programme plugs into the web app: its routes and its menu entries. Each
 * area keeps its pages, strings and routes in web/src/pages/<area>/ and exports an Area from
 * its routes.tsx; App and Layout list the areas once. Menu labels are inline (both languages)
 * so the menu can render before the area's lazy chunk and its strings have loaded.
 */
export type NavItem = {
  to: string;
  en: string;
  ur: string;
  /** Who sees the entry; null is a visitor who is not logged in. */
  show: (role: Role | null) => boolean;
  /**
   * Where the entry goes: the top menu (default), or the Administration page, which gathers the
   * programme staff's occasional tools so the top menu stays short on a phone.
   */
  group?: 'main' | 'admin';
  /** One line for the Administration page, saying what the tool is for. */
  hint?: { en: string; ur: string };
};

export type Area = { name: string; routes: ReactElement; nav: NavItem[] };
