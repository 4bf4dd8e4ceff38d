package cognitolocal

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// serverConfig is the part of cognito-local's .cognito/config.json that we
// set; it is merged over cognito-local's defaults, so the rest keeps them.
type serverConfig struct {
	ServerConfig struct {
		Hostname string `json:"hostname"`
		Port     int    `json:"port"`
	}
	TokenConfig struct {
		IssuerDomain string
	}
}

// writeConfig writes dataDir/.cognito/config.json so that cognito-local
// listens on host:port and issues tokens with issuer
// issuerDomain/<pool id>. The file, not PORT and HOST, because the local
// stack's own PORT would otherwise leak into it, and because the issuer
// should not depend on how cognito-local derives its defaults.
func writeConfig(dataDir string, port int, issuerDomain string) error {
	var c serverConfig
	c.ServerConfig.Hostname = host
	c.ServerConfig.Port = port
	c.TokenConfig.IssuerDomain = issuerDomain
	data, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	dir := filepath.Join(dataDir, ".cognito")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write cognito-local config: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "config.json"), append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("write cognito-local config: %w", err)
	}
	return nil
}
