/** Loading a cloud assembly and asking the IAM engine about it; shared by tools and tests. */
export { AssemblyError, readAssembly, type CfnTemplate, type StackTemplate } from './assembly';
export { requestContext, type AccessRequest, type RequestTarget } from './context';
export { DEFAULT_ENVIRONMENT, OUTSIDE_ACCOUNT, type SimulatedEnvironment } from './environment';
export {
  ContextGapError,
  evaluate,
  SimulationInputError,
  type DecidingStatement,
  type Decision,
  type Verdict,
} from './evaluate';
export {
  buildAccessModel,
  type AccessModel,
  type NamedPolicy,
  type RoleModel,
  type SecretModel,
} from './model';
export { UnresolvableError } from './physical-ids';
export {
  functionRole,
  hypotheticalRole,
  inAnotherAccount,
  principalOfRole,
  sessionArn,
  variantOf,
  type Principal,
} from './principals';
export { synthTemplates, type SynthOptions } from './synth';
export { reportPrincipals } from './report-principals';
export {
  OWN_ROLE_ACTIONS,
  requestFor,
  ROLE_RETAG,
  SECRET_ACTIONS,
  SECRET_RETAG,
  WILDCARD_ACTIONS,
} from './requests';
