/** The context keys a policy document reads: condition keys and `${...}` policy variables. */

function statementsOf(document: unknown): Record<string, unknown>[] {
  const statement = (document as { Statement?: unknown } | undefined)?.Statement;
  const list: unknown[] = Array.isArray(statement) ? statement : statement ? [statement] : [];
  return list.filter(
    (item): item is Record<string, unknown> => typeof item === 'object' && item !== null,
  );
}

function variablesIn(value: unknown, found: Set<string>): void {
  if (typeof value === 'string') {
    // `${*}`, `${?}` and `${$}` are escaped characters, not variables; a default follows a comma.
    for (const match of value.matchAll(/\$\{([^}*?$][^},]*)(?:,[^}]*)?\}/g)) {
      if (match[1]) found.add(match[1].trim());
    }
  } else if (Array.isArray(value)) {
    for (const item of value) variablesIn(item, found);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) variablesIn(item, found);
  }
}

/**
 * Every context key the document's statements read, in the case written.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */
export function contextKeysOf(document: unknown): string[] {
  const found = new Set<string>();
  for (const statement of statementsOf(document)) {
    const condition = statement.Condition;
    if (typeof condition === 'object' && condition !== null) {
      for (const block of Object.values(condition) as unknown[]) {
        if (typeof block === 'object' && block !== null) {
          for (const key of Object.keys(block)) found.add(key);
        }
        variablesIn(block, found);
      }
    }
    variablesIn(statement.Resource, found);
    variablesIn(statement.NotResource, found);
  }
  return [...found];
}
