import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { PASSWORD_HINT, checkEmail, describeAuthError, passwordRuleMessage } from './authErrors';

const err = (name: string, message = '') => Object.assign(new Error(message), { name });

describe('describeAuthError', () => {
  it('puts a wrong password beside the password without telling which part was wrong', () => {
    expect(describeAuthError(err('NotAuthorizedException', 'Incorrect username or password.'))).toEqual({
      field: 'password',
      message: 'The email or password is not right.',
    });
    expect(describeAuthError(err('UserNotFoundException'))).toEqual(describeAuthError(err('NotAuthorizedException')));
  });

  it('never explains password rules on sign-in (cognito-local says InvalidPasswordException for a wrong password)', () => {
    expect(describeAuthError(err('InvalidPasswordException', 'Invalid password'), 'signIn')).toEqual({
      field: 'password',
      message: 'The email or password is not right.',
    });
  });

  it('sends unconfirmed users to confirm', () => {
    expect(describeAuthError(err('UserNotConfirmedException')).unconfirmed).toBe(true);
  });

  it('maps sign-up and code errors to their fields', () => {
    expect(describeAuthError(err('UsernameExistsException')).field).toBe('email');
    expect(describeAuthError(err('InvalidPasswordException', 'Password did not conform with policy: Password must have symbol characters'))).toEqual({
      field: 'password',
      message: 'Password must have symbol characters.',
    });
    expect(describeAuthError(err('CodeMismatchException')).field).toBe('code');
    expect(describeAuthError(err('ExpiredCodeException')).message).toMatch(/expired/);
  });

  it('has words for throttling, network and the unknown', () => {
    expect(describeAuthError(err('LimitExceededException')).field).toBeUndefined();
    expect(describeAuthError(err('NotAuthorizedException', 'Password attempts exceeded')).message).toMatch(/Too many/);
    expect(describeAuthError(err('NetworkError')).message).toMatch(/could not reach/);
    expect(describeAuthError('weird').message).toMatch(/went wrong/);
  });

  it('explains password rules', () => {
    expect(passwordRuleMessage('Password did not conform with policy: Password not long enough')).toBe('Password not long enough.');
    expect(passwordRuleMessage('')).toBe(PASSWORD_HINT);
  });

  it("words the pool's password policy (template.yaml) in the hint", async () => {
    const template = await readFile(new URL('../../../template.yaml', import.meta.url), 'utf8');
    const policy = /PasswordPolicy:\n((?:\s{10,}\w+: \w+\n)+)/.exec(template)?.[1] ?? '';
    const rule = (name: string) => new RegExp(`${name}: (\\w+)`).exec(policy)?.[1];
    expect(PASSWORD_HINT).toContain(`At least ${rule('MinimumLength')} characters`);
    expect(rule('RequireUppercase')).toBe('true');
    expect(rule('RequireLowercase')).toBe('true');
    expect(rule('RequireNumbers')).toBe('true');
    expect(PASSWORD_HINT.includes('symbol')).toBe(rule('RequireSymbols') === 'true');
  });

  it('checks an email before asking Cognito', () => {
    expect(checkEmail('')).toMatch(/enter your email/);
    expect(checkEmail('alice')).toMatch(/valid email/);
    expect(checkEmail(' alice@example.com ')).toBeUndefined();
  });
});
