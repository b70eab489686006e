import { type Identity, issueUserToken, runMain } from '@cee-hub/common';
import { embeddedDatabaseUrl } from '@cee-hub/db';
import { Client } from 'pg';
import { readLauncherConfig } from './config';

interface Person {
  email: string;
  name: string;
  identity: Identity;
}

async function findPeople(client: Client, email?: string): Promise<Person[]> {
  const staff = await client.query<{ id: string; email: string; name: string; role: string; center_id: string | null }>(
    `SELECT id, email, name, role, center_id FROM centers.staff_member WHERE active AND ($1::text IS NULL OR email = $1) ORDER BY role = 'ADMIN' DESC, center_id, role`,
    [email ?? null],
  );
  const importers = await client.query<{ id: string; contact_email: string; name: string }>(
    `SELECT id, contact_email, name FROM importers.importer WHERE $1::text IS NULL OR contact_email = $1 ORDER BY name`,
    [email ?? null],
  );
  return [
    ...staff.rows.map((row) => ({
      email: row.email,
      name: row.name,
      identity: { role: row.role as Identity['role'], subject: row.id, email: row.email, name: row.name, centerId: row.center_id ?? undefined },
    })),
    ...importers.rows.map((row) => ({
      email: row.contact_email,
      name: row.name,
      identity: { role: 'IMPORTER' as const, subject: row.id, email: row.contact_email, name: row.name, importerId: row.id },
    })),
  ];
}

/**
 * `npm run token -- <email>` prints a bearer token for a user found in the database (staff,
 * admins, importers' contact emails); without an email it lists who can sign in.
 */
runMain(async () => {
  // Piped into `head` or the like, a closed pipe only means the reader has seen enough.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  const config = readLauncherConfig(process.env);
  const email = process.argv[2]?.trim().toLowerCase();
  const url = config.databaseUrl ?? embeddedDatabaseUrl(config.embeddedPostgresPort);
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
  } catch {
    process.stderr.write(`Cannot reach the database at ${url.replace(/:[^:@/]*@/, ':***@')}: start CEE Hub with \`npm start\` first (or set DATABASE_URL)\n`);
    process.exit(1);
  }
  try {
    const people = await findPeople(client, email);
    if (!email) {
      process.stdout.write('Users who can sign in (npm run token -- <email>):\n');
      for (const person of people) {
        const scope = person.identity.centerId ?? (person.identity.role === 'IMPORTER' ? person.name : 'all Centers');
        process.stdout.write(`  ${person.email.padEnd(46)} ${person.identity.role.padEnd(18)} ${scope}\n`);
      }
      return;
    }
    const person = people[0];
    if (!person) {
      process.stderr.write(`No staff member or importer has the email ${email}; run \`npm run token\` to list them\n`);
      process.exit(1);
    }
    process.stdout.write(`${await issueUserToken(person.identity, config.secrets.jwtSecret)}\n`);
  } finally {
    await client.end();
  }
});
