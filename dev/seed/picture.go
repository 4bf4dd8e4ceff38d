package seed

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/carrental/backend/pkg/rental"
)

// shape is a side view of one car type, facing right, on a 320x180
// canvas whose ground line is at y=140.
type shape struct {
	body    string // path of the body, filled with the car's colour
	windows string // path of the side windows
	wheels  [2]int // x of the rear and front wheel centres
	radius  int    // wheel radius
	lights  [2]int // x of the tail light and the headlight
	lightY  int    // y of both lights
}

// shapes: one silhouette per type, told apart by length, height and
// profile (hatchback, three-box saloon, long-bonnet saloon, tall SUV, box
// van), so that a list of cars shows the class at a glance.
var shapes = map[rental.CarType]shape{
	rental.Economy: {
		body:    "M92,128V100Q92,72 112,66L178,62Q192,62 202,72L222,92L236,96Q246,99 246,110V128Z",
		windows: "M104,94L110,74Q113,70 120,70H156V94ZM162,94V70H180Q188,70 194,77L210,94Z",
		wheels:  [2]int{122, 214}, radius: 17, lights: [2]int{95, 243}, lightY: 104,
	},
	rental.Compact: {
		body:    "M74,128V98Q74,72 98,66L186,62Q200,62 210,72L232,92L254,97Q266,100 266,112V128Z",
		windows: "M88,93L95,74Q98,70 106,70H160V93ZM166,93V70H188Q196,70 202,77L220,93Z",
		wheels:  [2]int{106, 230}, radius: 18, lights: [2]int{77, 263}, lightY: 102,
	},
	rental.Midsize: {
		body:    "M58,128V100Q58,90 70,88H98L124,64Q130,60 140,60H190Q200,60 208,68L230,88L266,93Q278,96 278,108V128Z",
		windows: "M106,88L128,68Q131,66 136,66H164V88ZM170,88V66H190Q197,66 202,71L220,88Z",
		wheels:  [2]int{96, 236}, radius: 18, lights: [2]int{61, 275}, lightY: 100,
	},
	rental.SUV: {
		body:    "M62,124V64Q62,46 80,44L200,42Q212,42 220,52L240,78L262,84Q272,87 272,100V124Z",
		windows: "M76,82V56Q76,51 82,51H136V82ZM142,82V51H198Q206,51 211,58L228,82Z",
		wheels:  [2]int{102, 232}, radius: 21, lights: [2]int{65, 269}, lightY: 96,
	},
	rental.Luxury: {
		body:    "M40,128V102Q40,92 54,90H92L122,66Q128,62 138,62H184Q196,62 204,70L226,90L276,95Q290,98 290,110V128Z",
		windows: "M100,90L124,70Q127,68 132,68H160V90ZM166,90V68H184Q192,68 198,74L214,90Z",
		wheels:  [2]int{86, 248}, radius: 18, lights: [2]int{43, 287}, lightY: 103,
	},
	rental.Van: {
		body:    "M54,126V46Q54,34 68,34H214Q224,34 230,44L252,80L270,86Q278,89 278,100V126Z",
		windows: "M66,76V46H112V76ZM118,76V46H164V76ZM170,76V46H212Q218,46 222,52L238,76Z",
		wheels:  [2]int{96, 238}, radius: 19, lights: [2]int{57, 275}, lightY: 96,
	},
}

// Picture draws car c as an SVG image (about 1.2 KB): its type's
// silhouette in c.Color on a light card. No text: the pages print make,
// model and class beside the picture, and text in a thumbnail is unreadable
// (the aria-label names the car). The same car gives the same bytes, so the
// committed pictures can be checked against the fleet file.
func Picture(c Car) []byte {
	sh, ok := shapes[c.Type]
	if !ok {
		sh = shapes[rental.Midsize] // Load rejects unknown types; stay total anyway
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 180" width="320" height="180" role="img" aria-label="%s">`+"\n", escape(c.Make+" "+c.Model))
	b.WriteString(`<rect width="320" height="180" rx="12" fill="#f4f6f8"/>` + "\n")
	fmt.Fprintf(&b, `<ellipse cx="%d" cy="142" rx="%d" ry="5" fill="#cbd5e0"/>`+"\n", (sh.wheels[0]+sh.wheels[1])/2, (sh.wheels[1]-sh.wheels[0])/2+sh.radius+24)
	fmt.Fprintf(&b, `<path d="%s" fill="%s" stroke="#1a202c" stroke-opacity=".45" stroke-width="2" stroke-linejoin="round"/>`+"\n", sh.body, c.Color)
	fmt.Fprintf(&b, `<path d="%s" fill="#d5e6f3" stroke="#1a202c" stroke-opacity=".35" stroke-width="1.5"/>`+"\n", sh.windows)
	fmt.Fprintf(&b, `<rect x="%d" y="%d" width="6" height="8" rx="2" fill="#e53e3e"/>`, sh.lights[0]-3, sh.lightY-4)
	fmt.Fprintf(&b, `<rect x="%d" y="%d" width="6" height="8" rx="2" fill="#fefcbf" stroke="#b7791f" stroke-width=".8"/>`+"\n", sh.lights[1]-3, sh.lightY-4)
	for _, x := range sh.wheels {
		// The arch is a disc in the card's colour that cuts into the body.
		fmt.Fprintf(&b, `<circle cx="%d" cy="128" r="%d" fill="#f4f6f8"/>`, x, sh.radius+4)
		fmt.Fprintf(&b, `<circle cx="%d" cy="128" r="%d" fill="#2d3748"/>`, x, sh.radius)
		fmt.Fprintf(&b, `<circle cx="%d" cy="128" r="%d" fill="#a0aec0"/>`+"\n", x, sh.radius/2)
	}
	b.WriteString("</svg>\n")
	return b.Bytes()
}

// escape makes s safe as XML text and attribute value.
func escape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // writes to a strings.Builder never fail
	return b.String()
}
