import { describe, expect, it } from 'vitest';
import { DEFAULT_AFTER_SIGN_IN, pageTitle, pagesFor, safeReturnPath, signInPath } from './paths';

describe('safeReturnPath', () => {
  it.each([
    ['/account'],
    ['/users'],
    ['/audit?action=users.create&actor=01ABC'],
    ['/users/change-roles?user=01M82XPP339M04VGK6ZSD26P2A'],
    ['/audit#results'],
    ['/'],
  ])('keeps the local path %s', (path) => {
    expect(safeReturnPath(path)).toBe(path);
  });

  it.each([
    [null],
    [undefined],
    [''],
    ['account'],
    ['//evil.example/account'],
    ['/\\evil.example'],
    ['/\t/evil.example'],
    ['/\n/evil.example'],
    ['/ /evil.example'],
    ['/path\\with\\backslash'],
    ['https://evil.example/'],
    ['javascript:alert(1)'],
    ['http:/evil.example'],
    ['/sign-in'],
    ['/sign-in?return=%2Fusers'],
    ['/' + 'a'.repeat(2001)],
  ])('refuses %j and gives /account instead', (value) => {
    expect(safeReturnPath(value)).toBe(DEFAULT_AFTER_SIGN_IN);
  });

  it('gives the fallback it is handed', () => {
    expect(safeReturnPath('//x', '/')).toBe('/');
  });
});

describe('signInPath', () => {
  it('asks to come back to the current page, query included', () => {
    expect(signInPath('/audit', '?action=users.create')).toBe('/sign-in?return=%2Faudit%3Faction%3Dusers.create');
  });

  it('round-trips through URLSearchParams and safeReturnPath', () => {
    const path = signInPath('/users/turn-off', '?user=01ABC');
    const back = new URLSearchParams(path.split('?')[1]).get('return');
    expect(safeReturnPath(back)).toBe('/users/turn-off?user=01ABC');
  });

  it('gives plain /sign-in when there is nowhere safe to come back to', () => {
    expect(signInPath('/sign-in', '')).toBe('/sign-in');
    expect(signInPath('//evil.example', '')).toBe('/sign-in');
  });
});

