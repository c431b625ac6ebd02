import { useNavigate } from 'react-router';
import { useCurrentCentre } from '../app/centre.js';
import { useSession } from '../app/session.js';
import { pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ContractForm } from '../modules/contracts/ContractForm.js';
import { contractPath, ContractsNav } from '../modules/contracts/ContractsNav.js';
import { useSubmitContractMutation } from '../modules/contracts/hooks.js';
import '../modules/contracts/contracts.css';
import { useEntityProfileQuery } from '../modules/registry/hooks/useEntityProfileQuery.js';
import { PageHeader } from '../ui/PageHeader.js';
import { QueryState } from '../ui/QueryState.js';

/** 提交技术合同登记: a member submits for their own organisation; a registrar picks the seller (a paper submission). */
export const ContractNewPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const { user, can } = useSession();
  const navigate = useNavigate();
  const submit = useSubmitContractMutation(centre.id);
  const own = can('contracts:submit') ? (user?.organisationId ?? null) : null;
  const profile = useEntityProfileQuery(centre.id, own);
  const organisation = own && profile.data ? { id: own, name: pickName(profile.data.entity, locale) } : null;
  return (
    <div className="kc-page" data-testid="contract-new-page">
      <ContractsNav />
      <PageHeader title={t('contracts.form.title')} intro={t('contracts.form.intro')} />
      <QueryState isLoading={!!own && profile.isLoading} error={own ? profile.error : null}>
        <ContractForm
          ownOrganisation={organisation}
          submitLabel={t('contracts.form.submit')}
          saving={submit.isPending}
          onSave={async (input) => {
            const created = await submit.mutateAsync(input);
            navigate(contractPath(created.id));
          }}
        />
      </QueryState>
    </div>
  );
};
