import { z } from 'zod';

/**
 * Every setting KeChuang reads, declared once: name, type, default, one line of
 * description, and whether it is secret (masked in logs and `--help`). Parsed
 * once at boot; nothing reads the environment after that.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const CONFIG_VARIABLES = {
  PORT: { schema: z.coerce.number().int().min(0).max(65535).default(3000), description: 'HTTP port', sensitive: false },
  HOST: { schema: z.string().min(1).default('127.0.0.1'), description: 'Interface to listen on (0.0.0.0 for all)', sensitive: false },
  DATABASE_URL: {
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
    description: 'PostgreSQL server; unset means the embedded database (PGlite) in KECHUANG_DATA_DIR',
    sensitive: true,
  },
  DATABASE_POOL_SIZE: {
    schema: z.coerce.number().int().min(1).max(500).default(10),
    description: 'Connections each server process keeps to PostgreSQL at most (size max_connections for all processes); ignored by PGlite',
    sensitive: false,
  },
  KECHUANG_DATA_DIR: { schema: z.string().min(1).default('./data'), description: 'Folder for the embedded database, its lock and generated secrets', sensitive: false },
  LOG_LEVEL: { schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'), description: 'Log level (JSON logs on stdout)', sensitive: false },
  SESSION_SECRET: {
    schema: z.string().min(32, 'must be at least 32 characters').optional(),
    description: 'Key that signs session tokens; unset means a random key kept in KECHUANG_DATA_DIR/session.secret',
    sensitive: true,
  },
  SESSION_IDLE_MINUTES: { schema: z.coerce.number().int().min(1).max(24 * 60).default(30), description: 'Sign out after this long without a request', sensitive: false },
  SESSION_ABSOLUTE_HOURS: { schema: z.coerce.number().int().min(1).max(24 * 30).default(12), description: 'Sign out this long after sign-in, whatever the activity', sensitive: false },
  COOKIE_SECURE: { schema: bool.default(false), description: 'Mark cookies Secure (set true behind HTTPS)', sensitive: false },
  TRUST_PROXY: { schema: bool.default(false), description: 'Trust X-Forwarded-* headers from a reverse proxy', sensitive: false },
  LOGIN_MAX_FAILURES: { schema: z.coerce.number().int().min(1).max(100).default(5), description: 'Failed sign-ins before an account is locked', sensitive: false },
  LOGIN_LOCKOUT_MINUTES: { schema: z.coerce.number().int().min(1).max(24 * 60).default(15), description: 'How long a locked account stays locked', sensitive: false },
  LOGIN_IP_LIMIT_PER_MINUTE: { schema: z.coerce.number().int().min(1).max(10_000).default(30), description: 'Sign-in attempts per client address per minute', sensitive: false },
  RATE_LIMIT_WRITES_PER_MINUTE: { schema: z.coerce.number().int().min(0).max(1_000_000).default(600), description: 'API writes (POST/PUT/PATCH/DELETE) per client (user, else address) per minute; 0 turns the limit off', sensitive: false },
  RATE_LIMIT_EXPENSIVE_PER_MINUTE: { schema: z.coerce.number().int().min(0).max(1_000_000).default(240), description: 'Searches, exports, statistics and matches per client per minute; 0 turns the limit off', sensitive: false },
  RATE_LIMIT_TRUSTED_IPS: { schema: z.string().default('127.0.0.1,::1,::ffff:127.0.0.1'), description: 'Comma-separated client addresses never rate-limited (loopback: benchmarks, local tools); behind a proxy on this machine set TRUST_PROXY=true', sensitive: false },
  KECHUANG_ADMIN_USERNAME: { schema: z.string().regex(/^[a-z0-9][a-z0-9._@-]{2,63}$/).default('admin'), description: 'Username of the first administrator, created at first start', sensitive: false },
  KECHUANG_ADMIN_PASSWORD: {
    schema: z.string().min(1).optional(),
    description: 'Password of the first administrator; unset means a random one printed once',
    sensitive: true,
  },
  KECHUANG_SEED: { schema: bool.default(true), description: 'Load the shipped centre data (seeds/) at start; idempotent', sensitive: false },
  PUBLIC_CACHE_SECONDS: {
    schema: z.coerce.number().int().min(0).max(3600).default(2),
    description: 'How long anonymous readers of the dashboard, catalogue, call list and open data are answered from memory (a microcache); 0 turns it off',
    sensitive: false,
  },
  JOBS_INTERVAL_SECONDS: {
    schema: z.coerce.number().int().min(0).max(86_400).default(300),
    description: 'How often scheduled work runs (calls closing at their deadline, reminders, weekly digests, derived figures); 0 turns it off',
    sensitive: false,
  },
  HEAP_GROWTH_PERCENT: {
    schema: z.coerce.number().int().min(0).max(1000).default(50),
    description: 'How far the JavaScript heap may grow past what the last major collection left live, in percent, in `serve` and `jobs`; bounds memory under steady load for a little collection work; 0 leaves V8 its adaptive default',
    sensitive: false,
  },
  SHUTDOWN_GRACE_SECONDS: {
    schema: z.coerce.number().int().min(1).max(3600).default(30),
    description: 'How long `serve` waits on SIGTERM or SIGINT for requests in flight and database connections to finish before it exits anyway (exit code 1), so a stuck download or query cannot hold a restart',
    sensitive: false,
  },
} as const;

type Vars = typeof CONFIG_VARIABLES;
type Parsed = { [K in keyof Vars]: z.output<Vars[K]['schema']> };

export type AppConfig = {
  port: number;
  host: string;
  database: { kind: 'postgres'; url: string; poolSize: number } | { kind: 'pglite'; dataDir: string } | { kind: 'pglite-memory' };
  dataDir: string;
  logLevel: Parsed['LOG_LEVEL'];
  sessionSecret: string | undefined;
  session: { idleMinutes: number; absoluteHours: number; cookieSecure: boolean };
  trustProxy: boolean;
  login: { maxFailures: number; lockoutMinutes: number; ipLimitPerMinute: number };
  /** General API limits per client per minute (0 = off) and the addresses exempt from them. */
  rateLimit: { writesPerMinute: number; expensivePerMinute: number; trustedIps: string[] };
  admin: { username: string; password: string | undefined };
  seedOnStart: boolean;
  /** Seconds between runs of the scheduled jobs; 0 = never. */
  jobsIntervalSeconds: number;
  /** Seconds anonymous reads of `publicCache` routes are served from memory; 0: off. */
  publicCacheSeconds: number;
  /** V8's heap-growing percent for long-running processes; 0: V8's adaptive default. */
  heapGrowthPercent: number;
  shutdownGraceSeconds: number;
  /** Serve the built web app from this folder when it exists. */
  webRoot: string | null;
};

