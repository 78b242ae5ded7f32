import { describe, expect, it } from 'vitest';
import { pageTitle } from './paths';
import type { Problem } from './problem';
import {
  adminTask,
  afterSignInPath,
  bannerText,
  continueLink,
  isTwoStepRefusal,
  refusalText,
  setUpPath,
} from './two-step';

function problem(status: number, type = '/problems/forbidden'): Problem {
  return { status, type, title: 'You do not have permission to do that', detail: 'You do not have permission to do that', errors: [] };
}

describe('afterSignInPath', () => {
  it('goes where asked when two-step sign-in is not needed first', () => {
    expect(afterSignInPath('/users', false)).toBe('/users');
    expect(afterSignInPath('/account', false)).toBe('/account');
  });

  it('goes to the account page, remembering where it was going, when it is', () => {
    expect(afterSignInPath('/users', true)).toBe('/account?return=%2Fusers');
    expect(afterSignInPath('/audit?action=users.create', true)).toBe('/account?return=%2Faudit%3Faction%3Dusers.create');
  });

  it('does not ask the account page to return to itself', () => {
    expect(afterSignInPath('/account', true)).toBe('/account');
    expect(afterSignInPath('/account?x=1', true)).toBe('/account');
  });
});

describe('setUpPath', () => {
  it('links to the two-step section of the account page, with the way back', () => {
    expect(setUpPath('/ras-models')).toBe('/account?return=%2Fras-models#two-step-heading');
    expect(setUpPath('/users/change-roles?user=01ABC')).toBe('/account?return=%2Fusers%2Fchange-roles%3Fuser%3D01ABC#two-step-heading');
  });

  it('leaves out a return address that is not safe, or is the account page', () => {
    expect(setUpPath('//evil.example/')).toBe('/account#two-step-heading');
    expect(setUpPath('/account')).toBe('/account#two-step-heading');
  });
});

describe('the words', () => {
  it('name what each administrator page does', () => {
    expect(adminTask('/users')).toBe('add users, change their roles or turn accounts off');
    expect(adminTask('/ras-models')).toBe('check or publish budget models');
    expect(adminTask('/elsewhere')).toBe('manage users or publish budget models');
  });

  it('say what the banner and a refused action say', () => {
    expect(bannerText('/users').heading).toBe(
      'You need to set up two-step sign-in before you can add users, change their roles or turn accounts off.',
    );
    expect(bannerText('/ras-models').body).toMatch(/security code from an app on their phone/);
    expect(refusalText('/ras-models')).toBe(
      'You cannot check or publish budget models until you have set up two-step sign-in. Set it up on your account page',
    );
  });
});

describe('isTwoStepRefusal', () => {
  const needs = { must_set_up_totp: true };

  it('is a 403 for an administrator who must set up two-step sign-in', () => {
    expect(isTwoStepRefusal(problem(403), needs)).toBe(true);
    expect(isTwoStepRefusal(problem(403, ''), needs)).toBe(true);
  });

  it('is not any other refusal or problem', () => {
    expect(isTwoStepRefusal(problem(403), { must_set_up_totp: false })).toBe(false);
    expect(isTwoStepRefusal(problem(403), {})).toBe(false);
    expect(isTwoStepRefusal(problem(403), null)).toBe(false);
    expect(isTwoStepRefusal(problem(403, '/problems/csrf'), needs)).toBe(false);
    expect(isTwoStepRefusal(problem(403, '/problems/cross-site'), needs)).toBe(false);
    expect(isTwoStepRefusal(problem(404), needs)).toBe(false);
    expect(isTwoStepRefusal(problem(422), needs)).toBe(false);
  });
});

describe('continueLink', () => {
  it('names the page to go back to', () => {
    expect(continueLink('/users')).toEqual({ href: '/users', text: 'Continue to Users' });
    expect(continueLink('/ras-models')).toEqual({ href: '/ras-models', text: 'Continue to Budget models' });
    expect(continueLink('/users/turn-off?user=01ABC')).toEqual({ href: '/users/turn-off?user=01ABC', text: 'Continue to Users' });
    expect(continueLink('/how-budgets-are-worked-out?council=E09000033')).toEqual({
      href: '/how-budgets-are-worked-out?council=E09000033',
      text: 'Continue to the page you asked for',
    });
  });

  it('is null with nowhere safe to go back to', () => {
    expect(continueLink(null)).toBeNull();
    expect(continueLink('')).toBeNull();
    expect(continueLink('/account')).toBeNull();
    expect(continueLink('https://evil.example/')).toBeNull();
    expect(continueLink('//evil.example/users')).toBeNull();
  });
});

describe('pageTitle', () => {
  it('names a signed-in page, or the section a page is in', () => {
    expect(pageTitle('/users')).toBe('Users');
    expect(pageTitle('/users/change-roles')).toBe('Users');
    expect(pageTitle('/audit')).toBe('Audit log');
    expect(pageTitle('/usersx')).toBe('');
    expect(pageTitle('/')).toBe('');
  });
});
