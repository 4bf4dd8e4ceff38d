// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { encode } from 'uqr';
import { afterEach, describe, expect, it } from 'vitest';
import { QrCode } from './QrCode';

describe('QrCode', () => {
  afterEach(cleanup);

  it('draws every dark module of the code, with a quiet zone of four', () => {
    const uri = 'otpauth://totp/Car%20Rental:ann@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Car%20Rental';
    render(<QrCode text={uri} label="QR code" />);
    const svg = screen.getByRole('img', { name: 'QR code' });
    const qr = encode(uri, { ecc: 'M', border: 4 });
    expect(svg.getAttribute('viewBox')).toBe(`0 0 ${qr.size} ${qr.size}`);
    const dark = qr.data.flat().filter(Boolean).length;
    const d = svg.querySelector('path')?.getAttribute('d') ?? '';
    expect(d.match(/M/g)?.length).toBe(dark);
    // The quiet zone is light: no module is drawn in the first four rows.
    expect(d).not.toMatch(/M\d+ [0-3]h/);
    // The top-left finder pattern's corner is dark.
    expect(d).toContain('M4 4h1v1h-1z');
  });
});
