import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as z from 'zod';
import { DEFAULT_TOKEN_OPTIONS, JAAS_FEATURES, type JaasFeature } from '../../shared/tokens';
import { durationSeconds } from '../tokens/duration';
import { CoreError } from '../errors';
import type { Signer } from '../tokens/signer';

// `jaas-keys serve`: a token endpoint on 127.0.0.1 for developing a JaaS front
// end, guarded as Jupyter and aws-vault guard theirs: a random bearer secret, a
// Host allow-list against DNS rebinding, CORS only for named origins, a body limit.
// Node's own HTTP server parses the requests.

export const MAX_BODY_BYTES = 16 * 1024;
/** How often the key's token count is written while serving. */
const FLUSH_EVERY_MS = 2000;

const text = (max: number) => z.string().max(max);
const tokenRequestSchema = z.strictObject({
  room: text(200).min(1).optional(),
  user: z
    .strictObject({ id: text(200), name: text(200), email: text(320), avatar: text(2000), moderator: z.boolean() })
    .partial()
    .optional(),
  features: z.partialRecord(z.enum(JAAS_FEATURES), z.boolean()).optional(),
  lifetime: z.union([z.number().int().positive(), text(20)]).optional(),
});

export interface ServeOptions {
  signer: Signer;
  publicKeyPem: string;
  port: number;
  /** Exact origins (scheme://host[:port]) whose pages may call the endpoint. */
  origins: string[];
  lifetimeSeconds: number;
  maxLifetimeSeconds: number;
  /** One line per request, to stderr. Never holds a token or the secret. */
  log: (line: string) => void;
  secret?: string;
}

