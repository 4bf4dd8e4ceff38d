import { beforeEach, describe, expect, it, vi } from 'vitest';

// Amplify's Auth functions, as mfa.ts calls them; the browser tests run the
// real ones against cognito-local (e2e/mfa.e2e.ts).
const amplify = vi.hoisted(() => ({
  setUpTOTP: vi.fn(),
  verifyTOTPSetup: vi.fn(),
  updateMFAPreference: vi.fn(),
  fetchMFAPreference: vi.fn(),
  confirmSignIn: vi.fn(),
}));
vi.mock('aws-amplify/auth', () => amplify);

const { answerTotpChallenge, checkTotpCode, finishTotpSetup, startTotpSetup, totpEnabled, turnOffTotp } = await import('./mfa');

describe('mfa', () => {
  beforeEach(() => {
    for (const f of Object.values(amplify)) f.mockReset();
  });

  it('starts a setup with the secret and an otpauth URI naming the site and the account', async () => {
    amplify.setUpTOTP.mockResolvedValue({
      sharedSecret: 'JBSWY3DPEHPK3PXP',
      getSetupUri: (app: string, account: string) => new URL(`otpauth://totp/${encodeURIComponent(app)}:${account}?secret=JBSWY3DPEHPK3PXP&issuer=${encodeURIComponent(app)}`),
    });
    expect(await startTotpSetup('ann@example.com')).toEqual({
      secret: 'JBSWY3DPEHPK3PXP',
      uri: 'otpauth://totp/Car%20Rental:ann@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Car%20Rental',
    });
  });

  it('verifies the code, then makes the app the preferred factor', async () => {
    const order: string[] = [];
    amplify.verifyTOTPSetup.mockImplementation(async (i: unknown) => void order.push(`verify ${JSON.stringify(i)}`));
    amplify.updateMFAPreference.mockImplementation(async (i: unknown) => void order.push(`prefer ${JSON.stringify(i)}`));
    await finishTotpSetup(' 123 456 ');
    expect(order).toEqual(['verify {"code":"123456"}', 'prefer {"totp":"PREFERRED"}']);
  });

  it('does not prefer an app whose code was refused', async () => {
    amplify.verifyTOTPSetup.mockRejectedValue(Object.assign(new Error('mismatch'), { name: 'CodeMismatchException' }));
    await expect(finishTotpSetup('123456')).rejects.toThrow('mismatch');
    expect(amplify.updateMFAPreference).not.toHaveBeenCalled();
  });

  it('reads and turns off the preference', async () => {
    amplify.fetchMFAPreference.mockResolvedValueOnce({ enabled: ['TOTP'], preferred: 'TOTP' }).mockResolvedValueOnce({});
    expect(await totpEnabled()).toBe(true);
    expect(await totpEnabled()).toBe(false);
    await turnOffTotp();
    expect(amplify.updateMFAPreference).toHaveBeenCalledWith({ totp: 'DISABLED' });
  });

  it('answers the sign-in challenge', async () => {
    amplify.confirmSignIn.mockResolvedValue({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    expect(await answerTotpChallenge('654 321')).toBe(true);
    expect(amplify.confirmSignIn).toHaveBeenCalledWith({ challengeResponse: '654321' });
  });

  it('takes six digits only', () => {
    expect(checkTotpCode('123456')).toBeUndefined();
    expect(checkTotpCode('123 456')).toBeUndefined();
    expect(checkTotpCode('12345')).toMatch(/6-digit/);
    expect(checkTotpCode('12345a')).toMatch(/6-digit/);
  });
});
