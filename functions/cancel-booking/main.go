// Command cancel-booking is the Lambda function of DELETE
// /bookings/{bookingId}: cancel a booking (Cognito). Its handler is
// apigw.API.CancelBooking; lambdafn.REST builds it and starts the Lambda
// runtime.
package main

import (
	"github.com/carrental/backend/pkg/apigw"
	"github.com/carrental/backend/pkg/lambdafn"
)

func main() { lambdafn.REST((*apigw.API).CancelBooking) }
