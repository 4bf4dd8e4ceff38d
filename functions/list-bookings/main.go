// Command list-bookings is the Lambda function of GET /bookings: the signed-in
// user's bookings (Cognito). Its handler is apigw.API.ListBookings;
// lambdafn.REST builds it and starts the Lambda runtime.
package main

import (
	"github.com/carrental/backend/pkg/apigw"
	"github.com/carrental/backend/pkg/lambdafn"
)

func main() { lambdafn.REST((*apigw.API).ListBookings) }
