import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZCentreParams, ZErrorBodySchema, ZId } from '../../../shared/schemas/common.js';
import {
  ZBenefitCode,
  ZBenefitEnterprises,
  ZBenefitEnterprisesQuery,
  ZEnterpriseFacts,
  ZEnterpriseMatches,
  ZFactAnswersInput,
  ZFactCatalogue,
  ZIsoDate,
  ZMatchQuery,
  ZNewPolicyVersionInput,
  ZPolicyCode,
  ZPolicyDetail,
  ZPolicyInput,
  ZPolicyList,
  ZPolicyListQuery,
  ZPolicyPatch,
  ZPolicyVersion,
  ZPolicyVersionPatch,
  ZPublishInput,
  ZPushConsent,
  ZPushConsentInput,
  ZRuleCheckInput,
  ZRuleCheckResult,
  ZStackingRule,
  ZStackingRuleInput,
} from '../../../shared/schemas/policies.js';
import { serviceContext } from '../../context.js';
import { answerFacts, getEnterpriseFacts, listBenefitEnterprises, matchEnterprise, recordPushConsent } from './matching.service.js';
import { catalogue, renderText, ruleFacts, ruleProblems, toFactDefinition } from './policy-engine.js';
import { centreDay } from '../centres/centre-calendar.js';
import { createDraftVersion, createPolicy, getPolicy, getPolicyVersion, getVersionInForce, listPolicies, publishVersion, updateDraftVersion, updatePolicy } from './policies.service.js';
import { createStackingRule, deleteStackingRule, listStackingRules } from './stacking.service.js';

/**
 * The policy library and matching (issue 6). Reading the library is open
 * (drafts only for policies:write); authoring needs policies:write; an
 * enterprise's facts and matches are for its own members (services:request)
 * and the centre's officers, checked per enterprise in the service.
 */
