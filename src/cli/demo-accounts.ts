// Accounts for trying the demo (`npm start`): one person per kind of reader,
// so that need-to-know can be seen at work. Their passwords are random for
// each installation and written, with their second-factor secrets, to a file
// beside the data directory that only this machine's user can read; the
// terminal says where it is, never what is in it.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Role } from '../shared/actor.ts';
import type { Repository } from '../app/repository.ts';
import type { DbTarget } from '../db/connect.ts';
import { operator } from './context.ts';
import { newPassword } from './users.ts';
import { totpNow } from '../access/totp.ts';

interface DemoAccount {
  username: string;
  name: string;
  agencyId: string;
  roles: Role[];
  what: string;
}

export const DEMO_SCHOOL = { id: 'demo-school', kind: 'school' as const, name: 'Demo Primary School' };

const ACCOUNTS: DemoAccount[] = [
  { username: 'social.worker', name: 'Sam Social Worker', agencyId: 'haringey-csc', roles: ['practitioner'], what: "children's social care; allocated worker for Peter Connelly" },
  { username: 'team.manager', name: 'Morgan Manager', agencyId: 'haringey-csc', roles: ['manager'], what: "children's social care team manager" },
  { username: 'gp', name: 'Dr Gita Patel', agencyId: 'gp-1', roles: ['practitioner'], what: 'the family GP: sees the people the practice has recorded' },
  { username: 'police.officer', name: 'PC Pat Officer', agencyId: 'met-police', roles: ['practitioner'], what: 'police child abuse investigation team' },
  { username: 'teacher', name: 'Taylor Teacher', agencyId: DEMO_SCHOOL.id, roles: ['safeguarding-lead'], what: 'a school with no relationship to anyone: sees nobody until break-glass' },
  { username: 'privacy.officer', name: 'Priya Privacy', agencyId: 'haringey-csc', roles: ['privacy-officer'], what: "sees who has looked at a child, and break-glass alerts; reads no child's record" },
];

/** Create the demo accounts (once), make the social worker Peter's allocated worker, and say where the credentials are. */
export async function createDemoAccounts(repo: Repository, target: DbTarget, childId: number | null): Promise<string | null> {
  await repo.registerAgency(operator, DEMO_SCHOOL);
  const out: Record<string, unknown>[] = [];
  for (const a of ACCOUNTS) {
    const password = newPassword();
    await repo.createUser(operator, { username: a.username, displayName: a.name, agencyId: a.agencyId, roles: a.roles, password });
    const totp = await repo.enrolTotp(operator, a.username);
    out.push({ username: a.username, password, who: a.what, totpSecret: totp.secret, totpUri: totp.uri });
  }
  if (childId !== null) await repo.assignCase(operator, childId, 'social.worker', 'allocated-worker');
  if (!('dataDir' in target)) return null;
  const file = demoAccountsFile(target.dataDir);
  writeFileSync(file, JSON.stringify({ note: 'Demo accounts for this installation only. Security code: `node bin/threadline.js demo code <username>`, or add totpUri to an authenticator app.', accounts: out }, null, 2) + '\n', { mode: 0o600 });
  return file;
}

export const demoAccountsFile = (dataDir: string): string => {
  const dir = resolve(dataDir);
  return join(dirname(dir), `.${basename(dir)}.demo-accounts.json`);
};

/**
 * The security code a demo account's authenticator would show now, from the accounts file: it never opens
 * the database, so it works while the server (which holds the embedded database) is running.
 */
export function demoSecurityCode(dataDir: string, username: string): string {
  const { accounts } = JSON.parse(readFileSync(demoAccountsFile(dataDir), 'utf8')) as { accounts: { username: string; totpSecret: string }[] };
  const account = accounts.find((a) => a.username === username);
  if (!account) throw new Error(`no demo account '${username}': the demo accounts are ${accounts.map((a) => a.username).join(', ')}`);
  return totpNow(account.totpSecret, new Date());
}
