// Who is acting. Every read and write names one; the audit trail records it.
import type { Role } from '../db/schema.ts';

export type { Role };

export type Actor =
  /** An agency's own system, authenticated by an API key. May only send its own agency's records. */
  | { kind: 'agency-system'; agencyId: string; keyId: string; /** the user a key is bound to, if any: they sent what it sends */ userId?: number | null }
  /** A person signed in to Threadline: an account of one agency, with roles. */
  | { kind: 'user'; userId: number; username: string; agencyId: string; roles: readonly Role[]; sessionId: string }
  /** Someone at this machine's command line (the CLI): trusted as the operator of this installation. */
  | { kind: 'operator'; name: string };

export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'agency-system':
      return `api-key:${actor.keyId}`;
    case 'user':
      return `user:${actor.username}`;
    case 'operator':
      return `operator:${actor.name}`;
  }
}

/** The agency whose relationships bound what the actor may read; null for the operator, who sees all. */
export function actorAgency(actor: Actor): string | null {
  return actor.kind === 'operator' ? null : actor.agencyId;
}

export const hasRole = (actor: Actor, ...roles: Role[]): boolean =>
  actor.kind === 'user' && actor.roles.some((r) => roles.includes(r));

/** The account that is answerable for what the actor sends: a signed-in user, or the user an API key is bound to. */
export function actorAccount(actor: Actor): number | null {
  if (actor.kind === 'user') return actor.userId;
  if (actor.kind === 'agency-system') return actor.userId ?? null;
  return null;
}
