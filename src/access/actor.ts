// Who is acting. Every read and write names one; the audit trail records it.
export type Actor =
  /** An agency's own system, authenticated by an API key. May only send its own agency's records. */
  | { kind: 'agency-system'; agencyId: string; keyId: string }
  /** Someone at this machine's command line (the CLI): trusted as the operator of this installation. */
  | { kind: 'operator'; name: string }
  /** The demo web pages before sign-in exists (issue 5): served on localhost only. */
  | { kind: 'local-viewer' };

export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'agency-system':
      return `api-key:${actor.keyId}`;
    case 'operator':
      return `operator:${actor.name}`;
    case 'local-viewer':
      return 'local-viewer';
  }
}

export function actorAgency(actor: Actor): string | null {
  return actor.kind === 'agency-system' ? actor.agencyId : null;
}
