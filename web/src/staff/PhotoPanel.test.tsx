// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Car } from '../api/client';
import { StaticAuthProvider } from '../auth/AuthContext';
import { makeCar, signedIn } from '../test/fakeApi';
import { fakeStaffApi } from '../test/fakeStaffApi';
import type { PhotoType, PhotoUpload, UpdateCarRequest } from './api';
import { s3Error, setStaffApi } from './api';
import { PhotoPanel } from './PhotoPanel';

/** XMLHttpRequest as far as postPhoto uses it; answer() says what "S3" does with the request. */
class FakeXhr {
  static sent: FakeXhr[] = [];
  static answer: (x: FakeXhr) => void = () => {};
  method = '';
  url = '';
  body: FormData | null = null;
  status = 0;
  responseText = '';
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  send(body: FormData) {
    this.body = body;
    FakeXhr.sent.push(this);
    setTimeout(() => FakeXhr.answer(this), 0);
  }
  abort() {}
}

const upload: PhotoUpload = {
  url: 'http://127.0.0.1:9000/car-rental-local-images',
  fields: { key: 'cars/ber-001/abc.png', 'Content-Type': 'image/png', policy: 'p', 'x-amz-signature': 's' },
  key: 'cars/ber-001/abc.png',
  maxBytes: 5 * 1024 * 1024,
  expiresAt: '2099-01-01T00:00:00Z',
};

function renderPanel(car: Car, onSaved: (c: Car) => void = () => {}) {
  return render(
    <StaticAuthProvider value={signedIn}>
      <MemoryRouter>
        <PhotoPanel car={car} onSaved={onSaved} onClose={() => {}} />
      </MemoryRouter>
    </StaticAuthProvider>,
  );
}

function choose(file: File) {
  fireEvent.change(screen.getByLabelText('Photo file'), { target: { files: [file] } });
}

describe('PhotoPanel', () => {
  const car = makeCar('ber-001');
  const asked: PhotoType[] = [];
  const patched: UpdateCarRequest[] = [];

  beforeEach(() => {
    FakeXhr.sent = [];
    asked.length = 0;
    patched.length = 0;
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    setStaffApi(
      fakeStaffApi({
        createPhotoUpload: async (_id, type) => (asked.push(type), upload),
        updateCar: async (_id, body) => (patched.push(body), { ...car, imageUrl: `http://localhost/static/${body.photoKey}` }),
      }),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    setStaffApi(null);
  });

  it('refuses a file of another type or over 5 MB before anything is sent', () => {
    renderPanel(car);
    choose(new File(['GIF89a'], 'anim.gif', { type: 'image/gif' }));
    expect(screen.getByText(/anim\.gif is not a JPEG, PNG or WebP image/)).toBeTruthy();
    expect(screen.getByLabelText('Photo file').getAttribute('aria-invalid')).toBe('true');
    expect((screen.getByRole('button', { name: 'Upload photo' }) as HTMLButtonElement).disabled).toBe(true);

    choose(new File([new Uint8Array(5 * 1024 * 1024 + 1)], 'big.jpg', { type: 'image/jpeg' }));
    expect(screen.getByText('big.jpg is 5 MB; a photo may be at most 5 MB.')).toBeTruthy();
    expect(asked).toEqual([]);
    expect(FakeXhr.sent).toEqual([]);
  });

  it('posts the fields and then the file to S3, shows the progress, then names the photo on the car', async () => {
    let progressShown = '';
    FakeXhr.answer = (x) => {
      x.upload.onprogress?.({ lengthComputable: true, loaded: 42, total: 100 });
      setTimeout(() => {
        progressShown = document.querySelector('progress')?.getAttribute('value') ?? '';
        x.status = 204;
        x.onload?.();
      }, 0);
    };
    const saved: Car[] = [];
    renderPanel(car, (c) => saved.push(c));
    const file = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'car.png', { type: 'image/png' });
    choose(file);
    fireEvent.click(screen.getByRole('button', { name: 'Upload photo' }));
    await screen.findByText('The photo is uploaded and shown for the Volkswagen Golf ber-001.');

    expect(asked).toEqual(['image/png']);
    const [sent] = FakeXhr.sent;
    expect(sent?.method).toBe('POST');
    expect(sent?.url).toBe(upload.url);
    expect([...sent!.body!.keys()]).toEqual([...Object.keys(upload.fields), 'file']); // the file last, as S3 asks
    expect(sent!.body!.get('file')).toBeInstanceOf(File);
    expect(progressShown).toBe('42');
    expect(patched).toEqual([{ photoKey: 'cars/ber-001/abc.png' }]);
    expect(saved[0]?.imageUrl).toBe('http://localhost/static/cars/ber-001/abc.png');
  });

  it('says what S3 refused, and names no photo on the car', async () => {
    FakeXhr.answer = (x) => {
      x.status = 400;
      x.responseText = '<?xml version="1.0"?><Error><Code>EntityTooLarge</Code><Message>Your proposed upload exceeds the maximum allowed size</Message></Error>';
      x.onload?.();
    };
    renderPanel(car);
    choose(new File(['x'], 'car.webp', { type: 'image/webp' }));
    fireEvent.click(screen.getByRole('button', { name: 'Upload photo' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('The photo store refused the file: it is larger than 5 MB.');
    await waitFor(() => expect((screen.getByRole('button', { name: 'Upload photo' }) as HTMLButtonElement).disabled).toBe(false));
    expect(patched).toEqual([]);
  });

  it('reads S3’s error body', () => {
    const e = s3Error(403, '<Error><Code>AccessDenied</Code><Message>Invalid according to Policy: Policy Condition failed</Message></Error>');
    expect([e.status, e.code, e.message]).toEqual([403, 'AccessDenied', 'Invalid according to Policy: Policy Condition failed']);
    expect(s3Error(502, 'Bad Gateway').code).toBe('HTTP 502');
  });
});
