/** Chromium's switches for the browser tests: headless, offline-quiet, WebGL through SwiftShader. */
export const CHROME_ARGS = [
  "--no-sandbox",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--enable-unsafe-swiftshader",
];
