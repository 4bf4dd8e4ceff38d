// Command get-car is the Lambda function of GET /cars/{carId}: one car, with
// its quote and availability for given dates (public). Its handler is
// apigw.API.GetCar; lambdafn.REST builds it and starts the Lambda runtime.
package main

import (
	"github.com/carrental/backend/pkg/apigw"
	"github.com/carrental/backend/pkg/lambdafn"
)

func main() { lambdafn.REST((*apigw.API).GetCar) }
