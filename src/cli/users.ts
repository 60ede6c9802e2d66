// Accounts from the command line (the operator): add a user, enrol their
// second factor, put them in a child's professional network.
import { randomBytes } from 'node:crypto';
import type { Role } from '../shared/actor.ts';
import { ASSIGNMENT_ROLES, ROLES, type AssignmentRole } from '../access/users.ts';
import { operator, printJson, withRepository } from './context.ts';

/** A random initial password, shown once (the person changes it at first sign-in in a later issue). */
export const newPassword = () => randomBytes(15).toString('base64url');

export async function userAddCommand(username: string, opts: { agency: string; name: string; role: string[]; oidcSubject?: string }): Promise<void> {
  const roles = opts.role as Role[];
  const bad = roles.find((r) => !(ROLES as readonly string[]).includes(r));
  if (bad) throw new Error(`unknown role '${bad}': roles are ${ROLES.join(', ')}`);
  await withRepository(async (repo) => {
    if (opts.oidcSubject) {
      // Signs in only through the organisation's issuer, which is trusted for the second factor.
      printJson(await repo.createUser(operator, { username, displayName: opts.name, agencyId: opts.agency, roles, oidcSubject: opts.oidcSubject }));
      return;
    }
    const password = newPassword();
    const { userId } = await repo.createUser(operator, { username, displayName: opts.name, agencyId: opts.agency, roles, password });
    const totp = await repo.enrolTotp(operator, username);
    process.stderr.write('The password and second-factor secret are shown once. Give them to the person; Threadline keeps only a hash of the password.\n');
    printJson({ userId, username, password, totpSecret: totp.secret, totpUri: totp.uri });
  });
}

export async function userTotpCommand(username: string): Promise<void> {
  await withRepository(async (repo) => { printJson(await repo.enrolTotp(operator, username)); });
}

/** The security code an account's authenticator would show now: for the demo accounts on this machine. */
export async function userCodeCommand(username: string): Promise<void> {
  await withRepository(async (repo) => process.stdout.write(`${await repo.currentSecurityCode(operator, username)}\n`));
}

export async function caseAssignCommand(personId: number, username: string, opts: { role: string }): Promise<void> {
  if (!(ASSIGNMENT_ROLES as readonly string[]).includes(opts.role)) throw new Error(`the role is one of: ${ASSIGNMENT_ROLES.join(', ')}`);
  await withRepository(async (repo) => { printJson(await repo.assignCase(operator, personId, username, opts.role as AssignmentRole)); });
}
