import type { StaffApi } from '../staff/api';

/** A StaffApi whose methods throw unless a test gives them an answer. */
export function fakeStaffApi(over: Partial<StaffApi> = {}): StaffApi {
  const missing = (name: string) => () => Promise.reject(new Error(`fake staff api: ${name} not set`));
  return {
    createCar: missing('createCar'),
    updateCar: missing('updateCar'),
    retireCar: missing('retireCar'),
    createPhotoUpload: missing('createPhotoUpload'),
    createLocation: missing('createLocation'),
    updateLocation: missing('updateLocation'),
    getDesk: missing('getDesk'),
    setBookingStatus: missing('setBookingStatus'),
    ...over,
  };
}
