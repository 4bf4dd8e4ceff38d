// Command list-locations is the Lambda function of GET /locations: every
// rental location (public). Its handler is apigw.API.ListLocations;
// lambdafn.REST builds it and starts the Lambda runtime.
package main

import (
	"github.com/carrental/backend/pkg/apigw"
	"github.com/carrental/backend/pkg/lambdafn"
)

func main() { lambdafn.REST((*apigw.API).ListLocations) }