export type ConfigProblem = { variable: string; message: string };

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parse the environment into a config, or throw a ConfigError naming every bad variable. */
export const parseConfig = (env: Record<string, string | undefined>, defaults: { webRoot: string | null }): AppConfig => {
  const problems: ConfigProblem[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(CONFIG_VARIABLES)) {
    const raw = env[name];
    const result = (spec.schema as z.ZodType).safeParse(raw === '' ? undefined : raw);
    if (result.success) values[name] = result.data;
    else problems.push({ variable: name, message: result.error.issues.map((i) => i.message).join('; ') });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const v = values as Parsed;
  return {
    port: v.PORT,
    host: v.HOST,
    database: v.DATABASE_URL ? { kind: 'postgres', url: v.DATABASE_URL, poolSize: v.DATABASE_POOL_SIZE } : { kind: 'pglite', dataDir: v.KECHUANG_DATA_DIR },
    dataDir: v.KECHUANG_DATA_DIR,
    logLevel: v.LOG_LEVEL,
    sessionSecret: v.SESSION_SECRET,
    session: { idleMinutes: v.SESSION_IDLE_MINUTES, absoluteHours: v.SESSION_ABSOLUTE_HOURS, cookieSecure: v.COOKIE_SECURE },
    trustProxy: v.TRUST_PROXY,
    login: { maxFailures: v.LOGIN_MAX_FAILURES, lockoutMinutes: v.LOGIN_LOCKOUT_MINUTES, ipLimitPerMinute: v.LOGIN_IP_LIMIT_PER_MINUTE },
    rateLimit: {
      writesPerMinute: v.RATE_LIMIT_WRITES_PER_MINUTE,
      expensivePerMinute: v.RATE_LIMIT_EXPENSIVE_PER_MINUTE,
      trustedIps: v.RATE_LIMIT_TRUSTED_IPS.split(',').map((ip) => ip.trim()).filter((ip) => ip !== ''),
    },
    admin: { username: v.KECHUANG_ADMIN_USERNAME, password: v.KECHUANG_ADMIN_PASSWORD },
    seedOnStart: v.KECHUANG_SEED,
    jobsIntervalSeconds: v.JOBS_INTERVAL_SECONDS,
    publicCacheSeconds: v.PUBLIC_CACHE_SECONDS,
    heapGrowthPercent: v.HEAP_GROWTH_PERCENT,
    shutdownGraceSeconds: v.SHUTDOWN_GRACE_SECONDS,
    webRoot: defaults.webRoot,
  };
};

/** The configuration table for `--help` and the README. */
export const describeConfig = (): { name: string; default: string; description: string; secret: boolean }[] =>
  Object.entries(CONFIG_VARIABLES).map(([name, spec]) => {
    const parsed = (spec.schema as z.ZodType).safeParse(undefined);
    const def = parsed.success && parsed.data !== undefined ? String(parsed.data) : '(unset)';
    return { name, default: def, description: spec.description, secret: spec.sensitive };
  });
