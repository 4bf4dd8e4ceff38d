import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ConfigErrorScreen } from './ConfigErrorScreen';
import { createApi, setApi } from './api/client';
import { idToken, setAuthConfig } from './auth/lazy';
import { loadConfig } from './config';
import './styles.css';

async function boot() {
  const root = createRoot(document.getElementById('root')!);
  let config;
  try {
    config = await loadConfig();
    setAuthConfig(config);
  } catch (err) {
    console.error(err);
    root.render(<ConfigErrorScreen error={err} />);
    return;
  }
  setApi(createApi({ baseUrl: config.apiBaseUrl, getIdToken: idToken }));
  root.render(
    <StrictMode>
      <App config={config} />
    </StrictMode>,
  );
}

void boot();
