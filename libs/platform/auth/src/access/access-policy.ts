import { NotFoundException } from '@nestjs/common';
import { accessDeniedException } from '../auth-errors';
import { Principal } from '../principal';

/**
 * Allow; Forbid (403: the principal may know the resource exists but not do this to it);
 * Conceal (404: the principal must not learn the resource exists).
 */
export enum AccessDecision {
  Allow = 'allow',
  Forbid = 'forbid',
  Conceal = 'conceal',
}

/** Object-level rule a use case applies to a loaded resource. Pure: no I/O, no Nest. */
export interface AccessPolicy<TResource, TAction extends string = string> {
  decide(principal: Principal, action: TAction, resource: TResource): AccessDecision;
}

export interface AssertAccessOptions {
  /**
   * Builds the 404. Pass the service's own not-found error so a concealed resource and a missing
   * one produce identical responses; the default is a plain NotFoundException.
   */
  notFound?: () => Error;
}

/**
 * Call after loading the resource, before acting on it. A missing (`null`/`undefined`) resource and
 * a concealed one throw the same 404, so existence never leaks; a forbidden one throws 403.
 */
export function assertAccess<TResource, TAction extends string>(
  principal: Principal,
  action: TAction,
  resource: TResource | null | undefined,
  policy: AccessPolicy<TResource, TAction>,
  options: AssertAccessOptions = {},
): asserts resource is TResource {
  const notFound = options.notFound ?? (() => new NotFoundException());
  if (resource === null || resource === undefined) throw notFound();
  switch (policy.decide(principal, action, resource)) {
    case AccessDecision.Allow:
      return;
    case AccessDecision.Forbid:
      throw accessDeniedException();
    case AccessDecision.Conceal:
      throw notFound();
  }
}

/** For filtering lists: true only when the policy allows. */
export function can<TResource, TAction extends string>(
  principal: Principal,
  action: TAction,
  resource: TResource,
  policy: AccessPolicy<TResource, TAction>,
): boolean {
  return policy.decide(principal, action, resource) === AccessDecision.Allow;
}

/**
 * Allows if any policy allows. Otherwise Forbid wins over Conceal: if one rule says the principal
 * legitimately knows the resource (staff of another department), hiding it would mislead.
 */
export function anyOf<TResource, TAction extends string = string>(
  ...policies: readonly AccessPolicy<TResource, TAction>[]
): AccessPolicy<TResource, TAction> {
  return {
    decide(principal, action, resource) {
      const decisions = policies.map((policy) => policy.decide(principal, action, resource));
      if (decisions.includes(AccessDecision.Allow)) return AccessDecision.Allow;
      if (decisions.includes(AccessDecision.Forbid)) return AccessDecision.Forbid;
      return AccessDecision.Conceal;
    },
  };
}
