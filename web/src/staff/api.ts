// The staff's routes of the API (api/openapi.yaml, tag Staff), loaded with
// the staff pages only: the first page's client (src/api/client.ts) knows
// nothing of them. Same typed client, same errors (ApiError), the ID token
// on every call; anyone outside the Cognito group admins gets 403 forbidden.
import type { Api, Booking, Car, Location } from '../api/client';
import { api, createApiClient, etagOf, run } from '../api/client';
import type { components } from '../api/schema';
import { ApiError, networkProblem } from '../api/errors';

type S = components['schemas'];
export type CreateCarRequest = S['CreateCarRequest'];
export type UpdateCarRequest = S['UpdateCarRequest'];
export type PhotoUpload = S['PhotoUpload'];
export type PhotoType = S['PhotoUploadRequest']['contentType'];
export type CreateLocationRequest = S['CreateLocationRequest'];
export type UpdateLocationRequest = S['UpdateLocationRequest'];
export type Currency = Location['currency'];
export type Desk = S['Desk'];
export type DeskBooking = S['DeskBooking'];
export type DeskStatus = S['BookingStatusRequest']['status'];

export const CURRENCIES: readonly Currency[] = ['AUD', 'CAD', 'CHF', 'EUR', 'GBP', 'NZD', 'USD'];

export function createStaffApi(opts: Api['options']) {
  const client = createApiClient(opts);
  return {
    async createCar(body: CreateCarRequest): Promise<Car> {
      return (await run(() => client.POST('/admin/cars', { body }))).data;
    },

    /** Only the properties given change; photoKey names an uploaded photo. */
    async updateCar(carId: string, body: UpdateCarRequest): Promise<Car> {
      return (await run(() => client.PATCH('/admin/cars/{carId}', { params: { path: { carId } }, body }))).data;
    },

    /** 409 car_has_bookings (Problem.bookings names them) while bookings hold it from today on. */
    async retireCar(carId: string): Promise<Car> {
      return (await run(() => client.DELETE('/admin/cars/{carId}', { params: { path: { carId } } }))).data;
    },

    /** A presigned POST of the images bucket for one photo of this type. */
    async createPhotoUpload(carId: string, contentType: PhotoType): Promise<PhotoUpload> {
      return (await run(() => client.POST('/admin/cars/{carId}/photo', { params: { path: { carId } }, body: { contentType } }))).data;
    },

    async createLocation(body: CreateLocationRequest): Promise<Location> {
      return (await run(() => client.POST('/admin/locations', { body }))).data;
    },

    async updateLocation(locationId: string, body: UpdateLocationRequest): Promise<Location> {
      return (await run(() => client.PATCH('/admin/locations/{locationId}', { params: { path: { locationId } }, body }))).data;
    },

    /** The pick-ups and returns of a day at a location (date: default today there). */
    async getDesk(locationId: string, date?: string, signal?: AbortSignal): Promise<Desk> {
      const query = date ? { locationId, date } : { locationId };
      return (await run(() => client.GET('/admin/desk', { params: { query }, signal }))).data;
    },

    /** PUT .../status with If-Match: the booking must still be at the version the desk showed. */
    async setBookingStatus(
      b: Pick<DeskBooking, 'id' | 'customerId' | 'version'>,
      status: DeskStatus,
      returnedOn?: string,
    ): Promise<{ booking: Booking; etag: string }> {
      const { data, response } = await run(() =>
        client.PUT('/admin/customers/{customerId}/bookings/{bookingId}/status', {
          params: { path: { customerId: b.customerId, bookingId: b.id }, header: { 'If-Match': `"${b.version}"` } },
          body: returnedOn ? { status, returnedOn } : { status },
        }),
      );
      return { booking: data, etag: etagOf(response, data) };
    },
  };
}

export type StaffApi = ReturnType<typeof createStaffApi>;

let override: StaffApi | null = null;
const made = new WeakMap<Api, StaffApi>();

/** For tests: the staff API to use (null: the real one again). */
export function setStaffApi(s: StaffApi | null): void {
  override = s;
}

/** The staff's client, made like the app's API client (main.tsx) when first asked for. */
export function staffApi(): StaffApi {
  if (override) return override;
  const a = api();
  let s = made.get(a);
  if (!s) {
    s = createStaffApi(a.options);
    made.set(a, s);
  }
  return s;
}

/** What S3 said when it refused an upload: its error Code and Message, or the HTTP status. */
export class UploadError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

/**
 * Sends the photo to S3 with the presigned POST: the fields, then the file,
 * last, as multipart/form-data. XMLHttpRequest rather than fetch, for the
 * upload's progress (onProgress gets a fraction, 0 to 1). Network failure:
 * ApiError (network); S3's refusal: UploadError.
 */
export function postPhoto(upload: PhotoUpload, file: Blob, onProgress?: (fraction: number) => void, signal?: AbortSignal): Promise<void> {
  const form = new FormData();
  for (const [k, v] of Object.entries(upload.fields)) form.append(k, v);
  form.append('file', file);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', upload.url);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(1);
        resolve();
      } else reject(s3Error(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => reject(new ApiError(networkProblem()));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

/** S3's XML error body (<Error><Code>…</Code><Message>…</Message></Error>) as an UploadError. */
export function s3Error(status: number, body: string): UploadError {
  const tag = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(body)?.[1]?.trim() ?? '';
  return new UploadError(status, tag('Code') || `HTTP ${status}`, tag('Message'));
}
