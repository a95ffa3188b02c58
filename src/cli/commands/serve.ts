import { JSON_OPTION, UsageError, type Command, type CommandContext } from '../command';
import { list, optionalText, parseDuration } from '../args';

function originsOf(context: CommandContext): string[] {
  return list(context, 'origin').map((text) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new UsageError(`--origin ${text} is not a URL; give it as a page's origin, e.g. http://localhost:5173`);
    }
    if (url.origin !== text.replace(/\/$/, '') || !/^https?:$/.test(url.protocol))
      throw new UsageError(`--origin takes an origin alone (scheme://host[:port]), e.g. ${url.origin}`);
    return url.origin;
  });
}

/** Resolves on Ctrl-C or SIGTERM. */
function untilStopped(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'a token endpoint on 127.0.0.1 for front-end development',
  details:
    'POST /token with Authorization: Bearer <secret> answers a signed meeting token; the private key stays in the keychain.',
  positionals: [{ name: 'KEY', summary: 'the key, or an AppID for its current key', complete: 'key' }],
  options: {
    port: { type: 'string', value: 'N', summary: 'the port (default: a free one)' },
    origin: {
      type: 'string',
      multiple: true,
      value: 'URL',
      summary: 'a page origin allowed to call it (CORS); repeatable',
    },
    lifetime: { type: 'string', value: '1h', summary: 'a token’s default lifetime' },
    'max-lifetime': { type: 'string', value: '24h', summary: 'the longest lifetime a request may ask for' },
    json: { ...JSON_OPTION, summary: 'print {"url","secret"} on one line' },
  },
  examples: ['jaas-keys serve production --origin http://localhost:5173'],
  async run(context) {
    const port = context.options.port === undefined ? 0 : Number(context.options.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError('--port takes a port number (0-65535)');
    const lifetimeSeconds = parseDuration(optionalText(context, 'lifetime') ?? '1h');
    const maxLifetimeSeconds = parseDuration(optionalText(context, 'max-lifetime') ?? '24h');
    if (lifetimeSeconds > maxLifetimeSeconds) throw new UsageError('--lifetime is over --max-lifetime');
    const origins = originsOf(context);
    const signer = await context.keys.signer(context.args[0]!);
    // The server (and its request schema) loads only for this command.
    const { startTokenServer } = await import('../../core/work/serve');
    const publicKeyPem = await context.keys.publicPem(signer.record.id);
    const server = await startTokenServer({
      signer,
      publicKeyPem,
      port,
      origins,
      lifetimeSeconds,
      maxLifetimeSeconds,
      log: context.err,
    });
    if (context.options.json) context.out(JSON.stringify({ url: server.url, secret: server.secret }));
    else {
      context.out(`Serving tokens signed by "${signer.record.label}" (kid ${signer.record.kid}) at ${server.url}`);
      context.out(`  POST ${server.url}/token with Authorization: Bearer ${server.secret}`);
      context.out(`  GET  ${server.url}/.well-known/jaas-key (the kid and public key, no secret needed)`);
      context.out(
        origins.length
          ? `  Pages allowed to call it: ${origins.join(', ')}`
          : '  No page origin is allowed (add --origin http://localhost:5173 for a dev server); scripts without an Origin header work.',
      );
      context.out('Ctrl-C stops it.');
    }
    await untilStopped();
    await server.close();
    context.err('Stopped; the port is closed.');
  },
};
