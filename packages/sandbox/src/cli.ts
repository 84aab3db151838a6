#!/usr/bin/env node
import { main } from './cli/main.ts';

// The entry point: the only place that reads the process's environment and streams.
// biome-ignore lint/style/noProcessEnv: the CLI reads PUSH_* and SLACK_* the way the apps do, once, here.
const env = process.env;
// `pnpm sandbox push | head` closes the pipe early: that ends the output, not in a crash.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit();
  });
process.exitCode = await main(process.argv.slice(2), { env, stdout: process.stdout, stderr: process.stderr });
// Servers that half started, or idle keep-alive sockets, must not keep a finished command alive.
setTimeout(() => process.exit(), 1_000).unref();
