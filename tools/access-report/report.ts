/** Builds the access report of a set of templates: shared by `main.ts` and its test. */
import {
  buildAccessModel,
  DEFAULT_ENVIRONMENT,
  reportPrincipals,
  type SimulatedEnvironment,
  type StackTemplate,
} from '../iam';
import { accessMatrix } from './matrix';
import { renderAccessReport } from './render';

/** Where the committed report lives, relative to the project root. */
export const REPORT_PATH = 'docs/access-report.md';

/**
 * The environment of the report: the default fake one, in the organization the stack is
 * configured for when `abac:organizationId` is set (the account it deploys to is assumed to be in it).
 */
export function reportEnvironment(
  context: Readonly<Record<string, unknown>>,
): SimulatedEnvironment {
  const organizationId = context['abac:organizationId'];
  return typeof organizationId === 'string'
    ? { ...DEFAULT_ENVIRONMENT, organizationId }
    : DEFAULT_ENVIRONMENT;
}

export async function accessReport(
  stacks: readonly StackTemplate[],
  environment: SimulatedEnvironment,
): Promise<string> {
  const model = buildAccessModel(stacks, environment);
  return renderAccessReport(await accessMatrix(model, reportPrincipals(model)), environment);
}