describe('pagesFor', () => {
  it('gives commissioners the provider register and market shaping, and nobody else', () => {
    expect(pagesFor(['commissioner']).map((page) => page.text)).toEqual(['Your account', 'Finance overview', 'Providers', 'Market shaping', 'Policy scenarios']);
    for (const role of ['budget-holder', 'representative', 'support-planner', 'assessor', 'approver', 'finance-officer', 'safeguarding-lead', 'analyst', 'administrator', 'auditor']) {
      expect(pagesFor([role]).map((page) => page.href)).not.toContain('/market/providers');
      expect(pagesFor([role]).map((page) => page.href)).not.toContain('/market/shaping');
    }
    expect(pageTitle('/market/shaping')).toBe('Market shaping');
    expect(pageTitle('/market/providers')).toBe('Providers');
    expect(pageTitle('/market/provider')).not.toBe('Providers');
  });

  const hrefs = (roles: string[]) => pagesFor(roles).map((page) => page.href);

  it('gives everyone their account, administrators Users and Budget models, and auditors the Audit log', () => {
    expect(hrefs(['budget-holder'])).toEqual(['/account']);
    expect(hrefs(['administrator'])).toEqual(['/account', '/users', '/ras-models', '/finance/settings']);
    expect(hrefs(['analyst', 'auditor'])).toEqual(['/account', '/scenarios', '/audit']);
    expect(hrefs(['auditor', 'administrator'])).toEqual(['/account', '/users', '/ras-models', '/finance/settings', '/audit']);
  });

  it('gives "Your record" and "Your money" only to someone whose account is linked to a person’s record', () => {
    expect(hrefs(['budget-holder'])).toEqual(['/account']);
    expect(pagesFor(['budget-holder'], { personId: '01J/X' }).map((page) => page.href)).toEqual(['/account', '/my-record', '/my-money?person=01J%2FX']);
    expect(pagesFor(['budget-holder'], { personId: null }).map((page) => page.href)).toEqual(['/account']);
    expect(pagesFor(['administrator'], { personId: '01J' }).map((page) => page.text)).toEqual(['Your account', 'Your record', 'Your money', 'Users', 'Budget models', 'Finance settings']);
  });

  it('gives finance officers statement import, provider invoices and surplus proposals', () => {
    expect(hrefs(['finance-officer'])).toEqual(['/account', '/finance/payment-runs', '/finance/statements', '/finance/invoices', '/finance/surplus-proposals', '/finance/pools', '/finance/overview', '/alerts']);
    expect(hrefs(['assessor'])).not.toContain('/finance/invoices');
    expect(pageTitle('/finance/invoices')).toBe('Provider invoices');
    expect(hrefs(['assessor'])).not.toContain('/finance/statements');
  });

  it('gives safeguarding leads the safeguarding queue, and nobody else', () => {
    expect(hrefs(['safeguarding-lead'])).toEqual(['/account', '/concerns', '/alerts']);
    expect(hrefs(['assessor'])).not.toContain('/concerns');
  });

  it('gives representatives the people they help', () => {
    expect(hrefs(['representative'])).toEqual(['/account', '/people-i-help']);
    expect(hrefs(['assessor'])).not.toContain('/people-i-help');
  });

  it('gives approvers the plans to sign off', () => {
    expect(hrefs(['approver'])).toEqual(['/account', '/sign-off']);
    expect(hrefs(['assessor', 'approver'])).toEqual(['/account', '/caseload', '/reviews', '/sign-off', '/alerts']);
  });

  it('gives finance officers the payment runs, and nobody else', () => {
    expect(hrefs(['finance-officer'])).toEqual(['/account', '/finance/payment-runs', '/finance/statements', '/finance/invoices', '/finance/surplus-proposals', '/finance/pools', '/finance/overview', '/alerts']);
    expect(pagesFor(['finance-officer']).map((page) => page.text)).toEqual(['Your account', 'Payment runs', 'Statements', 'Provider invoices', 'Surplus proposals', 'Pooled budgets', 'Finance overview', 'Money alerts']);
    expect(hrefs(['approver', 'finance-officer'])).toEqual(['/account', '/sign-off', '/finance/payment-runs', '/finance/statements', '/finance/invoices', '/finance/surplus-proposals', '/finance/pools', '/finance/overview', '/alerts']);
    expect(hrefs(['approver'])).not.toContain('/finance/payment-runs');
  });

  it('gives surplus proposals to finance officers only (monitoring.run, surplus-proposals.manage)', () => {
    for (const role of ['assessor', 'safeguarding-lead', 'support-planner', 'approver', 'administrator', 'budget-holder']) {
      expect(hrefs([role])).not.toContain('/finance/surplus-proposals');
    }
  });

  it('gives money alerts to every role alerts.read allows, once, and to no other', () => {
    expect(hrefs(['assessor'])).toEqual(['/account', '/caseload', '/reviews', '/alerts']);
    expect(pagesFor(['support-planner']).map((page) => page.text)).toEqual(['Your account', 'Money alerts']);
    expect(hrefs(['safeguarding-lead', 'finance-officer', 'assessor']).filter((href) => href === '/alerts')).toHaveLength(1);
    for (const role of ['budget-holder', 'representative', 'approver', 'commissioner', 'analyst', 'administrator', 'auditor']) {
      expect(hrefs([role])).not.toContain('/alerts');
    }
  });

  it('gives analysts and commissioners policy scenarios, and nobody else', () => {
    expect(hrefs(['analyst'])).toEqual(['/account', '/scenarios']);
    expect(hrefs(['analyst', 'commissioner']).filter((href) => href === '/scenarios')).toHaveLength(1);
    for (const role of ['budget-holder', 'representative', 'support-planner', 'assessor', 'approver', 'finance-officer', 'safeguarding-lead', 'administrator', 'auditor']) {
      expect(hrefs([role])).not.toContain('/scenarios');
    }
    expect(pageTitle('/scenarios')).toBe('Policy scenarios');
  });

  it('gives finance officers and commissioners the finance overview, once each, and nobody else', () => {
    expect(hrefs(['commissioner'])).toEqual(['/account', '/finance/overview', '/market/providers', '/market/shaping', '/scenarios']);
    expect(hrefs(['finance-officer', 'commissioner'])).toEqual(['/account', '/finance/payment-runs', '/finance/statements', '/finance/invoices', '/finance/surplus-proposals', '/finance/pools', '/finance/overview', '/market/providers', '/market/shaping', '/scenarios', '/alerts']);
    for (const role of ['budget-holder', 'representative', 'assessor', 'approver', 'safeguarding-lead', 'analyst', 'administrator', 'auditor']) {
      expect(hrefs([role])).not.toContain('/finance/overview');
    }
    expect(pageTitle('/finance/overview')).toBe('Finance overview');
  });

  it('names the pages in plain words', () => {
    expect(pagesFor(['administrator', 'auditor']).map((page) => page.text)).toEqual(['Your account', 'Users', 'Budget models', 'Finance settings', 'Audit log']);
  });
});
