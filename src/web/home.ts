// GET / "My work": the alerts routed to the signed-in user, the statutory deadlines coming up or missed for
// their children, and the children allocated to them. Every read is the repository's (need-to-know, audited).
import type { FastifyInstance } from 'fastify';
import { requireUserPage } from './http-auth.ts';
import type { Repository } from '../app/repository.ts';
import { DUE_WITHIN_WORKING_DAYS, MISSED_WITHIN_MONTHS } from '../workflow/my-work.ts';
import { pageUser, sendPage } from './render.ts';
import { formatDate, formatDateTime, SEVERITY_TAG } from './work-common.ts';

const SEVERITY_ORDER = { critical: 0, high: 1, medium: 2, low: 3 } as const;
const ROLE: Record<string, string> = { 'allocated-worker': 'Allocated worker', 'core-group': 'Core group member', 'lead-professional': 'Lead professional', 'team-manager': 'Team manager' };

export async function homeRoutes(app: FastifyInstance, repo: Repository): Promise<void> {
  app.get('/', async (request, reply) => {
    const s = await requireUserPage(repo, request, reply);
    if (!s) return reply;
    const { alerts, total } = await repo.alerts(s.actor, { status: 'open', limit: 50, offset: 0 });
    const deadlines = await repo.deadlinesDue(s.actor);
    const cases = await repo.myCases(s.actor);
    const names = new Map((await repo.personCards(s.actor, alerts.map((a) => a.personId))).map((c) => [c.id, c.name]));
    const sorted = [...alerts].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.lastFiredOn < b.lastFiredOn ? 1 : a.lastFiredOn > b.lastFiredOn ? -1 : b.id - a.id));
    return sendPage(request, reply, 'home.njk', {
      title: 'My work', nav: 'home', user: pageUser(s),
      alertsTotal: total,
      alerts: sorted.map((a) => ({
        id: a.id, personId: a.personId, childName: names.get(a.personId) ?? null, severity: a.severity, severityClass: SEVERITY_TAG[a.severity] ?? '',
        rule: a.rule.replace(/-/g, ' '), explanation: a.explanation, since: formatDate(a.firstFiredOn), lastFired: formatDate(a.lastFiredOn), escalated: a.escalatedAt !== null,
      })),
      deadlines: deadlines.map((d) => ({
        personId: d.personId, childName: d.childName, what: d.what, due: formatDate(d.due), allocated: d.allocated,
        status: d.status === 'missed' ? { text: 'Missed', classes: 'govuk-tag--red' } : d.near ? { text: 'Due soon', classes: 'govuk-tag--yellow' } : { text: 'Running', classes: 'govuk-tag--blue' },
      })),
      withinDays: DUE_WITHIN_WORKING_DAYS, missedMonths: MISSED_WITHIN_MONTHS,
      cases: cases.map((c) => ({ ...c, role: ROLE[c.role] ?? c.role, dob: formatDate(c.dob), since: formatDateTime(c.since) })),
    });
  });
}
