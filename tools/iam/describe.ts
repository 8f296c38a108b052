/** Words for decisions, shared by the walkthrough, its printer and the access report. */
import type { Decision } from './evaluate';

/** `LambdaABACPolicy › GetSecretsWithMatchingAppTag`, or why nothing decided. */
export function decidedByText(
  decision: Pick<Decision, 'verdict' | 'decidedBy' | 'implicitDenial'>,
): string {
  if (decision.decidedBy.length === 0) {
    return decision.implicitDenial ?? 'no deciding statement reported';
  }
  return decision.decidedBy.map(({ policy, statement }) => `${policy} › ${statement}`).join('; ');
}

/** `Allowed`, or `Denied` with the kind of denial. */
export function verdictText(decision: Pick<Decision, 'verdict'>): string {
  switch (decision.verdict) {
    case 'Allowed':
      return 'Allowed';
    case 'ExplicitlyDenied':
      return 'Denied (explicit)';
    case 'ImplicitlyDenied':
      return 'Denied (implicit)';
  }
}

/** `app=app1, environment=production` */
export function tagsText(tags: Readonly<Record<string, string>>): string {
  const entries = Object.entries(tags);
  return entries.length === 0 ? '(no tags)' : entries.map(([k, v]) => `${k}=${v}`).join(', ');
}
