import { EnvironmentOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { TArea } from '../../../../shared/schemas/centres.js';
import type { TEntityProfile } from '../../../../shared/schemas/registry.js';
import { formatNumber, pickName } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { Panel } from '../../../ui/Panel.js';
import { useAreaMapQuery } from '../../centres/hooks/useAreaMapQuery.js';
import { buildLocationMap } from '../utils/location-map.js';
import { registrySearchPath } from '../utils/paths.js';

type Entity = TEntityProfile['entity'];

/** District outlines with a marker at the actor's coordinates. */
const LocatorMap = ({ centreId, point, areaId, label }: { centreId: string; point: [number, number]; areaId: string | null; label: string }) => {
  const map = useAreaMapQuery(centreId);
  if (!map.data || map.data.features.length === 0) return null;
  const drawn = buildLocationMap(map.data.features, point, { width: 320, highlightAreaId: areaId });
  return (
    <svg
      className="kc-locator"
      viewBox={`0 0 ${drawn.width} ${drawn.height}`}
      role="img"
      aria-label={label}
      data-testid="profile-location-map"
      preserveAspectRatio="xMidYMid meet"
    >
      {drawn.areas.map((a) => (
        <path key={a.areaId} d={a.d} className={a.highlighted ? 'kc-locator-area is-highlighted' : 'kc-locator-area'} />
      ))}
      <circle cx={drawn.marker.x} cy={drawn.marker.y} r={9} className="kc-locator-halo" />
      <circle cx={drawn.marker.x} cy={drawn.marker.y} r={4.5} className="kc-locator-marker" />
    </svg>
  );
};

/** Where the actor is: a small map when its coordinates are known, else the area it is placed in. */
export const LocationPanel = ({ centreId, entity, area }: { centreId: string; entity: Entity; area: TArea | undefined }) => {
  const { t, locale } = useI18n();
  const point: [number, number] | null = entity.lon !== null && entity.lat !== null ? [entity.lon, entity.lat] : null;
  const areaName = area ? pickName(area, locale) : null;
  return (
    <Panel title={t('profile.location')} data-testid="profile-location">
      {point && (
        <LocatorMap
          centreId={centreId}
          point={point}
          areaId={entity.areaId}
          label={t('profile.locationAria', { name: pickName(entity, locale), area: areaName ?? t('registry.noArea') })}
        />
      )}
      <dl className="kc-citation kc-location-facts">
        <dt>{t('profile.area')}</dt>
        <dd>{area ? <Link to={registrySearchPath({ areaId: area.id })}>{areaName}</Link> : <span className="kc-muted">{t('registry.noArea')}</span>}</dd>
        {entity.address && (
          <>
            <dt>{t('profile.address')}</dt>
            <dd>{entity.address}</dd>
          </>
        )}
        {point && (
          <>
            <dt>{t('profile.coordinates')}</dt>
            <dd>
              <EnvironmentOutlined aria-hidden /> {formatNumber(point[1], locale, 5)}, {formatNumber(point[0], locale, 5)}
            </dd>
          </>
        )}
        {entity.areaBasis && (
          <>
            <dt>{t('profile.areaBasis')}</dt>
            <dd className="kc-muted" lang="en">
              {entity.areaBasis}
            </dd>
          </>
        )}
      </dl>
    </Panel>
  );
};
