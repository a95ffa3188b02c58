import { UsageError, type Command, type CommandContext } from './commandTypes';
import { parseDuration } from './tokenCommands';

// Keys at work without key files: `run` hands a key to a program for its
// lifetime; `serve` signs tokens for a front end on 127.0.0.1 (README: "Keys at work").

function prefixOf(context: CommandContext): string {
  const prefix = context.options['env-prefix'];
  if (prefix === undefined) return 'JAAS';
  if (typeof prefix !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(prefix)) throw new UsageError('--env-prefix takes a variable-name prefix such as MYAPP');
  return prefix;
}

function originsOf(context: CommandContext): string[] {
  return ((context.options.origin as string[] | undefined) ?? []).map((text) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new UsageError(`--origin ${text} is not a URL; give it as a page's origin, e.g. http://localhost:5173`);
    }
    if (url.origin !== text.replace(/\/$/, '') || !/^https?:$/.test(url.protocol)) throw new UsageError(`--origin takes an origin alone (scheme://host[:port]), e.g. ${url.origin}`);
    return url.origin;
  });
}

export const WORK_COMMANDS: Record<string, Command> = {
  run: {
    options: { 'key-file': { type: 'boolean' }, 'env-prefix': { type: 'string' } },
    // A program named without `--` is caught below, with the fix in the message.
    positionals: ['KEY', 'COMMAND…'],
    passthrough: true,
    async run(context) {
      const program = context.passthrough;
      if (program === undefined || context.args.length > 1) throw new UsageError('put the program after --, e.g. jaas-keys run KEY -- node server.js');
      if (program.length === 0) throw new UsageError('name the program to run after --');
      const prefix = prefixOf(context);
      const signer = await context.keys.signer(context.args[0]!);
      const { runWithKey } = await import('../core/run');
      return runWithKey(signer, { command: program[0]!, args: program.slice(1), env: context.env, prefix, keyFile: context.options['key-file'] === true });
    },
  },
  serve: {
    options: { port: { type: 'string' }, origin: { type: 'string', multiple: true }, lifetime: { type: 'string' }, 'max-lifetime': { type: 'string' }, json: { type: 'boolean' } },
    positionals: ['KEY'],
    async run(context) {
      const port = context.options.port === undefined ? 0 : Number(context.options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port takes a port number (0-65535)');
      const lifetimeSeconds = parseDuration(typeof context.options.lifetime === 'string' ? context.options.lifetime : '1h');
      const maxLifetimeSeconds = parseDuration(typeof context.options['max-lifetime'] === 'string' ? context.options['max-lifetime'] : '24h');
      if (lifetimeSeconds > maxLifetimeSeconds) throw new UsageError('--lifetime is over --max-lifetime');
      const origins = originsOf(context);
      const signer = await context.keys.signer(context.args[0]!);
      // The server (and its request schema) loads only for this command.
      const { startTokenServer } = await import('../core/serve');
      const server = await startTokenServer({ signer, publicKeyPem: await context.keys.publicPem(signer.record.id), port, origins, lifetimeSeconds, maxLifetimeSeconds, log: context.err });
      if (context.options.json) context.out(JSON.stringify({ url: server.url, secret: server.secret }));
      else {
        context.out(`Serving tokens signed by "${signer.record.label}" (kid ${signer.record.kid}) at ${server.url}`);
        context.out(`  POST ${server.url}/token with Authorization: Bearer ${server.secret}`);
        context.out(`  GET  ${server.url}/.well-known/jaas-key (the kid and public key, no secret needed)`);
        context.out(origins.length ? `  Pages allowed to call it: ${origins.join(', ')}` : '  No page origin is allowed (add --origin http://localhost:5173 for a dev server); scripts without an Origin header work.');
        context.out('Ctrl-C stops it.');
      }
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await server.close();
      context.err('Stopped; the port is closed.');
    },
  },
};
