// GET/POST /account/password: a signed-in person changes their own password. Checks in order: the session
// and its CSRF token, the form (the two new passwords agree), then the repository (policy, current
// password and security code, lockout, audit). A refusal shows the form again with the error at its field;
// what was typed is never sent back.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../shared/errors.ts';
import { requireUserPage } from './http-auth.ts';
import { MIN_PASSWORD_LENGTH } from '../access/passwords.ts';
import type { Repository } from '../app/repository.ts';
import type { Session } from '../access/sessions.ts';
import { pageUser, sendPage } from './render.ts';
import { errorsFor, field, queryParam, sentence, type FieldError } from './work-common.ts';

const FIELDS = ['currentPassword', 'newPassword', 'confirmPassword', 'code'] as const;

function passwordPage(request: FastifyRequest, reply: FastifyReply, s: Session, errors: FieldError[] = [], status = 200, changed = false) {
  return sendPage(request, reply, 'account-password.njk', {
    title: 'Change your password', user: pageUser(s), minLength: MIN_PASSWORD_LENGTH, changed, ...errorsFor(errors),
  }, status);
}

/** A repository refusal at its field: a policy problem at the new password, a wrong password or code at the current one. */
function fieldOf(e: AppError): FieldError[] {
  if (e.status === 401) return [{ field: 'currentPassword', text: sentence(e.message) }];
  const problems = e.problems.length ? e.problems : [{ pointer: '/currentPassword', message: e.message }];
  return problems.map((p) => ({ field: FIELDS.find((f) => p.pointer === `/${f}`) ?? 'currentPassword', text: sentence(p.message) }));
}

export async function accountRoutes(app: FastifyInstance, repo: Repository): Promise<void> {
  app.get('/account/password', async (request, reply) => {
    const s = await requireUserPage(repo, request, reply);
    if (!s) return reply;
    return passwordPage(request, reply, s, [], 200, queryParam(request, 'changed') === '1');
  });

  app.post('/account/password', async (request, reply) => {
    const s = await requireUserPage(repo, request, reply);
    if (!s) return reply;
    const [currentPassword, newPassword, confirmPassword, code] = FIELDS.map((f) => field(request.body, f)) as [string, string, string, string];
    const early: FieldError[] = [];
    if (!currentPassword) early.push({ field: 'currentPassword', text: 'Enter your current password' });
    if (!newPassword) early.push({ field: 'newPassword', text: 'Enter a new password' });
    else if (confirmPassword !== newPassword) early.push({ field: 'confirmPassword', text: 'The new passwords do not match: type the same new password twice' });
    if (!code.trim()) early.push({ field: 'code', text: 'Enter the security code from your authenticator app' });
    if (early.length) return passwordPage(request, reply, s, early, 422);
    try {
      await repo.changePassword(s.actor, { currentPassword, newPassword, code }, request.ip);
    } catch (e) {
      if (!(e instanceof AppError) || (e.status !== 401 && e.status !== 422)) throw e;
      return passwordPage(request, reply, s, fieldOf(e), e.status);
    }
    return reply.redirect('/account/password?changed=1', 303);
  });
}
