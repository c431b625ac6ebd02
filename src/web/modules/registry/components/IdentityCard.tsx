import { Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { TArea } from '../../../../shared/schemas/centres.js';
import type { TEntityProfile } from '../../../../shared/schemas/registry.js';
import { useCurrentCentre } from '../../../app/centre.js';
import { formatPartialDate, pickName } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { Panel } from '../../../ui/Panel.js';
import { useEntityProfileQuery } from '../hooks/useEntityProfileQuery.js';
import { entityPath, registrySearchPath } from '../utils/paths.js';
import { kindLabel } from '../utils/vocab.js';
import { KindTag } from './KindTag.js';

type Entity = TEntityProfile['entity'];

/** The parent organisation, named once its profile arrives. */
const ParentLink = ({ id }: { id: string }) => {
  const { locale } = useI18n();
  const centre = useCurrentCentre();
  const parent = useEntityProfileQuery(centre.id, id);
  return <Link to={entityPath(id)}>{parent.data ? pickName(parent.data.entity, locale) : id}</Link>;
};

const Mono = ({ children }: { children: string }) => (
  <Typography.Text className="kc-mono" copyable={{ text: children }}>
    {children}
  </Typography.Text>
);

/** Who the actor is: names, kind, identifiers (ROR and ORCID linked), founding, sectors, tags, address, area. */
export const IdentityCard = ({ entity, area }: { entity: Entity; area: TArea | undefined }) => {
  const { t, locale } = useI18n();
  const items: Array<{ key: string; label: string; children: ReactNode }> = [];
  const add = (key: string, label: string, children: ReactNode) => items.push({ key, label, children });

  add('nameZh', t('profile.nameZh'), entity.nameZh ?? <span className="kc-muted">{t('profile.notGiven')}</span>);
  add('nameEn', t('profile.nameEn'), <span lang="en">{entity.nameEn}</span>);
  if (entity.aliases.length > 0)
    add(
      'aliases',
      t('profile.aliases'),
      entity.aliases.map((a) => (
        <Tag key={a} variant="outlined">
          {a}
        </Tag>
      )),
    );
  add(
    'kind',
    t('profile.kind'),
    <>
      <KindTag kind={entity.kind} category={entity.category} />
      {/* The source's own English wording of the kind, when it says more than the type. */}
      {entity.kindLabel && locale === 'en-US' && entity.kindLabel.toLowerCase() !== (kindLabel(entity.kind, t) ?? '').toLowerCase() && (
        <Typography.Text type="secondary">{entity.kindLabel}</Typography.Text>
      )}
      {entity.isGeneric && <div className="kc-muted kc-small">{t('registry.generic')}</div>}
    </>,
  );
  if (entity.uscc) add('uscc', t('profile.uscc'), <Mono>{entity.uscc}</Mono>);
  if (entity.ror)
    add(
      'ror',
      t('profile.ror'),
      <a href={`https://ror.org/${encodeURIComponent(entity.ror)}`} target="_blank" rel="noopener noreferrer" data-testid="profile-ror">
        {entity.ror}
      </a>,
    );
  if (entity.orcid)
    add(
      'orcid',
      t('profile.orcid'),
      <a href={`https://orcid.org/${encodeURIComponent(entity.orcid)}`} target="_blank" rel="noopener noreferrer" data-testid="profile-orcid">
        {entity.orcid}
      </a>,
    );
  for (const id of entity.externalIds) add(`ext-${id.scheme}-${id.value}`, id.scheme.toUpperCase(), <Mono>{id.value}</Mono>);
  // People are not founded; organisations are.
  if (entity.category !== 'person' || entity.foundedOn)
    add('founded', t('profile.founded'), entity.foundedOn ? formatPartialDate(entity.foundedOn, locale) : <span className="kc-muted">{t('profile.notGiven')}</span>);
  if (entity.sectorCodes.length > 0)
    add(
      'sectors',
      t('profile.sectors'),
      entity.sectorCodes.map((code) => (
        <Link key={code} to={registrySearchPath({ sector: code })} className="kc-tag-link" title={t('profile.sectorSearch', { code })}>
          <Tag>{code}</Tag>
        </Link>
      )),
    );
  if (entity.industryTags.length > 0)
    add(
      'tags',
      t('profile.tags'),
      entity.industryTags.map((tag) => (
        <Tag key={tag} color="processing" variant="filled">
          {tag}
        </Tag>
      )),
    );
  if (entity.address) add('address', t('profile.address'), entity.address);
  add(
    'area',
    t('profile.area'),
    area ? <Link to={registrySearchPath({ areaId: area.id })}>{pickName(area, locale)}</Link> : <span className="kc-muted">{t('registry.noArea')}</span>,
  );
  if (entity.parentId) add('parent', t('profile.parent'), <ParentLink id={entity.parentId} />);
  if (entity.descriptionEn)
    add(
      'description',
      t('registry.description'),
      <>
        {locale === 'zh-CN' && <div className="kc-muted kc-small">{t('registry.englishOnly')}</div>}
        <span lang="en">{entity.descriptionEn}</span>
      </>,
    );
  if (entity.notes)
    add(
      'notes',
      t('registry.notes'),
      <span lang="en" className="kc-muted">
        {entity.notes}
      </span>,
    );
  // Long values take a whole row; short ones sit side by side.
  const wide = new Set(['description', 'notes', 'aliases', 'tags', 'address']);

  return (
    <Panel title={t('profile.identity')} data-testid="profile-identity">
      <dl className="kc-fields">
        {items.map((item) => (
          <div key={item.key} className={wide.has(item.key) ? 'kc-field is-wide' : 'kc-field'} data-field={item.key}>
            <dt>{item.label}</dt>
            <dd>{item.children}</dd>
          </div>
        ))}
      </dl>
    </Panel>
  );
};
