import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ConfigErrorScreen } from './ConfigErrorScreen';
import { createApi, setApi } from './api/client';
import { idToken, setAuthConfig } from './auth/lazy';
import { loadConfig } from './config';
import { warmUp } from './lib/intl';
import { prefetchFirstPage } from './lib/prefetch';
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
  // The first page's data, asked for now rather than once its chunk is in.
  prefetchFirstPage(window.location.pathname, window.location.search);
  root.render(
    <StrictMode>
      <App config={config} />
    </StrictMode>,
  );
  // After React's first render (a task of its own), while the data loads.
  setTimeout(warmUp, 0);
}

void boot();
