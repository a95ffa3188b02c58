import { runCli } from './main';

// The `jaas-keys` executable: real stdio, real environment, exit status from runCli.
const status = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  stdin: process.stdin,
  env: process.env,
});
process.exitCode = status;
