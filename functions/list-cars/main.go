// Command list-cars is the Lambda function of GET /cars: the cars at a
// location, by type and free period (public). Its handler is
// apigw.API.ListCars; lambdafn.REST builds it and starts the Lambda runtime.
package main

import (
	"github.com/carrental/backend/pkg/apigw"
	"github.com/carrental/backend/pkg/lambdafn"
)

func main() { lambdafn.REST((*apigw.API).ListCars) }
