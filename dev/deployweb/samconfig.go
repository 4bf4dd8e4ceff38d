package deployweb

import (
	"bufio"
	"os"
	"strings"
)

// samDefaults reads stack_name and region from samconfig.toml, as `sam
// deploy` does: [default.deploy.parameters] wins over
// [default.global.parameters]. Only `key = "value"` lines are read, which
// is all this file holds for them; a missing file gives empty values.
func samDefaults(path string) (stack, region string, err error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return "", "", nil
	}
	if err != nil {
		return "", "", err
	}
	defer f.Close()
	values := map[string]map[string]string{}
	section := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			section = strings.Trim(line, "[] ")
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		value = strings.TrimSpace(value)
		if !ok || len(value) < 2 || value[0] != '"' || value[len(value)-1] != '"' {
			continue
		}
		if values[section] == nil {
			values[section] = map[string]string{}
		}
		values[section][strings.TrimSpace(key)] = value[1 : len(value)-1]
	}
	pick := func(key string) string {
		if v := values["default.deploy.parameters"][key]; v != "" {
			return v
		}
		return values["default.global.parameters"][key]
	}
	return pick("stack_name"), pick("region"), sc.Err()
}
