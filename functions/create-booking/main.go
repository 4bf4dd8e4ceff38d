// Command create-booking is the Lambda function of POST /bookings: book a car
// for the signed-in user (Cognito). Its handler is apigw.API.CreateBooking;
// lambdafn.REST builds it and starts the Lambda runtime.
package main

import (
	"github.com/carrental/backend/pkg/apigw"
	"github.com/carrental/backend/pkg/lambdafn"
)

func main() { lambdafn.REST((*apigw.API).CreateBooking) }
