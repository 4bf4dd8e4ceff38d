// Command update-booking is the Lambda function of PATCH
// /bookings/{bookingId}: change a booking's car or dates (Cognito). Its
// handler is apigw.API.UpdateBooking; lambdafn.REST builds it and starts the
// Lambda runtime.
package main

import (
	"github.com/carrental/backend/pkg/apigw"
	"github.com/carrental/backend/pkg/lambdafn"
)

func main() { lambdafn.REST((*apigw.API).UpdateBooking) }
