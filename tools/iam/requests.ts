/**
 * The requests the decision table and the access report ask about, with the tags a tagging
 * request would carry. A tagging request is the ABAC attack: retag a secret to one's own app, or
 * retag oneself to another app.
 */
import type { AccessRequest, RequestTarget } from './context';

/** Actions on one secret. */
export const SECRET_ACTIONS = [
  'secretsmanager:GetSecretValue',
  'secretsmanager:PutSecretValue',
  'secretsmanager:DeleteSecret',
  'secretsmanager:TagResource',
  'secretsmanager:UntagResource',
] as const;

/** Actions with no resource-level permissions: authorized on `*`. */
export const WILDCARD_ACTIONS = [
  'secretsmanager:BatchGetSecretValue',
  'secretsmanager:ListSecrets',
] as const;

/** Actions of a role on its own tags. */
export const OWN_ROLE_ACTIONS = ['iam:TagRole', 'iam:UntagRole'] as const;

/** The tag a TagResource request sets on a secret: the walkthrough's app. */
export const SECRET_RETAG = { app: 'app1' } as const;
/** The tag a TagRole request sets on the caller's own role: another app. */
export const ROLE_RETAG = { app: 'app2' } as const;

/** The request for `action` on `target`, with the tags a tagging action carries. */
export function requestFor(action: string, target?: RequestTarget): AccessRequest {
  switch (action) {
    case 'secretsmanager:TagResource':
      return { action, target, requestTags: SECRET_RETAG, tagKeys: Object.keys(SECRET_RETAG) };
    case 'iam:TagRole':
      return { action, target, requestTags: ROLE_RETAG, tagKeys: Object.keys(ROLE_RETAG) };
    case 'secretsmanager:UntagResource':
    case 'iam:UntagRole':
      return { action, target, tagKeys: ['app'] };
    default:
      return { action, target };
  }
}