export interface TokenServer {
  url: string;
  secret: string;
  /** Stops taking connections, lets open requests finish, writes the token count. */
  close(): Promise<void>;
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Compared in constant time (over digests, so the length does not leak either). */
function authorized(header: string | undefined, secret: string): boolean {
  const match = /^Bearer (.+)$/.exec(header ?? '');
  return match !== null && timingSafeEqual(digest(match[1]!), digest(secret));
}

async function readBody(request: IncomingMessage): Promise<string> {
  if (Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES)
    throw new Refusal(413, 'too_large', `The body is over ${MAX_BODY_BYTES} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Refusal(413, 'too_large', `The body is over ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tokenOptions(body: string, options: ServeOptions) {
  let json: unknown = {};
  if (body.trim() !== '') {
    try {
      json = JSON.parse(body);
    } catch {
      throw new Refusal(400, 'invalid_json', 'The body is not JSON.');
    }
  }
  const parsed = tokenRequestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Refusal(
      400,
      'invalid_request',
      `${issue?.path.join('.') || 'The body'}: ${issue?.message ?? 'not valid'}. Fields: room, user {id, name, email, avatar, moderator}, features {${JAAS_FEATURES.join(', ')}}, lifetime.`,
    );
  }
  const request = parsed.data;
  const lifetime =
    request.lifetime === undefined
      ? options.lifetimeSeconds
      : typeof request.lifetime === 'number'
        ? request.lifetime
        : durationSeconds(request.lifetime);
  if (lifetime === null)
    throw new Refusal(400, 'invalid_request', 'lifetime is seconds, or a duration such as 90m or 2h.');
  if (lifetime > options.maxLifetimeSeconds)
    throw new Refusal(
      400,
      'lifetime_too_long',
      `lifetime ${lifetime} s is over this server's maximum of ${options.maxLifetimeSeconds} s (--max-lifetime).`,
    );
  const features = Object.entries(request.features ?? {})
    .filter(([, on]) => on)
    .map(([name]) => name as JaasFeature);
  const user = request.user ?? {};
  return {
    ...DEFAULT_TOKEN_OPTIONS,
    room: request.room ?? DEFAULT_TOKEN_OPTIONS.room,
    moderator: user.moderator ?? false,
    features,
    lifetimeSeconds: lifetime,
    ...(user.id ? { userId: user.id } : {}),
    ...(user.name ? { name: user.name } : {}),
    ...(user.email ? { email: user.email } : {}),
    ...(user.avatar ? { avatar: user.avatar } : {}),
  };
}

export async function startTokenServer(options: ServeOptions): Promise<TokenServer> {
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  const server: Server = createServer();
  let port = options.port;
  const allowedOrigins = new Set(options.origins);

  async function handle(
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<{ status: number; room: string | null }> {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, {
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        ...headers,
      });
      response.end(body === null ? undefined : JSON.stringify(body));
      return { status, room };
    };
    const path = (request.url ?? '/').split('?')[0];
    let room: string | null = null;
    const cors: Record<string, string> = {};
    try {
      // DNS rebinding: a page whose own host name resolves to 127.0.0.1 still sends its name here.
      if (request.headers.host !== `127.0.0.1:${port}` && request.headers.host !== `localhost:${port}`)
        throw new Refusal(403, 'bad_host', `Host must be 127.0.0.1:${port} or localhost:${port}.`);
      const origin = request.headers.origin;
      if (origin !== undefined) {
        if (!allowedOrigins.has(origin))
          throw new Refusal(
            403,
            'bad_origin',
            `Origin ${origin} is not allowed; allow it with --origin ${origin} when starting the server.`,
          );
        Object.assign(cors, { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' });
      }
      if (path === '/token' && request.method === 'OPTIONS') {
        return send(204, null, {
          ...cors,
          'Access-Control-Allow-Methods': 'POST',
          'Access-Control-Allow-Headers': 'Authorization, Content-Type',
          'Access-Control-Max-Age': '600',
        });
      }
      if (path === '/.well-known/jaas-key' && request.method === 'GET') {
        const { kid, appId } = options.signer.record;
        return send(200, { kid, appId, publicKeyPem: options.publicKeyPem }, cors);
      }
      if (path === '/token' && request.method === 'POST') {
        if (!authorized(request.headers.authorization, secret))
          throw new Refusal(
            401,
            'unauthorized',
            'Send Authorization: Bearer <the secret the server printed at start>.',
          );
        const wanted = tokenOptions(await readBody(request), options);
        room = wanted.room;
        let made;
        try {
          made = options.signer.sign(wanted);
        } catch (error) {
          if (error instanceof CoreError) throw new Refusal(400, error.code, error.message);
          throw error;
        }
        return send(
          200,
          { token: made.token, expiresAt: made.expiresAt, link: made.link, warnings: made.warnings },
          cors,
        );
      }
      if (path === '/token' || path === '/.well-known/jaas-key')
        throw new Refusal(405, 'method_not_allowed', `${request.method} is not allowed on ${path}.`);
      throw new Refusal(404, 'not_found', 'This server has POST /token and GET /.well-known/jaas-key.');
    } catch (error) {
      const refusal =
        error instanceof Refusal ? error : new Refusal(500, 'internal', 'Something unexpected went wrong.');
      // A refused origin gets no CORS headers, so its page cannot read the answer either.
      const headers = refusal.code === 'bad_origin' ? {} : cors;
      if (refusal.status === 401) Object.assign(headers, { 'WWW-Authenticate': 'Bearer' });
      return send(refusal.status, { error: { code: refusal.code, message: refusal.message } }, headers);
    }
  }

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    void handle(request, response).then(({ status, room }) => {
      options.log(
        `${new Date().toISOString()} ${request.method} ${(request.url ?? '/').split('?')[0]} ${status}${room !== null ? ` room=${room}` : ''}`,
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new CoreError(
          'invalid_input',
          error.code === 'EADDRINUSE'
            ? `Port ${options.port} is in use; choose another with --port, or leave it out for a free one.`
            : `Cannot listen on 127.0.0.1:${options.port} (${error.code}).`,
        ),
      ),
    );
    // Loopback only; there is no option to listen anywhere else.
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const flusher = setInterval(() => void options.signer.flush().catch(() => undefined), FLUSH_EVERY_MS);
  flusher.unref();
  return {
    url: `http://127.0.0.1:${port}`,
    secret,
    async close() {
      clearInterval(flusher);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await options.signer.flush();
    },
  };
}
