/**
 * The roles a person can have, named in plain English, and the status of an account. Pure.
 *
 *   roleTitle('assessor')            // 'Assessor or social worker'
 *   roleTitles('analyst,auditor')    // ['Analyst or researcher', 'Auditor']
 *   userStatus({ disabled: false, has_password: false })  // { key: 'no-password', ... }
 */

export interface RoleInfo {
  /** The server's name for the role, as sent and received in JSON. */
  name: string;
  /** What to call it on screen. */
  title: string;
  /** One line on what it lets someone do, for the checkboxes where roles are chosen. */
  hint: string;
}

/** Every role, in the order they are offered. Mirrors the server's list of roles. */
export const ROLES: readonly RoleInfo[] = Object.freeze([
  {
    name: 'budget-holder',
    title: 'Budget holder',
    hint: 'Has a personal budget: sees their own plan, budget and money',
  },
  {
    name: 'representative',
    title: 'Representative',
    hint: 'A family member, friend, advocate or appointee who acts for a budget holder',
  },
  {
    name: 'support-planner',
    title: 'Support planner',
    hint: 'Helps people write their support plans',
  },
  {
    name: 'assessor',
    title: 'Assessor or social worker',
    hint: 'Records assessments and works out indicative budgets',
  },
  {
    name: 'approver',
    title: 'Approver or panel member',
    hint: 'Agrees support plans and final budgets',
  },
  {
    name: 'finance-officer',
    title: 'Finance officer',
    hint: 'Makes payments and keeps the accounts',
  },
  {
    name: 'commissioner',
    title: 'Commissioner',
    hint: 'Looks after the local market of providers and prices',
  },
  {
    name: 'safeguarding-lead',
    title: 'Safeguarding lead',
    hint: 'Sees safeguarding alerts and records concerns',
  },
  {
    name: 'analyst',
    title: 'Analyst or researcher',
    hint: 'Sees reports and statistics, with small numbers hidden',
  },
  {
    name: 'administrator',
    title: 'Administrator',
    hint: 'Adds users and chooses their roles',
  },
  {
    name: 'auditor',
    title: 'Auditor',
    hint: 'Reads the audit log of who did what, and when',
  },
]);

const BY_NAME = new Map(ROLES.map((role) => [role.name, role]));

/**
 * The plain-English name of a role. "operator" (someone using the command line on the
 * server) has one too, because the audit log records it; any other unknown name is shown
 * as it is, so that nothing the server sends is hidden.
 */
export function roleTitle(name: string): string {
  const role = BY_NAME.get(name);
  if (role) return role.title;
  if (name === 'operator') return 'Server operator';
  return name;
}

/**
 * Plain-English names of a list of roles, in the order of ROLES (unknown names last, in
 * the order given). Accepts a list, or the comma-separated text the audit log stores.
 * Empty names and repeats are dropped.
 */
export function roleTitles(names: readonly string[] | string): string[] {
  const list = typeof names === 'string' ? names.split(',') : names;
  const wanted = [...new Set(list.map((n) => n.trim()).filter((n) => n !== ''))];
  const rank = (name: string) => {
    const index = ROLES.findIndex((role) => role.name === name);
    return index === -1 ? ROLES.length : index;
  };
  return wanted
    .map((name, position) => ({ name, position }))
    .sort((a, b) => rank(a.name) - rank(b.name) || a.position - b.position)
    .map(({ name }) => roleTitle(name));
}

/** True when `roles` includes `role`. */
export function hasRole(roles: readonly string[], role: string): boolean {
  return roles.includes(role);
}

/** An account's state, as one word for code and a phrase and tag colour for people. */
export interface UserStatus {
  key: 'active' | 'no-password' | 'turned-off';
  text: string;
  /** A GOV.UK tag modifier class, or '' for the default. */
  tagClass: string;
}

/** Whether an account can be used: turned off beats everything, then whether it has a password. */
export function userStatus(user: { disabled: boolean; has_password: boolean }): UserStatus {
  if (user.disabled) return { key: 'turned-off', text: 'Turned off', tagClass: 'govuk-tag--grey' };
  if (!user.has_password) {
    return { key: 'no-password', text: 'No password yet', tagClass: 'govuk-tag--yellow' };
  }
  return { key: 'active', text: 'Active', tagClass: 'govuk-tag--green' };
}
