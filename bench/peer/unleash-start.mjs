// Starts Unleash OSS, the peer bench/run measures Paddock against, with its shipped defaults except for what
// a benchmark on a machine without the internet needs. bench/run copies this file next to the installed
// unleash-server package (target/unleash-peer/) so that the import resolves there.
//
// Environment: UNLEASH_PORT, DATABASE_NAME, DATABASE_HOST, DATABASE_PORT, DATABASE_USERNAME, DATABASE_PASSWORD,
// INIT_ADMIN_API_TOKENS (the admin token the benchmark's GETs send, as Paddock's carry one).
// CHECK_VERSION=false and SEND_TELEMETRY=false are set by bench/run: Unleash would call out to
// version.unleash.run and its telemetry endpoint otherwise.
import { start } from 'unleash-server';

await start({
  db: {
    host: process.env.DATABASE_HOST,
    port: Number(process.env.DATABASE_PORT),
    user: process.env.DATABASE_USERNAME,
    password: process.env.DATABASE_PASSWORD,
    database: process.env.DATABASE_NAME,
    ssl: false,
  },
  server: { port: Number(process.env.UNLEASH_PORT), host: '127.0.0.1' },
  // /ready answers 200 only once a database connection answers too, as Paddock's /q/health/ready does.
  checkDbOnReady: true,
  versionCheck: { enable: false },
});
