// Command get-booking is the Lambda function of GET /bookings/{bookingId}: one
// of the signed-in user's bookings (Cognito). Its handler is
// apigw.API.GetBooking; lambdafn.REST builds it and starts the Lambda runtime.
package main

import (
	"github.com/carrental/backend/pkg/apigw"
	"github.com/carrental/backend/pkg/lambdafn"
)

func main() { lambdafn.REST((*apigw.API).GetBooking) }
