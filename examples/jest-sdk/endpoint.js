// Jest's globalSetup and globalTeardown (package.json): starts AWS's
// TestEventPattern API on a free port of 127.0.0.1 with the eventpattern CLI
// (`eventpattern serve --port 0` prints its URL on stdout) before the tests,
// hands the URL to them in EVENTBRIDGE_ENDPOINT, and stops it after.
// EVENTPATTERN_BIN names the binary (default: `eventpattern` on the PATH).
const { spawn } = require("node:child_process");
const readline = require("node:readline");

async function start() {
  const bin = process.env.EVENTPATTERN_BIN || "eventpattern";
  const server = spawn(bin, ["serve", "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.once("exit", (code) => reject(new Error(`${bin} serve exited (${code}) before listening`)));
    readline.createInterface({ input: server.stdout }).once("line", resolve);
  });
  server.removeAllListeners("exit");
  // Workers start after this and inherit the environment.
  process.env.EVENTBRIDGE_ENDPOINT = url;
  globalThis.__eventpatternServer = server;
}

async function stop() {
  const server = globalThis.__eventpatternServer;
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM"); // a graceful stop: requests in flight finish
  await exited;
}

// One file for both hooks: the first call starts, the second stops.
module.exports = () => (globalThis.__eventpatternServer ? stop() : start());
