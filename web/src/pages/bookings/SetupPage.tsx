import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useMe } from '../../app/session';
import { FormAlert } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { useCentre } from './CentrePage';
import { InspectionVisitCard } from './InspectionVisitCard';
import { centerName } from './lib';
import './bookings.i18n';
import './manage.i18n';
import './bookings.css';
import { Amenities, Hours } from './SetupAmenitiesHours';
import { Closures } from './SetupClosures';
import { CentreContactSection } from './SetupContact';
import { Inspections } from './SetupInspections';
import { Prices, Rules } from './SetupPricesRules';
import { Spaces } from './SetupSpaces';
import { StatusSection } from './SetupStatus';

export { RegisterCentrePage } from './RegisterCentrePage';

export function SetupPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const centre = useCentre(id);
  if (centre.isPending) return <Loading />;
  if (centre.isError) return <FormAlert error={centre.error} />;
  const c = centre.data;
  // Each section keeps its own form state; remount them when the centre changes on the server.
  const k = `${c.id}-${c.status}`;
  return (
    <Page title={t('bk.setup.title', { name: centerName(c) })}>
      <div className="cards setup-cards">
        <StatusSection key={`st-${k}`} c={c} />
        <CentreContactSection key={`ph-${k}`} c={c} />
        <InspectionVisitCard c={c} admin={me.data?.role === 'program_admin'} />
        <Inspections c={c} admin={me.data?.role === 'program_admin'} owner={me.data?.role === 'owner'} />
        <Amenities c={c} />
        <Hours c={c} />
        <Prices c={c} />
        <Rules c={c} />
        <Closures c={c} />
        <Spaces c={c} />
      </div>
    </Page>
  );
}
