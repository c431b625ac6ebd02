import type { z } from 'zod';
import type {
  ZBenefitEnterprises,
  ZBenefitMatch,
  ZEnterpriseFacts,
  ZEnterpriseMatches,
  ZFactDefinition,
  ZFactQuestion,
  ZPolicy,
  ZPolicyBenefit,
  ZPolicyClause,
  ZPolicyDetail,
  ZPolicyList,
  ZPolicyVersion,
  ZPushConsent,
  ZRuleCheckResult,
  ZStackingConflict,
  ZStackingRule,
} from '../../../shared/schemas/policies.js';
import type { Wire } from '../calls/types.js';

export type Policy = Wire<z.infer<typeof ZPolicy>>;
export type PolicyList = Wire<z.infer<typeof ZPolicyList>>;
export type PolicyDetail = Wire<z.infer<typeof ZPolicyDetail>>;
export type PolicyVersion = Wire<z.infer<typeof ZPolicyVersion>>;
export type PolicyBenefitView = PolicyVersion['benefits'][number];
/** A benefit as a draft stores it (what PATCH …/versions/:v takes). */
export type PolicyBenefit = z.input<typeof ZPolicyBenefit>;
export type PolicyClause = z.infer<typeof ZPolicyClause>;
export type FactDefinition = z.infer<typeof ZFactDefinition>;
export type RuleCheckResult = z.infer<typeof ZRuleCheckResult>;
export type StackingRule = Wire<z.infer<typeof ZStackingRule>>;
export type EnterpriseMatches = Wire<z.infer<typeof ZEnterpriseMatches>>;
export type BenefitMatch = Wire<z.infer<typeof ZBenefitMatch>>;
export type FactQuestion = z.infer<typeof ZFactQuestion>;
export type StackingConflict = z.infer<typeof ZStackingConflict>;
export type EnterpriseFacts = Wire<z.infer<typeof ZEnterpriseFacts>>;
export type PushConsent = Wire<z.infer<typeof ZPushConsent>>;
export type BenefitEnterprises = Wire<z.infer<typeof ZBenefitEnterprises>>;
export type FactAnswer = { fact: string; value: number | boolean | string | string[] | null };
