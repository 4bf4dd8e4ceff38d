// A car's photo: chosen here, checked in the browser (type and size, as S3
// will check them), sent straight to S3 with a presigned POST that the API
// gives (POST /admin/cars/{carId}/photo), then named on the car (PATCH
// photoKey). The bytes never pass through the API.
import { useId, useRef, useState, type FormEvent } from 'react';
import type { Car } from '../api/client';
import type { Problem } from '../api/errors';
import { toProblem } from '../api/errors';
import { Field } from '../components/Field';
import { ProblemAlert } from '../components/ProblemAlert';
import { Alert, carName } from '../components/ui';
import type { PhotoType } from './api';
import { UploadError, postPhoto, staffApi } from './api';
import { MAX_PHOTO_BYTES, PHOTO_TYPES, checkPhoto, formatBytes } from './validation';

type Step = { kind: 'idle' } | { kind: 'preparing' } | { kind: 'uploading'; fraction: number } | { kind: 'saving' } | { kind: 'done' };

/** S3's refusals in words. */
function describeUploadError(err: UploadError): string {
  switch (err.code) {
    case 'EntityTooLarge':
      return `The photo store refused the file: it is larger than ${formatBytes(MAX_PHOTO_BYTES)}.`;
    case 'EntityTooSmall':
      return 'The photo store refused the file: it is empty.';
    case 'AccessDenied':
      return /expired/i.test(err.message)
        ? 'The upload took too long and its permission ran out. Please upload again.'
        : `The photo store refused the file${err.message ? `: ${err.message}` : ''}.`;
    default:
      return `The photo store refused the file (${err.code}${err.message ? `: ${err.message}` : ''}).`;
  }
}

export function PhotoPanel({ car, onSaved, onClose }: { car: Car; onSaved: (car: Car) => void; onClose: () => void }) {
  const uid = useId();
  const titleId = `photo-${uid}`;
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string>();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [refused, setRefused] = useState<string>();
  const busy = step.kind === 'preparing' || step.kind === 'uploading' || step.kind === 'saving';

  function choose(f: File | null) {
    setProblem(null);
    setRefused(undefined);
    setStep({ kind: 'idle' });
    setFile(f);
    setFileError(f ? checkPhoto(f) : undefined);
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (!file) {
      setFileError('Choose a photo first.');
      input.current?.focus();
      return;
    }
    const bad = checkPhoto(file);
    if (bad) {
      setFileError(bad);
      input.current?.focus();
      return;
    }
    setProblem(null);
    setRefused(undefined);
    try {
      setStep({ kind: 'preparing' });
      const upload = await staffApi().createPhotoUpload(car.id, file.type as PhotoType);
      const tooBig = checkPhoto(file, upload.maxBytes);
      if (tooBig) {
        setFileError(tooBig);
        setStep({ kind: 'idle' });
        return;
      }
      setStep({ kind: 'uploading', fraction: 0 });
      await postPhoto(upload, file, (fraction) => setStep({ kind: 'uploading', fraction }));
      setStep({ kind: 'saving' });
      const saved = await staffApi().updateCar(car.id, { photoKey: upload.key });
      setStep({ kind: 'done' });
      onSaved(saved);
    } catch (err) {
      setStep({ kind: 'idle' });
      if (err instanceof UploadError) setRefused(describeUploadError(err));
      else setProblem(toProblem(err));
    }
  }

  const percent = step.kind === 'uploading' ? Math.round(step.fraction * 100) : 0;
  return (
    <form className="staff-form card photo-panel" onSubmit={onSubmit} noValidate aria-labelledby={titleId}>
      <h4 id={titleId}>Photo of the {carName(car)}</h4>
      <Field
        name="photo"
        label="Photo file"
        error={fileError}
        hint={`A JPEG, PNG or WebP image, at most ${formatBytes(MAX_PHOTO_BYTES)}; 16:9 shows best.`}
      >
        {(p) => (
          <input
            {...p}
            ref={input}
            type="file"
            accept={PHOTO_TYPES.join(',')}
            disabled={busy}
            onChange={(e) => choose(e.target.files?.[0] ?? null)}
            autoFocus
          />
        )}
      </Field>
      <div className="photo-panel__status" role="status">
        {step.kind === 'preparing' && 'Preparing the upload…'}
        {step.kind === 'uploading' && (
          <span className="photo-panel__progress">
            <label htmlFor={`${titleId}-progress`}>Uploading {file?.name}…</label>
            <progress id={`${titleId}-progress`} max={100} value={percent}>
              {percent}%
            </progress>
            <span aria-hidden="true">{percent}%</span>
          </span>
        )}
        {step.kind === 'saving' && 'Uploaded. Saving it on the car…'}
      </div>
      {step.kind === 'done' && <Alert kind="success" title={`The photo is uploaded and shown for the ${carName(car)}.`} />}
      {refused && <Alert kind="error" title={refused} />}
      {problem && <ProblemAlert problem={problem} />}
      <div className="actions">
        <button type="submit" className="button" disabled={busy || !!fileError}>
          {busy ? 'Uploading…' : 'Upload photo'}
        </button>
        <button type="button" className="button button--secondary" onClick={onClose} disabled={busy}>
          {step.kind === 'done' ? 'Close' : 'Cancel'}
        </button>
      </div>
    </form>
  );
}
