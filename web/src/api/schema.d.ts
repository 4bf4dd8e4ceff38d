/**
 * Generated from api/openapi.yaml by openapi-typescript (npm run gen:api).
 * Do not edit: change the contract and run `npm run gen:api` in web/.
 */

export interface paths {
    "/locations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the rental locations
         * @description All rental locations, in a stable order.
         */
        get: operations["listLocations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cars": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search the cars at a location
         * @description Cars standing at `locationId`, optionally of one `type`.
         *
         *     `pickupDate` and `returnDate` go together: give both or neither (one alone
         *     is a 400). With both, the period must follow the booking rules (pick-up not
         *     before today at the location, return after pick-up, at most 30 days, pick-up
         *     at most 365 days ahead); only cars free for the whole period are listed, and
         *     each carries a `quote` for it.
         *
         *     `seats` (at least that many) and `transmission` filter on the server, and
         *     `sort=price` orders the cars by daily rate, so by total for the dates,
         *     lowest first, over every type; the default order is by type (economy,
         *     compact, midsize, suv, luxury, van), each by daily rate.
         *
         *     Results are paged, and pages are full: a page holds `limit` cars whenever
         *     that many pass the filters (the server reads on for them). Only when a
         *     page had to read 1,000 cars without filling itself may it come back
         *     short with a `nextCursor`; follow `nextCursor` until it is absent.
         */
        get: operations["listCars"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/alternatives": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What can be offered when nothing is free
         * @description What the location can offer for a period: the free cars of `type` (any
         *     type when it is left out), cheapest total first, at most 5; with a
         *     type, the cheapest free car of each other type for the same days
         *     (`otherTypes`, in the order economy, compact, midsize, suv, luxury,
         *     van); and when no car of the type is free, the nearest later period
         *     of the same length, starting 1 to 28 days later, with a free car of
         *     the type (`laterDates`). The website shows them under an empty search
         *     result; the chatbot says them. `pickupDate` and `returnDate` are
         *     required and follow the booking rules.
         *
         *     Its cost is bounded: one reading of the location's fleet, whatever
         *     the number of bookings or the length of the rental.
         */
        get: operations["getAlternatives"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cars/{carId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The car's id.
                 * @example car-ber-001
                 */
                carId: components["parameters"]["CarId"];
            };
            cookie?: never;
        };
        /**
         * Get one car
         * @description One car. With both `pickupDate` and `returnDate` (give both or neither; the
         *     period must follow the booking rules), the car also carries a `quote` for
         *     the period and `available`: whether it is free for the whole period.
         */
        get: operations["getCar"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/bookings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the signed-in user's bookings
         * @description The signed-in user's own bookings, newest first, optionally only those with one `status`.
         */
        get: operations["listBookings"];
        put?: never;
        /**
         * Book a car
         * @description Books `carId` for `[pickupDate, returnDate)` for the signed-in user, at the
         *     car's daily rate. The period must follow the booking rules (pick-up not
         *     before today at the car's location, return after pick-up, at most 30 days,
         *     pick-up at most 365 days ahead). When `locationId` is given, the car must
         *     stand at that location.
         *
         *     Send an `Idempotency-Key` to make retries safe: a request that repeats an
         *     earlier key of the same user with the same body returns the booking the
         *     first request made (201 again, no second booking); the same key with a
         *     different body is a 422 `idempotency_conflict`.
         *
         *     A car that is not free for the whole period is a 409 `car_unavailable`.
         *     Two concurrent requests for overlapping periods never both succeed.
         *
         *     A customer may hold a stage's booking limit of active bookings at once
         *     (5 unless the stage says otherwise): confirmed ones whose return day has
         *     not passed. One more is a 409 `booking_limit_reached`, whose `limit`
         *     says the limit and how many the customer holds; a cancelled or ended
         *     booking frees its place. Concurrent requests never pass the limit.
         */
        post: operations["createBooking"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/bookings/{bookingId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The booking's id.
                 * @example 01J0Z8Q6W3M5X7Y9A1B2C3D4E5
                 */
                bookingId: components["parameters"]["BookingId"];
            };
            cookie?: never;
        };
        /**
         * Get one of the signed-in user's bookings
         * @description One booking of the signed-in user. Another user's booking is a 404, exactly like a booking that does not exist. The `ETag` is the booking's version, to send back as `If-Match` when changing it.
         */
        get: operations["getBooking"];
        put?: never;
        post?: never;
        /**
         * Cancel a booking
         * @description Cancels a booking that has not started and frees the car for its period. The booking is kept, with status `CANCELLED`. Cancelling a booking that is already cancelled changes nothing and answers 200 again. A started booking is a 409 `booking_started`. With `If-Match`, the booking must still be at that version (412 `version_mismatch` otherwise).
         */
        delete: operations["cancelBooking"];
        options?: never;
        head?: never;
        /**
         * Change a booking
         * @description Changes the car and/or the period of a confirmed booking that has not
         *     started. Properties that are left out keep their value; the result must
         *     follow the booking rules (pick-up not before today at the location, return
         *     after pick-up, at most 30 days, pick-up at most 365 days ahead), and the
         *     (new) car must be free for the (new) period, ignoring this booking itself.
         *     The total is recomputed and `version` goes up by one.
         *
         *     With `If-Match` (the `ETag` of the version the client saw) the change is
         *     applied only if the booking is still at that version, otherwise 412
         *     `version_mismatch`. A cancelled booking is a 409 `booking_cancelled`, a
         *     started one a 409 `booking_started`, a car that is not free a 409
         *     `car_unavailable`.
         */
        patch: operations["updateBooking"];
        trace?: never;
    };
    "/admin/cars": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add a car to the fleet (staff)
         * @description Staff only (the Cognito group `admins`; anyone else gets 403 `forbidden`).
         *     The daily rate is in the location's currency's minor units. Without `id`,
         *     one is made from the location (`ber-7k2m9q`). A taken id is a 409
         *     `already_exists`. The car has no photo until one is uploaded
         *     (`POST /admin/cars/{carId}/photo`) and named (`PATCH`, `photoKey`).
         */
        post: operations["createCar"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/cars/{carId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The car's id.
                 * @example car-ber-001
                 */
                carId: components["parameters"]["CarId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Retire a car (staff)
         * @description Staff only. The car leaves the fleet: no search lists it and no booking may take it; its past bookings keep it. A car with bookings from today on is a 409 `car_has_bookings` naming them: move or cancel them first. A retired car is not found.
         */
        delete: operations["retireCar"];
        options?: never;
        head?: never;
        /**
         * Change a car (staff)
         * @description Staff only. Properties left out keep their value. A new daily rate applies
         *     to bookings made from now on; a booking keeps its total. `photoKey` names a
         *     photo uploaded for this car (`POST /admin/cars/{carId}/photo`). A car with
         *     bookings from today on cannot move to another location: 409
         *     `car_has_bookings`, whose `bookings` names them. A move to a location of
         *     another currency must give `dailyRate` in it.
         */
        patch: operations["updateCar"];
        trace?: never;
    };
    "/admin/cars/{carId}/photo": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The car's id.
                 * @example car-ber-001
                 */
                carId: components["parameters"]["CarId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get a presigned upload for a car's photo (staff)
         * @description Staff only. Answers an Amazon S3 presigned POST for the images bucket:
         *     send `fields` and then the file (as `file`, last) as `multipart/form-data`
         *     to `url` before `expiresAt`. S3 refuses another content type than the one
         *     asked for and a file over `maxBytes` (5 MB). The photo lands under `key`
         *     (`cars/<carId>/...`); name it with `PATCH /admin/cars/{carId}`
         *     (`photoKey`) to show it.
         */
        post: operations["createPhotoUpload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/locations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add a location (staff)
         * @description Staff only. Every field is required; `id` (2 to 40 lowercase letters, digits and dashes) never changes. A taken id is a 409 `already_exists`.
         */
        post: operations["createLocation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/locations/{locationId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The location's id.
                 * @example ber
                 */
                locationId: components["parameters"]["LocationPathId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a location (staff)
         * @description Staff only. Properties left out keep their value. The currency cannot change while cars stand at the location (400 on `currency`). A new time zone moves "today" there for every later rule; a booking keeps its days.
         */
        patch: operations["updateLocation"];
        trace?: never;
    };
    "/admin/desk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The pick-ups and returns of a day at a location (staff)
         * @description Staff only. The bookings picked up on `date` (default: today at the location, in its time zone) and those due back that day, every customer's, with the customer's email; cancelled ones are left out.
         */
        get: operations["getDesk"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/customers/{customerId}/bookings/{bookingId}/status": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The customer's id (their Cognito `sub`), as the desk lists it.
                 * @example 5f3c8e2a-7b1d-4c9e-a6f0-2d8b4e1c9a37
                 */
                customerId: components["parameters"]["CustomerId"];
                /**
                 * @description The booking's id.
                 * @example 01J0Z8Q6W3M5X7Y9A1B2C3D4E5
                 */
                bookingId: components["parameters"]["BookingId"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Mark a booking picked up, returned or a no-show (staff)
         * @description Staff only, at the desk. `PICKED_UP` from the pick-up day on (the customer
         *     can then neither change nor cancel it); `RETURNED` once picked up, on
         *     `returnedOn` (default today; not before the pick-up day, not in the
         *     future): a car back early is free from that day; `NO_SHOW` from the pick-up
         *     day on, for a confirmed booking: the car is free from today. Anything
         *     else is a 409 `invalid_transition`. Each change is one version more; with
         *     `If-Match` the booking must still be at that version.
         */
        put: operations["setBookingStatus"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description An identifier (letters, digits, `_` and `-`; 1 to 64 characters).
         * @example car-ber-001
         */
        Id: string;
        /**
         * Format: date
         * @description A calendar day `YYYY-MM-DD` in the pick-up location's time zone.
         * @example 2030-06-01
         */
        Date: string;
        /** @description An amount of money in minor units (for example cents). */
        Money: {
            /**
             * Format: int64
             * @description The amount in the currency's minor units (4500 USD is $45.00).
             * @example 4500
             */
            amount: number;
            /**
             * @description ISO 4217 currency code.
             * @example USD
             */
            currency: string;
        };
        Location: {
            /** @example ber */
            id: string;
            /** @example Berlin Hauptbahnhof */
            name: string;
            /** @example Berlin */
            city: string;
            /**
             * @description ISO 3166-1 alpha-2 country code.
             * @example DE
             */
            country: string;
            /**
             * @description IANA time zone of the location; its dates (and "today") are in this zone.
             * @example Europe/Berlin
             */
            timeZone: string;
            /** @example Europaplatz 1, 10557 Berlin */
            address: string;
            /**
             * @description The currency of the daily rates of the location's cars.
             * @example EUR
             * @enum {string}
             */
            currency: "AUD" | "CAD" | "CHF" | "EUR" | "GBP" | "NZD" | "USD";
        };
        LocationList: {
            locations: components["schemas"]["Location"][];
        };
        /** @enum {string} */
        CarType: "economy" | "compact" | "midsize" | "suv" | "luxury" | "van";
        /** @enum {string} */
        Transmission: "automatic" | "manual";
        /** @description The price of renting the car for the requested period. */
        Quote: {
            /** @description Number of rental days, `returnDate - pickupDate`. */
            days: number;
            total: components["schemas"]["Money"];
        };
        Car: {
            /** @example car-ber-001 */
            id: string;
            /** @example Volkswagen */
            make: string;
            /** @example Golf */
            model: string;
            type: components["schemas"]["CarType"];
            /** @example 5 */
            seats: number;
            transmission: components["schemas"]["Transmission"];
            /**
             * @description The location where the car stands.
             * @example ber
             */
            locationId: string;
            dailyRate: components["schemas"]["Money"];
            /**
             * Format: uri
             * @example https://cdn.example.com/cars/vw-golf.jpg
             */
            imageUrl: string;
            quote?: components["schemas"]["Quote"];
            /** @description Present only on `GET /cars/{carId}` with both dates: whether the car is free for the whole period. */
            available?: boolean;
        };
        CarList: {
            cars: components["schemas"]["Car"][];
            /** @description Present only when there is a next page; pass it as `cursor`. A page may hold fewer than `limit` cars even when it is present. */
            nextCursor?: string;
        };
        Alternatives: {
            /** @description The cars of the type free for the whole period, cheapest total first, at most 5, each with its quote. */
            free: components["schemas"]["Car"][];
            /** @description When a type was asked for: the cheapest free car of each other type for the period, each with its quote. Empty without a type. */
            otherTypes: components["schemas"]["Car"][];
            /** @description The nearest later period of the same length with a free car of the type; absent when there is none within 28 days or some car is free for the dates asked. */
            laterDates?: {
                pickupDate: components["schemas"]["Date"];
                returnDate: components["schemas"]["Date"];
                car: components["schemas"]["Car"];
            };
            /** @description Whether the location has any car of the type at all (any type, without one). */
            typeInFleet: boolean;
        };
        /** @description The booked car, in short. */
        CarSummary: {
            id: string;
            make: string;
            model: string;
            type: components["schemas"]["CarType"];
            seats: number;
            transmission: components["schemas"]["Transmission"];
            /** Format: uri */
            imageUrl: string;
        };
        /**
         * @description CONFIRMED when made; CANCELLED by the customer; at the desk PICKED_UP, then RETURNED, or NO_SHOW.
         * @enum {string}
         */
        BookingStatus: "CONFIRMED" | "CANCELLED" | "PICKED_UP" | "RETURNED" | "NO_SHOW";
        /**
         * @example {
         *       "id": "01J0Z8Q6W3M5X7Y9A1B2C3D4E5",
         *       "carId": "car-ber-001",
         *       "locationId": "ber",
         *       "pickupDate": "2030-06-01",
         *       "returnDate": "2030-06-04",
         *       "days": 3,
         *       "total": {
         *         "amount": 13500,
         *         "currency": "EUR"
         *       },
         *       "status": "CONFIRMED",
         *       "version": 1,
         *       "createdAt": "2030-05-20T09:30:00Z",
         *       "updatedAt": "2030-05-20T09:30:00Z",
         *       "car": {
         *         "id": "car-ber-001",
         *         "make": "Volkswagen",
         *         "model": "Golf",
         *         "type": "compact",
         *         "seats": 5,
         *         "transmission": "manual",
         *         "imageUrl": "https://cdn.example.com/cars/vw-golf.jpg"
         *       }
         *     }
         */
        Booking: {
            /** @example 01J0Z8Q6W3M5X7Y9A1B2C3D4E5 */
            id: string;
            /** @example car-ber-001 */
            carId: string;
            /**
             * @description The pick-up (and return) location.
             * @example ber
             */
            locationId: string;
            pickupDate: components["schemas"]["Date"];
            returnDate: components["schemas"]["Date"];
            /**
             * @description Number of rental days, `returnDate - pickupDate`.
             * @example 3
             */
            days: number;
            total: components["schemas"]["Money"];
            status: components["schemas"]["BookingStatus"];
            /** @description The day the car came back (RETURNED only). */
            returnedOn?: components["schemas"]["Date"];
            /**
             * @description Goes up by one with every change; the `ETag` is this number, quoted.
             * @example 1
             */
            version: number;
            /**
             * Format: date-time
             * @example 2030-05-20T09:30:00Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @example 2030-05-20T09:30:00Z
             */
            updatedAt: string;
            car: components["schemas"]["CarSummary"];
        };
        BookingList: {
            bookings: components["schemas"]["Booking"][];
            /** @description Present only when there is a next page; pass it as `cursor`. */
            nextCursor?: string;
        };
        CreateBookingRequest: {
            carId: components["schemas"]["Id"];
            pickupDate: components["schemas"]["Date"];
            returnDate: components["schemas"]["Date"];
            /** @description When given, the car must stand at this location. */
            locationId?: components["schemas"]["Id"];
        };
        /** @description The properties to change; at least one. */
        UpdateBookingRequest: {
            carId?: components["schemas"]["Id"];
            pickupDate?: components["schemas"]["Date"];
            returnDate?: components["schemas"]["Date"];
        };
        /** @enum {string} */
        ErrorCode: "validation_failed" | "unauthorized" | "not_found" | "car_unavailable" | "booking_cancelled" | "booking_started" | "booking_limit_reached" | "version_mismatch" | "idempotency_conflict" | "forbidden" | "invalid_transition" | "car_has_bookings" | "already_exists" | "payload_too_large" | "unsupported_media_type" | "throttled" | "unavailable" | "internal";
        Error: {
            error: components["schemas"]["ErrorDetail"];
        };
        ErrorDetail: {
            code: components["schemas"]["ErrorCode"];
            /** @description For humans; never internal details. */
            message: string;
            /** @description Optional, mainly on `validation_failed`: JSON property or parameter name -> what is wrong with it. */
            fields?: {
                [key: string]: string;
            };
            limit?: components["schemas"]["BookingLimit"];
            /** @description On `car_has_bookings` only, the bookings that hold the car from today on. */
            bookings?: components["schemas"]["HeldBooking"][];
            /** @description Identifies the request in the logs. */
            requestId: string;
        };
        HeldBooking: {
            id: components["schemas"]["Id"];
            customerId: string;
            pickupDate: components["schemas"]["Date"];
            returnDate: components["schemas"]["Date"];
            status: components["schemas"]["BookingStatus"];
        };
        CreateCarRequest: {
            id?: string;
            make: string;
            model: string;
            type: components["schemas"]["CarType"];
            seats: number;
            transmission: components["schemas"]["Transmission"];
            locationId: components["schemas"]["Id"];
            /** @description Minor units of the location's currency (4500 is 45.00). */
            dailyRate: number;
        };
        UpdateCarRequest: {
            make?: string;
            model?: string;
            type?: components["schemas"]["CarType"];
            seats?: number;
            transmission?: components["schemas"]["Transmission"];
            locationId?: components["schemas"]["Id"];
            dailyRate?: number;
            /** @description The `key` of a photo uploaded for this car. */
            photoKey?: string;
        };
        PhotoUploadRequest: {
            /** @enum {string} */
            contentType: "image/jpeg" | "image/png" | "image/webp";
        };
        PhotoUpload: {
            /** Format: uri */
            url: string;
            fields: {
                [key: string]: string;
            };
            key: string;
            maxBytes: number;
            /** Format: date-time */
            expiresAt: string;
        };
        CreateLocationRequest: {
            id: string;
            name: string;
            city: string;
            country: string;
            timeZone: string;
            address: string;
            /** @enum {string} */
            currency: "AUD" | "CAD" | "CHF" | "EUR" | "GBP" | "NZD" | "USD";
        };
        UpdateLocationRequest: {
            name?: string;
            city?: string;
            country?: string;
            timeZone?: string;
            address?: string;
            /** @enum {string} */
            currency?: "AUD" | "CAD" | "CHF" | "EUR" | "GBP" | "NZD" | "USD";
        };
        Desk: {
            location: components["schemas"]["Location"];
            date: components["schemas"]["Date"];
            pickups: components["schemas"]["DeskBooking"][];
            returns: components["schemas"]["DeskBooking"][];
        };
        /** @description A booking as the desk sees it, with its customer. */
        DeskBooking: components["schemas"]["Booking"] & {
            customerId: string;
            /** @description The customer's email, when the booking has one. */
            email?: string;
        };
        BookingStatusRequest: {
            /** @enum {string} */
            status: "PICKED_UP" | "RETURNED" | "NO_SHOW";
            returnedOn?: components["schemas"]["Date"];
        };
        /** @description On `booking_limit_reached` only. */
        BookingLimit: {
            /** @description The most active bookings one customer may hold at once. */
            max: number;
            /** @description How many active bookings the customer holds. */
            held: number;
        };
        /** @description A response made by API Gateway itself, such as the authorizer's 401. */
        GatewayMessage: {
            /** @example Unauthorized */
            message: string;
        };
    };
    responses: {
        /** @description `validation_failed`: a parameter or the body is invalid or breaks a booking rule; `fields` says which and why. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "validation_failed",
                 *         "message": "the request is invalid",
                 *         "fields": {
                 *           "returnDate": "must be after pickupDate"
                 *         },
                 *         "requestId": "c6a1f0e2-5d7b-4b8e-9f3a-1e2d3c4b5a69"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No valid ID token. The body is either ours (`unauthorized`) or API Gateway's Cognito authorizer's `{"message":"Unauthorized"}`. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "message": "Unauthorized"
                 *     }
                 */
                "application/json": components["schemas"]["Error"] | components["schemas"]["GatewayMessage"];
            };
        };
        /** @description `forbidden`: the route is for staff (the Cognito group `admins`) only. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "forbidden",
                 *         "message": "this is for staff only",
                 *         "requestId": "c6a1f0e2-5d7b-4b8e-9f3a-1e2d3c4b5a69"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description `not_found`: no such car or booking (another user's booking is not found either). */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "not_found",
                 *         "message": "booking not found",
                 *         "requestId": "c6a1f0e2-5d7b-4b8e-9f3a-1e2d3c4b5a69"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The request conflicts with the current state: `car_unavailable` (the car is not free for the whole period), `booking_cancelled` (the booking is cancelled), `booking_started` (the booking has started), `booking_limit_reached` (the customer holds the most active bookings allowed; `limit` says how many); for staff, `car_has_bookings` (`bookings` names them), `already_exists`, `invalid_transition`. */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "car_unavailable",
                 *         "message": "the car is not available for these dates",
                 *         "requestId": "c6a1f0e2-5d7b-4b8e-9f3a-1e2d3c4b5a69"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description `payload_too_large`: the request body is too large. */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description `unsupported_media_type`: the request body is not `application/json`. */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description `version_mismatch`: `If-Match` does not name the booking's current version; fetch the booking again. */
        PreconditionFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "version_mismatch",
                 *         "message": "the booking has changed; reload it and try again",
                 *         "requestId": "c6a1f0e2-5d7b-4b8e-9f3a-1e2d3c4b5a69"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description `idempotency_conflict`: this `Idempotency-Key` was already used with a different body. */
        UnprocessableEntity: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description `throttled`: too busy right now (the database's throttling, or too many changes of one car at once); `unavailable`: the database did not answer in time or at all. Either way, retry after `Retry-After` seconds. On a write (POST, PATCH, DELETE) the outcome of `unavailable` may be unknown: the store could not confirm whether the change was saved before the function's time ran out. Retry a create with the same `Idempotency-Key` (it answers the booking if it was made), and read the booking before retrying a change or a cancellation. */
        Throttled: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description `internal`: an unexpected error; the body carries no details. */
        Internal: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "internal",
                 *         "message": "internal error",
                 *         "requestId": "c6a1f0e2-5d7b-4b8e-9f3a-1e2d3c4b5a69"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: {
        /**
         * @description The location whose cars to list.
         * @example ber
         */
        LocationId: components["schemas"]["Id"];
        /** @description Only cars of this type. */
        CarType: components["schemas"]["CarType"];
        /**
         * @description First day of the rental (`YYYY-MM-DD`, in the location's time zone). Give it together with `returnDate`, or neither.
         * @example 2030-06-01
         */
        PickupDate: components["schemas"]["Date"];
        /**
         * @description Return day (`YYYY-MM-DD`, in the location's time zone), after `pickupDate`; the car is free again on that day. Give it together with `pickupDate`, or neither.
         * @example 2030-06-04
         */
        ReturnDate: components["schemas"]["Date"];
        /** @description The most items a page holds. */
        Limit: number;
        /** @description The `nextCursor` of the previous page, unchanged, with the same other parameters. Opaque; a cursor of another caller or query is a 400. */
        Cursor: string;
        /**
         * @description The car's id.
         * @example car-ber-001
         */
        CarId: components["schemas"]["Id"];
        /**
         * @description The location's id.
         * @example ber
         */
        LocationPathId: components["schemas"]["Id"];
        /**
         * @description The customer's id (their Cognito `sub`), as the desk lists it.
         * @example 5f3c8e2a-7b1d-4c9e-a6f0-2d8b4e1c9a37
         */
        CustomerId: components["schemas"]["Id"];
        /**
         * @description The booking's id.
         * @example 01J0Z8Q6W3M5X7Y9A1B2C3D4E5
         */
        BookingId: components["schemas"]["Id"];
        /**
         * @description A client-chosen key (for example a UUID) that makes a retried request safe: the same key and body return the first booking; the same key with another body is a 422. Keys are per user and remembered for a limited time.
         * @example 5b1c7a0e-3f4d-4a51-9a8e-2f0c6d7e8b90
         */
        IdempotencyKey: string;
        /**
         * @description The `ETag` of the booking version the client saw (for example `"3"`). When given, the change applies only to that version; otherwise 412.
         * @example "3"
         */
        IfMatch: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description The booking's version as a strong entity tag, for example `"3"`.
         * @example "1"
         */
        ETag: string;
        /**
         * @description Path of the new booking relative to the API's base URL, `/bookings/{id}`.
         * @example /bookings/01J0Z8Q6W3M5X7Y9A1B2C3D4E5
         */
        Location: string;
        /**
         * @description Seconds to wait before retrying.
         * @example 1
         */
        RetryAfter: number;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listLocations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The locations. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "locations": [
                     *         {
                     *           "id": "ber",
                     *           "name": "Berlin Hauptbahnhof",
                     *           "city": "Berlin",
                     *           "country": "DE",
                     *           "timeZone": "Europe/Berlin",
                     *           "address": "Europaplatz 1, 10557 Berlin",
                     *           "currency": "EUR"
                     *         },
                     *         {
                     *           "id": "sfo",
                     *           "name": "San Francisco Airport",
                     *           "city": "San Francisco",
                     *           "country": "US",
                     *           "timeZone": "America/Los_Angeles",
                     *           "address": "780 N McDonnell Rd, San Francisco, CA 94128",
                     *           "currency": "USD"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["LocationList"];
                };
            };
            500: components["responses"]["Internal"];
            503: components["responses"]["Throttled"];
        };
    };
    listCars: {
        parameters: {
            query: {
                /**
                 * @description The location whose cars to list.
                 * @example ber
                 */
                locationId: components["parameters"]["LocationId"];
                /** @description Only cars of this type. */
                type?: components["parameters"]["CarType"];
                /**
                 * @description First day of the rental (`YYYY-MM-DD`, in the location's time zone). Give it together with `returnDate`, or neither.
                 * @example 2030-06-01
                 */
                pickupDate?: components["parameters"]["PickupDate"];
                /**
                 * @description Return day (`YYYY-MM-DD`, in the location's time zone), after `pickupDate`; the car is free again on that day. Give it together with `pickupDate`, or neither.
                 * @example 2030-06-04
                 */
                returnDate?: components["parameters"]["ReturnDate"];
                /**
                 * @description Only cars with at least this many seats.
                 * @example 5
                 */
                seats?: number;
                /** @description Only cars with this transmission. */
                transmission?: components["schemas"]["Transmission"];
                /** @description `price`: by daily rate (so by total for the dates), lowest first, over every type. Without it, by type, then daily rate. */
                sort?: "price";
                /** @description The most items a page holds. */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextCursor` of the previous page, unchanged, with the same other parameters. Opaque; a cursor of another caller or query is a 400. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of cars. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "cars": [
                     *         {
                     *           "id": "car-ber-001",
                     *           "make": "Volkswagen",
                     *           "model": "Golf",
                     *           "type": "compact",
                     *           "seats": 5,
                     *           "transmission": "manual",
                     *           "locationId": "ber",
                     *           "dailyRate": {
                     *             "amount": 4500,
                     *             "currency": "EUR"
                     *           },
                     *           "imageUrl": "https://cdn.example.com/cars/vw-golf.jpg",
                     *           "quote": {
                     *             "days": 3,
                     *             "total": {
                     *               "amount": 13500,
                     *               "currency": "EUR"
                     *             }
                     *           }
                     *         }
                     *       ],
                     *       "nextCursor": "eyJrIjoiQ0FSI2Nhci1iZXItMDAxIn0.c2ln"
                     *     }
                     */
                    "application/json": components["schemas"]["CarList"];
                };
            };
            400: components["responses"]["BadRequest"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Throttled"];
        };
    };
    getAlternatives: {
        parameters: {
            query: {
                /**
                 * @description The location whose cars to list.
                 * @example ber
                 */
                locationId: components["parameters"]["LocationId"];
                /** @description Only cars of this type. */
                type?: components["parameters"]["CarType"];
                /**
                 * @description First day of the rental (`YYYY-MM-DD`, in the location's time zone).
                 * @example 2030-06-01
                 */
                pickupDate: components["schemas"]["Date"];
                /**
                 * @description Return day (`YYYY-MM-DD`, in the location's time zone), after `pickupDate`.
                 * @example 2030-06-04
                 */
                returnDate: components["schemas"]["Date"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The alternatives. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "free": [],
                     *       "typeInFleet": true,
                     *       "otherTypes": [
                     *         {
                     *           "id": "ber-002",
                     *           "make": "Volkswagen",
                     *           "model": "Golf",
                     *           "type": "compact",
                     *           "seats": 5,
                     *           "transmission": "manual",
                     *           "locationId": "ber",
                     *           "dailyRate": {
                     *             "amount": 4900,
                     *             "currency": "EUR"
                     *           },
                     *           "imageUrl": "https://cdn.example.com/cars/ber-002.svg",
                     *           "quote": {
                     *             "days": 3,
                     *             "total": {
                     *               "amount": 14700,
                     *               "currency": "EUR"
                     *             }
                     *           }
                     *         }
                     *       ],
                     *       "laterDates": {
                     *         "pickupDate": "2030-06-03",
                     *         "returnDate": "2030-06-06",
                     *         "car": {
                     *           "id": "ber-001",
                     *           "make": "Volkswagen",
                     *           "model": "Polo",
                     *           "type": "economy",
                     *           "seats": 5,
                     *           "transmission": "manual",
                     *           "locationId": "ber",
                     *           "dailyRate": {
                     *             "amount": 3900,
                     *             "currency": "EUR"
                     *           },
                     *           "imageUrl": "https://cdn.example.com/cars/ber-001.svg",
                     *           "quote": {
                     *             "days": 3,
                     *             "total": {
                     *               "amount": 11700,
                     *               "currency": "EUR"
                     *             }
                     *           }
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Alternatives"];
                };
            };
            400: components["responses"]["BadRequest"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Throttled"];
        };
    };
    getCar: {
        parameters: {
            query?: {
                /**
                 * @description First day of the rental (`YYYY-MM-DD`, in the location's time zone). Give it together with `returnDate`, or neither.
                 * @example 2030-06-01
                 */
                pickupDate?: components["parameters"]["PickupDate"];
                /**
                 * @description Return day (`YYYY-MM-DD`, in the location's time zone), after `pickupDate`; the car is free again on that day. Give it together with `pickupDate`, or neither.
                 * @example 2030-06-04
                 */
                returnDate?: components["parameters"]["ReturnDate"];
            };
            header?: never;
            path: {
                /**
                 * @description The car's id.
                 * @example car-ber-001
                 */
                carId: components["parameters"]["CarId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The car. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "car-ber-001",
                     *       "make": "Volkswagen",
                     *       "model": "Golf",
                     *       "type": "compact",
                     *       "seats": 5,
                     *       "transmission": "manual",
                     *       "locationId": "ber",
                     *       "dailyRate": {
                     *         "amount": 4500,
                     *         "currency": "EUR"
                     *       },
                     *       "imageUrl": "https://cdn.example.com/cars/vw-golf.jpg",
                     *       "quote": {
                     *         "days": 3,
                     *         "total": {
                     *           "amount": 13500,
                     *           "currency": "EUR"
                     *         }
                     *       },
                     *       "available": true
                     *     }
                     */
                    "application/json": components["schemas"]["Car"];
                };
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Throttled"];
        };
    };
    listBookings: {
        parameters: {
            query?: {
                /** @description Only bookings with this status. */
                status?: components["schemas"]["BookingStatus"];
                /** @description The most items a page holds. */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextCursor` of the previous page, unchanged, with the same other parameters. Opaque; a cursor of another caller or query is a 400. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of bookings, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BookingList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Throttled"];
        };
    };
    createBooking: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A client-chosen key (for example a UUID) that makes a retried request safe: the same key and body return the first booking; the same key with another body is a 422. Keys are per user and remembered for a limited time.
                 * @example 5b1c7a0e-3f4d-4a51-9a8e-2f0c6d7e8b90
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "carId": "car-ber-001",
                 *       "pickupDate": "2030-06-01",
                 *       "returnDate": "2030-06-04",
                 *       "locationId": "ber"
                 *     }
                 */
                "application/json": components["schemas"]["CreateBookingRequest"];
            };
        };
        responses: {
            /** @description The booking was made, or this is a replay of an earlier request with the same `Idempotency-Key` and body, which returns the first booking. */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Booking"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableEntity"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Throttled"];
        };
    };
    getBooking: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The booking's id.
                 * @example 01J0Z8Q6W3M5X7Y9A1B2C3D4E5
                 */
                bookingId: components["parameters"]["BookingId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The booking. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Booking"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Throttled"];
        };
    };
    cancelBooking: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` of the booking version the client saw (for example `"3"`). When given, the change applies only to that version; otherwise 412.
                 * @example "3"
                 */
                "If-Match"?: components["parameters"]["IfMatch"];
            };
            path: {
                /**
                 * @description The booking's id.
                 * @example 01J0Z8Q6W3M5X7Y9A1B2C3D4E5
                 */
                bookingId: components["parameters"]["BookingId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The booking, now (or already) with status CANCELLED. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Booking"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Throttled"];
        };
    };
    updateBooking: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` of the booking version the client saw (for example `"3"`). When given, the change applies only to that version; otherwise 412.
                 * @example "3"
                 */
                "If-Match"?: components["parameters"]["IfMatch"];
            };
            path: {
                /**
                 * @description The booking's id.
                 * @example 01J0Z8Q6W3M5X7Y9A1B2C3D4E5
                 */
                bookingId: components["parameters"]["BookingId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "returnDate": "2030-06-05"
                 *     }
                 */
                "application/json": components["schemas"]["UpdateBookingRequest"];
            };
        };
        responses: {
            /** @description The changed booking. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Booking"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Throttled"];
        };
    };
    createCar: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "make": "Kia",
                 *       "model": "Ceed",
                 *       "type": "compact",
                 *       "seats": 5,
                 *       "transmission": "manual",
                 *       "locationId": "ber",
                 *       "dailyRate": 4500
                 *     }
                 */
                "application/json": components["schemas"]["CreateCarRequest"];
            };
        };
        responses: {
            /** @description The new car. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Car"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Throttled"];
        };
    };
    retireCar: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The car's id.
                 * @example car-ber-001
                 */
                carId: components["parameters"]["CarId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The car, retired. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Car"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Throttled"];
        };
    };
    updateCar: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The car's id.
                 * @example car-ber-001
                 */
                carId: components["parameters"]["CarId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "dailyRate": 5200
                 *     }
                 */
                "application/json": components["schemas"]["UpdateCarRequest"];
            };
        };
        responses: {
            /** @description The changed car. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Car"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Throttled"];
        };
    };
    createPhotoUpload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The car's id.
                 * @example car-ber-001
                 */
                carId: components["parameters"]["CarId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "contentType": "image/jpeg"
                 *     }
                 */
                "application/json": components["schemas"]["PhotoUploadRequest"];
            };
        };
        responses: {
            /** @description The presigned upload. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PhotoUpload"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Throttled"];
        };
    };
    createLocation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateLocationRequest"];
            };
        };
        responses: {
            /** @description The new location. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Location"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Throttled"];
        };
    };
    updateLocation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The location's id.
                 * @example ber
                 */
                locationId: components["parameters"]["LocationPathId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateLocationRequest"];
            };
        };
        responses: {
            /** @description The changed location. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Location"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Throttled"];
        };
    };
    getDesk: {
        parameters: {
            query: {
                /**
                 * @description The location whose cars to list.
                 * @example ber
                 */
                locationId: components["parameters"]["LocationId"];
                /** @description The day (`YYYY-MM-DD`) at the location; default today there. */
                date?: components["schemas"]["Date"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The day at the desk. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Desk"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Throttled"];
        };
    };
    setBookingStatus: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` of the booking version the client saw (for example `"3"`). When given, the change applies only to that version; otherwise 412.
                 * @example "3"
                 */
                "If-Match"?: components["parameters"]["IfMatch"];
            };
            path: {
                /**
                 * @description The customer's id (their Cognito `sub`), as the desk lists it.
                 * @example 5f3c8e2a-7b1d-4c9e-a6f0-2d8b4e1c9a37
                 */
                customerId: components["parameters"]["CustomerId"];
                /**
                 * @description The booking's id.
                 * @example 01J0Z8Q6W3M5X7Y9A1B2C3D4E5
                 */
                bookingId: components["parameters"]["BookingId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "status": "PICKED_UP"
                 *     }
                 */
                "application/json": components["schemas"]["BookingStatusRequest"];
            };
        };
        responses: {
            /** @description The booking after the change. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Booking"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Throttled"];
        };
    };
}
