// The flags every headless Chromium of ours runs with (the browser tests,
// e2e/support.ts, and make lighthouse, scripts/lighthouse.mjs): no sandbox
// (containers), no GPU, and none of the browser's own traffic (QUIC,
// component updates, sync, background fetches): this machine's network is
// closed but for the local stack, and each refused connection would be noise.
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
