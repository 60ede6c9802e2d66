// Migrations are listed here in order; Kysely records which have run.
import { Migrator, type Kysely, type Migration } from 'kysely';
import * as foundation from './migrations/0001-foundation.ts';
import * as linkage from './migrations/0002-linkage.ts';
import * as alerts from './migrations/0003-alerts.ts';
import * as appRole from './migrations/0004-app-role.ts';
import * as users from './migrations/0005-users.ts';
import * as retention from './migrations/0006-retention.ts';
import * as auditHead from './migrations/0007-audit-head.ts';
import * as caseEntries from './migrations/0008-case-entries.ts';
import * as notifications from './migrations/0009-notifications.ts';
import * as meetingActions from './migrations/0010-meeting-actions.ts';
import * as agencyTies from './migrations/0011-agency-ties.ts';
import * as boundActorsAndRetentionRules from './migrations/0012-bound-actors-and-retention-rules.ts';
import * as signInThrottle from './migrations/0013-sign-in-throttle.ts';
import * as alertState from './migrations/0014-alert-state.ts';
import * as fullTieCheck from './migrations/0015-full-tie-check.ts';
import * as readPlansKept from './migrations/0016-read-plans-kept.ts';

const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-linkage': linkage,
  '0003-alerts': alerts,
  '0004-app-role': appRole,
  '0005-users': users,
  '0006-retention': retention,
  '0007-audit-head': auditHead,
  '0008-case-entries': caseEntries,
  '0009-notifications': notifications,
  '0010-meeting-actions': meetingActions,
  '0011-agency-ties': agencyTies,
  '0012-bound-actors-and-retention-rules': boundActorsAndRetentionRules,
  '0013-sign-in-throttle': signInThrottle,
  '0014-alert-state': alertState,
  '0015-full-tie-check': fullTieCheck,
  '0016-read-plans-kept': readPlansKept,
};

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String((error as Error)?.message ?? error)}`);
  }
}