export const policiesRoutes = async (instance: FastifyInstance): Promise<void> => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const open = { access: 'public' as const };
  const write = { access: { permission: 'policies:write' as const } };
  // An enterprise's own members and its officers act for it; the centre's staff may also read. The service checks which enterprise.
  const enterpriseSide = { access: { anyOf: ['services:manage', 'services:request'] as const } };
  const enterpriseReaders = { access: { anyOf: ['services:manage', 'services:request', 'centre:read'] as const } };
  const officers = { access: { permission: 'services:manage' as const } };
  const tags = ['policies'];
  const errors = { 400: ZErrorBodySchema, 403: ZErrorBodySchema, 404: ZErrorBodySchema, 409: ZErrorBodySchema };
  const base = '/api/centres/:centreId';
  const ZPolicyParams = ZCentreParams.extend({ code: ZPolicyCode });
  const ZVersionParams = ZPolicyParams.extend({ version: z.coerce.number().int().min(1).max(100_000) });
  const ZEnterpriseParams = ZCentreParams.extend({ enterpriseId: ZId });

  // --- the library -------------------------------------------------------------------

  app.get(
    `${base}/policies`,
    { config: open, schema: { tags, summary: 'Policy documents: level, issuer, the version in force, text search; published versions only unless policies:write', params: ZCentreParams, querystring: ZPolicyListQuery, response: { 200: ZPolicyList, ...errors } } },
    async (request) => listPolicies(serviceContext(request), request.params.centreId, request.query),
  );

  app.post(
    `${base}/policies`,
    { config: write, schema: { tags, summary: 'Add a policy document with an empty first draft', params: ZCentreParams, body: ZPolicyInput, response: { 201: ZPolicyDetail, ...errors } } },
    async (request, reply) => {
      const created = await createPolicy(serviceContext(request), request.params.centreId, request.body);
      void reply.code(201);
      return created;
    },
  );

  app.get(
    `${base}/policies/:code`,
    { config: open, schema: { tags, summary: 'One policy with its versions (clauses, benefits and rules), the sources that name it', params: ZPolicyParams, querystring: z.object({ date: ZIsoDate.optional() }), response: { 200: ZPolicyDetail, ...errors } } },
    async (request) => getPolicy(serviceContext(request), request.params.centreId, request.params.code, request.query.date),
  );

  app.patch(
    `${base}/policies/:code`,
    { config: write, schema: { tags, summary: "Change a policy's metadata (its code stays)", params: ZPolicyParams, body: ZPolicyPatch, response: { 200: ZPolicyDetail, ...errors } } },
    async (request) => updatePolicy(serviceContext(request), request.params.centreId, request.params.code, request.body),
  );

  app.get(
    `${base}/policies/:code/in-force`,
    { config: open, schema: { tags, summary: 'The published version in force on a date (today by default)', params: ZPolicyParams, querystring: z.object({ date: ZIsoDate.optional() }), response: { 200: ZPolicyVersion, ...errors } } },
    async (request) => getVersionInForce(serviceContext(request), request.params.centreId, request.params.code, request.query.date),
  );

  app.post(
    `${base}/policies/:code/versions`,
    { config: write, schema: { tags, summary: 'Start a new draft: a copy of the latest version (one draft at a time)', params: ZPolicyParams, body: ZNewPolicyVersionInput, response: { 201: ZPolicyVersion, ...errors } } },
    async (request, reply) => {
      const created = await createDraftVersion(serviceContext(request), request.params.centreId, request.params.code, request.body);
      void reply.code(201);
      return created;
    },
  );

  app.get(
    `${base}/policies/:code/versions/:version`,
    { config: open, schema: { tags, summary: 'One version (a draft only for policies:write)', params: ZVersionParams, response: { 200: ZPolicyVersion, ...errors } } },
    async (request) => getPolicyVersion(serviceContext(request), request.params.centreId, request.params.code, request.params.version),
  );

  app.patch(
    `${base}/policies/:code/versions/:version`,
    {
      config: write,
      schema: { tags, summary: "Edit a draft: validity, legal text, clauses, benefits and their rules (checked by the engine; errors at e.g. benefits.2.rule.and.1)", params: ZVersionParams, body: ZPolicyVersionPatch, response: { 200: ZPolicyVersion, ...errors } },
    },
    async (request) => updateDraftVersion(serviceContext(request), request.params.centreId, request.params.code, request.params.version, request.body),
  );

  app.post(
    `${base}/policies/:code/versions/:version/publish`,
    {
      config: write,
      schema: { tags, summary: 'Publish a draft (then immutable); 409 when its validity overlaps another published version unless supersede ends an open-ended one', params: ZVersionParams, body: ZPublishInput, response: { 200: ZPolicyDetail, ...errors } },
    },
    async (request) => publishVersion(serviceContext(request), request.params.centreId, request.params.code, request.params.version, request.body),
  );

  // --- rule tools ----------------------------------------------------------------------

  app.get(
    `${base}/policy-facts`,
    { config: open, schema: { tags, summary: 'The enterprise facts rules may use: type, unit, labels and questions (zh-CN, en), where KeChuang finds each', params: ZCentreParams, response: { 200: ZFactCatalogue, ...errors } } },
    async (request) => {
      await centreDay(app.kc.database.db, request.params.centreId, app.kc.now());
      return { items: catalogue.map(toFactDefinition) };
    },
  );

  app.post(
    `${base}/policy-rules/check`,
    { config: write, schema: { tags, summary: 'Check a JSON Logic rule: problems with their paths, the facts it reads, the rule in words (zh-CN, en)', params: ZCentreParams, body: ZRuleCheckInput, response: { 200: ZRuleCheckResult, ...errors } } },
    async (request) => {
      const problems = ruleProblems(request.body.rule);
      const valid = !problems.some((p) => p.severity === 'error');
      return { valid, problems, factsUsed: valid ? ruleFacts(request.body.rule) : [], text: valid ? renderText(request.body.rule) : { zh: '', en: '' } };
    },
  );

  // --- stacking rules ----------------------------------------------------------------------

  app.get(
    `${base}/policy-stacking-rules`,
    { config: open, schema: { tags, summary: 'Benefits that cannot be combined: exclusive or no double funding, across levels', params: ZCentreParams, response: { 200: z.object({ items: z.array(ZStackingRule) }), ...errors } } },
    async (request) => ({ items: await listStackingRules(serviceContext(request), request.params.centreId) }),
  );

  app.post(
    `${base}/policy-stacking-rules`,
    { config: write, schema: { tags, summary: 'Declare two benefits (policyCode/benefitCode) exclusive or not to be funded twice', params: ZCentreParams, body: ZStackingRuleInput, response: { 201: ZStackingRule, ...errors } } },
    async (request, reply) => {
      const created = await createStackingRule(serviceContext(request), request.params.centreId, request.body);
      void reply.code(201);
      return created;
    },
  );

  app.delete(
    `${base}/policy-stacking-rules/:ruleId`,
    { config: write, schema: { tags, summary: 'Remove a stacking rule (the audit log keeps it)', params: ZCentreParams.extend({ ruleId: ZId }), response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await deleteStackingRule(serviceContext(request), request.params.centreId, request.params.ruleId);
      return reply.code(204).send(null);
    },
  );

  // --- one enterprise ------------------------------------------------------------------------

  app.get(
    `${base}/enterprises/:enterpriseId/policy-facts`,
    { config: enterpriseReaders, schema: { tags, summary: "An enterprise's facts with their origin (registry records or answers); for its own members, its officers and the centre's staff", params: ZEnterpriseParams, querystring: ZMatchQuery, response: { 200: ZEnterpriseFacts, ...errors } } },
    async (request) => getEnterpriseFacts(serviceContext(request), request.params.centreId, request.params.enterpriseId, request.query.date),
  );

  app.post(
    `${base}/enterprises/:enterpriseId/policy-facts`,
    {
      config: enterpriseSide,
      schema: { tags, summary: 'Answer questions about the enterprise (its own members, or services:manage); audited; returns the new matches', params: ZEnterpriseParams, querystring: ZMatchQuery, body: ZFactAnswersInput, response: { 200: ZEnterpriseMatches, ...errors } },
    },
    async (request) => answerFacts(serviceContext(request), request.params.centreId, request.params.enterpriseId, request.body, request.query.date),
  );

  app.get(
    `${base}/enterprises/:enterpriseId/policy-matches`,
    {
      config: enterpriseReaders,
      schema: {
        tags,
        summary: 'Every benefit in force for the enterprise: eligible and unknown ranked by value, explanations, questions to answer, advice, stacking conflicts',
        params: ZEnterpriseParams,
        querystring: ZMatchQuery,
        response: { 200: ZEnterpriseMatches, ...errors },
      },
    },
    async (request) => matchEnterprise(serviceContext(request), request.params.centreId, request.params.enterpriseId, request.query.date),
  );

  app.put(
    `${base}/enterprises/:enterpriseId/push-consent`,
    {
      config: enterpriseSide,
      schema: { tags, summary: 'Record the enterprise’s consent to proactive push (免申即享): its member, or an officer on its behalf with a note; audited', params: ZEnterpriseParams, body: ZPushConsentInput, response: { 200: ZPushConsent, ...errors } },
    },
    async (request) => recordPushConsent(serviceContext(request), request.params.centreId, request.params.enterpriseId, request.body),
  );

  // --- one benefit ------------------------------------------------------------------------------

  app.get(
    `${base}/policies/:code/benefits/:benefitCode/enterprises`,
    {
      config: officers,
      schema: {
        tags,
        summary: "The centre's enterprises a benefit in force applies to (or stays unknown for), by value, with their consent to proactive push",
        params: ZPolicyParams.extend({ benefitCode: ZBenefitCode }),
        querystring: ZBenefitEnterprisesQuery,
        response: { 200: ZBenefitEnterprises, ...errors },
      },
    },
    async (request) => listBenefitEnterprises(serviceContext(request), request.params.centreId, request.params.code, request.params.benefitCode, request.query),
  );
};
